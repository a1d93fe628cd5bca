package newsroom.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newsroom.api.ApiRoutes;
import newsroom.local.support.Api;
import newsroom.local.support.LocalStack;
import newsroom.local.support.SharedEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every route against every bad credential: no token, a malformed one, an expired one, one for
 * another audience (401 from the authorizer), and a valid token with the wrong scope (403 from the
 * function). Needs: the AWS emulator (started by the harness).
 */
class AuthMatrixIT {
    private static LocalRuntime runtime;
    private static Api api;

    @BeforeAll
    static void start() {
        runtime = LocalStack.start(SharedEmulator.fresh());
        api = new Api(runtime.apiUrl());
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    /** A scope that must not open this route. */
    private static String wrongScope(String route) {
        if (route.contains(" /contacts")) {
            return "newsroom/publisher";
        }
        if (route.equals(ApiRoutes.PUBLISH_RELEASE) || route.equals(ApiRoutes.WITHDRAW_RELEASE)) {
            return "newsroom/editor";
        }
        return "newsroom/contacts";
    }

    @Test
    void everyRouteRefusesEveryBadCredential() {
        String expiredFor = null;
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (String route : ApiRoutes.ALL) {
            if (ApiRoutes.PUBLIC.contains(route)) {
                continue;
            }
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1).replace("{id}", "3f0a2b9c-0000-4000-8000-000000000000")
                    .replace("{attachmentId}", "5b6c7d8e-0000-4000-8000-000000000000")
                    .replace("{deliveryId}", "msg_20261130000000000_0000000000");
            String body = method.equals("POST") || method.equals("PUT") ? "{}" : null;
            String scopes = route.contains(" /contacts") ? "newsroom/contacts" : "newsroom/publisher";
            Map<String, String> tokens = new LinkedHashMap<>();
            tokens.put("no token", null);
            tokens.put("malformed", "not.a.jwt");
            tokens.put("expired", runtime.tokens().issue("officer", List.of(scopes),
                    Instant.now().minus(Duration.ofHours(13)), Duration.ofHours(12), LocalTokens.AUDIENCE));
            tokens.put("wrong audience", runtime.tokens().issue("officer", List.of(scopes), Instant.now(),
                    Duration.ofHours(1), "another-api"));
            tokens.put("wrong scope", runtime.tokens().issue("officer", List.of(wrongScope(route))));
            for (var credential : tokens.entrySet()) {
                int expected = credential.getKey().equals("wrong scope") ? 403 : 401;
                HttpResponse<String> response = api.send(method, path, credential.getValue(), body,
                        Map.of("If-Match", "\"1\""));
                checked++;
                if (response.statusCode() != expected) {
                    failures.add(route + " with " + credential.getKey() + ": " + response.statusCode() + " " + response.body());
                }
            }
        }
        assertEquals(List.of(), failures);
        assertEquals((ApiRoutes.ALL.size() - ApiRoutes.PUBLIC.size()) * 5, checked);
    }

    @Test
    void thePublicRoutesNeedNoToken() {
        for (String route : ApiRoutes.PUBLIC) {
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1).replace("{token}", "not-a-valid-token")
                    .replace("{attachmentId}", "3f0a2b9c-0000-4000-8000-000000000000") + "?token=not-a-valid-token";
            HttpResponse<String> response = api.send(method, path, null, method.equals("POST") && path.startsWith("/subscriptions?")
                    ? "{\"email\": \"a@b.example\", \"name\": \"A\", \"topics\": [\"*\"]}" : null, Map.of());
            assertTrue(response.statusCode() != 401 && response.statusCode() != 403, route + ": " + response.statusCode());
        }
    }

    @Test
    void withTheRightScopeTheSameRequestsGetPastAuthorization() {
        String publisher = runtime.tokens().issue("officer", List.of("newsroom/publisher"));
        HttpResponse<String> response = api.get("/releases/3f0a2b9c-0000-4000-8000-000000000000", publisher);
        assertEquals(404, response.statusCode(), "authorised, and told the release does not exist");
    }
}
