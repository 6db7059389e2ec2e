package dev.lmqharness.broker.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RefCountsTest {

    private final RefCounts refs = new RefCounts();

    @Test
    void aSingleReferenceCostsNoCountAndItsReleaseIsTheLast() {
        refs.stored(1, 1);

        assertThat(refs.counted()).isZero();
        assertThat(refs.references(1)).isEqualTo(1);
        assertThat(refs.release(1)).isTrue();
    }

    @Test
    void severalReferencesAreCountedDownToTheLast() {
        refs.stored(7, 3);
        assertThat(refs.counted()).isEqualTo(1);

        assertThat(refs.release(7)).isFalse();
        assertThat(refs.references(7)).isEqualTo(2);
        assertThat(refs.release(7)).isFalse();
        assertThat(refs.counted()).as("one left is not counted").isZero();
        assertThat(refs.release(7)).isTrue();
    }

    @Test
    void countsOfManyMessagesStayApartAcrossStripes() {
        for (long id = 1; id <= 10_000; id++) {
            refs.stored(id, 2 + (int) (id % 3));
        }
        assertThat(refs.counted()).isEqualTo(10_000);
        for (long id = 1; id <= 10_000; id++) {
            int n = 2 + (int) (id % 3);
            for (int i = 1; i < n; i++) {
                assertThat(refs.release(id)).isFalse();
            }
            assertThat(refs.release(id)).as("message %d", id).isTrue();
        }
        assertThat(refs.counted()).isZero();
    }

    @Test
    void forgetUndoesAFailedStore() {
        refs.stored(5, 4);
        refs.forget(5);

        assertThat(refs.counted()).isZero();
        assertThatThrownBy(() -> refs.stored(6, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
