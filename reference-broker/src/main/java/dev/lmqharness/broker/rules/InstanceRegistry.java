package dev.lmqharness.broker.rules;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The resources an instance must create before clients use them: Group IDs ({@link GroupIdRules}: valid,
 * unique, created before use), parent topics ({@link TopicRules}: created before use, unique ignoring
 * case; LMQ-TOPIC-4: at most 25, configurable) and AccessKey/SecretKey pairs (used by {@code SignatureAuthenticator}, {@code TokenAuthenticator}).
 *
 * <p>Thread-safe. Reads (every CONNECT and PUBLISH asks whether a group or parent exists) are
 * lock-free on immutable snapshots; the rare admin writes are serialised and publish a new
 * snapshot, so a check-then-add (count cap, uniqueness) cannot race.
 *
 * <p>Group IDs are unique exactly as written (the documents say "unique" without "case"); parent
 * topics are unique ignoring case (the documents say so), yet a topic's first level must match the
 * created name exactly, because MQTT matching is case-sensitive.
 */
public final class InstanceRegistry implements GroupDirectory, ParentTopicDirectory {
    public static final String PARENT_TOPIC_CAP = "LMQ-TOPIC-4";


    private final String instanceId;
    private final LmqLimits limits;

    // Snapshots: replaced wholesale under the lock, read without it.
    private volatile Map<String, String> groups = Map.of();          // groupId -> groupId (insertion order)
    private volatile Map<String, String> parentsByLowerCase = Map.of(); // lower-case name -> name as created
    private volatile Map<String, String> secretByAccessKey = Map.of();

    public InstanceRegistry(String instanceId, LmqLimits limits) {
        if (instanceId == null || instanceId.isBlank() || instanceId.indexOf('|') >= 0) {
            throw new IllegalArgumentException("instance ID must be non-blank and free of '|', was '" + instanceId + "'");
        }
        this.instanceId = instanceId;
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public String instanceId() {
        return instanceId;
    }

    // ---- Group IDs (see GroupIdRules) -------------------------------------------------------

    public synchronized RegistryResult createGroup(String groupId) {
        Optional<Violation> bad = GroupIdRules.problemWith(groupId);
        if (bad.isPresent()) {
            return bad.get().toRegistryResult();
        }
        if (groups.containsKey(groupId)) {
            return RegistryResult.refuse(GroupIdRules.RULE, "Group ID '" + groupId + "' already exists");
        }
        groups = with(groups, groupId, groupId);
        return RegistryResult.success();
    }

    public synchronized RegistryResult deleteGroup(String groupId) {
        if (groupId == null || !groups.containsKey(groupId)) {
            return RegistryResult.refuse(GroupIdRules.RULE, "Group ID '" + groupId + "' does not exist");
        }
        groups = without(groups, groupId);
        return RegistryResult.success();
    }

    @Override
    public boolean groupExists(String groupId) {
        return groupId != null && groups.containsKey(groupId);
    }

    /** In creation order. */
    public List<String> listGroups() {
        return List.copyOf(groups.keySet());
    }

    // ---- parent topics (LMQ-TOPIC-4 here; names per TopicRules) ----------------------------

    public synchronized RegistryResult createParentTopic(String name) {
        Optional<Violation> bad = parentNameProblem(name);
        if (bad.isPresent()) {
            return bad.get().toRegistryResult();
        }
        String key = key(name);
        String existing = parentsByLowerCase.get(key);
        if (existing != null) {
            return RegistryResult.refuse(TopicRules.PARENT, "parent topic '" + name
                    + "' clashes with existing '" + existing + "' (names are case-insensitive)");
        }
        if (parentsByLowerCase.size() >= limits.maxParentTopics()) {
            return RegistryResult.refuse(PARENT_TOPIC_CAP, "instance already holds "
                    + parentsByLowerCase.size() + " parent topics; at most " + limits.maxParentTopics());
        }
        parentsByLowerCase = with(parentsByLowerCase, key, name);
        return RegistryResult.success();
    }

    /** Deletes the parent topic whatever the case of {@code name} (identity is case-insensitive). */
    public synchronized RegistryResult deleteParentTopic(String name) {
        if (name == null || !parentsByLowerCase.containsKey(key(name))) {
            return RegistryResult.refuse(TopicRules.PARENT, "parent topic '" + name + "' does not exist");
        }
        parentsByLowerCase = without(parentsByLowerCase, key(name));
        return RegistryResult.success();
    }

    @Override
    public boolean parentTopicExists(String parentTopic) {
        return parentTopic != null && parentTopic.equals(parentsByLowerCase.get(key(parentTopic)));
    }

    /** The parent topic as created, looked up ignoring case. */
    public Optional<String> findParentTopic(String anyCase) {
        return anyCase == null ? Optional.empty() : Optional.ofNullable(parentsByLowerCase.get(key(anyCase)));
    }

    /** Names as created, in creation order. */
    public List<String> listParentTopics() {
        return List.copyOf(parentsByLowerCase.values());
    }

    private Optional<Violation> parentNameProblem(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of(new Violation(TopicRules.LEVELS, "parent topic name is empty"));
        }
        Optional<Integer> bad = NameChars.firstBadChar(name);
        if (bad.isPresent()) {
            return Optional.of(new Violation(TopicRules.LEVELS, "parent topic name contains "
                    + NameChars.describe(name, bad.get()) + "; allowed are 0-9 a-z A-Z - _"));
        }
        int length = name.length();
        if (length < limits.topicMinLength() || length > limits.topicMaxLength()) {
            return Optional.of(new Violation(TopicRules.LENGTH, "parent topic name '" + name + "' has " + length
                    + " characters; allowed " + limits.topicMinLength() + "-" + limits.topicMaxLength()));
        }
        return Optional.empty();
    }

