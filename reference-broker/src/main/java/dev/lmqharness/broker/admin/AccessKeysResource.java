package dev.lmqharness.broker.admin;

import dev.lmqharness.broker.auth.SignatureAuthenticator;
import dev.lmqharness.broker.rules.InstanceRegistry;
import dev.lmqharness.broker.rules.RegistryResult;

import java.util.Map;

/**
 * {@code /api/v1/access-keys}: AccessKey/SecretKey pairs of signature and token mode
 * ({@code SignatureAuthenticator}, {@code TokenAuthenticator}). Secret keys go in, never out: no answer contains one.
 */
final class AccessKeysResource {

    static final String RULE = SignatureAuthenticator.RULE;

    record AccessKeyRequest(String accessKey, String secretKey) {
    }

    private final BrokerAdmin broker;

    AccessKeysResource(BrokerAdmin broker) {
        this.broker = broker;
    }

    void register(Routes routes) {
        String base = Routes.API + "/access-keys";
        routes.get(base, r -> Reply.ok(Map.of("accessKeys", registry().listAccessKeys())))
                .post(base, this::create)
                .get(base + "/{accessKey}", this::get)
                .delete(base + "/{accessKey}", this::delete);
    }

    private Reply create(AdminRequest r) {
        AccessKeyRequest body = r.body(AccessKeyRequest.class);
        String ak = AdminRequest.required("accessKey", body.accessKey(), RULE);
        String sk = body.secretKey() == null ? "" : body.secretKey(); // the registry refuses an empty one
        RegistryResult result = registry().addAccessKey(ak, sk).orRule(RULE);
        // the registry checks the secret before uniqueness: a clash is a conflict only for valid input
        RegistryReplies.created(result, !sk.isEmpty() && registry().accessKeyExists(ak));
        return Reply.created(Map.of("accessKey", ak));
    }

    private Reply get(AdminRequest r) {
        String ak = r.path("accessKey");
        if (!registry().accessKeyExists(ak)) {
            throw ApiException.notFound("AccessKey '" + ak + "' does not exist", RULE);
        }
        return Reply.ok(Map.of("accessKey", ak));
    }

    private Reply delete(AdminRequest r) {
        RegistryReplies.deleted(registry().removeAccessKey(r.path("accessKey")).orRule(RULE));
        return Reply.noContent();
    }

    private InstanceRegistry registry() {
        return broker.registry();
    }
}
