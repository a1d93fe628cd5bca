package newsroom.local;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

/**
 * Who may talk to the local servers: only this machine, by name. A page on another site could
 * otherwise reach them through the browser (DNS rebinding: its own name resolving to 127.0.0.1),
 * so a request whose Host is not localhost, 127.0.0.1 or [::1] at our port is refused. The
 * runtime's own pages under /_local/ (the mail sent, the rebuild) also need this run's key, or a
 * dev token: they show embargoed advance copies and working unsubscribe links.
 */
final class LocalOrigin {
    private static final Set<String> LOCAL_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");

    private final String key;

    LocalOrigin() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        this.key = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** This run's key for the /_local/ pages, printed at start. */
    String key() {
        return key;
    }

    /** Whether the request names this machine at this port in its Host header. */
    static boolean isLocalHost(LocalHttp.Exchange exchange, int port) {
        String host = exchange.header("Host");
        if (host == null) {
            return false;
        }
        String value = host.strip().toLowerCase(Locale.ROOT);
        int colon = value.lastIndexOf(':');
        if (colon < 0 || value.endsWith("]")) {
            return false;
        }
        return LOCAL_NAMES.contains(value.substring(0, colon)) && value.substring(colon + 1).equals(Integer.toString(port));
    }

    /** Whether the query carries this run's key ({@code key=...}). */
    boolean hasKey(LocalHttp.Exchange exchange) {
        String query = exchange.rawQuery();
        if (query == null) {
            return false;
        }
        for (String pair : query.split("&")) {
            if (pair.equals("key=" + key)) {
                return true;
            }
        }
        return false;
    }
}
