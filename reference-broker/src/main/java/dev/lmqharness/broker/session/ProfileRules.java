package dev.lmqharness.broker.session;

import dev.lmqharness.broker.auth.AuthMode;
import dev.lmqharness.broker.auth.AuthResult;
import dev.lmqharness.broker.auth.Authenticator;
import dev.lmqharness.broker.auth.Permissions;
import dev.lmqharness.broker.auth.SignatureAuthenticator;
import dev.lmqharness.broker.auth.TokenAuthenticator;
import dev.lmqharness.broker.auth.TokenService;
import dev.lmqharness.broker.clock.BrokerClock;
import dev.lmqharness.broker.config.LmqConfig;
import dev.lmqharness.broker.events.EventType;
import dev.lmqharness.broker.rules.ClientIdRules;
import dev.lmqharness.broker.rules.EditionPolicy;
import dev.lmqharness.broker.rules.InstanceRegistry;
import dev.lmqharness.broker.rules.OfflinePolicy;
import dev.lmqharness.broker.rules.P2pAddress;
import dev.lmqharness.broker.rules.PayloadLimit;
import dev.lmqharness.broker.rules.Profile;
import dev.lmqharness.broker.rules.PublishChecks;
import dev.lmqharness.broker.rules.PublishVerdict;
import dev.lmqharness.broker.rules.QosSessionPolicy;
import dev.lmqharness.broker.rules.RegistryResult;
import dev.lmqharness.broker.rules.SessionStart;
import dev.lmqharness.broker.rules.StatusReaders;
import dev.lmqharness.broker.rules.SubscribeChecks;
import dev.lmqharness.broker.rules.SubscribeOutcome;
import dev.lmqharness.broker.rules.SubscriptionQuota;
import dev.lmqharness.broker.rules.TopicRules;
import dev.lmqharness.broker.rules.Verdict;
import dev.lmqharness.broker.rules.WildcardQuota;

import java.util.List;
import java.util.Optional;

/**
 * The rulebook of the broker's profile, in the shape the session layer asks for it: one place
 * decides which rule objects apply (plain MQTT 3.1.1, LMQ or Lite) so the flows stay free of
 * profile switches. Thread-safe: the rule objects are.
 */
public final class ProfileRules {

    private final Profile profile;
    private final LmqConfig lmq;
    private final boolean lmqRules;
    private final InstanceRegistry registry;
    private final TokenService tokens;
    private final ClientIdRules clientIds;
    private final Authenticator authenticator;
    private final QosSessionPolicy qos;
    private final OfflinePolicy offline;
    private final SubscribeChecks subscribeChecks;
    private final PublishChecks publishChecks;
    private final PayloadLimit payloadLimit;
    private final StatusReaders statusReaders;
    /** Fault injection: rules deliberately broken (see {@link LmqConfig#brokenRules()}). */
    private final java.util.Set<String> broken;

    public ProfileRules(Profile profile, LmqConfig lmq, BrokerClock clock) {
        this.profile = profile;
        this.lmq = lmq;
        this.broken = lmq.brokenRules();
        EditionPolicy edition = new EditionPolicy(profile);
        this.lmqRules = edition.lmqRulesApply();
        this.registry = new InstanceRegistry(lmq.instanceId(), lmq.limits());
        lmq.groups().forEach(g -> requireOk(registry.createGroup(g), "lmq.groups", g));
        lmq.parentTopics().forEach(t -> requireOk(registry.createParentTopic(t), "lmq.parent-topics", t));
        lmq.accessKeys().forEach((ak, sk) -> requireOk(registry.addAccessKey(ak, sk).orRule(SignatureAuthenticator.RULE), "lmq.access-keys", ak));
        this.tokens = new TokenService(lmq.instanceId(), lmq.limits(), clock);
        this.clientIds = new ClientIdRules(lmq.limits());
        this.authenticator = new Authenticator(new SignatureAuthenticator(lmq.instanceId(), registry::secretKeyOf),
                new TokenAuthenticator(lmq.instanceId(), registry::secretKeyOf, tokens, clock), lmq.anonymousAllowed());
        this.qos = new QosSessionPolicy(profile);
        this.offline = new OfflinePolicy(lmq.limits(), clock, qos);
        TopicRules topics = lmqRules ? new TopicRules(lmq.limits(), registry) : null;
        this.payloadLimit = lmqRules ? new PayloadLimit(lmq.limits()) : null;
        this.subscribeChecks = new SubscribeChecks(topics, edition, qos,
                lmqRules ? new WildcardQuota(lmq.limits().maxWildcardSubscriptionsPerParent()) : null);
        this.publishChecks = new PublishChecks(topics, payloadLimit);
        this.statusReaders = new StatusReaders(lmq.statusReaderGroups(), lmq.statusReaderAccessKeys());
    }

