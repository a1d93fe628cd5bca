package newsroom.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import newsroom.domain.Delivery;
import newsroom.domain.DeliveryKind;
import newsroom.domain.MediaContact;
import newsroom.domain.Page;
import newsroom.domain.Release;
import newsroom.domain.ReleaseNotFoundException;
import newsroom.service.port.AccessLog;
import newsroom.service.port.ContactRepository;
import newsroom.service.port.DeliveryRepository;
import newsroom.service.port.ReleaseRepository;

/**
 * The pre-release access record of a release (UK Code of Practice for Statistics, T3: "accurate
 * records of who had pre-release access"): everyone who had its text and when. The press office's
 * actions (created, edited, proposed, approved, previewed, published, flagged, confirmed,
 * reviewed, withdrew, revoked, added a journalist) come from the access log; journalists' advance
 * copies from the delivery records; their openings from the log of openings. All three are
 * written once and never changed; nothing here writes.
 */
public final class AccessRecords {
    private static final int MAX_OPENINGS = 10_000;

    /** One line of the record. {@code party} is "press office" or "journalist". */
    public record Line(Instant at, String who, String party, String action, String detail,
                       boolean beforePublication) {
    }

    /** The release and its record, oldest first. */
    public record AccessRecord(Release release, List<Line> lines) {
    }

    private final ReleaseRepository releases;
    private final DeliveryRepository deliveries;
    private final ContactRepository contacts;
    private final AccessLog accessLog;

    public AccessRecords(ReleaseRepository releases, DeliveryRepository deliveries, ContactRepository contacts,
                         AccessLog accessLog) {
        this.releases = releases;
        this.deliveries = deliveries;
        this.contacts = contacts;
        this.accessLog = accessLog;
    }

    /**
     * The whole record. A journalist is named by name and outlet; with {@code addresses} (a caller
     * who keeps the media list) also by email address.
     */
    public AccessRecord of(String releaseId, boolean addresses) {
        Release release = releases.find(releaseId).orElseThrow(() -> new ReleaseNotFoundException(releaseId));
        Instant publicFrom = release.status().isPublic() ? release.publishedAt() : null;
        List<Line> lines = new ArrayList<>();
        for (AccessLog.Entry entry : accessLog.entries(releaseId)) {
            lines.add(new Line(entry.at(), entry.who(), "press office", entry.action(), entry.detail(),
                    before(entry.at(), publicFrom)));
        }
        Map<String, String> names = new HashMap<>();
        String cursor = null;
        do {
            Page<Delivery> page = deliveries.page(releaseId, 100, cursor);
            for (Delivery delivery : page.items()) {
                boolean advance = delivery.kind().startsWith(DeliveryKind.EMBARGOED.name())
                        || delivery.kind().startsWith(DeliveryKind.EMBARGO_UPDATED.name());
                if (advance && !delivery.messageIds().isEmpty() && delivery.updatedAt() != null) {
                    String who = journalist(delivery.contactId(), delivery.email(), addresses, names);
                    lines.add(new Line(delivery.updatedAt(), who, "journalist",
                            delivery.kind().startsWith(DeliveryKind.EMBARGO_UPDATED.name())
                                    ? "sent an updated advance copy" : "sent the advance copy",
                            "contact " + delivery.contactId(), before(delivery.updatedAt(), publicFrom)));
                }
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        for (AccessLog.Opening opening : accessLog.openings(releaseId, MAX_OPENINGS)) {
            lines.add(new Line(opening.at(), journalist(opening.contactId(), null, addresses, names), "journalist",
                    "opened " + opening.what(), "contact " + opening.contactId() + ", " + opening.userAgent(),
                    before(opening.at(), publicFrom)));
        }
        lines.sort(Comparator.comparing(Line::at));
        return new AccessRecord(release, lines);
    }

    private static boolean before(Instant at, Instant publicFrom) {
        return publicFrom == null || at.isBefore(publicFrom);
    }

    /** "Jo Bloggs (Evening Post)": the contact as they are now, or as the delivery recorded them. */
    private String journalist(String contactId, String email, boolean addresses, Map<String, String> names) {
        String key = contactId + "|" + addresses;
        String known = names.get(key);
        if (known != null) {
            return known;
        }
        Optional<MediaContact> contact = contacts.find(contactId);
        String name;
        if (contact.isPresent()) {
            MediaContact c = contact.get();
            name = c.name() == null || c.name().isBlank() ? "" : c.name();
            if (c.outlet() != null && !c.outlet().isBlank()) {
                name = name.isEmpty() ? c.outlet() : name + " (" + c.outlet() + ")";
            }
            if (addresses) {
                name = name.isEmpty() ? c.email() : name + " <" + c.email() + ">";
            }
        } else {
            name = addresses && email != null ? email : "a contact since deleted";
        }
        if (name.isEmpty()) {
            name = "contact " + contactId;
        }
        names.put(key, name);
        return name;
    }
}
