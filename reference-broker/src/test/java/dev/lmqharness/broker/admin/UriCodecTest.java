package dev.lmqharness.broker.admin;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class UriCodecTest {

    @Test
    void pathSegmentsAreSplitThenDecoded() {
        assertThat(UriCodec.segments("/api/v1/clients/GID_a%40%40%40d%2F1")).containsExactly("api", "v1", "clients", "GID_a@@@d/1");
        assertThat(UriCodec.segments("/a+b/c%2Bd/")).containsExactly("a+b", "c+d");
        assertThat(UriCodec.segments("/")).isEmpty();
        assertThat(UriCodec.segments("")).isEmpty();
        assertThat(UriCodec.segments("/%C3%A9t%C3%A9")).containsExactly("été");
    }

    @Test
    void badPathsAreRefused() {
        assertThatThrownBy(() -> UriCodec.segments("/a//b")).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(404));
        for (String bad : List.of("/%", "/%4", "/%g0", "/%FF", "/%C3%28")) {
            assertThatThrownBy(() -> UriCodec.segments(bad)).as(bad).isInstanceOf(ApiException.class)
                    .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(400));
        }
    }

    @Test
    void queryFollowsFormEncoding() {
        assertThat(UriCodec.query("topic=a%2Fb&publisher=x+y&flag&empty=")).isEqualTo(
                Map.of("topic", "a/b", "publisher", "x y", "flag", "", "empty", ""));
        assertThat(UriCodec.query(null)).isEmpty();
        assertThat(UriCodec.query("a=1&&b=2")).containsOnlyKeys("a", "b");
        assertThatThrownBy(() -> UriCodec.query("a=1&a=2")).isInstanceOf(ApiException.class)
                .hasMessage("query parameter 'a' is given twice");
    }
}
