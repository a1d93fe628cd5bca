package newsroom.service;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import newsroom.json.LightJson;

/**
 * The link-signing keys, by id, and which one signs new links. Stored as one JSON object, the
 * shape CloudFormation's generated secret gives: {@code {"current": "k1", "k1": "<secret>"}}. To
 * rotate, add a key ({@code "k2"}) and make it current; keep the old one until the longest-lived
 * link it signed (an unsubscribe link, two years) has expired.
 */
public final class KeyRing {
    public static final int MIN_SECRET_LENGTH = 32;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final String CURRENT = "current";

    /** One key: its id (written into each link it signs) and its secret. */
    public record Key(String id, byte[] secret) {
    }

    private final Map<String, Key> keys;
    private final Key current;

    private KeyRing(Map<String, Key> keys, String currentId) {
        this.keys = Map.copyOf(keys);
        this.current = keys.get(currentId);
        if (current == null) {
            throw new IllegalArgumentException("the current signing key \"" + currentId + "\" is not in the ring");
        }
    }

    /** A ring of one key: tests, and set-ups with no secret store. */
    public static KeyRing single(String id, String secret) {
        return new KeyRing(Map.of(id, key(id, secret)), id);
    }

    /** Reads the secret's JSON; a malformed ring is a configuration error, reported without the secret. */
    public static KeyRing parse(String json) {
        // jackson-core alone (LightJson): the mail sender's first email signs a link, and the
        // object mapping would cost it about 100 ms of its cold start.
        Map<String, Object> root;
        try {
            root = LightJson.textFields(json);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the signing key secret is not a JSON object");
        }
        if (!(root.get(CURRENT) instanceof String currentId)) {
            throw new IllegalArgumentException("the signing key secret needs a \"current\" key id");
        }
        Map<String, Key> keys = new LinkedHashMap<>();
        for (Map.Entry<String, Object> field : root.entrySet()) {
            if (field.getKey().equals(CURRENT)) {
                continue;
            }
            if (!(field.getValue() instanceof String secret)) {
                throw new IllegalArgumentException("signing key \"" + field.getKey() + "\" is not a string");
            }
            keys.put(field.getKey(), key(field.getKey(), secret));
        }
        return new KeyRing(keys, currentId);
    }

    private static Key key(String id, String secret) {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a signing key id is 1 to 32 letters, digits, '-' or '_'");
        }
        if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("signing key \"" + id + "\" must be at least "
                    + MIN_SECRET_LENGTH + " characters");
        }
        return new Key(id, secret.getBytes(StandardCharsets.UTF_8));
    }

    public Key current() {
        return current;
    }

    public Optional<Key> find(String id) {
        return Optional.ofNullable(keys.get(id));
    }
}
