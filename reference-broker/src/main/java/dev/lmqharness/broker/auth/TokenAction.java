package dev.lmqharness.broker.auth;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** {@link TokenAuthenticator} / {@link TokenService}: what a token allows: R = subscribe, W = publish. */
public enum TokenAction {
    R, W;

    /**
     * Parses the ApplyToken {@code Actions} parameter: exactly {@code R}, {@code W} or
     * {@code R,W}, as the public API documents it.
     */
    public static Optional<Set<TokenAction>> parseActions(String actions) {
        if (actions == null) {
            return Optional.empty();
        }
        return switch (actions) {
            case "R" -> Optional.of(EnumSet.of(R));
            case "W" -> Optional.of(EnumSet.of(W));
            case "R,W" -> Optional.of(EnumSet.of(R, W));
            default -> Optional.empty();
        };
    }
}
