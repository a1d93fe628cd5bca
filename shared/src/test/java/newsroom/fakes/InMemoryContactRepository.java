package newsroom.fakes;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import newsroom.domain.ContactNotFoundException;
import newsroom.domain.ContactStatus;
import newsroom.domain.EmailTakenException;
import newsroom.domain.InvalidCursorException;
import newsroom.domain.MediaContact;
import newsroom.domain.Page;
import newsroom.service.port.ContactRepository;

/** Media contacts in memory, with the table's rules: one contact per address, whatever its case. */
public final class InMemoryContactRepository implements ContactRepository {
    private final Map<String, MediaContact> byId = new ConcurrentHashMap<>();

    private static String address(String email) {
        return email.toLowerCase(Locale.ROOT);
    }

    private boolean takenByAnother(String email, String id) {
        return byId.values().stream().anyMatch(c -> address(c.email()).equals(address(email)) && !c.id().equals(id));
    }

    @Override
    public synchronized void create(MediaContact contact) {
        if (takenByAnother(contact.email(), contact.id())) {
            throw new EmailTakenException(contact.email());
        }
        byId.put(contact.id(), contact);
    }

    @Override
    public synchronized void update(MediaContact previous, MediaContact updated) {
        MediaContact stored = byId.get(previous.id());
        if (stored != null && stored.version() != previous.version()) {
            throw new newsroom.domain.ContactChangedException(previous.email());
        }
        if (!byId.containsKey(previous.id())) {
            throw new ContactNotFoundException(previous.id());
        }
        if (takenByAnother(updated.email(), updated.id())) {
            throw new EmailTakenException(updated.email());
        }
        byId.put(updated.id(), updated);
    }

    @Override
    public void delete(MediaContact contact) {
        byId.remove(contact.id());
    }

    @Override
    public Optional<MediaContact> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public Optional<MediaContact> findByEmail(String email) {
        return byId.values().stream().filter(c -> address(c.email()).equals(address(email))).findFirst();
    }

    @Override
    public synchronized void setStatus(String id, ContactStatus status) {
        MediaContact contact = byId.get(id);
        if (contact == null) {
            throw new ContactNotFoundException(id);
        }
        byId.put(id, contact.withStatus(status));
    }

    /** By email address; the cursor is the last address handed out. */
    @Override
    public Page<MediaContact> list(int limit, String cursor) {
        if (cursor != null && !cursor.startsWith("after:")) {
            throw new InvalidCursorException();
        }
        String after = cursor == null ? "" : cursor.substring("after:".length());
        List<MediaContact> rest = byId.values().stream()
                .filter(c -> address(c.email()).compareTo(after) > 0)
                .sorted(Comparator.comparing(c -> address(c.email()))).toList();
        List<MediaContact> page = rest.subList(0, Math.min(limit, rest.size()));
        return new Page<>(page, rest.size() > limit ? "after:" + address(page.get(page.size() - 1).email()) : null);
    }

    @Override
    public newsroom.domain.Page<MediaContact> digestSubscribers(newsroom.domain.DigestFrequency frequency, int limit,
                                                                String cursor) {
        List<MediaContact> all = byId.values().stream().filter(c -> c.frequency() == frequency)
                .sorted(Comparator.comparing(MediaContact::id)).toList();
        int from = cursor == null ? 0 : Integer.parseInt(cursor);
        int to = Math.min(all.size(), from + limit);
        return new newsroom.domain.Page<>(all.subList(from, to), to < all.size() ? Integer.toString(to) : null);
    }

    @Override
    public List<MediaContact> activeSubscribers(String category) {
        return subscribers(category).stream().filter(c -> c.status() == ContactStatus.ACTIVE).toList();
    }

    @Override
    public List<MediaContact> subscribers(String category) {
        return byId.values().stream().filter(c -> c.wantsCategory(category))
                .sorted(Comparator.comparing(MediaContact::id)).toList();
    }

    /** Every contact, for assertions. */
    public List<MediaContact> all() {
        return byId.values().stream().sorted(Comparator.comparing(c -> address(c.email()))).toList();
    }
}
