package dev.lmqharness.load.core;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PayloadCodecTest {

    @Test
    void roundTripsEveryHeaderField() {
        byte[] p = PayloadCodec.encode(0x0000_0100_0000_002AL, 123_456_789L, 1_795_000_000_123_456L, 2, 256);
        assertThat(p).hasSize(256);
        PayloadCodec.Stamp s = PayloadCodec.decode(p).orElseThrow();
        assertThat(s.publisherId()).isEqualTo(0x0000_0100_0000_002AL);
        assertThat(s.sequence()).isEqualTo(123_456_789L);
        assertThat(s.sentMicros()).isEqualTo(1_795_000_000_123_456L);
        assertThat(s.qos()).isEqualTo(2);
    }

    @Test
    void smallestPayloadIsTheHeader() {
        assertThat(PayloadCodec.encode(1, 0, 0, 0, PayloadCodec.HEADER_BYTES)).hasSize(28);
        assertThatThrownBy(() -> PayloadCodec.encode(1, 0, 0, 0, 27)).hasMessageContaining("header");
    }

    @Test
    void rejectsBadQosAndNegativeSequence() {
        assertThatThrownBy(() -> PayloadCodec.encode(1, 0, 0, 3, 64)).hasMessageContaining("QoS");
        assertThatThrownBy(() -> PayloadCodec.encode(1, -1, 0, 1, 64)).hasMessageContaining("sequence");
    }

    @Test
    void decodesFromTheBufferPositionWithoutConsumingIt() {
        byte[] p = PayloadCodec.encode(7, 9, 11, 1, 40);
        ByteBuffer b = ByteBuffer.allocate(50);
        b.put(new byte[]{1, 2, 3}).put(p).flip();
        b.position(3);
        assertThat(PayloadCodec.decode(b)).get().extracting(PayloadCodec.Stamp::sequence).isEqualTo(9L);
        assertThat(b.position()).isEqualTo(3);
    }

    @Test
    void foreignPayloadsAreNotOurs() {
        assertThat(PayloadCodec.decode("hello world, this is not a load payload".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(PayloadCodec.decode(new byte[10])).isEmpty();
        assertThat(PayloadCodec.decode((byte[]) null)).isEmpty();
        byte[] p = PayloadCodec.encode(1, 1, 1, 1, 28);
        p[3] = 7; // impossible QoS
        assertThat(PayloadCodec.decode(p)).isEmpty();
    }
}
