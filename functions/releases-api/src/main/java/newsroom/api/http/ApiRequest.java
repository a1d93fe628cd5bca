package newsroom.api.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One request as a route sees it: the gateway's event and, on routes that need a token, the
 * caller. Reads path and query parameters, headers, the body and If-Match the same way everywhere.
 */
record ApiRequest(APIGatewayV2HTTPEvent event, Caller caller) {
    private static final Pattern POSSIBLE_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    /**
     * A path parameter. Ids are ours (UUIDs): one that could never have been handed out names
     * nothing, and is not looked up (a 3 KB id would be over the table's key size).
     */
    String path(String name) {
        Map<String, String> parameters = event.getPathParameters();
        String value = parameters == null ? null : parameters.get(name);
        if (value == null || value.isBlank()) {
            throw new ApiException(Problem.of(404, "not-found", "Not found", "No " + name + " in the path."));
        }
        if (!POSSIBLE_ID.matcher(value).matches()) {
            throw new ApiException(Problem.of(404, "not-found", "Not found", "Nothing has this " + name + "."));
        }
        return value;
    }

    /** A path parameter that is not one of our ids (a signed link's token): as given, or empty. */
    String pathToken(String name) {
        Map<String, String> parameters = event.getPathParameters();
        String value = parameters == null ? null : parameters.get(name);
        return value == null ? "" : value;
    }

    Map<String, String> query() {
        return event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters();
    }

    String query(String name) {
        return query().get(name);
    }

    String header(String name) {
        return RequestBodies.header(event.getHeaders(), name);
    }

    /**
     * A field of a form post (application/x-www-form-urlencoded), or null. Only for the public
     * pages' own forms: nothing else posts forms.
     */
    String formField(String name) {
        String body = event.getBody();
        if (body == null || body.isEmpty()) {
            return null;
        }
        if (event.getIsBase64Encoded()) {
            try {
                body = new String(java.util.Base64.getDecoder().decode(body), java.nio.charset.StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        if (body.length() > 10_000) {
            return null;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                try {
                    return java.net.URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1),
                            java.nio.charset.StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return null;
    }

    <T> T body(Class<T> type) {
        return RequestBodies.read(event, type);
    }

    /** For routes whose body may be left out: no body reads as an empty JSON object. */
    <T> T optionalBody(Class<T> type) {
        return RequestBodies.readOptional(event, type);
    }

    /** The version the caller based its change on; a change without one could silently undo another. */
    long ifMatch() {
        String value = header("if-match");
        if (value == null || value.isBlank()) {
            throw new ApiException(Problem.of(428, "precondition-required", "If-Match required",
                    "Send the current ETag (from reading it) in an If-Match header, so that a change made"
                            + " meanwhile by someone else is not overwritten."));
        }
        String tag = value.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            throw new ApiException(Problem.of(412, "precondition-failed", "Release has changed",
                    "If-Match " + value + " does not match the release's ETag."));
        }
    }
}
