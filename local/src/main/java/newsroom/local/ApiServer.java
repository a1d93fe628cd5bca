package newsroom.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.nimbusds.jwt.JWTClaimsSet;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import newsroom.api.ApiRoutes;
import newsroom.api.http.RouteTable;
import newsroom.log.JsonLog;

/**
 * The HTTP API on localhost, doing what API Gateway's HTTP API does in AWS: matches the route,
 * runs the JWT authorizer, builds the version 2.0 event (claims where the authorizer puts them) and
 * turns the function's response back into HTTP. Its own answers copy API Gateway's bodies.
 */
final class ApiServer implements AutoCloseable {
    private static final JsonLog LOG = JsonLog.of(ApiServer.class);
    /** API Gateway's payload limit. */
    static final int MAX_BODY = 10 * 1024 * 1024;

    private final LocalHttp server;
    private final RouteTable routes;
    private final Set<String> publicRoutes;
    private final LocalTokens tokens;
    private volatile RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> function;
    private final Map<String, Function<LocalHttp.Exchange, LocalPage>> localPages = new HashMap<>();
    private final LocalOrigin origin = new LocalOrigin();

    /** CORS as the template's HttpApi CorsConfiguration declares it (TemplateTest keeps the two equal). */
    static final List<String> CORS_ALLOW_HEADERS = List.of("authorization", "content-type", "if-match",
            "idempotency-key");
    static final List<String> CORS_ALLOW_METHODS = List.of("GET", "POST", "PUT", "DELETE");
    static final List<String> CORS_EXPOSE_HEADERS = List.of("etag", "location", "retry-after", "idempotent-replayed");
    static final int CORS_MAX_AGE = 600;
    static final String SIGN_IN_PATH = "/_local/sign-in";

    /** The one origin allowed to call from a browser (the site's, where the desk lives). */
    private volatile String allowedOrigin;

    /** A page the local runtime itself serves under /_local/. */
    record LocalPage(int status, String contentType, String body) {
    }

    /** Binds the port at once (so its URL is known to the functions); serves once given the function. */
    ApiServer(int port, List<String> routeKeys, Set<String> publicRoutes, LocalTokens tokens) throws IOException {
        this.routes = new RouteTable(routeKeys);
        this.publicRoutes = publicRoutes;
        this.tokens = tokens;
        this.server = new LocalHttp("api", port, MAX_BODY, status -> LocalHttp.Reply.of(status,
                "application/problem+json", "{\"type\":\"/problems/bad-request\",\"title\":\"Bad request\","
                        + "\"status\":" + status + ",\"detail\":\"This is not an HTTP request the API can read: "
                        + "check its request line and headers.\"}"));
    }


    void serve(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> apiFunction) {
        this.function = apiFunction;
    }

    /** The site's origin: the desk there calls this API from the browser (CORS). */
    void allowOrigin(String origin) {
        this.allowedOrigin = origin;
    }

    void addLocalPage(String path, Function<LocalHttp.Exchange, LocalPage> page) {
        localPages.put(path, page);
    }

    void start() {
        server.start(this::handle);
    }

    int port() {
        return server.port();
    }

    /** This run's key for the /_local/ pages. */
    String localKey() {
        return origin.key();
    }

    private LocalHttp.Reply handle(LocalHttp.Exchange exchange) {
        if (!LocalOrigin.isLocalHost(exchange, port())) {
            return json(421, "{\"message\":\"This local server answers only to localhost\"}");
        }
        String origin = exchange.header("Origin");
        boolean allowed = origin != null && origin.equals(allowedOrigin);
        if (exchange.method().equals("OPTIONS") && exchange.header("Access-Control-Request-Method") != null) {
            // As API Gateway with a CORS configuration: it answers every preflight itself.
            LocalHttp.Reply preflight = LocalHttp.Reply.of(204, null, new byte[0]);
            return !allowed ? preflight : preflight.with("Access-Control-Allow-Origin", origin)
                    .with("Access-Control-Allow-Methods", String.join(",", CORS_ALLOW_METHODS))
                    .with("Access-Control-Allow-Headers", String.join(",", CORS_ALLOW_HEADERS))
                    .with("Access-Control-Max-Age", Integer.toString(CORS_MAX_AGE))
                    .with("Vary", "Origin");
        }
        LocalHttp.Reply reply = route(exchange);
        return !allowed ? reply : reply.with("Access-Control-Allow-Origin", origin)
                .with("Access-Control-Expose-Headers", String.join(",", CORS_EXPOSE_HEADERS))
                .with("Vary", "Origin");
    }

