package dev.lmqharness.broker.routing;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Subscriptions by topic level. Concurrent maps at every node, so publishers match while other
 * clients subscribe, with no global lock. Knows nothing of sessions or Netty.
 */
public final class SubscriptionTree {

    private static final class Node {
        final Map<String, Node> children = new ConcurrentHashMap<>();
        final Map<String, Integer> subscribers = new ConcurrentHashMap<>();
    }

    private final Node root = new Node();

    public void subscribe(String filter, String clientId, int qos) {
        Node n = root;
        for (String level : filter.split("/", -1)) {
            n = n.children.computeIfAbsent(level, k -> new Node());
        }
        n.subscribers.put(clientId, qos);
    }

    public void unsubscribe(String filter, String clientId) {
        Node n = root;
        for (String level : filter.split("/", -1)) {
            n = n.children.get(level);
            if (n == null) {
                return;
            }
        }
        n.subscribers.remove(clientId);
    }

    /**
     * Every client with a matching subscription, mapped to the highest QoS among its matching
     * subscriptions, so overlapping subscriptions deliver once (MQTT-3.3.5-1).
     */
    public Map<String, Integer> match(String topic) {
        Map<String, Integer> out = new HashMap<>();
        String[] levels = topic.split("/", -1);
        boolean dollar = topic.startsWith("$");
        collect(root, levels, 0, dollar, out);
        return out;
    }

    private static void collect(Node node, String[] levels, int i, boolean dollar, Map<String, Integer> out) {
        boolean wildcardsAllowed = !(dollar && i == 0); // MQTT-4.7.2-1
        if (wildcardsAllowed) {
            Node hash = node.children.get("#");
            if (hash != null) {
                addAll(hash, out); // '#' also matches the parent level itself (MQTT-4.7.1-2)
            }
        }
        if (i == levels.length) {
            addAll(node, out);
            return;
        }
        Node exact = node.children.get(levels[i]);
        if (exact != null) {
            collect(exact, levels, i + 1, dollar, out);
        }
        if (wildcardsAllowed) {
            Node plus = node.children.get("+");
            if (plus != null) {
                collect(plus, levels, i + 1, dollar, out);
            }
        }
    }

    private static void addAll(Node node, Map<String, Integer> out) {
        node.subscribers.forEach((client, qos) -> out.merge(client, qos, Math::max));
    }
}
