package newsroom.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import newsroom.domain.InvalidRequestException;
import newsroom.service.port.WebhookTransport;
import org.junit.jupiter.api.Test;

class WebhookAddressesTest {

    private static InetAddress ip(String literal) throws java.net.UnknownHostException {
        return InetAddress.getByName(literal);
    }

    @Test
    void onlyPublicAddressesArePublic() throws Exception {
        for (String notPublic : List.of("127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
                "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "192.0.2.10",
                "198.18.0.1", "203.0.113.5", "::1", "fe80::1", "fc00::1", "fd12:3456::1", "2001:db8::1",
                "::ffff:10.0.0.1", "64:ff9b::a00:1", "::")) {
            assertFalse(WebhookAddresses.isPublic(ip(notPublic)), notPublic);
        }
        for (String isPublic : List.of("93.184.216.34", "8.8.8.8", "172.32.0.1", "2606:4700::1111", "::ffff:8.8.8.8")) {
            assertTrue(WebhookAddresses.isPublic(ip(isPublic)), isPublic);
        }
    }

    @Test
    void aRegistrationMustBeHttpsToAPublicAddressWithoutCredentials() throws Exception {
        WebhookAddresses addresses = new WebhookAddresses(host -> new InetAddress[] {ip(host.equals("hooks.example")
                ? "93.184.216.34" : host.equals("internal.example") ? "10.0.0.7" : host)}, false);
        assertEquals("https://hooks.example/newsroom", addresses.checkRegistration("https://hooks.example/newsroom")
                .toString());
        assertRefused(addresses, "http://hooks.example/newsroom", "must be https");
        assertRefused(addresses, "https://internal.example/hook", "10.0.0.7, which is not a public address");
        assertRefused(addresses, "https://169.254.169.254/latest/meta-data", "not a public address");
        assertRefused(addresses, "https://127.0.0.1:8443/hook", "not a public address");
        assertRefused(addresses, "https://user:secret@hooks.example/", "no user name");
        assertRefused(addresses, "not a url", "");
        assertRefused(addresses, "https://hooks.example/" + "x".repeat(3000), "at most");
        assertRefused(addresses, null, "required");
    }

    @Test
    void loopbackOverHttpOnlyWhenTheLocalRuntimeAllowsIt() throws Exception {
        WebhookAddresses local = new WebhookAddresses(host -> new InetAddress[] {ip("127.0.0.1")}, true);
        assertEquals("http://localhost:8080/hook", local.checkRegistration("http://localhost:8080/hook").toString());
        WebhookAddresses deployed = new WebhookAddresses(host -> new InetAddress[] {ip("127.0.0.1")}, false);
        assertRefused(deployed, "https://localhost/hook", "not a public address");
    }

    @Test
    void aNameRePointedAfterRegistrationIsRefusedAtDelivery() throws Exception {
        AtomicReference<String> answer = new AtomicReference<>("93.184.216.34");
        WebhookAddresses addresses = new WebhookAddresses(host -> new InetAddress[] {ip(answer.get())}, false);
        addresses.checkRegistration("https://hooks.example/newsroom");
        answer.set("169.254.169.254");
        WebhookTransport.Refused refused = assertThrows(WebhookTransport.Refused.class,
                () -> addresses.resolve("hooks.example"));
        assertTrue(refused.getMessage().contains("169.254.169.254"));
    }

    private static void assertRefused(WebhookAddresses addresses, String url, String why) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> addresses.checkRegistration(url));
        assertEquals("url", e.errors().get(0).field());
        assertTrue(e.errors().get(0).message().contains(why), e.errors().get(0).message());
    }
}
