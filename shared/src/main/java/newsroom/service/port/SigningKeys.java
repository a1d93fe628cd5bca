package newsroom.service.port;

import java.util.Optional;
import newsroom.service.KeyRing;

/**
 * Where the keys that sign email links come from (a secret in production). Links carry the id of
 * the key that signed them, so a new key can become current while links signed with an older one
 * keep working for as long as that key stays in the ring.
 */
public interface SigningKeys {

    /** The ring as it is now; an implementation may cache it and refresh it now and then. */
    KeyRing ring();

    /**
     * The key with this id, looking again at the source if the cached ring does not have it (another
     * instance may already sign with a key added since this one last looked).
     */
    default Optional<KeyRing.Key> find(String id) {
        return ring().find(id);
    }
}
