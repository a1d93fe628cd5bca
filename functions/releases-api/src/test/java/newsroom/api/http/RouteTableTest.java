package newsroom.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Route matching as API Gateway does it. Pure. */
class RouteTableTest {
    private final RouteTable routes = new RouteTable(List.of(
            "POST /releases", "GET /releases/{id}", "GET /releases/{id}/versions", "GET /releases/latest"));

    @Test
    void matchesMethodAndPathAndExtractsParameters() {
        assertEquals(new RouteTable.Match("GET /releases/{id}", Map.of("id", "abc")),
                routes.match("GET", "/releases/abc").orElseThrow());
        assertEquals("GET /releases/{id}/versions", routes.match("GET", "/releases/abc/versions").orElseThrow().routeKey());
        assertEquals("POST /releases", routes.match("POST", "/releases/").orElseThrow().routeKey());
    }

    @Test
    void anExactSegmentBeatsAParameter() {
        assertEquals("GET /releases/latest", routes.match("GET", "/releases/latest").orElseThrow().routeKey());
    }

    @Test
    void noMatchForOtherMethodsOrPaths() {
        assertTrue(routes.match("DELETE", "/releases/abc").isEmpty());
        assertTrue(routes.match("GET", "/contacts").isEmpty());
    }
}
