package newsroom.sitepublisher;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Clock;
import newsroom.aws.AwsClients;
import newsroom.aws.NudgeBatches;
import newsroom.aws.SiteAdapters;
import newsroom.aws.SnapStartPrimed;
import newsroom.aws.SnapStartPriming;
import newsroom.config.EnvVars;
import newsroom.log.JsonLog;
import newsroom.service.SearchRounds;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Search index's queue → the site's search index, brought up to every release marked for it, by
 * its one writer ({@link SearchRounds}). A message only says "something is marked": whatever a
 * batch holds, one update does every mark there is. When that does not happen in time the whole
 * batch stays on the queue and comes back; the marks are kept in the table meanwhile.
 *
 * <p>Why a function of its own (the site publisher's jar, another handler): the index's round is a
 * chain of dependent requests that no reader waits for; apart, the lists' renderer does not carry
 * it, and this function's first request builds no page renderer.
 */
public final class SearchIndexHandler implements RequestHandler<SQSEvent, SQSBatchResponse>, SnapStartPrimed {
    private static final JsonLog LOG = JsonLog.of(SearchIndexHandler.class);

    private final SearchRounds search;

    public SearchIndexHandler() {
        this(SitePublisherConfig.from(EnvVars.fromSystem()));
        SnapStartPriming.register(this);
    }

    private SearchIndexHandler(SitePublisherConfig config) {
        this(config,
                AwsClients.build(DynamoDbClient.builder(), config.aws()),
                SiteAdapters.s3(config.aws()),
                config.invalidationQueueUrl() == null ? null : AwsClients.build(SqsClient.builder(), config.aws()),
                Clock.systemUTC());
    }

    public SearchIndexHandler(SitePublisherConfig config, DynamoDbClient dynamo, S3Client s3, SqsClient sqs,
                              Clock clock) {
        this.search = SiteAdapters.searchOnly(dynamo, s3, sqs, config.tableName(), config.recordsTable(),
                config.siteBucket(),
                config.invalidationQueueUrl(), config.zone(), clock);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return NudgeBatches.handle(event, context, LOG,
                "could not bring the search index up to date; the nudges stay on the queue", search::update);
    }

    /** Reads as a round begins (the marks, the search manifest); writes nothing. */
    @Override
    public void prime() {
        search.prime();
    }
}
