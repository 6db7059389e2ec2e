package dev.lmqharness.broker.admin;

import dev.lmqharness.broker.rules.GroupIdRules;
import dev.lmqharness.broker.rules.InstanceRegistry;
import dev.lmqharness.broker.rules.RegistryResult;

import java.util.Map;

/** {@code /api/v1/groups}: Group IDs of the instance ({@link GroupIdRules}: valid, unique, created before use). */
final class GroupsResource {

    record GroupRequest(String groupId) {
    }

    private final BrokerAdmin broker;

    GroupsResource(BrokerAdmin broker) {
        this.broker = broker;
    }

    void register(Routes routes) {
        String base = Routes.API + "/groups";
        routes.get(base, r -> Reply.ok(Map.of("groups", registry().listGroups())))
                .post(base, this::create)
                .get(base + "/{groupId}", this::get)
                .delete(base + "/{groupId}", this::delete);
    }

    private Reply create(AdminRequest r) {
        String id = AdminRequest.required("groupId", r.body(GroupRequest.class).groupId(), GroupIdRules.RULE);
        RegistryResult result = registry().createGroup(id);
        RegistryReplies.created(result, registry().groupExists(id));
        return Reply.created(Map.of("groupId", id));
    }

    private Reply get(AdminRequest r) {
        String id = r.path("groupId");
        if (!registry().groupExists(id)) {
            throw ApiException.notFound("Group ID '" + id + "' does not exist", GroupIdRules.RULE);
        }
        return Reply.ok(Map.of("groupId", id));
    }

    private Reply delete(AdminRequest r) {
        RegistryReplies.deleted(registry().deleteGroup(r.path("groupId")));
        return Reply.noContent();
    }

    private InstanceRegistry registry() {
        return broker.registry();
    }
}
