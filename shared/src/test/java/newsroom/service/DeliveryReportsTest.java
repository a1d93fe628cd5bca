package newsroom.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Set;
import newsroom.domain.DeliveryKind;
import newsroom.domain.DeliveryStatus;
import newsroom.domain.MailJob;
import newsroom.domain.ReleaseNotFoundException;
import newsroom.fakes.InMemoryDeliveryRepository;
import newsroom.fakes.InMemoryReleaseRepository;
import newsroom.fakes.Samples;
import org.junit.jupiter.api.Test;

/** The delivery report, against in-memory ports. Pure. */
class DeliveryReportsTest {
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private final InMemoryReleaseRepository releases = new InMemoryReleaseRepository(ZoneId.of("Europe/London"));
    private final InMemoryDeliveryRepository deliveries = new InMemoryDeliveryRepository();
    private final DeliveryReports reports = new DeliveryReports(releases, deliveries);

    @Test
    void countsCoverEveryStatusAndThePagesCoverEveryDeliveryOnce() {
        releases.create(Samples.published("r1", "Appeal", "Appeals", NOW));
        for (int i = 0; i < 5; i++) {
            MailJob job = new MailJob("r1", "c" + i, DeliveryKind.PUBLISHED);
            if (i == 4) {
                deliveries.recordSuppressed(job, "c4@paper.example", "BOUNCED", NOW);
            } else {
                deliveries.claim(job, "c" + i + "@paper.example", NOW, Duration.ofMinutes(10));
                deliveries.recordSent(job, "m" + i, NOW);
            }
        }
        DeliveryReports.Report first = reports.report("r1", 2, null);
        assertEquals(4L, first.counts().get(DeliveryStatus.SENT));
        assertEquals(1L, first.counts().get(DeliveryStatus.SUPPRESSED));
        assertEquals(0L, first.counts().get(DeliveryStatus.FAILED));
        assertEquals(0L, first.counts().get(DeliveryStatus.SENDING));

        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            DeliveryReports.Report page = reports.report("r1", 2, cursor);
            page.page().items().forEach(d -> assertEquals(true, seen.add(d.contactId())));
            cursor = page.page().nextCursor();
            pages++;
        } while (cursor != null);
        assertEquals(5, seen.size());
        assertEquals(3, pages);
    }

    @Test
    void aReleaseWithNoDeliveriesHasAnEmptyReportAndAnUnknownOneIsNotFound() {
        releases.create(Samples.published("r1", "Appeal", "Appeals", NOW));
        DeliveryReports.Report report = reports.report("r1", 20, null);
        assertEquals(0, report.page().items().size());
        assertNull(report.page().nextCursor());
        assertThrows(ReleaseNotFoundException.class, () -> reports.report("nope", 20, null));
    }
}