    private LocalHttp.Reply route(LocalHttp.Exchange exchange) {
        String path = exchange.rawPath();
        if (path.equals(SIGN_IN_PATH)) {
            return LocalSignIn.handle(exchange, tokens, allowedOrigin);
        }
        Function<LocalHttp.Exchange, LocalPage> local = localPages.get(path);
        if (local != null) {
            boolean devToken = bearer(exchange).flatMap(tokens::verify).isPresent();
            if (!devToken && !origin.hasKey(exchange)) {
                return json(401, "{\"message\":\"Add this run's ?key= (printed at start) or a dev token\"}");
            }
            LocalPage page = local.apply(exchange);
            return LocalHttp.Reply.of(page.status(), page.contentType(), page.body());
        }
        String method = exchange.method().toUpperCase(Locale.ROOT);
        // Anything no route matches goes to the $default route, as in template.yaml (no token needed).
        RouteTable.Match match = routes.match(method, path)
                .orElse(new RouteTable.Match(ApiRoutes.DEFAULT, Map.of()));
        APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = null;
        if (!publicRoutes.contains(match.routeKey()) && !match.routeKey().equals(ApiRoutes.DEFAULT)) {
            Optional<JWTClaimsSet> claims = bearer(exchange).flatMap(tokens::verify);
            if (claims.isEmpty()) {
                return json(401, "{\"message\":\"Unauthorized\"}");
            }
            authorizer = authorizerContext(claims.get());
        }
        try {
            return reply(function.handleRequest(toEvent(exchange, match, authorizer), null));
        } catch (RuntimeException e) {
            LOG.error("local API failure", e);
            return json(500, "{\"message\":\"Internal Server Error\"}");
        }
    }

    private static Optional<String> bearer(LocalHttp.Exchange exchange) {
        String header = exchange.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(header.substring(7).trim());
    }

    /** Claims as strings, as API Gateway passes them; scopes from the token's scope claim. */
    private static APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizerContext(JWTClaimsSet claims) {
        Map<String, String> flat = new HashMap<>();
        claims.getClaims().forEach((name, value) -> {
            if (value instanceof Date date) {
                flat.put(name, Long.toString(date.toInstant().getEpochSecond()));
            } else if (value instanceof List<?> list) {
                flat.put(name, list.size() == 1 ? String.valueOf(list.get(0)) : list.toString());
            } else {
                flat.put(name, String.valueOf(value));
            }
        });
        return APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                        .withClaims(flat)
                        .withScopes(new ArrayList<>(LocalTokens.scopesOf(claims)))
                        .build())
                .build();
    }

    private static APIGatewayV2HTTPEvent toEvent(LocalHttp.Exchange exchange, RouteTable.Match match,
                                                 APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer) {
        Map<String, String> headers = new HashMap<>();
        exchange.headers().forEach((name, values) -> headers.put(name, String.join(",", values)));
        byte[] body = exchange.body();
        String rawQuery = exchange.rawQuery();
        Map<String, String> query = new HashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                String[] kv = pair.split("=", 2);
                String name = decode(kv[0]);
                String value = kv.length > 1 ? decode(kv[1]) : "";
                query.merge(name, value, (a, b) -> a + "," + b);
            }
        }
        Map<String, String> pathParameters = new HashMap<>();
        match.pathParameters().forEach((k, v) -> pathParameters.put(k, decode(v)));
        String contentType = headers.getOrDefault("content-type", "");
        // As API Gateway: a text body that is not valid UTF-8 is passed on base64-encoded, never "repaired".
        boolean text = (contentType.isEmpty() || contentType.startsWith("text/") || contentType.contains("json")
                || contentType.contains("xml") || contentType.contains("x-www-form-urlencoded")) && isUtf8(body);
        String requestId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(match.routeKey())
                .withRawPath(exchange.rawPath())
                .withRawQueryString(rawQuery == null ? "" : rawQuery)
                .withHeaders(headers)
                .withQueryStringParameters(query.isEmpty() ? null : query)
                .withPathParameters(pathParameters.isEmpty() ? null : pathParameters)
                .withBody(body.length == 0 ? null
                        : text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body))
                .withIsBase64Encoded(body.length > 0 && !text)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRouteKey(match.routeKey())
                        .withStage("$default")
                        .withRequestId(requestId)
                        .withAccountId("000000000000")
                        .withApiId("local")
                        .withDomainName("localhost")
                        .withTimeEpoch(now.toEpochMilli())
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(exchange.method())
                                .withPath(exchange.rawPath())
                                .withProtocol(exchange.protocol())
                                .withSourceIp(exchange.remoteAddress())
                                .withUserAgent(headers.get("user-agent"))
                                .build())
                        .withAuthorizer(authorizer)
                        .build())
                .build();
    }

    /** Percent-decoded; a malformed escape is passed on as it came, for the function to refuse. */
    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return raw;
        }
    }

    private static boolean isUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static LocalHttp.Reply reply(APIGatewayV2HTTPResponse response) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, value) -> headers.put(name, List.of(value)));
        }
        if (response.getCookies() != null && !response.getCookies().isEmpty()) {
            headers.put("Set-Cookie", List.copyOf(response.getCookies()));
        }
        String body = response.getBody();
        byte[] bytes = body == null ? new byte[0]
                : response.getIsBase64Encoded() ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
        return new LocalHttp.Reply(response.getStatusCode(), headers, bytes);
    }

    private static LocalHttp.Reply json(int status, String json) {
        return LocalHttp.Reply.of(status, "application/json", json);
    }

    @Override
    public void close() {
        server.close();
    }
}
