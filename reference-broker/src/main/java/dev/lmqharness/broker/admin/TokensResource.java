package dev.lmqharness.broker.admin;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lmqharness.broker.auth.ApplyTokenResult;
import dev.lmqharness.broker.auth.QueryTokenResult;
import dev.lmqharness.broker.auth.RevokeTokenResult;
import dev.lmqharness.broker.auth.TokenAction;
import dev.lmqharness.broker.auth.TokenRecord;
import dev.lmqharness.broker.auth.TokenService;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code POST /api/v1/tokens/apply|query|revoke}: the token API mirroring the public ApplyToken,
 * QueryToken and RevokeToken ({@link TokenService}). Field names are the public parameters in camelCase;
 * the public PascalCase spelling ({@code InstanceId}, {@code ExpireTime}, ...) is accepted too.
 * {@code resources} is the public comma-separated string, or a JSON array of topics.
 */
final class TokensResource {

    static final String RULE = TokenService.RULE_API;

    record ApplyRequest(@JsonAlias("InstanceId") String instanceId,
                        @JsonAlias("Resources") JsonNode resources,
                        @JsonAlias("Actions") String actions,
                        @JsonAlias("ExpireTime") Long expireTime) {
    }

    record TokenRequest(@JsonAlias("InstanceId") String instanceId, @JsonAlias("Token") String token) {
    }

    @JsonPropertyOrder({"token", "expireTime", "capped"})
    record ApplyReply(String token, long expireTime, boolean capped) {
    }

    /** {@code valid} is the public API's TokenStatus; the rest is known only for a token of this instance. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"valid", "status", "resources", "actions", "issuedAt", "expireTime"})
    record QueryReply(boolean valid, String status, List<String> resources, String actions, Long issuedAt,
                      Long expireTime) {
    }

    private final BrokerAdmin broker;

    TokensResource(BrokerAdmin broker) {
        this.broker = broker;
    }

    void register(Routes routes) {
        String base = Routes.API + "/tokens";
        routes.post(base + "/apply", this::apply)
                .post(base + "/query", this::query)
                .post(base + "/revoke", this::revoke);
    }

    private Reply apply(AdminRequest r) {
        ApplyRequest body = r.body(ApplyRequest.class);
        String instanceId = AdminRequest.required("instanceId", body.instanceId(), RULE);
        String resources = resources(body.resources());
        String actions = AdminRequest.required("actions", body.actions(), RULE);
        if (body.expireTime() == null) {
            throw ApiException.badRequest("field 'expireTime' is required (absolute time in ms since the epoch)", RULE);
        }
        ApplyTokenResult result = broker.tokens().applyToken(instanceId, resources, actions, body.expireTime());
        if (!result.success()) {
            throw new ApiException(400, result.message(), RULE, result.errorCode());
        }
        return Reply.ok(new ApplyReply(result.token(), result.expireTimeMillis(), result.capped()));
    }

    private Reply query(AdminRequest r) {
        TokenRequest body = r.body(TokenRequest.class);
        String instanceId = AdminRequest.required("instanceId", body.instanceId(), RULE);
        String token = AdminRequest.required("token", body.token(), RULE);
        QueryTokenResult result = broker.tokens().queryToken(instanceId, token);
        TokenRecord rec = result.record();
        if (rec == null) {
            return Reply.ok(new QueryReply(result.valid(), result.status().name(), null, null, null, null));
        }
        return Reply.ok(new QueryReply(result.valid(), result.status().name(), rec.resources(), actions(rec),
                rec.issuedAtMillis(), rec.expireTimeMillis()));
    }

    private Reply revoke(AdminRequest r) {
        TokenRequest body = r.body(TokenRequest.class);
        String instanceId = AdminRequest.required("instanceId", body.instanceId(), RULE);
        String token = AdminRequest.required("token", body.token(), RULE);
        RevokeTokenResult result = broker.tokens().revokeToken(instanceId, token);
        if (!result.success()) {
            int status = "Token.NotFound".equals(result.errorCode()) ? 404 : 409;
            throw new ApiException(status, result.message(), RULE, result.errorCode());
        }
        return Reply.ok(Map.of("revoked", true));
    }

    /** The public comma-separated form; a JSON array is joined into it. */
    private static String resources(JsonNode node) {
        if (node == null || node.isNull()) {
            throw ApiException.badRequest("field 'resources' is required", RULE);
        }
        if (node.isTextual()) {
            return AdminRequest.required("resources", node.asText(), RULE);
        }
        if (node.isArray()) {
            List<String> topics = new ArrayList<>();
            for (JsonNode item : node) {
                if (!item.isTextual()) {
                    throw ApiException.badRequest("field 'resources': every item must be a topic string", RULE);
                }
                topics.add(item.asText());
            }
            return String.join(",", topics);
        }
        throw ApiException.badRequest("field 'resources': expected a comma-separated string or an array of topics", RULE);
    }

    /** R, W or R,W, as the public Actions parameter is written. */
    private static String actions(TokenRecord rec) {
        return rec.actions().stream().sorted().map(TokenAction::name).collect(Collectors.joining(","));
    }
}
