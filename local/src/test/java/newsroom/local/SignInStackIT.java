package newsroom.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import newsroom.aws.AwsClients;
import newsroom.domain.Scope;
import newsroom.local.emulator.Emulator;
import newsroom.local.support.SharedEmulator;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GroupType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;

/**
 * Deployed as AWS deploys it by default (no JwtIssuer), template.yaml makes the press office's
 * sign-in: a user pool with TOTP required and no self sign-up, one group per scope, the three
 * scopes on a resource server, a browser client for the desk (code flow, no secret), and the site
 * rebuilder is told to point the desk at that pool. Deployed beside nothing else, as a second
 * stack in the emulator. Needs: the AWS emulator.
 */
class SignInStackIT {

    @Test
    void withoutAnIssuerTheStackMakesTheUserPoolTheDeskSignsInWith() {
        Emulator emulator = SharedEmulator.fresh();
        try (LocalClients clients = LocalClients.forEndpoint(emulator.endpoint());
             CognitoIdentityProviderClient cognito = AwsClients.build(CognitoIdentityProviderClient.builder(),
                     clients.settings())) {
            Map<String, String> parameters = TemplateStack.localParameters();
            parameters.remove("JwtIssuer");
            parameters.remove("JwtAudience");
            TemplateStack.Deployed stack = TemplateStack.deploy(clients, "newsroom-signin", parameters);

            String poolId = stack.output("UserPoolId");
            UserPoolType pool = cognito.describeUserPool(d -> d.userPoolId(poolId)).userPool();
            assertEquals("ON", pool.mfaConfigurationAsString());
            assertTrue(pool.adminCreateUserConfig().allowAdminCreateUserOnly(), "invited people only");

            Set<String> groups = new HashSet<>();
            for (GroupType group : cognito.listGroups(l -> l.userPoolId(poolId)).groups()) {
                groups.add(group.groupName());
            }
            Set<String> expected = new HashSet<>();
            for (Scope scope : Scope.values()) {
                expected.add(scope.group());
            }
            assertEquals(expected, groups, "one group per scope, named as the API maps them");

            String clientId = stack.physicalId("DeskClient");
            UserPoolClientType client = cognito.describeUserPoolClient(d -> d.userPoolId(poolId).clientId(clientId))
                    .userPoolClient();
            assertEquals(List.of("code"), client.allowedOAuthFlowsAsStrings());
            assertTrue(client.clientSecret() == null || client.clientSecret().isEmpty(), "a browser app has no secret");
            assertTrue(client.allowedOAuthScopes().containsAll(List.of("newsroom/editor", "newsroom/publisher",
                    "newsroom/contacts")), client.allowedOAuthScopes().toString());
            assertEquals(List.of("http://localhost:8080/desk/"), client.callbackURLs());

            Map<String, String> rebuilder = clients.lambda().getFunctionConfiguration(g -> g.functionName(
                    stack.physicalId("SiteRebuilderFunction"))).environment().variables();
            assertEquals("https://cognito-idp." + LocalClients.REGION.id() + ".amazonaws.com/" + poolId,
                    rebuilder.get("DESK_ISSUER"));
            assertEquals(clientId, rebuilder.get("DESK_CLIENT_ID"));
            assertFalse(stack.output("SignInUrl").isEmpty());
            assertEquals("http://localhost:8080/desk/", stack.output("DeskUrl"));
        }
    }
}
