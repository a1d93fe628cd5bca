package newsroom.api.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Matches a request to an HTTP API route key such as "GET /releases/{id}", as API Gateway does:
 * the local runtime routes with it, and the API's $default route uses it to tell a wrong method
 * (405, with the methods allowed) from a path that does not exist (404).
 */
public final class RouteTable {

    /** A matched route with the values of its path parameters. */
    public record Match(String routeKey, Map<String, String> pathParameters) {
    }

    private record Route(String key, String method, String[] segments) {
    }

    private final List<Route> routes = new ArrayList<>();

    public RouteTable(List<String> routeKeys) {
        for (String key : routeKeys) {
            String[] parts = key.split(" ", 2);
            routes.add(new Route(key, parts[0], segments(parts[1])));
        }
    }

    /** The methods that have a route for this path, in the order the routes were given. */
    public Set<String> methodsFor(String path) {
        Set<String> methods = new LinkedHashSet<>();
        for (Route route : routes) {
            if (match(route.method, path).isPresent()) {
                methods.add(route.method);
            }
        }
        return methods;
    }

    /** Exact segments win over parameters, as in API Gateway's route selection. */
    public Optional<Match> match(String method, String path) {
        String[] actual = segments(path);
        Match best = null;
        int bestExact = -1;
        for (Route route : routes) {
            if (!route.method.equals(method) || route.segments.length != actual.length) {
                continue;
            }
            Map<String, String> parameters = new HashMap<>();
            int exact = 0;
            boolean matches = true;
            for (int i = 0; i < actual.length && matches; i++) {
                String expected = route.segments[i];
                if (expected.startsWith("{") && expected.endsWith("}")) {
                    parameters.put(expected.substring(1, expected.length() - 1), actual[i]);
                } else if (expected.equals(actual[i])) {
                    exact++;
                } else {
                    matches = false;
                }
            }
            if (matches && exact > bestExact) {
                best = new Match(route.key, parameters);
                bestExact = exact;
            }
        }
        return Optional.ofNullable(best);
    }

    private static String[] segments(String path) {
        String trimmed = path.replaceAll("^/+|/+$", "");
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/");
    }
}
