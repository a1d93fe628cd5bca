package newsroom.api.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import newsroom.api.ApiRoutes;
import newsroom.domain.Scope;

/**
 * The API's routes by route key (as API Gateway names them, "POST /releases"), each with the
 * scopes it needs and whether it honours an Idempotency-Key. It checks the caller, runs the
 * route, and answers every refusal the caller can act on as problem+json ({@link Problems}).
 */
public final class Router {

    /** What a route does with a request. */
    @FunctionalInterface
    interface Route {
        APIGatewayV2HTTPResponse handle(ApiRequest request);
    }

    /** A route and what guards it; no scopes means a public route, called without a token. */
    private record Entry(Scope[] scopes, boolean idempotent, Route route) {
    }

    private final Map<String, Entry> routes = new HashMap<>();
    private final Idempotency idempotency;
    private final RouteTable table = new RouteTable(ApiRoutes.ALL);

    Router(Idempotency idempotency) {
        this.idempotency = idempotency;
        open(ApiRoutes.DEFAULT, this::noRoute);
    }

    /** The $default route: a known path asked with the wrong method, or a path that does not exist. */
    private APIGatewayV2HTTPResponse noRoute(ApiRequest request) {
        String path = request.event().getRawPath() == null ? "/" : request.event().getRawPath();
        Set<String> allowed = table.methodsFor(path);
        if (allowed.isEmpty()) {
            throw new ApiException(Problem.of(404, "not-found", "Not found", "There is no such path in this API."));
        }
        String allow = String.join(", ", allowed);
        throw new ApiException(Problem.of(405, "method-not-allowed", "Method not allowed",
                "This path takes " + allow + "."), Map.of("Allow", allow));
    }

    /** A route for the public: no token. */
    Router open(String key, Route route) {
        return add(key, new Entry(new Scope[0], false, route));
    }

    /** A route for a caller holding any one of the scopes. */
    Router guarded(String key, Route route, Scope... scopes) {
        return add(key, new Entry(scopes, false, route));
    }

    /** The same, for a POST that a retry with the same Idempotency-Key must not repeat. */
    Router idempotent(String key, Route route, Scope... scopes) {
        return add(key, new Entry(scopes, true, route));
    }

    private Router add(String key, Entry entry) {
        if (routes.putIfAbsent(key, entry) != null) {
            throw new IllegalStateException("route " + key + " is declared twice");
        }
        return this;
    }

    /** The answer to a failure on our side: no detail, only the request id to quote. */
    public static APIGatewayV2HTTPResponse internalError(String requestId) {
        return ApiResponses.problem(Problem.of(500, "internal-error", "Internal error",
                "Something went wrong on our side. Quote request id " + requestId + " if it persists."));
    }

    /** The route keys this router serves, $default aside. */
    public Set<String> keys() {
        Set<String> keys = new HashSet<>(routes.keySet());
        keys.remove(ApiRoutes.DEFAULT);
        return Set.copyOf(keys);
    }

    /**
     * Answers a request. A refusal the caller can act on is a problem+json response; anything
     * else is thrown, for the handler to log and answer 500 without detail.
     */
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        String key = event.getRouteKey() == null ? "" : event.getRouteKey();
        try {
            Entry entry = routes.get(key);
            if (entry == null) {
                throw new ApiException(Problem.of(404, "not-found", "Not found", "There is no route " + key + "."));
            }
            if (entry.scopes().length == 0) {
                return entry.route().handle(new ApiRequest(event, null));
            }
            Caller caller = Caller.from(event);
            ApiRequest request = new ApiRequest(event, caller);
            Supplier<APIGatewayV2HTTPResponse> work = () -> {
                caller.requireAny(entry.scopes());
                return entry.route().handle(request);
            };
            return entry.idempotent() ? idempotency.run(event, caller, work) : work.get();
        } catch (RuntimeException e) {
            Problem problem = Problems.of(e);
            if (problem == null) {
                throw e;
            }
            return ApiResponses.problem(problem, e instanceof ApiException api ? api.headers() : Map.of());
        }
    }
}