    /** MQTT 3.1.1 §4.7.2: {@code $SYS} topics are the server's; a client's PUBLISH there is not delivered. */
    static final String SYS_READ_ONLY = "MQTT-4.7.2";

    private static void requireOk(RegistryResult result, String key, String value) {
        if (!result.ok()) {
            throw new IllegalArgumentException(key + ": cannot create '" + value + "': " + result.reason()
                    + " (" + result.ruleId() + ")");
        }
    }

    public Profile profile() {
        return profile;
    }

    public InstanceRegistry registry() {
        return registry;
    }

    public TokenService tokens() {
        return tokens;
    }

    public OfflinePolicy offline() {
        return offline;
    }

    public boolean lmqRulesApply() {
        return lmqRules;
    }

    /** {@link ClientIdRules}, {@code GroupIdRules}: refused with 0x02 (the Identity decision). Plain MQTT: anything goes. */
    public Verdict checkClientId(String clientId) {
        return lmqRules ? unlessBroken(clientIds.check(clientId, registry)) : Verdict.ok();
    }

    /** True when fault injection breaks this rule. */
    public boolean isBroken(String ruleId) {
        return broken.contains(ruleId);
    }

    private Verdict unlessBroken(Verdict v) {
        return v.refused() && broken.contains(v.ruleId()) ? Verdict.ok() : v;
    }

    /** {@link SignatureAuthenticator}, {@link TokenAuthenticator}; plain MQTT accepts every CONNECT with every right. */
    public AuthResult authenticate(String clientId, String username, byte[] password) {
        if (!lmqRules) {
            return AuthResult.accept(AuthMode.ANONYMOUS, Permissions.all(), List.of());
        }
        AuthResult r = authenticator.authenticate(clientId, username, password);
        return !r.accepted() && broken.contains(r.ruleId())
                ? AuthResult.accept(r.mode(), Permissions.all(), List.of()) : r;
    }

    /** What CONNECT does to the client's stored session (see {@link QosSessionPolicy#onConnect}). */
    public SessionStart sessionStart(boolean requestedCleanSession, boolean storedSessionExists) {
        return qos.onConnect(requestedCleanSession, storedSessionExists);
    }

    public SubscriptionQuota newQuota() {
        return lmqRules ? new SubscriptionQuota(lmq.limits().maxSubscriptionsPerClient()) : null;
    }

    /**
     * The status-event topic and everything below it: never checked by LMQ topic rules, readable only
     * by the clients {@link StatusReaders} names.
     */
    public boolean isStatusFilter(String filter) {
        String t = lmq.statusTopic();
        return lmqRules && t != null && !t.isEmpty() && (filter.equals(t) || filter.equals(t + "/#"));
    }

    /** {@link StatusReaders}: may this connection read the status events through this filter? */
    public Verdict checkStatusReader(String clientId, String accessKey, String filter, Permissions permissions) {
        return statusReaders.check(clientId, accessKey, filter,
                f -> !permissions.unrestricted() && permissions.canSubscribe(f));
    }

