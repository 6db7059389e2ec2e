package dev.lmqharness.kit.wire;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RawBytesTest {

    @Test
    void remainingLengthUsesTheVariableByteEncoding() {
        assertThat(RawBytes.remainingLength(0)).containsExactly(0x00);
        assertThat(RawBytes.remainingLength(127)).containsExactly(0x7F);
        assertThat(RawBytes.remainingLength(128)).containsExactly(0x80, 0x01);
        assertThat(RawBytes.remainingLength(16_383)).containsExactly(0xFF, 0x7F);
        assertThat(RawBytes.remainingLength(2_097_152)).containsExactly(0x80, 0x80, 0x80, 0x01);
    }

    @Test
    void connectCarriesFlagsAndAppendsCredentials() {
        byte[] p = RawBytes.connect(RawBytes.CLEAN_SESSION, 60,
                new dev.lmqharness.kit.auth.UserPass("u", new byte[] {'p'}), RawBytes.str("c"));
        // 10 + 0x10 header: 10 bytes variable header, 3 client ID, 3 user name, 3 password.
        assertThat(p).startsWith(0x10, 19, 0, 4, 'M', 'Q', 'T', 'T', 4, 0x02 | 0x80 | 0x40, 0, 60);
        assertThat(p).hasSize(21);
    }
}
