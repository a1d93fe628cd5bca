package newsroom.service.port;

import java.util.List;
import java.util.Optional;
import newsroom.domain.ContactNotFoundException;
import newsroom.domain.ContactStatus;
import newsroom.domain.EmailTakenException;
import newsroom.domain.MediaContact;
import newsroom.domain.Page;

/** Where media contacts and their topic subscriptions are kept. */
public interface ContactRepository {

    /**
     * Stores a new contact, claims its email address and records its topics in one transaction.
     *
     * @throws EmailTakenException when the address belongs to another contact; nothing is written
     */
    void create(MediaContact contact);

    /**
     * Replaces a contact (moving its email claim and topics with it) in one transaction.
     *
     * @throws EmailTakenException when the new address belongs to another contact; nothing is written
     * @throws ContactNotFoundException when there is no such contact
     */
    void update(MediaContact previous, MediaContact updated);

    /** Removes a contact, its email claim and its topics. */
    void delete(MediaContact contact);

    Optional<MediaContact> find(String id);

    /** The contacts of these ids that exist, by id: one read for a whole mail batch. */
    default java.util.Map<String, MediaContact> findAll(java.util.Collection<String> ids) {
        java.util.Map<String, MediaContact> found = new java.util.HashMap<>();
        for (String id : new java.util.LinkedHashSet<>(ids)) {
            find(id).ifPresent(contact -> found.put(id, contact));
        }
        return found;
    }

    Optional<MediaContact> findByEmail(String email);

    /** Sets the status everywhere the contact is copied (it, and its topic memberships). */
    void setStatus(String id, ContactStatus status);

    /** All contacts by email address, a page at a time. */
    Page<MediaContact> list(int limit, String cursor);

    /** Active contacts who chose this category or every category; each contact once. */
    List<MediaContact> activeSubscribers(String category);

    /** Contacts who get a digest this often (any status: the sender checks), a page at a time. */
    Page<MediaContact> digestSubscribers(newsroom.domain.DigestFrequency frequency, int limit, String cursor);

    /**
     * Every contact who chose this category or every category, whatever their status, each once:
     * the mail sender records why an inactive one was not emailed.
     */
    List<MediaContact> subscribers(String category);
}
