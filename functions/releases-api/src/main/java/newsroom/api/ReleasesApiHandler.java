package newsroom.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Clock;
import java.util.Map;
import newsroom.api.http.Api;
import newsroom.api.http.Router;
import newsroom.aws.AwsClients;
import newsroom.aws.S3UploadUrls;
import newsroom.aws.SecretsManagerSigningKeys;
import newsroom.aws.SnapStartPrimed;
import newsroom.aws.SqsMailQueue;
import newsroom.aws.SnapStartPriming;
import newsroom.config.AwsSettings;
import newsroom.config.EnvVars;
import newsroom.domain.ContactRules;
import newsroom.domain.ReleaseRules;
import newsroom.domain.ReleaseWorkflow;
import newsroom.domain.Scope;
import newsroom.log.JsonLog;
import newsroom.render.MailComposer;
import newsroom.render.SiteAssets;
import newsroom.render.SiteRenderer;
import newsroom.service.AccessRecords;
import newsroom.service.AdvanceCopies;
import newsroom.service.LegalReviews;
import newsroom.service.ContactImport;
import newsroom.service.ContactService;
import newsroom.service.DeliveryReports;
import newsroom.service.PrimingSamples;
import newsroom.service.ReleaseService;
import newsroom.service.SignedTokens;
import newsroom.service.SubscriptionService;
import newsroom.service.port.MailQueue;
import newsroom.service.QueuedMailer;
import newsroom.service.port.Mailer;
import newsroom.service.port.SigningKeys;
import newsroom.store.DynamoDbAccessLog;
import newsroom.store.DynamoDbLegalReviewRepository;
import newsroom.store.DynamoDbWebhookRepository;
import newsroom.store.DynamoDbSettingsRepository;
import newsroom.service.SiteSettingsService;
import newsroom.service.WebhookAddresses;
import newsroom.service.WebhookDispatcher;
import newsroom.service.Webhooks;
import newsroom.service.port.WebhookQueue;
import newsroom.aws.SqsWebhookQueue;
import newsroom.store.DynamoDbConfirmationCooldown;
import newsroom.store.DynamoDbContactRepository;
import newsroom.store.DynamoDbDeliveryRepository;
import newsroom.store.DynamoDbIdempotencyRepository;
import newsroom.store.DynamoDbReleaseRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Lambda entry point for the HTTP API. Client mistakes become problem+json; anything else is
 * logged once with the request id and answered 500 without detail.
 */
public final class ReleasesApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, SnapStartPrimed {
    private static final JsonLog LOG = JsonLog.of(ReleasesApiHandler.class);

    private final Router router;

    /** Used by Lambda: configuration from the environment, clients built once per container. */
    public ReleasesApiHandler() {
        this(ReleasesApiConfig.from(EnvVars.fromSystem()), Clock.systemUTC());
        SnapStartPriming.register(this);
    }

    public ReleasesApiHandler(ReleasesApiConfig config, Clock clock) {
        this(wire(config, AwsClients.build(DynamoDbClient.builder(), config.aws()), presigner(config.aws()),
                SecretsManagerSigningKeys.lazy(config.aws(), config.tokenSigningSecret(), clock),
                SqsMailQueue.lazy(config.aws(), config.mailQueueUrl()),
                SqsWebhookQueue.lazy(config.aws(), config.webhookQueueUrl()), clock));
    }

    public ReleasesApiHandler(Router router) {
        this.router = router;
    }

    /** Presigned upload URLs name the bucket in the path, which works with AWS and emulators alike. */
    public static S3Presigner presigner(AwsSettings aws) {
        S3Presigner.Builder builder = S3Presigner.builder()
                .region(aws.region())
                .credentialsProvider(aws.credentials())
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build());
        aws.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** Wires the API from its parts; the local runtime calls this with its own clients. */
    public static Router wire(ReleasesApiConfig config, DynamoDbClient dynamo, S3Presigner presigner,
                              Mailer mailer, SigningKeys signingKeys, Clock clock) {
        return wire(config, dynamo, presigner, mailer, signingKeys, jobs -> {
            throw new IllegalStateException("this API was wired without a mail queue");
        }, (endpointId, deliveryId, delay) -> {
            throw new IllegalStateException("this API was wired without a webhook queue");
        }, clock);
    }

    /**
     * As Lambda runs it: the mail queue takes an advance copy to a journalist added later and the
     * subscription confirmations (sent by the mail sender, at its send rate: the API has no email
     * client).
     */
    public static Router wire(ReleasesApiConfig config, DynamoDbClient dynamo, S3Presigner presigner,
                              SigningKeys signingKeys, MailQueue mailQueue, WebhookQueue webhookQueue, Clock clock) {
        return wire(config, dynamo, presigner, new QueuedMailer(mailQueue), signingKeys, mailQueue, webhookQueue,
                clock);
    }

