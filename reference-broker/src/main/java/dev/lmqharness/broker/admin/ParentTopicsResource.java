package dev.lmqharness.broker.admin;

import dev.lmqharness.broker.rules.InstanceRegistry;
import dev.lmqharness.broker.rules.RegistryResult;
import dev.lmqharness.broker.rules.TopicRules;

import java.util.Map;

/**
 * {@code /api/v1/topics}: parent topics of the instance ({@code TopicRules}: created before use, unique
 * ignoring case; {@link InstanceRegistry}: at most 25, configurable). Lookups and deletes ignore case, as the
 * uniqueness rule does; answers carry the name as created.
 */
final class ParentTopicsResource {

    static final String RULE = TopicRules.PARENT;

    record TopicRequest(String topic) {
    }

    private final BrokerAdmin broker;

    ParentTopicsResource(BrokerAdmin broker) {
        this.broker = broker;
    }

    void register(Routes routes) {
        String base = Routes.API + "/topics";
        routes.get(base, r -> Reply.ok(Map.of("topics", registry().listParentTopics())))
                .post(base, this::create)
                .get(base + "/{topic}", this::get)
                .delete(base + "/{topic}", this::delete);
    }

    private Reply create(AdminRequest r) {
        String name = AdminRequest.required("topic", r.body(TopicRequest.class).topic(), RULE);
        RegistryResult result = registry().createParentTopic(name);
        // a case-insensitive clash or the parent-topic cap of InstanceRegistry conflicts with the instance's state; a bad name is a bad request
        boolean conflict = registry().findParentTopic(name).isPresent() || InstanceRegistry.PARENT_TOPIC_CAP.equals(result.ruleId());
        RegistryReplies.created(result, conflict);
        return Reply.created(Map.of("topic", name));
    }

    private Reply get(AdminRequest r) {
        String name = r.path("topic");
        return registry().findParentTopic(name)
                .map(created -> Reply.ok(Map.of("topic", created)))
                .orElseThrow(() -> ApiException.notFound("parent topic '" + name + "' does not exist", RULE));
    }

    private Reply delete(AdminRequest r) {
        RegistryReplies.deleted(registry().deleteParentTopic(r.path("topic")));
        return Reply.noContent();
    }

    private InstanceRegistry registry() {
        return broker.registry();
    }
}
