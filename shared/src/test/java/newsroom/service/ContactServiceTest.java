package newsroom.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import newsroom.domain.ContactDraft;
import newsroom.domain.ContactChangedException;
import newsroom.domain.ContactNotFoundException;
import newsroom.domain.ContactRules;
import newsroom.domain.ContactStatus;
import newsroom.domain.EmailTakenException;
import newsroom.domain.InvalidRequestException;
import newsroom.domain.MediaContact;
import newsroom.domain.Page;
import newsroom.fakes.InMemoryContactRepository;
import newsroom.fakes.Samples;
import org.junit.jupiter.api.Test;

/** The media list, against the in-memory table. Pure. */
class ContactServiceTest {
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private final InMemoryContactRepository repository = new InMemoryContactRepository();
    private final ContactService contacts = new ContactService(repository, new ContactRules(Samples.CATEGORIES),
            Clock.fixed(NOW, ZoneOffset.UTC));

    private static ContactDraft draft(String email, String consent) {
        return new ContactDraft(email, "Ann Smith", "The Paper", "Crime reporter", List.of("Appeals"), true, null,
                consent);
    }

    @Test
    void aNewContactIsActiveWithItsAddressLowerCasedAndItsConsentRecorded() {
        MediaContact ann = contacts.create(draft("Ann@Paper.example", "signed form"));
        assertEquals("ann@paper.example", ann.email());
        assertEquals(ContactStatus.ACTIVE, ann.status());
        assertEquals(Set.of("Appeals"), ann.topics());
        assertEquals("signed form", ann.consentSource());
        assertEquals(NOW, ann.consentAt());
        assertEquals(ann, contacts.get(ann.id()));
    }

    @Test
    void anAddressIsOnTheListOnceWhateverItsCase() {
        contacts.create(draft("ann@paper.example", null));
        assertThrows(EmailTakenException.class, () -> contacts.create(draft("ANN@paper.example", null)));
        assertEquals(1, repository.all().size());
    }

    @Test
    void aContactThatBreaksTheRulesIsRefusedWithEveryField() {
        var e = assertThrows(InvalidRequestException.class, () -> contacts.create(
                new ContactDraft("not an address", "", null, null, List.of("Gardening"), false, null, null)));
        assertEquals(List.of("email", "name", "topics[0]"), e.errors().stream().map(f -> f.field()).toList());
        assertEquals(List.of(), repository.all());
    }

    @Test
    void anEditKeepsTheConsentUnlessANewSourceIsGiven() {
        MediaContact ann = contacts.create(draft("ann@paper.example", "signed form"));
        MediaContact edited = contacts.update(ann.id(), ann.version(), draft("ann@paper.example", null));
        assertEquals("signed form", edited.consentSource());
        assertEquals(ann.consentAt(), edited.consentAt());
        assertEquals(ann.createdAt(), edited.createdAt());
        assertEquals(ann.version() + 1, edited.version());

        MediaContact reconsented = contacts.update(ann.id(), edited.version(), draft("ann@paper.example", "phone call"));
        assertEquals("phone call", reconsented.consentSource());
    }

    @Test
    void anUnknownContactIsNotFound() {
        assertThrows(ContactNotFoundException.class, () -> contacts.get("nobody"));
        assertThrows(ContactNotFoundException.class, () -> contacts.update("nobody", 1, draft("x@y.example", null)));
        assertThrows(ContactNotFoundException.class, () -> contacts.delete("nobody"));
    }

    @Test
    void theListComesByAddressAPageAtATime() {
        for (String who : List.of("cat", "ann", "bob")) {
            contacts.create(draft(who + "@paper.example", null));
        }
        Page<MediaContact> first = contacts.list(2, null);
        assertEquals(List.of("ann@paper.example", "bob@paper.example"),
                first.items().stream().map(MediaContact::email).toList());
        Page<MediaContact> second = contacts.list(2, first.nextCursor());
        assertEquals(List.of("cat@paper.example"), second.items().stream().map(MediaContact::email).toList());
        assertNull(second.nextCursor());
    }

    @Test
    void anEditNeverReactivatesAContactWhoUnsubscribedOrBounced() {
        MediaContact ann = contacts.create(draft("ann@paper.example", "signed form"));
        repository.setStatus(ann.id(), ContactStatus.UNSUBSCRIBED);

        // The edit was based on the version before the unsubscribe: refused, nothing undone.
        assertThrows(ContactChangedException.class, () -> contacts.update(ann.id(), ann.version(),
                draft("ann@paper.example", null)));
        assertEquals(ContactStatus.UNSUBSCRIBED, contacts.get(ann.id()).status());

        MediaContact current = contacts.get(ann.id());
        MediaContact edited = contacts.update(ann.id(), current.version(), draft("ann@paper.example", null));
        assertEquals(ContactStatus.UNSUBSCRIBED, edited.status(), "a PUT without status keeps the status");

        ContactDraft reactivate = new ContactDraft("ann@paper.example", "Ann Smith", "The Paper", null,
                List.of("Appeals"), true, "ACTIVE", null);
        var refused = assertThrows(InvalidRequestException.class,
                () -> contacts.update(ann.id(), edited.version(), reactivate));
        assertEquals("status", refused.errors().get(0).field());
        assertEquals(ContactStatus.UNSUBSCRIBED, contacts.get(ann.id()).status());
    }
}
