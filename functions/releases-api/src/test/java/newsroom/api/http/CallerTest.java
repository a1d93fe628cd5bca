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

    @Test
    void noAuthorizerContextIs401() {
        Problem problem = assertThrows(ApiException.class,
                () -> Caller.from(APIGatewayV2HTTPEvent.builder().build())).problem();
        assertEquals(401, problem.status());
    }
}
