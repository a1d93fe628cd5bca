package newsroom.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Clock;
import newsroom.aws.AwsClients;
import newsroom.config.EnvVars;
import newsroom.domain.ContactRules;
import newsroom.domain.ReleaseRules;
import newsroom.log.JsonLog;
import newsroom.service.ContactService;
import newsroom.service.ReleaseService;
import newsroom.site.SitePaths;
import newsroom.store.DynamoDbContactRepository;
import newsroom.store.DynamoDbReleaseRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Lambda entry point for the HTTP API. Client mistakes become problem+json; anything else is
 * logged once with the request id and answered 500 without detail.
 */
public final class ReleasesApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final JsonLog LOG = JsonLog.of(ReleasesApiHandler.class);

    private final ReleasesApi api;

    /** Used by Lambda: configuration from the environment, clients built once per container. */
    public ReleasesApiHandler() {
        this(ReleasesApiConfig.from(EnvVars.fromSystem()), Clock.systemUTC());
    }

    public ReleasesApiHandler(ReleasesApiConfig config, Clock clock) {
        this(wire(config, AwsClients.build(DynamoDbClient.builder(), config.aws()), clock));
    }

    public ReleasesApiHandler(ReleasesApi api) {
        this.api = api;
    }

    /** Wires the API from its parts; the local runtime calls this with its own clients. */
    public static ReleasesApi wire(ReleasesApiConfig config, DynamoDbClient dynamo, Clock clock) {
        var releaseRepository = new DynamoDbReleaseRepository(dynamo, config.tableName(), config.zone());
        var contactRepository = new DynamoDbContactRepository(dynamo, config.tableName());
        return new ReleasesApi(
                new ReleaseService(releaseRepository, new ReleaseRules(config.categories()), clock),
                new ContactService(contactRepository, new ContactRules(config.categories()), clock),
                new SitePaths(config.zone()),
                config.siteBaseUrl());
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String requestId = event.getRequestContext() == null ? null : event.getRequestContext().getRequestId();
        try {
            return api.handle(event);
        } catch (ApiException e) {
            return ApiResponses.problem(e.problem());
        } catch (RuntimeException e) {
            LOG.error("request failed", e, "requestId", requestId, "route", event.getRouteKey());
            return ApiResponses.problem(Problem.of(500, "internal-error", "Internal error",
                    "Something went wrong on our side. Quote request id " + requestId + " if it persists."));
        }
    }
}
