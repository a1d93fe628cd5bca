package newsroom.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The link-signing key ring: its stored shape, and links that survive a rotation. Pure. */
class KeyRingTest {
    private static final String K1 = "first-signing-key-of-at-least-32-characters";
    private static final String K2 = "second-signing-key-of-at-least-32-characters";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void readsTheShapeCloudFormationGenerates() {
        KeyRing ring = KeyRing.parse("{\"current\":\"k2\",\"k1\":\"" + K1 + "\",\"k2\":\"" + K2 + "\"}");
        assertEquals("k2", ring.current().id());
        assertTrue(ring.find("k1").isPresent());
        assertFalse(ring.find("k3").isPresent());
    }

    @Test
    void aMalformedRingIsRefusedWithoutShowingTheSecret() {
        for (String bad : new String[] {"", "null", "[]", "{\"k1\":\"" + K1 + "\"}",
                "{\"current\":\"k2\",\"k1\":\"" + K1 + "\"}", "{\"current\":\"k1\",\"k1\":\"short\"}",
                "{\"current\":\"k1\",\"k1\":42}", "{\"current\":\"a.b\",\"a.b\":\"" + K1 + "\"}",
                "{\"current\":\"k1\",\"k1\":\"" + K1 + "\",\"k1\":\"" + K1 + "\"}",
                "{\"current\":\"k1\",\"k1\":\"" + K1 + "\"} {}", "{\"current\":\"k1\",\"k1\":{\"v\":\"" + K1 + "\"}}",
                "{\"current\":7,\"k1\":\"" + K1 + "\"}", "{\"current\":\"k1\",\"k1\":\"" + K1 + "\""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KeyRing.parse(bad), bad);
            assertFalse(e.getMessage().contains(K1), "the secret stays out of the message");
        }
    }

    @Test
    void linksSignedBeforeARotationKeepWorkingUntilTheirKeyIsRetired() {
        AtomicReference<KeyRing> stored = new AtomicReference<>(KeyRing.parse(
                "{\"current\":\"k1\",\"k1\":\"" + K1 + "\"}"));
        SignedTokens tokens = new SignedTokens(stored::get, CLOCK);
        String before = tokens.unsubscribe("contact-1");
        assertTrue(before.startsWith("k1."), "the link names its key");

        stored.set(KeyRing.parse("{\"current\":\"k2\",\"k1\":\"" + K1 + "\",\"k2\":\"" + K2 + "\"}"));
        String after = tokens.unsubscribe("contact-1");
        assertTrue(after.startsWith("k2."), "new links use the new key");
        assertEquals(Optional.of("contact-1"), tokens.verifyUnsubscribe(before), "old link still works");
        assertEquals(Optional.of("contact-1"), tokens.verifyUnsubscribe(after));

        stored.set(KeyRing.parse("{\"current\":\"k2\",\"k2\":\"" + K2 + "\"}"));
        assertEquals(Optional.empty(), tokens.verifyUnsubscribe(before), "a retired key's links stop working");
        assertEquals(Optional.of("contact-1"), tokens.verifyUnsubscribe(after));
    }

    @Test
    void aLinkCannotChooseAnotherKeyOrCarryAnUnknownOne() {
        SignedTokens tokens = new SignedTokens(() -> KeyRing.parse(
                "{\"current\":\"k1\",\"k1\":\"" + K1 + "\",\"k2\":\"" + K2 + "\"}"), CLOCK);
        String link = tokens.unsubscribe("contact-1");
        String rest = link.substring(link.indexOf('.'));
        assertEquals(Optional.empty(), tokens.verifyUnsubscribe("k2" + rest), "key id swapped");
        assertEquals(Optional.empty(), tokens.verifyUnsubscribe("k9" + rest), "unknown key id");
        assertEquals(Optional.empty(), tokens.verifyUnsubscribe(rest.substring(1)), "no key id");
    }

    @Test
    void confirmationLinksStillExpire() {
        SignedTokens tokens = new SignedTokens(K1, CLOCK);
        String link = tokens.confirmation("a@b.example", "", java.util.List.of("*"));
        SignedTokens later = new SignedTokens(K1, Clock.offset(CLOCK, Duration.ofDays(3)));
        assertTrue(later.verifyConfirmation(link).isEmpty());
    }
}