    /** @param accessKey the AccessKey the connection authenticated with, null when anonymous ({@link StatusReaders}) */
    public SubscribeOutcome subscribe(String clientId, String filter, int requestedQos, SubscriptionQuota quota,
                                      Permissions permissions, String accessKey) {
        if (isStatusFilter(filter)) {
            Verdict reader = checkStatusReader(clientId, accessKey, filter, permissions);
            return reader.refused() ? SubscribeOutcome.refused(reader)
                    : SubscribeOutcome.granted(qos.grantedQos(Math.min(requestedQos, 1)));
        }
        SubscribeOutcome o = subscribeChecks.check(clientId, filter, requestedQos, quota, permissions::checkSubscribe);
        return !o.isGranted() && broken.contains(o.verdict().ruleId())
                ? SubscribeOutcome.granted(qos.grantedQos(requestedQos)) : o;
    }

    public void unsubscribe(String clientId, String filter, SubscriptionQuota quota) {
        subscribeChecks.release(clientId, filter, quota);
    }

    public PublishVerdict checkPublish(String topic, int payloadBytes, Permissions permissions) {
        if (!lmqRules && (topic.equals("$SYS") || topic.startsWith("$SYS/"))) {
            // MQTT-3.3.5-2 allows a positive acknowledgement or a close; acknowledging keeps a
            // plain client that probes $SYS connected, and nothing it sends there is delivered.
            return PublishVerdict.ackAndDiscard(SYS_READ_ONLY, "$SYS is read-only for clients");
        }
        PublishVerdict v = publishChecks.check(topic, payloadBytes, permissions::checkPublish);
        return !v.delivers() && broken.contains(v.ruleId()) ? PublishVerdict.deliver() : v;
    }

    /** {@link P2pAddress}: a P2P address in LMQ and Lite; plain MQTT has none. */
    public Optional<P2pAddress> p2p(String topic) {
        return lmqRules && !broken.contains(P2pAddress.RULE) ? P2pAddress.parse(topic) : Optional.empty();
    }

    /** {@link OfflinePolicy} / {@link QosSessionPolicy}: does a message for this subscription wait while its client is offline? */
    public boolean keepsOffline(int subscriptionQos, boolean cleanSession) {
        if (subscriptionQos == 2 && !cleanSession && broken.contains(QosSessionPolicy.QOS_2)) {
            return true;
        }
        return offline.keepsOffline(subscriptionQos, cleanSession);
    }

    /** P2P offline messages: the receiver's cleanSession decides ({@link QosSessionPolicy}). */
    public boolean keepsOfflineP2p(int messageQos, boolean receiverCleanSession) {
        return offline.keepsOfflineP2p(messageQos, receiverCleanSession);
    }

    /** {@link QosSessionPolicy}: a QoS2 subscription of a cleanSession=false client ends with the connection. */
    public boolean subscriptionSurvivesReconnect(int subscriptionQos, boolean cleanSession) {
        if (broken.contains(QosSessionPolicy.QOS_2)) {
            return true;
        }
        return qos.cell(subscriptionQos, cleanSession).subscriptionSurvivesReconnect();
    }

    /** Wildcard slots of a discarded session ({@link WildcardQuota}). */
    public void releaseAll(String clientId, SubscriptionQuota quota) {
        if (quota != null) {
            for (String f : quota.filters()) {
                subscribeChecks.release(clientId, f, quota);
            }
        }
    }

    /** How many oldest offline messages to evict now; none in plain MQTT or when the cap is broken. */
    public long offlineEvictionCount(long storedCount) {
        return lmqRules && !broken.contains(OfflinePolicy.CAP) ? offline.evictionCount(storedCount) : 0;
    }

    /** {@link OfflinePolicy}: whether offline messages expire after the retention time. */
    public boolean offlineExpires() {
        return lmqRules && !broken.contains(OfflinePolicy.RETENTION);
    }

    public String statusTopic() {
        return lmqRules && !broken.contains(EventType.RULE) ? lmq.statusTopic() : "";
    }
}
