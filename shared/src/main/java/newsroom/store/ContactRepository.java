package newsroom.store;

import java.util.List;
import java.util.Optional;
import newsroom.domain.MediaContact;

/** Where media contacts and their topic subscriptions are kept. */
public interface ContactRepository {

    /**
     * Stores a new contact, claims its email address and records its topics in one transaction.
     *
     * @throws EmailTakenException when the address belongs to another contact; nothing is written
     */
    void create(MediaContact contact);

    Optional<MediaContact> find(String id);

    /** Active contacts who chose this category or every category; each contact once. */
    List<MediaContact> activeSubscribers(String category);
}
