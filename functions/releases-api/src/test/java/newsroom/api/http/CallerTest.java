package newsroom.api.http;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.List;
import java.util.Map;
import java.util.Set;
import newsroom.domain.Scope;
import org.junit.jupiter.api.Test;

/** The caller as the JWT authorizer describes it. Pure. */
class CallerTest {

    private static APIGatewayV2HTTPEvent withJwt(Map<String, String> claims, List<String> scopes) {
        return APIGatewayV2HTTPEvent.builder().withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                        .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                                .withClaims(claims).withScopes(scopes).build())
                        .build())
                .build()).build();
    }

    @Test
    void scopesComeFromTheScopeClaimWhenTheAuthorizerListsNone() {
        Caller caller = Caller.from(withJwt(Map.of("sub", "jo", "scope", "newsroom/editor other/scope"), null));
        assertEquals("jo", caller.subject());
        assertEquals(Set.of(Scope.EDITOR), caller.scopes());
        assertDoesNotThrow(() -> caller.requireAny(Scope.EDITOR, Scope.PUBLISHER));
        Problem problem = assertThrows(ApiException.class, () -> caller.requireAny(Scope.PUBLISHER)).problem();
        assertEquals(403, problem.status());
        assertEquals("/problems/insufficient-scope", problem.type());
    }

    /** A person from the user pool holds exactly their groups' scopes, whatever the token asked for. */
    @Test
    void aSignedInPersonHoldsTheScopesOfTheirGroups() {
        String all = "openid newsroom/editor newsroom/publisher newsroom/contacts";
        Caller editor = Caller.from(withJwt(Map.of("sub", "3f0a", "username", "jo.bloggs", "scope", all,
                "cognito:groups", "[editors]"), null));
        assertEquals("jo.bloggs", editor.subject());
        assertEquals(Set.of(Scope.EDITOR), editor.scopes());
        assertEquals(Set.of(Scope.PUBLISHER, Scope.CONTACTS), Caller.from(withJwt(Map.of("sub", "9c1d",
                "username", "sam", "scope", all, "cognito:groups", "[publishers contact-managers]"), null)).scopes());
        assertEquals(Set.of(Scope.PUBLISHER), Caller.from(withJwt(Map.of("sub", "9c1d", "username", "sam",
                "scope", all, "cognito:groups", "[\"publishers\", \"admins\"]"), null)).scopes());
        assertEquals(Set.of(), Caller.from(withJwt(Map.of("sub", "77aa", "username", "new.starter", "scope", all),
                null)).scopes(), "in no group: no scope");
        assertEquals(Set.of(Scope.EDITOR), Caller.from(withJwt(Map.of("sub", "x", "username", "kim",
                "scope", "openid newsroom/editor", "cognito:groups", "[editors publishers]"), null)).scopes(),
                "never more than the token carries");
    }

    @Test
    void noAuthorizerContextIs401() {
        Problem problem = assertThrows(ApiException.class,
                () -> Caller.from(APIGatewayV2HTTPEvent.builder().build())).problem();
        assertEquals(401, problem.status());
    }
}
