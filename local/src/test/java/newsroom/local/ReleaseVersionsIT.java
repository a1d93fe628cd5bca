package newsroom.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import newsroom.domain.ContactBlock;
import newsroom.domain.Release;
import newsroom.domain.ReleaseDraft;
import newsroom.domain.ReleaseRules;
import newsroom.domain.ReleaseWorkflow;
import newsroom.local.support.RequestLog;
import newsroom.local.support.SharedEmulator;
import newsroom.service.ReleaseService;
import newsroom.service.port.ReleaseRepository;
import newsroom.store.DynamoDbAccessLog;
import newsroom.store.DynamoDbReleaseRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The check a site publisher makes after writing a batch's pages (did any release change
 * meanwhile?) reads only each release's version: one request, a few dozen bytes a release rather
 * than the release whole. Needs: the AWS emulator (started by the harness).
 */
class ReleaseVersionsIT {
    private static LocalClients clients;
    private static final RequestLog requests = new RequestLog();
    private static DynamoDbClient logged;
    private static ReleaseRepository repository;
    private static ReleaseService releases;

    @BeforeAll
    static void provision() {
        clients = LocalClients.forEndpoint(SharedEmulator.fresh().endpoint());
        TemplateStack.Deployed resources = TemplateStack.deploy(clients, TemplateStack.localParameters());
        logged = requests.dynamo(clients);
        repository = new DynamoDbReleaseRepository(logged, resources.tableName(), resources.recordsTableName(),
                ZoneId.of("Europe/London"));
        releases = new ReleaseService(repository,
                new ReleaseWorkflow(new ReleaseRules(LocalRuntime.Options.defaults().categories()), false),
                java.time.Clock.systemUTC(), new DynamoDbAccessLog(logged, resources.recordsTableName(),
                java.time.Duration.ofDays(365)));
    }

    @AfterAll
    static void close() {
        logged.close();
        clients.close();
    }

    private static Release create(String title) {
        return releases.create(new ReleaseDraft(title, "Summary.", "A long body. ".repeat(400), "Appeals", List.of(),
                new ContactBlock("Press Office", null, "press@example.gov.uk"), null, true), "desk@example.gov.uk");
    }

    @Test
    void theVersionsOfABatchAreOneSmallReadAndLeaveOutAReleaseThatIsGone() {
        Release first = create("Appeal after a burglary in Mill Lane");
        Release second = create("Road closed after a collision");
        List<String> ids = List.of(first.id(), second.id(), "00000000-0000-4000-8000-000000000000");

        requests.clear();
        Map<String, Long> versions = repository.versionsOf(ids);
        assertEquals(Map.of(first.id(), first.version(), second.id(), second.version()), versions);
        assertEquals(List.of("BatchGetItem"), requests.requests());
        long versionsAnswer = requests.answerBytes().get(0);

        requests.clear();
        assertEquals(2, repository.findAll(ids).size());
        long wholeAnswer = requests.answerBytes().get(0);
        assertTrue(versionsAnswer > 0 && versionsAnswer * 20 < wholeAnswer,
                "the versions' answer (" + versionsAnswer + " bytes) is a small part of the releases' (" + wholeAnswer + ")");
    }
}
