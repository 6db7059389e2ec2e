package dev.lmqharness.broker.admin;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static dev.lmqharness.broker.admin.AdminHttp.body;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Admin API: routing, methods and malformed bodies")
class RequestHandlingTest extends AdminApiTestBase {

    @Test
    void unknownPathIs404Json() {
        JsonNode e = assertError(http.get("/api/v1/nothing"), 404, null);
        assertThat(e.path("error").asText()).isEqualTo("no such endpoint: GET /api/v1/nothing");
        assertError(http.get("/"), 404, null);
        assertError(http.get("/api/v1/groups/GID_a/extra"), 404, null);
        assertError(http.get("/api/v2/health"), 404, null);
        assertError(http.get("/api/v1//groups"), 404, null);
    }

    @Test
    void trailingSlashIsIgnored() {
        assertThat(http.get("/api/v1/health/").statusCode()).isEqualTo(200);
    }

    @Test
    void wrongMethodIs405WithAllow() {
        HttpResponse<String> r = http.send("PUT", "/api/v1/groups", body("{'groupId': 'GID_demo'}"));
        assertError(r, 405, null);
        assertThat(r.headers().firstValue("Allow")).hasValue("GET, POST");
        HttpResponse<String> d = http.delete("/api/v1/health");
        assertError(d, 405, null);
        assertThat(d.headers().firstValue("Allow")).hasValue("GET");
        assertThat(http.get("/api/v1/tokens/apply").headers().firstValue("Allow")).hasValue("POST");
        assertThat(admin.registry().listGroups()).isEmpty();
    }

    @Test
    void malformedBodiesAre400AndChangeNothing() {
        assertThat(assertError(http.post("/api/v1/groups", "{\"groupId\": "), 400, null).path("error").asText())
                .startsWith("the body is not valid JSON");
        assertThat(assertError(http.post("/api/v1/groups", ""), 400, null).path("error").asText())
                .isEqualTo("a JSON body is required");
        assertThat(assertError(http.post("/api/v1/groups", body("{'groupid': 'GID_demo'}")), 400, null)
                .path("error").asText()).isEqualTo("unknown field 'groupid' (known: groupId)");
        assertError(http.post("/api/v1/groups", "null"), 400, null);
        assertError(http.post("/api/v1/groups", "[\"GID_demo\"]"), 400, null);
        assertError(http.post("/api/v1/groups", body("{'groupId': 'GID_demo'} trailing")), 400, null);
        assertError(http.post("/api/v1/groups", body("{'groupId': 'GID_demo', 'groupId': 'GID_other'}")), 400, null);
        assertError(http.post("/api/v1/groups", body("{'groupId': ['GID_demo']}")), 400, null);
        assertThat(admin.registry().listGroups()).isEmpty();
    }

    @Test
    void oversizeBodyIs413() {
        String huge = body("{'groupId': '" + "x".repeat(AdminRequest.MAX_BODY_BYTES) + "'}");
        assertError(http.post("/api/v1/groups", huge), 413, null);
        assertThat(admin.registry().listGroups()).isEmpty();
    }

    @Test
    void queryParametersAreRefusedWhereNoneAreTaken() {
        assertThat(assertError(http.get("/api/v1/groups?all=true"), 400, null).path("error").asText())
                .isEqualTo("unknown query parameter 'all'; this endpoint takes none");
    }

    @Test
    void answersAreNotCached() {
        assertThat(http.get("/api/v1/health").headers().firstValue("Cache-Control")).hasValue("no-store");
    }
}