    // ---- access keys (used by SignatureAuthenticator and TokenAuthenticator) ---------------

    public synchronized RegistryResult addAccessKey(String accessKey, String secretKey) {
        if (accessKey == null || accessKey.isBlank() || accessKey.indexOf('|') >= 0) {
            return RegistryResult.refuse(null, "AccessKey must be non-blank and free of '|'");
        }
        if (secretKey == null || secretKey.isEmpty()) {
            return RegistryResult.refuse(null, "SecretKey must not be empty");
        }
        if (secretByAccessKey.containsKey(accessKey)) {
            return RegistryResult.refuse(null, "AccessKey '" + accessKey + "' already exists");
        }
        secretByAccessKey = with(secretByAccessKey, accessKey, secretKey);
        return RegistryResult.success();
    }

    public synchronized RegistryResult removeAccessKey(String accessKey) {
        if (accessKey == null || !secretByAccessKey.containsKey(accessKey)) {
            return RegistryResult.refuse(null, "AccessKey '" + accessKey + "' does not exist");
        }
        secretByAccessKey = without(secretByAccessKey, accessKey);
        return RegistryResult.success();
    }

    public Optional<String> secretKeyOf(String accessKey) {
        return accessKey == null ? Optional.empty() : Optional.ofNullable(secretByAccessKey.get(accessKey));
    }

    public boolean accessKeyExists(String accessKey) {
        return accessKey != null && secretByAccessKey.containsKey(accessKey);
    }

    /** Access key IDs only; secrets are never listed. */
    public List<String> listAccessKeys() {
        return List.copyOf(secretByAccessKey.keySet());
    }

    // ---- snapshots ------------------------------------------------------------------------

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static Map<String, String> with(Map<String, String> base, String k, String v) {
        LinkedHashMap<String, String> copy = new LinkedHashMap<>(base);
        copy.put(k, v);
        return Collections.unmodifiableMap(copy);
    }

    private static Map<String, String> without(Map<String, String> base, String k) {
        LinkedHashMap<String, String> copy = new LinkedHashMap<>(base);
        copy.remove(k);
        return Collections.unmodifiableMap(copy);
    }
}
