package newsroom.local.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The press office's side of the HTTP API, as a test drives it: JSON requests with a token and
 * headers, responses read back. Every exchange is recorded so the OpenAPI check can look at them.
 */
public final class Api {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request and what came back. */
    public record Exchange(String method, String path, int status, String contentType, String body) {
    }

    private static final List<Exchange> RECORDED = Collections.synchronizedList(new ArrayList<>());

    private final URI base;

    public Api(URI base) {
        this.base = base;
    }

    public static List<Exchange> recorded() {
        synchronized (RECORDED) {
            return List.copyOf(RECORDED);
        }
    }

    public static void forget() {
        RECORDED.clear();
    }

    public HttpResponse<String> send(String method, String path, String token, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null && headers.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("Content-Type"))) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        HttpResponse<String> response = Http.send(request);
        RECORDED.add(new Exchange(method, URI.create(path).getPath(), response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(null), response.body()));
        return response;
    }

    public HttpResponse<String> get(String path, String token) {
        return send("GET", path, token, null, Map.of());
    }

    public HttpResponse<String> post(String path, String token, String body) {
        return send("POST", path, token, body, Map.of());
    }

    public HttpResponse<String> post(String path, String token, String body, Map<String, String> headers) {
        return send("POST", path, token, body, headers);
    }

    public HttpResponse<String> put(String path, String token, String body, String etag) {
        return send("PUT", path, token, body, etag == null ? Map.of() : Map.of("If-Match", etag));
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + response.body(), e);
        }
    }

    public static String etag(HttpResponse<String> response) {
        return response.headers().firstValue("ETag").orElseThrow(() -> new AssertionError("no ETag"));
    }

    /** A release body with the given title, as JSON text. */
    public static String release(String title, String category, String extraJson) {
        return "{\"title\": \"" + title + "\", \"summary\": \"Summary of " + title + "\", "
                + "\"body\": \"Body of the release.\\n\\n> A quote.\", \"category\": \"" + category + "\", "
                + "\"contact\": {\"name\": \"Press office\", \"phone\": \"0800 000 0000\"}"
                + (extraJson == null || extraJson.isEmpty() ? "" : ", " + extraJson) + "}";
    }
}
