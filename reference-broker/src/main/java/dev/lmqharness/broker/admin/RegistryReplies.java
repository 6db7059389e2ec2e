package dev.lmqharness.broker.admin;

import dev.lmqharness.broker.rules.RegistryResult;

/** Turns a refused {@link RegistryResult} into the right HTTP error. */
final class RegistryReplies {

    private RegistryReplies() {
    }

    /** A refused create: 409 when it clashes with what exists (or a count cap), else 400 (a bad name). */
    static void created(RegistryResult r, boolean conflict) {
        if (!r.ok()) {
            throw conflict ? ApiException.conflict(r.reason(), r.ruleId()) : ApiException.badRequest(r.reason(), r.ruleId());
        }
    }

    /** A refused delete: the object does not exist. */
    static void deleted(RegistryResult r) {
        if (!r.ok()) {
            throw ApiException.notFound(r.reason(), r.ruleId());
        }
    }
}
