package dev.lmqharness.broker.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The one error shape of the admin API.
 *
 * @param error what went wrong, for a human
 * @param rule  the rulebook rule that refused the request (the ID its home class names, e.g. {@code TokenService.RULE_API}), if one did
 * @param code  an error code in the style of the public token API ({@code InvalidParameter.ExpireTime}), if any
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"error", "rule", "code"})
record ApiError(String error, String rule, String code) {
}
