package newsroom.service;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import newsroom.json.Json;
import newsroom.json.LightJson;
import newsroom.service.port.SigningKeys;

/**
 * Signed tokens for the links in emails: confirming a subscription (expires after two days) and
 * unsubscribing (valid for two years, as old emails stay in inboxes). HMAC-SHA256 with the current
 * key of the {@link KeyRing}; each token starts with that key's id ({@code kid.payload.mac}), so
 * after a rotation the links signed with an older key verify for as long as that key is kept. A
 * token that was forged, altered, expired, made for another purpose or signed with a key no longer
 * in the ring is refused.
 */
public final class SignedTokens {
    public static final Duration CONFIRMATION_LIFETIME = Duration.ofDays(2);
    public static final Duration UNSUBSCRIBE_LIFETIME = Duration.ofDays(730);
    static final String CONFIRM = "confirm";
    static final String UNSUBSCRIBE = "unsubscribe";
    static final String ADVANCE_COPY = "advance";
    /** An advance-copy link outlives any embargo; once the release is public it only redirects. */
    public static final Duration ADVANCE_COPY_LIFETIME = Duration.ofDays(400);
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** What a valid subscription confirmation token says. */
    public record Confirmation(String email, String name, List<String> topics, String frequency) {
    }

    private final SigningKeys keys;
    private final Clock clock;

    public SignedTokens(SigningKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /** With one fixed key (tests, tools). */
    public SignedTokens(String secret, Clock clock) {
        this(fixed(KeyRing.single("k1", secret)), clock);
    }

    private static SigningKeys fixed(KeyRing ring) {
        return () -> ring;
    }

    public String unsubscribe(String contactId) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("c", contactId);
        return sign(UNSUBSCRIBE, claims, UNSUBSCRIBE_LIFETIME);
    }

    public Optional<String> verifyUnsubscribe(String token) {
        return verify(UNSUBSCRIBE, token).map(c -> (String) c.get("c"));
    }

    /** The link in one journalist's advance copy of one release. */
    public record AdvanceCopy(String releaseId, String contactId) {
    }

    public String advanceCopy(String releaseId, String contactId) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("r", releaseId);
        claims.put("c", contactId);
        return sign(ADVANCE_COPY, claims, ADVANCE_COPY_LIFETIME);
    }

    public Optional<AdvanceCopy> verifyAdvanceCopy(String token) {
        return verify(ADVANCE_COPY, token).map(c -> new AdvanceCopy((String) c.get("r"), (String) c.get("c")));
    }

    public String confirmation(String email, String name, List<String> topics) {
        return confirmation(email, name, topics, null);
    }

    /** The same, with how often they asked to hear from us (null: each release). */
    public String confirmation(String email, String name, List<String> topics, String frequency) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("e", email);
        claims.put("n", name);
        claims.put("t", topics);
        if (frequency != null) {
            claims.put("f", frequency);
        }
        return sign(CONFIRM, claims, CONFIRMATION_LIFETIME);
    }

    @SuppressWarnings("unchecked")
    public Optional<Confirmation> verifyConfirmation(String token) {
        return verify(CONFIRM, token).map(c -> new Confirmation((String) c.get("e"), (String) c.get("n"),
                (List<String>) c.get("t"), (String) c.get("f")));
    }

    private String sign(String purpose, Map<String, Object> claims, Duration lifetime) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("p", purpose);
        payload.putAll(claims);
        payload.put("x", clock.instant().plus(lifetime).getEpochSecond());
        KeyRing.Key key = keys.ring().current();
        // Written with jackson-core alone: the mail sender's first email signs a link (see LightJson).
        String signed = key.id() + "." + ENCODER.encodeToString(LightJson.plain(payload).getBytes(StandardCharsets.UTF_8));
        return signed + "." + ENCODER.encodeToString(mac(key, signed));
    }

    @SuppressWarnings("unchecked")
    private Optional<Map<String, Object>> verify(String purpose, String token) {
        if (token == null) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
            return Optional.empty();
        }
        Optional<KeyRing.Key> key = keys.find(parts[0]);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (!MessageDigest.isEqual(mac(key.get(), parts[0] + "." + parts[1]), DECODER.decode(parts[2]))) {
                return Optional.empty();
            }
            Map<String, Object> payload = Json.read(new String(DECODER.decode(parts[1]), StandardCharsets.UTF_8),
                    Map.class);
            Object expiry = payload.get("x");
            if (!purpose.equals(payload.get("p")) || !(expiry instanceof Number n)
                    || Instant.ofEpochSecond(n.longValue()).isBefore(clock.instant())) {
                return Optional.empty();
            }
            return Optional.of(payload);
        } catch (IllegalArgumentException | ClassCastException e) {
            return Optional.empty();
        }
    }

    private static byte[] mac(KeyRing.Key key, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.secret(), "HmacSHA256"));
            return mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
