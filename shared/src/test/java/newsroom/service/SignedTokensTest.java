package newsroom.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Signed links: good ones verify; forged, altered, expired or misused ones do not. Pure. */
class SignedTokensTest {
    private static final String KEY = "test-signing-key-of-at-least-32-characters";
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private final SignedTokens tokens = new SignedTokens(KEY, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aTokenVerifiesForItsOwnPurposeOnly() {
        String unsubscribe = tokens.unsubscribe("contact-1");
        assertEquals(Optional.of("contact-1"), tokens.verifyUnsubscribe(unsubscribe));
        assertTrue(tokens.verifyConfirmation(unsubscribe).isEmpty());
        String confirm = tokens.confirmation("a@b.example", "A", List.of("Appeals"));
        assertEquals(new SignedTokens.Confirmation("a@b.example", "A", List.of("Appeals"), null),
                tokens.verifyConfirmation(confirm).orElseThrow());
        assertTrue(tokens.verifyUnsubscribe(confirm).isEmpty());
    }

    @Test
    void forgedOrAlteredTokensAreRefused() {
        String token = tokens.unsubscribe("contact-1");
        String otherKey = new SignedTokens("another-signing-key-of-32-characters!!", Clock.fixed(NOW, ZoneOffset.UTC))
                .unsubscribe("contact-1");
        assertTrue(tokens.verifyUnsubscribe(otherKey).isEmpty(), "signed with another key");
        String payload = token.substring(0, token.indexOf('.', 3));
        String forgedPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"p\":\"unsubscribe\",\"c\":\"contact-2\",\"x\":9999999999}".getBytes());
        assertTrue(tokens.verifyUnsubscribe("k1." + forgedPayload + token.substring(payload.length())).isEmpty(),
                "altered");
        for (String junk : new String[] {null, "", ".", "abc", "abc.", ".abc", "a.b.c", "%%%.%%%"}) {
            assertTrue(tokens.verifyUnsubscribe(junk).isEmpty(), String.valueOf(junk));
        }
    }

    @Test
    void confirmationLinksExpire() {
        String confirm = tokens.confirmation("a@b.example", "A", List.of("*"));
        SignedTokens later = new SignedTokens(KEY, Clock.fixed(NOW.plus(Duration.ofDays(3)), ZoneOffset.UTC));
        assertTrue(later.verifyConfirmation(confirm).isEmpty());
    }

    @Test
    void aShortKeyIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SignedTokens("short", Clock.systemUTC()));
    }
}
