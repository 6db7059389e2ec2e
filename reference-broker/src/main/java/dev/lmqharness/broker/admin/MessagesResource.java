package dev.lmqharness.broker.admin;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.lmqharness.broker.rules.MessageIdGenerator;
import dev.lmqharness.broker.trace.DeliveryOutcome;
import dev.lmqharness.broker.trace.MessageTrace;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/v1/messages}: message traces ({@link MessageIdGenerator}): who published a message, when, and what
 * became of each delivery. Only the most recent messages keep a trace ({@code lmq.trace-capacity}).
 */
final class MessagesResource {

    static final String RULE = MessageIdGenerator.RULE;
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 10_000;

    @JsonPropertyOrder({"messageId", "topic", "qos", "publisherId", "publishTime", "deliveries"})
    record TraceView(String messageId, String topic, int qos, String publisherId, long publishTime,
                     List<DeliveryView> deliveries) {

        static TraceView of(MessageTrace t) {
            return new TraceView(t.messageId(), t.topic(), t.qos(), t.publisherId(), t.publishTime(),
                    t.deliveries().stream().map(d -> new DeliveryView(d.clientId(), d.outcome(), d.time())).toList());
        }
    }

    @JsonPropertyOrder({"clientId", "outcome", "time"})
    record DeliveryView(String clientId, DeliveryOutcome outcome, long time) {
    }

    private final BrokerAdmin broker;

    MessagesResource(BrokerAdmin broker) {
        this.broker = broker;
    }

    void register(Routes routes) {
        String base = Routes.API + "/messages";
        routes.get(base, Set.of("topic", "publisher", "limit"), this::recent)
                .get(base + "/{messageId}/trace", this::trace);
    }

    private Reply trace(AdminRequest r) {
        String id = r.path("messageId");
        if (MessageIdGenerator.parse(id).isEmpty()) {
            throw ApiException.badRequest("message ID must be 16 hex digits, was '" + id + "'", RULE);
        }
        return broker.trace(id)
                .map(t -> Reply.ok(TraceView.of(t)))
                .orElseThrow(() -> ApiException.notFound("no trace of message " + id
                        + ": unknown, or older than the traces the broker keeps", RULE));
    }

    private Reply recent(AdminRequest r) {
        int limit = r.intQuery("limit", 1, MAX_LIMIT).orElse(DEFAULT_LIMIT);
        List<TraceView> traces = broker.recentTraces(r.query("topic").orElse(null), r.query("publisher").orElse(null), limit)
                .stream().map(TraceView::of).toList();
        return Reply.ok(Map.of("messages", traces));
    }
}
