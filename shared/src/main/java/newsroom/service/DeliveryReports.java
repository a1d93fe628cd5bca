package newsroom.service;

import java.util.List;
import java.util.Map;
import newsroom.domain.Delivery;
import newsroom.domain.DeliveryStatus;
import newsroom.domain.Page;
import newsroom.domain.ReleaseNotFoundException;
import newsroom.service.port.AccessLog;
import newsroom.service.port.DeliveryRepository;
import newsroom.service.port.ReleaseRepository;

/** The delivery report of a release: how many emails are in each state, and who was sent what, a page at a time. */
public final class DeliveryReports {
    /** Counts by status (every status, zero included) and one page of deliveries. */
    public record Report(String releaseId, Map<DeliveryStatus, Long> counts, Page<Delivery> page,
                         List<AccessLog.Opening> openings) {
    }

    /** The openings shown with a report: the first this many. */
    static final int OPENINGS = 500;

    private final ReleaseRepository releases;
    private final DeliveryRepository deliveries;
    private final AccessLog accessLog;

    public DeliveryReports(ReleaseRepository releases, DeliveryRepository deliveries) {
        this(releases, deliveries, null);
    }

    /** With the advance-copy openings (null: none recorded). */
    public DeliveryReports(ReleaseRepository releases, DeliveryRepository deliveries, AccessLog accessLog) {
        this.releases = releases;
        this.deliveries = deliveries;
        this.accessLog = accessLog;
    }

    /**
     * @throws ReleaseNotFoundException when there is no such release
     * @throws newsroom.domain.InvalidCursorException when the cursor is not one this report handed out
     */
    public Report report(String releaseId, int limit, String cursor) {
        releases.find(releaseId).orElseThrow(() -> new ReleaseNotFoundException(releaseId));
        return new Report(releaseId, deliveries.countByStatus(releaseId), deliveries.page(releaseId, limit, cursor),
                accessLog == null ? List.of() : accessLog.openings(releaseId, OPENINGS));
    }

    /** Every delivery of a release, a page at a time to {@code each}, without the counts (the export). */
    public void forEach(String releaseId, java.util.function.Consumer<Delivery> each) {
        releases.find(releaseId).orElseThrow(() -> new ReleaseNotFoundException(releaseId));
        String cursor = null;
        do {
            Page<Delivery> page = deliveries.page(releaseId, 100, cursor);
            page.items().forEach(each);
            cursor = page.nextCursor();
        } while (cursor != null);
    }
}
