package dev.lmqharness.broker.rules;

import java.util.Optional;

/**
 * The name alphabet the documents allow for Group IDs, device IDs and topic levels:
 * {@code 0-9 a-z A-Z - _} ({@link ClientIdRules}, {@link GroupIdRules}, {@link TopicRules}). Deliberately ASCII only.
 */
final class NameChars {

    private NameChars() {
    }

    static boolean isNameChar(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_';
    }

    /** Index of the first character outside the alphabet, or empty. */
    static Optional<Integer> firstBadChar(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isNameChar(s.charAt(i))) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** "'/' (U+002F) at index 3": readable even for spaces and control characters. */
    static String describe(String s, int index) {
        int cp = s.codePointAt(index);
        String shown = Character.isISOControl(cp) || Character.isWhitespace(cp) || !Character.isDefined(cp)
                ? "" : "'" + new String(Character.toChars(cp)) + "' ";
        return shown + String.format("(U+%04X) at index %d", cp, index);
    }

    static int length(String s) {
        return s.codePointCount(0, s.length());
    }
}
