package newsroom.service;

import java.time.Clock;
import java.util.UUID;
import newsroom.domain.ContactDraft;
import newsroom.domain.ContactRules;
import newsroom.domain.ContactStatus;
import newsroom.domain.MediaContact;
import newsroom.store.ContactRepository;
import newsroom.store.Table;

/** Adding media contacts. */
public final class ContactService {
    private final ContactRepository contacts;
    private final ContactRules rules;
    private final Clock clock;

    public ContactService(ContactRepository contacts, ContactRules rules, Clock clock) {
        this.contacts = contacts;
        this.rules = rules;
        this.clock = clock;
    }

    /**
     * @throws newsroom.domain.InvalidRequestException listing every field at fault
     * @throws newsroom.store.EmailTakenException when the address is already on the list
     */
    public MediaContact create(ContactDraft draft) {
        ContactRules.Checked checked = rules.check(draft);
        MediaContact contact = new MediaContact(UUID.randomUUID().toString(), checked.email(), checked.name(),
                checked.outlet(), checked.topics(), checked.embargoAccess(), ContactStatus.ACTIVE,
                Table.truncate(clock.instant()));
        contacts.create(contact);
        return contact;
    }
}
