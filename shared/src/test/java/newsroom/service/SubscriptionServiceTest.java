package newsroom.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import newsroom.domain.ContactRules;
import newsroom.domain.ContactStatus;
import newsroom.domain.InvalidRequestException;
import newsroom.domain.MediaContact;
import newsroom.fakes.InMemoryConfirmationCooldown;
import newsroom.fakes.InMemoryContactRepository;
import newsroom.fakes.RecordingMailer;
import newsroom.fakes.Samples;
import newsroom.fakes.TestClock;
import newsroom.render.Email;
import newsroom.render.MailComposer;
import org.junit.jupiter.api.Test;

/** Double opt-in and unsubscribing, against the in-memory table and a recording mailer. Pure. */
class SubscriptionServiceTest {
    private static final String KEY = "a-signing-key-of-at-least-32-characters";
    private final TestClock clock = new TestClock(Instant.parse("2026-11-29T12:00:00Z"));
    private final InMemoryContactRepository repository = new InMemoryContactRepository();
    private final RecordingMailer mailer = new RecordingMailer();
    private final SignedTokens tokens = new SignedTokens(KEY, clock);
    private final SubscriptionService subscriptions = new SubscriptionService(
            new ContactService(repository, new ContactRules(Samples.CATEGORIES), clock), repository, tokens, mailer,
            new MailComposer("Example Police", ZoneId.of("Europe/London")), "https://api.example/",
            new InMemoryConfirmationCooldown(), clock);

    private String confirmationToken() {
        Email email = mailer.sent().get(mailer.sent().size() - 1);
        String marker = "https://api.example/subscriptions/confirm?token=";
        int at = email.text().indexOf(marker);
        assertTrue(at >= 0, "the email carries the confirmation link: " + email.text());
        return email.text().substring(at + marker.length()).split("\\s")[0];
    }

    @Test
    void subscribingEmailsAConfirmationLinkAndAddsNobodyUntilItIsFollowed() {
        subscriptions.subscribe("Reader@Example.org", "A Reader", List.of("Appeals"));
        assertEquals(1, mailer.sentTo("reader@example.org").size());
        assertEquals(List.of(), repository.all());

        String token = confirmationToken();
        assertTrue(subscriptions.isValidConfirmation(token));
        assertTrue(subscriptions.confirm(token));
        MediaContact reader = repository.findByEmail("reader@example.org").orElseThrow();
        assertEquals(ContactStatus.ACTIVE, reader.status());
        assertEquals(Set.of("Appeals"), reader.topics());
        assertEquals(SubscriptionService.DOUBLE_OPT_IN, reader.consentSource());
    }

    @Test
    void confirmingAsAContactAlreadyListedAddsTheTopicsAndKeepsTheirDetails() {
        MediaContact ann = Samples.contact("c1", "ann@paper.example", Set.of("Court Results"), true,
                ContactStatus.UNSUBSCRIBED);
        repository.create(ann);
        subscriptions.subscribe("ann@paper.example", "Someone Else", List.of("Appeals"));
        assertTrue(subscriptions.confirm(confirmationToken()));
        MediaContact after = repository.find("c1").orElseThrow();
        assertEquals(Set.of("Court Results", "Appeals"), after.topics());
        assertEquals(ann.name(), after.name());
        assertTrue(after.embargoAccess());
        assertEquals(ContactStatus.ACTIVE, after.status(), "they asked again, by following the link");
    }

    @Test
    void aBadRequestSendsNothing() {
        assertThrows(InvalidRequestException.class, () -> subscriptions.subscribe("nope", "X", List.of("Appeals")));
        assertThrows(InvalidRequestException.class,
                () -> subscriptions.subscribe("x@example.org", "X", List.of("Gardening")));
        assertEquals(List.of(), mailer.sent());
    }

    @Test
    void aForgedOrAlteredLinkDoesNothing() {
        subscriptions.subscribe("reader@example.org", "A Reader", List.of("Appeals"));
        String token = confirmationToken();
        String altered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
        assertFalse(subscriptions.isValidConfirmation(altered));
        assertFalse(subscriptions.confirm(altered));
        assertFalse(subscriptions.confirm(null));
        assertFalse(subscriptions.unsubscribe(token), "a confirmation link is not an unsubscribe link");
        assertEquals(List.of(), repository.all());
    }

    @Test
    void anUnsubscribeLinkStopsAllEmailAndWorksEvenAfterTheContactWasDeleted() {
        MediaContact ann = Samples.contact("c1", "ann@paper.example", Set.of("*"), false, ContactStatus.ACTIVE);
        repository.create(ann);
        String token = tokens.unsubscribe(ann.id());
        assertTrue(subscriptions.isValidUnsubscribe(token));
        assertTrue(subscriptions.unsubscribe(token));
        assertEquals(ContactStatus.UNSUBSCRIBED, repository.find("c1").orElseThrow().status());

        repository.delete(repository.find("c1").orElseThrow());
        assertTrue(subscriptions.unsubscribe(token));
    }

    @Test
    void oneConfirmationAnAddressPerCooldownHoweverOftenItIsAskedFor() {
        for (int i = 0; i < 5; i++) {
            subscriptions.subscribe("victim@example.org", "Anyone", List.of("Appeals"));
        }
        assertEquals(1, mailer.sentTo("victim@example.org").size());
        subscriptions.subscribe("VICTIM@example.org", "Anyone", List.of("Appeals"));
        assertEquals(1, mailer.sentTo("victim@example.org").size(), "whatever the case of the address");

        clock.advance(SubscriptionService.COOLDOWN.plusSeconds(1));
        subscriptions.subscribe("victim@example.org", "Anyone", List.of("Appeals"));
        assertEquals(2, mailer.sentTo("victim@example.org").size());
    }

    @Test
    void theConfirmationCarriesNothingTheAskerWrote() {
        subscriptions.subscribe("victim@example.org", "Visit https://evil.example now", List.of("Appeals"));
        Email email = mailer.sentTo("victim@example.org").get(0);
        assertFalse(email.text().contains("evil.example") || email.html().contains("evil.example"));
        assertFalse(email.subject().contains("Visit"));
    }
}
