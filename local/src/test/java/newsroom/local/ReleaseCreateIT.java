package newsroom.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import newsroom.domain.ContactBlock;
import newsroom.domain.Release;
import newsroom.domain.ReleaseDraft;
import newsroom.domain.ReleaseRules;
import newsroom.domain.ReleaseWorkflow;
import newsroom.local.support.RequestLog;
import newsroom.local.support.SharedEmulator;
import newsroom.service.ReleaseService;
import newsroom.service.port.AccessLog;
import newsroom.store.DynamoDbAccessLog;
import newsroom.store.DynamoDbReleaseRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A release created (and published in the same step) is stored with the first entries of its
 * access log in one request: half a create's requests in a press office's burst, and never a
 * release without its "created" entry. Needs: the AWS emulator (started by the harness).
 */
class ReleaseCreateIT {
    private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");
    private static LocalClients clients;
    private static final RequestLog requests = new RequestLog();
    private static DynamoDbClient logged;
    private static ReleaseService releases;
    private static AccessLog accessLog;

    @BeforeAll
    static void provision() {
        clients = LocalClients.forEndpoint(SharedEmulator.fresh().endpoint());
        TemplateStack.Deployed resources = TemplateStack.deploy(clients, TemplateStack.localParameters());
        logged = requests.dynamo(clients);
        ZoneId zone = ZoneId.of("Europe/London");
        accessLog = new DynamoDbAccessLog(logged, resources.recordsTableName(), Duration.ofDays(365));
        releases = new ReleaseService(new DynamoDbReleaseRepository(logged, resources.tableName(),
                resources.recordsTableName(), zone),
                new ReleaseWorkflow(new ReleaseRules(LocalRuntime.Options.defaults().categories()), false),
                Clock.fixed(NOW, ZoneOffset.UTC), accessLog);
    }

    @AfterAll
    static void close() {
        logged.close();
        clients.close();
    }

    @BeforeEach
    void clear() {
        requests.clear();
    }

    private static ReleaseDraft draft(String title, boolean publish) {
        return new ReleaseDraft(title, "Summary.", "Body text.", "Appeals", List.of(),
                new ContactBlock("Press Office", null, "press@example.gov.uk"), null, publish);
    }

    @Test
    void aReleaseCreatedAndPublishedIsOneRequestWithBothItsAccessLogEntries() {
        Release made = releases.create(draft("Witness appeal after a collision", true), "desk@example.gov.uk");

        assertEquals(List.of("TransactWriteItems"), requests.requests());
        assertEquals(List.of("created", "published"),
                accessLog.entries(made.id()).stream().map(AccessLog.Entry::action).toList());
        assertEquals("desk@example.gov.uk", accessLog.entries(made.id()).get(0).who());
    }

    @Test
    void aDraftIsOneRequestWithItsCreatedEntry() {
        Release made = releases.create(draft("A draft for tomorrow", false), "desk@example.gov.uk");

        assertEquals(List.of("TransactWriteItems"), requests.requests());
        assertEquals(List.of("created"), accessLog.entries(made.id()).stream().map(AccessLog.Entry::action).toList());
    }

    /** The slug's clash cancels the whole transaction: the second try writes the entries once. */
    @Test
    void aTakenSlugLeavesNoEntriesBehindFromTheFailedTry() {
        Release first = releases.create(draft("Road closed for resurfacing", true), "desk@example.gov.uk");
        requests.clear();
        Release second = releases.create(draft("Road closed for resurfacing", true), "desk@example.gov.uk");

        assertNotEquals(first.slug(), second.slug());
        assertEquals(List.of("TransactWriteItems", "TransactWriteItems"), requests.requests());
        assertEquals(List.of("created", "published"),
                accessLog.entries(second.id()).stream().map(AccessLog.Entry::action).toList());
    }
}
