package newsroom.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import newsroom.aws.SecretsManagerSigningKeys;
import newsroom.local.support.MutableClock;
import newsroom.local.support.SharedEmulator;
import newsroom.json.Json;
import newsroom.local.emulator.Emulator;
import newsroom.service.KeyRing;
import newsroom.service.SignedTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The link-signing keys live in the stack's generated Secrets Manager secret, and a rotation
 * (a new key made current, the old one kept) reaches a running function without a deployment while
 * links it signed before keep working. Needs: the AWS emulator (started by the harness).
 */
class SigningKeysIT {
    private static Emulator emulator;
    private static LocalClients clients;
    private static TemplateStack.Deployed resources;

    @BeforeAll
    static void provision() {
        emulator = SharedEmulator.fresh();
        clients = LocalClients.forEndpoint(emulator.endpoint());
        resources = TemplateStack.deploy(clients, TemplateStack.localParameters());
    }

    @AfterAll
    static void close() {
        clients.close();
    }

    @Test
    void theStackGeneratesTheFirstKeyAndRotationKeepsOldLinksWorking() {
        String secretId = resources.tokenSigningSecret();
        String generated = clients.secrets().getSecretValue(r -> r.secretId(secretId)).secretString();
        KeyRing ring = KeyRing.parse(generated);
        assertEquals("k1", ring.current().id(), "the stack made the first key");

        MutableClock clock = new MutableClock(java.time.Instant.parse("2026-11-30T12:00:00Z"));
        var keys = new SecretsManagerSigningKeys(clients.secrets(), secretId, clock);
        SignedTokens tokens = new SignedTokens(keys, clock);
        String before = tokens.unsubscribe("contact-1");
        assertTrue(before.startsWith("k1."));

        // Rotate: a new current key, the old one kept.
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> rotated = Json.read(generated, java.util.Map.class);
        rotated.put("k2", "a-rotated-signing-key-of-well-over-32-characters");
        rotated.put("current", "k2");
        clients.secrets().putSecretValue(r -> r.secretId(secretId).secretString(Json.write(rotated)));
        try {
            // Another instance, already on the new key, signs a link: this one looks again at once.
            var other = new SignedTokens(new SecretsManagerSigningKeys(clients.secrets(), secretId, clock), clock);
            String fromOther = other.unsubscribe("contact-2");
            assertTrue(fromOther.startsWith("k2."));
            clock.advance(Duration.ofSeconds(31));
            assertEquals(Optional.of("contact-2"), tokens.verifyUnsubscribe(fromOther), "an unseen key is fetched");

            clock.advance(Duration.ofMinutes(6));
            assertTrue(tokens.unsubscribe("contact-3").startsWith("k2."), "new links use the new key");
            assertEquals(Optional.of("contact-1"), tokens.verifyUnsubscribe(before), "old links still work");
            assertFalse(tokens.verifyUnsubscribe("k7" + before.substring(2)).isPresent(), "an unknown key id");
        } finally {
            clients.secrets().putSecretValue(r -> r.secretId(secretId).secretString(generated));
        }
    }
}
