package newsroom.sweeper;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import newsroom.aws.AwsClients;
import newsroom.aws.SnapStartPrimed;
import newsroom.aws.SnapStartPriming;
import newsroom.config.EnvVars;
import newsroom.domain.ReleaseRules;
import newsroom.domain.ReleaseWorkflow;
import newsroom.log.JsonLog;
import newsroom.service.ReleaseService;
import newsroom.service.port.ReleaseRepository;
import newsroom.store.DynamoDbReleaseRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Every minute (an EventBridge schedule): publishes each scheduled release whose embargo has
 * ended. It asks for everything due up to now, not for the last minute only, so a missed or late
 * tick is caught up by the next one; the conditional save makes a repeated tick harmless.
 */
public final class EmbargoSweeperHandler implements RequestHandler<ScheduledEvent, Map<String, Integer>>, SnapStartPrimed {
    private static final JsonLog LOG = JsonLog.of(EmbargoSweeperHandler.class);
    /** Releases published per pass; more wait for the next pass of the same tick. */
    static final int BATCH = 100;

    private final ReleaseRepository repository;
    private final ReleaseService releases;

    public EmbargoSweeperHandler() {
        this(EmbargoSweeperConfig.from(EnvVars.fromSystem()));
        SnapStartPriming.register(this);
    }

    private EmbargoSweeperHandler(EmbargoSweeperConfig config) {
        this(config, AwsClients.build(DynamoDbClient.builder(), config.aws()), Clock.systemUTC());
    }

    public EmbargoSweeperHandler(EmbargoSweeperConfig config, DynamoDbClient dynamo, Clock clock) {
        // The two-person rule was checked when the release was scheduled.
        this.repository = new DynamoDbReleaseRepository(dynamo, config.tableName(), config.zone());
        this.releases = new ReleaseService(repository,
                new ReleaseWorkflow(new ReleaseRules(config.categories()), false), clock);
    }

    @Override
    public Map<String, Integer> handleRequest(ScheduledEvent event, Context context) {
        int total = 0;
        int published;
        do {
            published = releases.publishDue(BATCH);
            total += published;
        } while (published == BATCH);
        if (total > 0) {
            LOG.info("embargo sweep", "published", total,
                    "requestId", context == null ? null : context.getAwsRequestId());
        }
        return Map.of("published", total);
    }

    /** The sweep's query, for embargoes that ended before 1970: finds nothing, publishes nothing. */
    @Override
    public void prime() {
        repository.dueForPublication(Instant.EPOCH, 1);
    }
}