    private static Router wire(ReleasesApiConfig config, DynamoDbClient dynamo, S3Presigner presigner,
                               Mailer mailer, SigningKeys signingKeys, MailQueue mailQueue, WebhookQueue webhookQueue,
                               Clock clock) {
        var releaseRepository = new DynamoDbReleaseRepository(dynamo, config.tableName(), config.recordsTable(),
                config.zone());
        var contactRepository = new DynamoDbContactRepository(dynamo, config.tableName());
        var workflow = new ReleaseWorkflow(new ReleaseRules(config.categories()), config.twoPersonRule());
        var contacts = new ContactService(contactRepository, new ContactRules(config.categories()), clock);
        var subscriptions = new SubscriptionService(contacts, contactRepository,
                new SignedTokens(signingKeys, clock), mailer,
                new MailComposer(config.siteName(), config.zone()), config.apiBaseUrl(),
                new DynamoDbConfirmationCooldown(dynamo, config.tableName()), clock);
        var renderer = new SiteRenderer(new SiteAssets(), config.siteName(), config.siteBaseUrl(), config.zone());
        var accessLog = new DynamoDbAccessLog(dynamo, config.recordsTable(), config.recordRetention());
        var releaseService = new ReleaseService(releaseRepository, workflow, clock, accessLog);
        var deliveryRepository = new DynamoDbDeliveryRepository(dynamo, config.recordsTable());
        var uploadUrls = new S3UploadUrls(presigner, config.uploadBucket());
        return Api.router(new Api.Services(
                releaseService,
                contacts,
                new ContactImport(contactRepository, contacts),
                subscriptions,
                new DeliveryReports(releaseRepository, deliveryRepository, accessLog),
                uploadUrls,
                new DynamoDbIdempotencyRepository(dynamo, config.tableName()),
                renderer,
                config.categories(),
                config.siteBaseUrl(),
                config.siteName(),
                new AdvanceCopies(new SignedTokens(signingKeys, clock), releaseRepository, contactRepository,
                        accessLog, renderer, config.siteBaseUrl(), clock, uploadUrls, mailQueue, config.apiBaseUrl()),
                new LegalReviews(config.legalFlags(), new DynamoDbLegalReviewRepository(dynamo, config.tableName()),
                        releaseRepository, releaseService, config.zone(), clock),
                new AccessRecords(releaseRepository, deliveryRepository, contactRepository, accessLog),
                webhooks(config, dynamo, webhookQueue, renderer, clock),
                new SiteSettingsService(new DynamoDbSettingsRepository(dynamo, config.tableName()), config.siteName(),
                        config.zone().getId(), clock, java.time.Duration.ofSeconds(30))), clock);
    }

    private static Webhooks webhooks(ReleasesApiConfig config, DynamoDbClient dynamo, WebhookQueue queue,
                                     SiteRenderer renderer, Clock clock) {
        var repository = new DynamoDbWebhookRepository(dynamo, config.tableName());
        return new Webhooks(repository, WebhookAddresses.system(config.webhooksAllowLoopback()),
                new WebhookDispatcher(repository, queue, renderer.paths(), config.siteBaseUrl(),
                        config.recordRetention(), clock), queue, clock);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String requestId = event.getRequestContext() == null ? null : event.getRequestContext().getRequestId();
        try {
            return router.handle(event);
        } catch (RuntimeException e) {
            LOG.error("request failed", e, "requestId", requestId, "route", event.getRouteKey());
            return Router.internalError(requestId);
        }
    }

    /**
     * Two read-only requests through the whole API (routing, scopes, DynamoDB, JSON, problem
     * responses): a release that does not exist, and the first page of the list.
     */
    @Override
    public void prime() {
        int missing = handleRequest(primingRequest(ApiRoutes.GET_RELEASE, "/releases/" + PrimingSamples.NO_SUCH_ID,
                Map.of("id", PrimingSamples.NO_SUCH_ID), null), null).getStatusCode();
        int list = handleRequest(primingRequest(ApiRoutes.LIST_RELEASES, "/releases", null, Map.of("limit", "1")),
                null).getStatusCode();
        if (missing != 404 || list != 200) {
            throw new IllegalStateException("priming requests answered " + missing + " and " + list);
        }
    }

    private static APIGatewayV2HTTPEvent primingRequest(String route, String path, Map<String, String> pathParameters,
                                                        Map<String, String> query) {
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(route)
                .withRawPath(path)
                .withPathParameters(pathParameters)
                .withQueryStringParameters(query)
                .withHeaders(Map.of("accept", "application/json"))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRouteKey(route)
                        .withRequestId("snapstart-priming")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(route.substring(0, route.indexOf(' '))).withPath(path).build())
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                                        .withClaims(Map.of("sub", "snapstart-priming",
                                                "scope", Scope.EDITOR.value()))
                                        .build())
                                .build())
                        .build())
                .build();
    }
}
