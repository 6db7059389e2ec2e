package dev.lmqharness.broker.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code lmq:} the instance of the LMQ and Lite profiles; see {@link LmqConfig}. A list given here
 * ({@code groups}, {@code parent-topics}, {@code access-keys}) replaces the one below it.
 * The names themselves are checked by {@link BrokerConfigValidator} with the broker's own rules.
 *
 * <p>{@code access-keys} is either a map {@code {AccessKey: SecretKey}} or a list of
 * {@code {access-key: .., secret-key: ..}}; a secret key may be written {@code ${ENV_VAR}}.
 */
final class LmqSection {

    public String instanceId;
    public List<String> groups;
    public List<String> parentTopics;
    public JsonNode accessKeys;
    public Boolean allowAnonymous;
    public String statusTopic;
    /** Who may read the status events besides tokens with R on the status topic ({@code StatusReaders}). */
    public List<String> statusReaderGroups;
    public List<String> statusReaderAccessKeys;
    public Integer traceCapacity;
    public LmqLimitsSection limits;
    /** Fault injection (testing the suite only): rule IDs the broker deliberately breaks. */
    public List<String> breakRules;

    LmqConfig applyTo(LmqConfig base, String key) {
        LmqConfig c = base;
        if (instanceId != null) {
            c = c.withInstanceId(instanceId.trim());
        }
        if (groups != null) {
            c = c.withGroups(noNulls(key + ".groups", groups));
        }
        if (parentTopics != null) {
            c = c.withParentTopics(noNulls(key + ".parent-topics", parentTopics));
        }
        if (accessKeys != null) {
            c = c.withAccessKeys(accessKeys(key + ".access-keys", accessKeys));
        }
        if (allowAnonymous != null) {
            c = c.withAnonymousAllowed(allowAnonymous);
        }
        if (statusTopic != null) {
            c = c.withStatusTopic(statusTopic.trim());
        }
        if (statusReaderGroups != null) {
            c = c.withStatusReaderGroups(noNulls(key + ".status-reader-groups", statusReaderGroups));
        }
        if (statusReaderAccessKeys != null) {
            c = c.withStatusReaderAccessKeys(noNulls(key + ".status-reader-access-keys", statusReaderAccessKeys));
        }
        if (traceCapacity != null) {
            c = c.withTraceCapacity(traceCapacity);
        }
        if (limits != null) {
            c = c.withLimits(limits.applyTo(c.limits(), key + ".limits"));
        }
        if (breakRules != null) {
            c = c.withBrokenRules(new java.util.LinkedHashSet<>(noNulls(key + ".break-rules", breakRules)));
        }
        return c;
    }

    private static List<String> noNulls(String key, List<String> values) {
        List<String> out = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            if (v == null || v.isBlank()) {
                throw new ConfigException(key + "[" + i + "]", "must not be empty");
            }
            out.add(v.trim());
        }
        return out;
    }

    private static Map<String, String> accessKeys(String key, JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node.isNull()) {
            return out;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.put(e.getKey(), secret(key + "." + e.getKey(), e.getValue()));
            }
            return out;
        }
        if (!node.isArray()) {
            throw new ConfigException(key, "expected a map of AccessKey: SecretKey, or a list of {access-key, secret-key}");
        }
        for (int i = 0; i < node.size(); i++) {
            String at = key + "[" + i + "]";
            JsonNode entry = node.get(i);
            if (!entry.isObject()) {
                throw new ConfigException(at, "expected {access-key: .., secret-key: ..}");
            }
            for (Iterator<String> names = entry.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!name.equals("access-key") && !name.equals("secret-key")) {
                    throw new ConfigException(at + "." + name, "unknown key (known: access-key, secret-key)");
                }
            }
            String ak = scalar(at + ".access-key", entry.get("access-key"));
            String sk = secret(at + ".secret-key", entry.get("secret-key"));
            if (out.putIfAbsent(ak, sk) != null) {
                throw new ConfigException(at + ".access-key", "'" + ak + "' is listed twice");
            }
        }
        return out;
    }

    private static String secret(String key, JsonNode value) {
        return TlsSection.expandEnv(key, scalar(key, value));
    }

    private static String scalar(String key, JsonNode value) {
        if (value == null || value.isNull()) {
            throw new ConfigException(key, "is required");
        }
        if (!value.isTextual() && !value.isNumber()) {
            throw new ConfigException(key, "expected a single value");
        }
        return value.asText();
    }
}
