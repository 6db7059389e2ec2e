package dev.lmqharness.reports.allure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each kind of outcome falls into exactly one category, matched the way Allure matches
 * (status listed, message and trace regexes matched whole, DOTALL). Messages are the suite's own.
 */
class AllureCategoriesTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "failed | publish: expected PUBACK within 10000 ms but nothing came | java.lang.AssertionError: publish... | Broker defect",
            "failed | [the retained message]\\nExpecting ... | java.lang.AssertionError: [the retained message]\\n\\tat x | Broker defect",
            "failed | SLO breached: e2e.qos1 p99 < 2000 ms; measured 2400.0 ms | | SLO breach",
            "broken | tcp://127.0.0.1:1: connection refused | dev.lmqharness.kit.wire.TransportException: tcp://127.0.0.1:1: connection refused\\n\\tat a | Target unreachable",
            "broken | x() timed out after 60 seconds | java.util.concurrent.TimeoutException: x() timed out after 60 seconds\\n\\tat b | Harness error",
            "broken | null | java.lang.NullPointerException\\n\\tat dev.lmqharness.suite.Foo | Harness error",
            "skipped | target lacks capability 'admin-api' (token API) | | Skipped: capability not declared",
            "skipped | no admin-API client for this target yet | | Skipped: capability not declared",
            "skipped | LMQ-CID-1 applies to profile(s) [lmq, lite], the target's profile is mqtt311 | | Skipped: rule outside the target's profile",
            "skipped | no ws endpoint given (lmq.url.ws) | | Skipped: other reason",
    })
    void everyOutcomeHasExactlyOneCategory(String status, String message, String trace, String expected) throws IOException {
        JsonNode categories = new ObjectMapper().readTree(AllureCategories.text());
        List<String> matched = new ArrayList<>();
        for (JsonNode c : categories) {
            if (matches(c, status, unescape(message), trace == null ? null : unescape(trace))) {
                matched.add(c.path("name").asText());
            }
        }
        assertThat(matched).containsExactly(expected);
    }

    private static String unescape(String s) {
        return s.replace("\\n", "\n").replace("\\t", "\t");
    }

    private static boolean matches(JsonNode c, String status, String message, String trace) {
        boolean st = false;
        for (JsonNode s : c.path("matchedStatuses")) {
            st |= s.asText().equals(status);
        }
        return st && regex(c, "messageRegex", message) && regex(c, "traceRegex", trace);
    }

    private static boolean regex(JsonNode c, String field, String value) {
        if (!c.has(field)) {
            return true;
        }
        return value != null && Pattern.compile(c.path(field).asText(), Pattern.DOTALL).matcher(value).matches();
    }
}
