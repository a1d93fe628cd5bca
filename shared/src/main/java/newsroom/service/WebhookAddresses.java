package newsroom.service;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import newsroom.domain.FieldError;
import newsroom.domain.InvalidRequestException;
import newsroom.service.port.WebhookTransport;

/**
 * The guard against server-side request forgery: a webhook goes only to https on a public
 * address. Loopback, private, link-local (the instance metadata service), carrier-grade NAT,
 * documentation, multicast and reserved ranges are refused, for every address the name resolves
 * to, at registration and again at every delivery (a name can be pointed elsewhere later). The
 * local runtime alone may allow loopback (plain http to localhost), for its tests.
 */
public final class WebhookAddresses {
    private static final int MAX_URL = 2000;

    /** Resolves a host name (the system's resolver; a test's own). */
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final Resolver resolver;
    private final boolean allowLoopback;

    public WebhookAddresses(Resolver resolver, boolean allowLoopback) {
        this.resolver = resolver;
        this.allowLoopback = allowLoopback;
    }

    public static WebhookAddresses system(boolean allowLoopback) {
        return new WebhookAddresses(InetAddress::getAllByName, allowLoopback);
    }

    /**
     * Checks a URL as the press office registers it.
     *
     * @throws InvalidRequestException (field {@code url}) saying what is wrong with it
     */
    public URI checkRegistration(String url) {
        if (url == null || url.isBlank()) {
            throw invalid("is required: the https URL to POST events to");
        }
        if (url.length() > MAX_URL) {
            throw invalid("must be at most " + MAX_URL + " characters");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw invalid("is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw invalid("must be an absolute URL with a host, and no user name, password or fragment");
        }
        try {
            List<InetAddress> addresses = resolve(uri.getHost());
            boolean loopback = addresses.stream().allMatch(InetAddress::isLoopbackAddress);
            if (!scheme.equals("https") && !(allowLoopback && loopback && scheme.equals("http"))) {
                throw invalid("must be https");
            }
        } catch (UnknownHostException e) {
            throw invalid("names a host that does not resolve");
        } catch (WebhookTransport.Refused e) {
            throw invalid(e.getMessage());
        }
        return uri;
    }

    private static InvalidRequestException invalid(String message) {
        return new InvalidRequestException(List.of(new FieldError("url", message)));
    }

    /**
     * The host's addresses, every one of them allowed; a delivery connects only to these.
     *
     * @throws WebhookTransport.Refused when any address is not public
     */
    public List<InetAddress> resolve(String host) throws UnknownHostException, WebhookTransport.Refused {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] found = resolver.resolve(bare);
        if (found == null || found.length == 0) {
            throw new UnknownHostException(bare);
        }
        for (InetAddress address : found) {
            if (!allowed(address)) {
                throw new WebhookTransport.Refused("resolves to " + address.getHostAddress()
                        + ", which is not a public address");
            }
        }
        return List.of(found);
    }

    private boolean allowed(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return allowLoopback;
        }
        return isPublic(address);
    }

    /** Whether an address is on the public internet. */
    public static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return isPublicV4(b);
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {
                return false; // fc00::/7, unique local
            }
            if (first == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
                return false; // 2001:db8::/32, documentation
            }
            boolean mapped = true; // ::ffff:a.b.c.d and 64:ff9b::a.b.c.d carry an IPv4 address
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                return isPublicV4(new byte[] {b[12], b[13], b[14], b[15]});
            }
            if ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
                return isPublicV4(new byte[] {b[12], b[13], b[14], b[15]});
            }
            boolean zeroPrefix = true; // ::/96 (deprecated IPv4-compatible) and ::
            for (int i = 0; i < 12; i++) {
                zeroPrefix &= b[i] == 0;
            }
            return !zeroPrefix;
        }
        return false;
    }

    private static boolean isPublicV4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        return !(a0 == 0 || a0 == 10 || a0 == 127 || a0 >= 224
                || (a0 == 100 && a1 >= 64 && a1 <= 127)      // carrier-grade NAT
                || (a0 == 169 && a1 == 254)                  // link-local, instance metadata
                || (a0 == 172 && a1 >= 16 && a1 <= 31)
                || (a0 == 192 && a1 == 168)
                || (a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2))
                || (a0 == 198 && (a1 == 18 || a1 == 19))     // benchmarking
                || (a0 == 198 && a1 == 51 && a2 == 100)
                || (a0 == 203 && a1 == 0 && a2 == 113));
    }
}
