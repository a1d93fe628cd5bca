package newsroom.fakes;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import newsroom.domain.Delivery;
import newsroom.domain.DeliveryStatus;
import newsroom.domain.InvalidCursorException;
import newsroom.domain.MailJob;
import newsroom.domain.Page;
import newsroom.service.port.DeliveryRepository;

/** Deliveries in memory, with the table's conditions on every claim and record. */
public class InMemoryDeliveryRepository implements DeliveryRepository {
    /** Keyed as in the table: release, then kind#contact. */
    private final Map<String, Delivery> deliveries = new TreeMap<>();

    private static String key(String releaseId, String kind, String contactId) {
        return releaseId + "|" + kind + "#" + contactId;
    }

    private static String key(MailJob job) {
        return key(job.releaseId(), job.deliveryKind(), job.contactId());
    }

    private static Delivery delivery(MailJob job, String email, DeliveryStatus status, String messageId,
                                     List<String> messageIds, String reason, Instant now) {
        return new Delivery(job.releaseId(), job.contactId(), job.deliveryKind(), email, status, messageId, messageIds,
                reason, now);
    }

    private static List<String> with(List<String> ids, String id) {
        Set<String> all = new TreeSet<>(ids);
        all.add(id);
        return List.copyOf(all);
    }

    @Override
    public synchronized Claim claim(MailJob job, String email, Instant now, Duration lease) {
        Delivery current = deliveries.get(key(job));
        boolean free = current == null || current.status() == DeliveryStatus.FAILED
                || (current.status() == DeliveryStatus.SENDING && current.updatedAt().isBefore(now.minus(lease)));
        if (free) {
            deliveries.put(key(job), delivery(job, email, DeliveryStatus.SENDING, null, List.of(), null, now));
            return Claim.CLAIMED;
        }
        return current.status() == DeliveryStatus.SENDING ? Claim.IN_DOUBT : Claim.DONE;
    }

    @Override
    public synchronized void confirmSent(String releaseId, String deliveryKind, String contactId, String messageId,
                                         Instant now) {
        String key = key(releaseId, deliveryKind, contactId);
        Delivery current = deliveries.get(key);
        if (current != null) {
            deliveries.put(key, new Delivery(releaseId, contactId, deliveryKind, current.email(), DeliveryStatus.SENT,
                    messageId, with(current.messageIds(), messageId), current.reason(), now));
        }
    }

    @Override
    public void recordSent(MailJob job, String messageId, Instant now) {
        update(job, DeliveryStatus.SENT, messageId, null, now);
    }

    @Override
    public synchronized void recordFailed(MailJob job, String reason, Instant now) {
        Delivery current = deliveries.get(key(job));
        if (current != null && current.status() == DeliveryStatus.SENDING) {
            update(job, DeliveryStatus.FAILED, null, reason, now);
        }
    }

    @Override
    public synchronized void abandon(MailJob job) {
        Delivery current = deliveries.get(key(job));
        if (current != null && current.status() == DeliveryStatus.SENDING) {
            deliveries.remove(key(job));
        }
    }

    private synchronized void update(MailJob job, DeliveryStatus status, String messageId, String reason, Instant now) {
        Delivery current = deliveries.get(key(job));
        String email = current == null ? null : current.email();
        List<String> ids = current == null ? List.of() : current.messageIds();
        deliveries.put(key(job), delivery(job, email, status,
                messageId != null ? messageId : current == null ? null : current.messageId(),
                messageId == null ? ids : with(ids, messageId), reason, now));
    }

    @Override
    public synchronized void recordSuppressed(MailJob job, String email, String reason, Instant now) {
        Delivery current = deliveries.get(key(job));
        if (current == null || current.status() == DeliveryStatus.FAILED
                || current.status() == DeliveryStatus.SUPPRESSED) {
            deliveries.put(key(job), delivery(job, email, DeliveryStatus.SUPPRESSED, null, List.of(), reason, now));
        }
    }

    private synchronized List<Delivery> ofRelease(String releaseId) {
        return deliveries.entrySet().stream().filter(e -> e.getKey().startsWith(releaseId + "|"))
                .map(Map.Entry::getValue).toList();
    }

    /** By kind and contact, as the table orders them; the cursor is an offset. */
    @Override
    public Page<Delivery> page(String releaseId, int limit, String cursor) {
        List<Delivery> all = ofRelease(releaseId);
        int from;
        try {
            from = cursor == null ? 0 : Integer.parseInt(cursor.substring("offset:".length()));
        } catch (RuntimeException e) {
            throw new InvalidCursorException();
        }
        int to = Math.min(all.size(), from + limit);
        return new Page<>(from >= all.size() ? List.of() : all.subList(from, to), to < all.size() ? "offset:" + to : null);
    }

    @Override
    public Map<DeliveryStatus, Long> countByStatus(String releaseId) {
        Map<DeliveryStatus, Long> counts = new EnumMap<>(DeliveryStatus.class);
        for (DeliveryStatus status : DeliveryStatus.values()) {
            counts.put(status, 0L);
        }
        ofRelease(releaseId).forEach(d -> counts.merge(d.status(), 1L, Long::sum));
        return counts;
    }

    @Override
    public synchronized Optional<DeliveryStatus> statusOf(MailJob job) {
        return Optional.ofNullable(deliveries.get(key(job))).map(Delivery::status);
    }

    @Override
    public Set<String> recipients(String releaseId) {
        Set<String> contacts = new LinkedHashSet<>();
        for (Delivery delivery : ofRelease(releaseId)) {
            if (delivery.deliveredTheRelease()) {
                contacts.add(delivery.contactId());
            }
        }
        return contacts;
    }

    /** Every delivery of a release, for assertions. */
    public List<Delivery> all(String releaseId) {
        return ofRelease(releaseId).stream().sorted(Comparator.comparing(Delivery::contactId)).toList();
    }
}
