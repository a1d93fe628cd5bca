package newsroom.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import newsroom.domain.ContactDraft;
import newsroom.domain.ContactChangedException;
import newsroom.domain.ContactNotFoundException;
import newsroom.domain.ContactRules;
import newsroom.domain.ContactStatus;
import newsroom.domain.FieldError;
import newsroom.domain.InvalidRequestException;
import newsroom.domain.MediaContact;
import newsroom.domain.Page;
import newsroom.domain.Timestamps;
import newsroom.service.port.ContactRepository;

/** The press office's media list: adding, changing, removing and listing contacts. */
public final class ContactService {
    private final ContactRepository contacts;
    private final ContactRules rules;
    private final Clock clock;

    public ContactService(ContactRepository contacts, ContactRules rules, Clock clock) {
        this.contacts = contacts;
        this.rules = rules;
        this.clock = clock;
    }

    public ContactRules rules() {
        return rules;
    }

    /**
     * @throws newsroom.domain.InvalidRequestException listing every field at fault
     * @throws newsroom.domain.EmailTakenException when the address is already on the list
     */
    public MediaContact create(ContactDraft draft) {
        return create(rules.check(draft));
    }

    public MediaContact create(ContactRules.Checked checked) {
        Instant now = Timestamps.truncate(clock.instant());
        MediaContact contact = new MediaContact(UUID.randomUUID().toString(), checked.email(), checked.name(),
                checked.outlet(), checked.role(), checked.topics(), checked.embargoAccess(), checked.status(),
                checked.consentSource(), now, now, 1, checked.frequency());
        contacts.create(contact);
        return contact;
    }

    public MediaContact get(String id) {
        return contacts.find(id).orElseThrow(() -> new ContactNotFoundException(id));
    }

    /**
     * Replaces a contact's details, if it is still at {@code expectedVersion}; consent is kept unless
     * a new source is given.
     *
     * @throws ContactChangedException when it changed since (an unsubscribe, a bounce, an edit)
     */
    public MediaContact update(String id, long expectedVersion, ContactDraft draft) {
        MediaContact previous = get(id);
        if (previous.version() != expectedVersion) {
            throw new ContactChangedException(id);
        }
        ContactRules.Checked checked = rules.check(draft);
        if (draft.status() == null) {
            // Left out: the contact keeps the status it has (an edit never re-activates anyone).
            checked = new ContactRules.Checked(checked.email(), checked.name(), checked.outlet(), checked.role(),
                    checked.topics(), checked.embargoAccess(), previous.status(), checked.consentSource(),
                    checked.frequency());
        } else if (previous.status() != ContactStatus.ACTIVE && checked.status() == ContactStatus.ACTIVE) {
            throw new InvalidRequestException(List.of(new FieldError("status", "cannot be set back to ACTIVE: "
                    + "the contact is " + previous.status() + "; only they can subscribe again")));
        }
        return update(previous, checked, draft.consentSource() != null);
    }

    public MediaContact update(MediaContact previous, ContactRules.Checked checked, boolean newConsent) {
        Instant now = Timestamps.truncate(clock.instant());
        MediaContact updated = previous.next(checked.email(), checked.name(), checked.outlet(),
                checked.role(), checked.topics(), checked.embargoAccess(), checked.status(),
                newConsent ? checked.consentSource() : previous.consentSource(),
                newConsent ? now : previous.consentAt());
        if (checked.frequency() != null) {
            updated = updated.withFrequency(checked.frequency());
        }
        contacts.update(previous, updated);
        return updated;
    }

    public void delete(String id) {
        contacts.delete(get(id));
    }

    public Page<MediaContact> list(int limit, String cursor) {
        return contacts.list(limit, cursor);
    }

    public void setStatus(String id, ContactStatus status) {
        contacts.setStatus(id, status);
    }
}
