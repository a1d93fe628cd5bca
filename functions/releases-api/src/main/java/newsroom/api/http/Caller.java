package newsroom.api.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import newsroom.domain.Scope;

/**
 * Who is calling, as the HTTP API's JWT authorizer put it in the request context: the token's
 * subject and its scopes. The authorizer has already checked the signature, issuer, audience and
 * expiry; a request without a context never passed it.
 */
record Caller(String subject, Set<Scope> scopes) {

    static Caller from(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        var authorizer = context == null ? null : context.getAuthorizer();
        var jwt = authorizer == null ? null : authorizer.getJwt();
        if (jwt == null || jwt.getClaims() == null || jwt.getClaims().get("sub") == null) {
            throw new ApiException(Problem.of(401, "unauthenticated", "Not signed in",
                    "A bearer token is required."));
        }
        Map<String, String> claims = jwt.getClaims();
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        List<String> listed = jwt.getScopes();
        if (listed != null) {
            listed.forEach(s -> Scope.fromValue(s).ifPresent(scopes::add));
        }
        String scopeClaim = claims.get("scope");
        if (scopeClaim != null) {
            Arrays.stream(scopeClaim.split(" ")).forEach(s -> Scope.fromValue(s).ifPresent(scopes::add));
        }
        String username = claims.get("username");
        if (username != null && !username.isBlank()) {
            // A person signed in through the user pool: the desk asks for every scope, and the
            // person holds exactly those of their groups (none when in no group).
            scopes.retainAll(groupScopes(claims.get("cognito:groups")));
            return new Caller(username, scopes);
        }
        return new Caller(claims.get("sub"), scopes);
    }

    /**
     * The scopes of the groups in a {@code cognito:groups} claim, which the HTTP API hands on as
     * text ({@code [editors publishers]}), or as a JSON array in other hands.
     */
    static Set<Scope> groupScopes(String groupsClaim) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        if (groupsClaim == null) {
            return scopes;
        }
        for (String group : groupsClaim.replaceAll("[\\[\\]\"]", " ").split("[\\s,]+")) {
            Scope.fromGroup(group).ifPresent(scopes::add);
        }
        return scopes;
    }

    boolean has(Scope scope) {
        return scopes.contains(scope);
    }

    /** Passes when the caller holds any one of the scopes; otherwise a 403 naming them. */
    void requireAny(Scope... allowed) {
        for (Scope scope : allowed) {
            if (scopes.contains(scope)) {
                return;
            }
        }
        throw new ApiException(Problem.of(403, "insufficient-scope", "Not allowed",
                "This needs a token with scope " + String.join(" or ",
                        Arrays.stream(allowed).map(Scope::value).toList()) + "."));
    }
}
