package newsroom.local;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import newsroom.api.ApiRoutes;
import newsroom.api.ReleasesApiConfig;
import newsroom.api.ReleasesApiHandler;
import newsroom.aws.CloudFrontCdn;
import newsroom.aws.SecretsManagerSigningKeys;
import newsroom.aws.SendRate;
import newsroom.aws.SesMailer;
import newsroom.aws.SqsMailQueue;
import newsroom.aws.SqsWebhookQueue;
import newsroom.service.WebhookAddresses;
import newsroom.webhooks.HttpWebhookTransport;
import newsroom.webhooks.WebhookSenderConfig;
import newsroom.webhooks.WebhookSenderHandler;
import newsroom.config.EnvVars;
import newsroom.domain.Categories;
import newsroom.feedback.SesFeedbackConfig;
import newsroom.feedback.SesFeedbackHandler;
import newsroom.invalidator.CdnInvalidatorConfig;
import newsroom.invalidator.CdnInvalidatorHandler;
import newsroom.json.Json;
import newsroom.local.emulator.Emulator;
import newsroom.mailsender.MailSenderConfig;
import newsroom.mailsender.MailSenderHandler;
import newsroom.notifier.MediaNotifierConfig;
import newsroom.notifier.MediaNotifierHandler;
import newsroom.rebuilder.SiteRebuilderConfig;
import newsroom.rebuilder.SiteRebuilderHandler;
import newsroom.service.SiteRebuilder;
import newsroom.service.port.Mailer;
import newsroom.service.port.SigningKeys;
import newsroom.sitepublisher.SearchIndexHandler;
import newsroom.sitepublisher.SharedPagesHandler;
import newsroom.sitepublisher.SitePublisherConfig;
import newsroom.sitepublisher.SitePublisherHandler;
import newsroom.sweeper.EmbargoSweeperConfig;
import newsroom.sweeper.EmbargoSweeperHandler;
import org.joda.time.DateTime;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The whole system on one machine: the functions in-process against the emulator, driven by the
 * event shapes AWS uses: the HTTP API's events, DynamoDB stream records read through the Streams
 * API, SQS messages, and EventBridge scheduled events.
 */
public final class LocalRuntime implements AutoCloseable {
    public static final String SITE_NAME = "Newsroom";

    /**
     * Ports (0 for any free one), the clock the functions see, the configured categories, the
     * two-person rule, how often the scheduled functions tick (in AWS: every minute), the SES send rate, and a wrapper for the mailer (tests inject faults).
     */
    public record Options(int apiPort, int sitePort, Clock clock, Categories categories,
                          boolean twoPersonRule, Duration tick, double maxSendRate,
                          UnaryOperator<Mailer> mailer, SesV2Client ses, int mailConcurrency,
                          DynamoDbClient mailTable) {
        public static Options defaults() {
            return new Options(3000, 8080, Clock.systemUTC(), Categories.parse(EnvVars.DEFAULT_CATEGORIES), false, Duration.ofSeconds(5),
                    50, UnaryOperator.identity(), null, 2, null);
        }

        public Options withPorts(int api, int site) {
            return new Options(api, site, clock, categories, twoPersonRule, tick, maxSendRate, mailer, ses, mailConcurrency, mailTable);
        }

        public Options withClock(Clock newClock) {
            return new Options(apiPort, sitePort, newClock, categories, twoPersonRule, tick, 
                    maxSendRate, mailer, ses, mailConcurrency, mailTable);
        }

        public Options withTwoPersonRule(boolean on) {
            return new Options(apiPort, sitePort, clock, categories, on, tick, maxSendRate, mailer, ses, mailConcurrency, mailTable);
        }

        /** A zero tick means the schedule never fires by itself; a test calls {@link #tickSchedules()}. */
        public Options withTick(Duration newTick) {
            return new Options(apiPort, sitePort, clock, categories, twoPersonRule, newTick,
                    maxSendRate, mailer, ses, mailConcurrency, mailTable);
        }

        public Options withMailer(UnaryOperator<Mailer> wrapper) {
            return new Options(apiPort, sitePort, clock, categories, twoPersonRule, tick, maxSendRate,
                    wrapper, ses, mailConcurrency, mailTable);
        }

        /** Mail goes through this SES client (tests make it unreliable). */
        public Options withSes(SesV2Client client) {
            return new Options(apiPort, sitePort, clock, categories, twoPersonRule, tick, maxSendRate,
                    mailer, client, mailConcurrency, mailTable);
        }

        /** How many mail senders run at once (the share of the send rate each gets follows). */
        public Options withMailConcurrency(int senders) {
            return new Options(apiPort, sitePort, clock, categories, twoPersonRule, tick, maxSendRate,
                    mailer, ses, senders, mailTable);
        }

        /** The mail senders reach the table through this client (the benchmark counts its requests). */
        public Options withMailTable(DynamoDbClient client) {
            return new Options(apiPort, sitePort, clock, categories, twoPersonRule, tick, maxSendRate,
                    mailer, ses, mailConcurrency, client);
        }

        public Options withMaxSendRate(double rate) {
            return new Options(apiPort, sitePort, clock, categories, twoPersonRule, tick, rate, mailer, ses, mailConcurrency, mailTable);
        }
    }

    private final Options options;
    private final LocalClients clients;
    private final TemplateStack.Deployed stack;
    private final LocalTokens tokens;
    private final SiteServer siteServer;
    private final ApiServer apiServer;
    private final S3Presigner presigner;
    private final EmbargoSweeperHandler embargoSweeper;
    private final SiteRebuilderHandler siteRebuilder;
    private final SesFeedbackHandler sesFeedback;
    /** A claimed send unreported this long counts as not sent; short here, as the queue retries quickly. */
    static final Duration SENDING_LEASE = Duration.ofSeconds(25);
    private final String region;
    private final SigningKeys signingKeys;
    private final StreamPoller sitePoller;
    private final StreamPoller notifierPoller;
    private final StreamPoller settingsPoller;
    private final List<Runnable> stoppers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    private LocalRuntime(Emulator emulator, Options options, LocalTokens tokens) throws IOException {
        this.options = options;
        this.clients = LocalClients.forEndpoint(emulator.endpoint());
        this.tokens = tokens;
        // The servers take their ports first: their addresses are parameters of the stack.
        this.siteServer = new SiteServer(options.sitePort(), clients.s3());
        this.apiServer = new ApiServer(options.apiPort(), ApiRoutes.ALL, ApiRoutes.PUBLIC, tokens);
        String siteBaseUrl = "http://localhost:" + siteServer.port();
        String apiBaseUrl = "http://localhost:" + apiServer.port();
        Map<String, String> parameters = parameters(options, apiBaseUrl, siteBaseUrl);
        // The desk uploads attachments straight to the (emulated) upload bucket: its CSP must allow it.
        parameters.put("DeskConnectSources", origin(emulator.endpoint().toString()));
        this.stack = TemplateStack.deploy(clients, parameters);
        this.region = clients.settings().region().id();

        // Each function is configured from its deployed environment, as in Lambda.
        this.presigner = ReleasesApiHandler.presigner(clients.settings());
        this.signingKeys = new SecretsManagerSigningKeys(clients.secrets(), stack.tokenSigningSecret(), options.clock());
        var apiConfig = ReleasesApiConfig.from(environment(emulator, "ReleasesApiFunction"));
        // Subscription confirmations go through the mail queue and the mail sender, as in Lambda.
        var api = new ReleasesApiHandler(ReleasesApiHandler.wire(apiConfig, clients.dynamo(), presigner,
                signingKeys, new SqsMailQueue(clients.sqs(), apiConfig.mailQueueUrl()),
                new SqsWebhookQueue(clients.sqs(), apiConfig.webhookQueueUrl()), options.clock()));
        // As Lambda runs the site publisher: several instances at once (ParallelizationFactor).
        var sitePublisherConfig = SitePublisherConfig.from(environment(emulator, "SitePublisherFunction"));
        List<SitePublisherHandler> sitePublishers = new ArrayList<>();
        for (int i = 0; i < parallelization("SitePublisherFunction"); i++) {
            sitePublishers.add(new SitePublisherHandler(sitePublisherConfig, clients.dynamo(), clients.s3(),
                    clients.sqs(), options.clock()));
        }
        this.siteRebuilder = new SiteRebuilderHandler(
                SiteRebuilderConfig.from(environment(emulator, "SiteRebuilderFunction")),
                clients.dynamo(), clients.s3(), clients.sqs(), options.clock());
        var sweeperConfig = EmbargoSweeperConfig.from(environment(emulator, "EmbargoSweeperFunction"));
        this.embargoSweeper = new EmbargoSweeperHandler(sweeperConfig, clients.dynamo(),
                new SesMailer(clients.ses(), sweeperConfig.mailFrom(), sweeperConfig.configurationSet(),
                        new SendRate(options.maxSendRate())),
                new SqsWebhookQueue(clients.sqs(), sweeperConfig.webhookQueueUrl()),
                new SqsMailQueue(clients.sqs(), sweeperConfig.digestQueueUrl()), options.clock());
        var mediaNotifier = new MediaNotifierHandler(
                MediaNotifierConfig.from(environment(emulator, "MediaNotifierFunction")), clients.dynamo(), clients.sqs(),
                options.clock());
        var mailConfig = MailSenderConfig.from(environment(emulator, "MailSenderFunction"))
                .withSendingLease(SENDING_LEASE).withAws(clients.settings());
        var feedbackConfig = SesFeedbackConfig.from(environment(emulator, "SesFeedbackFunction"));
        this.sesFeedback = new SesFeedbackHandler(clients.dynamo(), feedbackConfig.tableName(),
                feedbackConfig.recordsTable(), options.clock());
        // One mailer for all the local senders, so one bucket holds them to the whole send rate.
        LocalSesEvents ses = new LocalSesEvents(new SesMailer(options.ses() == null ? clients.ses() : options.ses(),
                mailConfig.mailFrom(), mailConfig.configurationSet(), new SendRate(mailConfig.maxSendRate())),
                sesFeedback, emulator::sentEmails, clients.s3(), TemplateStack.ARTIFACT_BUCKET, options.clock());
        Mailer mailer = options.mailer().apply(ses);

        apiServer.serve(api);
        apiServer.addLocalPage("/_local/mail", exchange -> new ApiServer.LocalPage(200, "text/html; charset=utf-8",
                MailPage.render(emulator.sentEmails(), apiServer.localKey())));
        apiServer.addLocalPage("/_local/rebuild", exchange -> {
            if (!exchange.method().equals("POST")) {
                return new ApiServer.LocalPage(405, "text/plain; charset=utf-8", "POST to rebuild the site\n");
            }
            StringBuilder log = new StringBuilder();
            rebuildSite(line -> log.append(line).append('\n'));
            return new ApiServer.LocalPage(200, "text/plain; charset=utf-8", log.toString());
        });
        apiServer.addLocalPage("/_local/mail.json", exchange ->
                new ApiServer.LocalPage(200, "application/json", Json.write(emulator.sentEmails())));

        StreamCheckpoints checkpoints = StreamCheckpoints.in(clients.s3(), TemplateStack.ARTIFACT_BUCKET);
        // The three consumers read the stream once between them: the one ahead reads, the others follow.
        StreamTail tail = new StreamTail();
        this.sitePoller = new StreamPoller("site-publisher", clients.streams(), stack.streamArn(),
                region, sitePublishers, checkpoints, streamFilter("SitePublisherFunction"), tail);
        this.notifierPoller = new StreamPoller("media-notifier", clients.streams(), stack.streamArn(),
                region, List.of(mediaNotifier), checkpoints, streamFilter("MediaNotifierFunction"), tail);
        // As Lambda runs the site rebuilder on a change of settings (the stream, filtered to them).
        this.settingsPoller = new StreamPoller("site-rebuilder", clients.streams(), stack.streamArn(), region,
                List.of(settingsChanges()), checkpoints, streamFilter("SiteRebuilderFunction"), tail);
        String queueArn = clients.sqs().getQueueAttributes(a -> a.queueUrl(stack.mailQueueUrl())
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        // As Lambda runs several mail senders at once (up to MailSenderConcurrency), each with its own handler.
        List<QueuePoller> mailPollers = new ArrayList<>();
        // The digest queue is served by the same senders (one send rate for all mail); they step
        // aside while release emails wait.
        String digestQueueArn = clients.sqs().getQueueAttributes(a -> a.queueUrl(mailConfig.digestQueueUrl())
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        var mailMapping = queueMapping("MailSenderFunction", queueArn);
        DynamoDbClient mailTable = options.mailTable() == null ? clients.dynamo() : options.mailTable();
        for (int i = 0; i < mailConfig.concurrency(); i++) {
            mailPollers.add(new QueuePoller(clients.sqs(), stack.mailQueueUrl(), queueArn, region,
                    new MailSenderHandler(mailConfig, mailTable, mailer, signingKeys, options.clock()),
                    mailMapping.batchSize(), Duration.ofSeconds(mailMapping.maximumBatchingWindowInSeconds() == null
                            ? 0 : mailMapping.maximumBatchingWindowInSeconds())));
            mailPollers.add(new QueuePoller(clients.sqs(), mailConfig.digestQueueUrl(), digestQueueArn, region,
                    new MailSenderHandler(mailConfig, mailTable, mailer, signingKeys, options.clock())));
        }
        // The webhook sender, as Lambda runs it from its queue (loopback allowed here only, for tests).
        var webhookConfig = WebhookSenderConfig.from(environment(emulator, "WebhookSenderFunction"));
        String webhookQueueArn = clients.sqs().getQueueAttributes(a -> a.queueUrl(webhookConfig.webhookQueueUrl())
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        QueuePoller webhookPoller = new QueuePoller(clients.sqs(), webhookConfig.webhookQueueUrl(), webhookQueueArn,
                region, new WebhookSenderHandler(webhookConfig, clients.dynamo(), clients.sqs(),
                        new SesMailer(clients.ses(), webhookConfig.mailFrom(), webhookConfig.configurationSet(),
                                new SendRate(options.maxSendRate())),
                        new HttpWebhookTransport(WebhookAddresses.system(webhookConfig.allowLoopback())),
                        options.clock()));
        // The shared pages' renderer, as Lambda runs it from its queue (up to two at once; the lease decides).
        String sharedPagesQueueUrl = stack.sharedPagesQueueUrl();
        String sharedPagesQueueArn = clients.sqs().getQueueAttributes(a -> a.queueUrl(sharedPagesQueueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        var sharedPagesConfig = SitePublisherConfig.from(environment(emulator, "SharedPagesFunction"));
        List<QueuePoller> sharedPagesPollers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            sharedPagesPollers.add(new QueuePoller(clients.sqs(), sharedPagesQueueUrl, sharedPagesQueueArn, region,
                    new SharedPagesHandler(sharedPagesConfig, clients.dynamo(), clients.s3(), clients.sqs(),
                            options.clock())));
        }
        // The search index's writer, as Lambda runs it from its queue (up to two at once; its own lease decides).
        String searchIndexQueueUrl = stack.searchIndexQueueUrl();
        String searchIndexQueueArn = clients.sqs().getQueueAttributes(a -> a.queueUrl(searchIndexQueueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        var searchIndexConfig = SitePublisherConfig.from(environment(emulator, "SearchIndexFunction"));
        for (int i = 0; i < 2; i++) {
            sharedPagesPollers.add(new QueuePoller(clients.sqs(), searchIndexQueueUrl, searchIndexQueueArn, region,
                    new SearchIndexHandler(searchIndexConfig, clients.dynamo(), clients.s3(), clients.sqs(),
                            options.clock())));
        }
        // The CDN invalidator, as Lambda runs it from the invalidation queue (CloudFront is the emulator's).
        var invalidatorConfig = CdnInvalidatorConfig.from(environment(emulator, "CdnInvalidatorFunction"));
        String invalidationQueueUrl = stack.invalidationQueueUrl();
        String invalidationQueueArn = clients.sqs().getQueueAttributes(a -> a.queueUrl(invalidationQueueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        QueuePoller invalidationPoller = new QueuePoller(clients.sqs(), invalidationQueueUrl, invalidationQueueArn,
                region, new CdnInvalidatorHandler(new CloudFrontCdn(clients.cloudFront(), invalidatorConfig.distributionId())));
        // Before any sender runs: a send whose process died after SES took it is settled by its
        // Send event now, not sent again when its claim's lease runs out.
        ses.reconcile();
        background("ses-events", ses, ses::stop);
        background("site-publisher", sitePoller, sitePoller::stop);
        background("media-notifier", notifierPoller, notifierPoller::stop);
        background("site-rebuilder", settingsPoller, settingsPoller::stop);
        background("webhook-sender", webhookPoller, webhookPoller::stop);
        background("cdn-invalidator", invalidationPoller, invalidationPoller::stop);
        for (int i = 0; i < sharedPagesPollers.size(); i++) {
            QueuePoller poller = sharedPagesPollers.get(i);
            background(i < 2 ? "shared-pages-" + i : "search-index-" + (i - 2), poller, poller::stop);
        }
        for (int i = 0; i < mailPollers.size(); i++) {
            QueuePoller poller = mailPollers.get(i);
            background("mail-sender-" + i, poller, poller::stop);
        }
        if (!options.tick().isZero()) {
            Ticker ticker = new Ticker(options.tick(), this::tickSchedules);
            background("schedule", ticker, ticker::stop);
        }
        if (!siteHasFrontPage()) {
            // A new site shows its (empty) lists, not a 404, before anything is published.
            siteRebuilder.rebuild(line -> { });
        } else {
            // This build's desk, even when the site itself is already there.
            siteRebuilder.writeDesk();
        }
        siteServer.start(stack.siteBucket(), SiteHeaders.of(clients.cloudFront(), stack.distributionId()));
        apiServer.allowOrigin(siteBaseUrl);
        apiServer.start();
    }

    /** "http://localhost:4566/" → "http://localhost:4566". */
    private static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getAuthority();
    }

    /** The stack's parameters for these options: the local ones, and this runtime's own addresses. */
    static Map<String, String> parameters(Options options, String apiBaseUrl, String siteBaseUrl) {
        Map<String, String> parameters = TemplateStack.localParameters();
        parameters.put("SiteName", SITE_NAME);
        parameters.put("Categories", String.join(", ", options.categories().names()));
        parameters.put("TwoPersonRule", Boolean.toString(options.twoPersonRule()));
        parameters.put("PublicApiBaseUrl", apiBaseUrl);
        parameters.put("SiteBaseUrl", siteBaseUrl);
        parameters.put("MaxSendRate", BigDecimal.valueOf(options.maxSendRate()).stripTrailingZeros().toPlainString());
        parameters.put("MailSenderConcurrency", Integer.toString(options.mailConcurrency()));
        return parameters;
    }

    /** The ParallelizationFactor of the function's stream event source mapping, as deployed (at least 1). */
    private int parallelization(String functionLogicalId) {
        String function = stack.physicalId(functionLogicalId);
        return clients.lambda().listEventSourceMappings(l -> l.functionName(function)).eventSourceMappings().stream()
                .filter(m -> stack.streamArn().equals(m.eventSourceArn()) && m.parallelizationFactor() != null)
                .mapToInt(m -> m.parallelizationFactor()).findFirst().orElse(1);
    }

    /** The FilterCriteria of the function's stream event source mapping, as deployed. */
    private StreamFilter streamFilter(String functionLogicalId) {
        String function = stack.physicalId(functionLogicalId);
        List<String> patterns = new ArrayList<>();
        clients.lambda().listEventSourceMappings(l -> l.functionName(function)).eventSourceMappings().stream()
                .filter(m -> stack.streamArn().equals(m.eventSourceArn()) && m.filterCriteria() != null)
                .forEach(m -> m.filterCriteria().filters().forEach(f -> patterns.add(f.pattern())));
        return StreamFilter.of(patterns);
    }

    /** The function's event source mapping from this queue, as deployed (its batch size and window). */
    private software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration queueMapping(
            String functionLogicalId, String queueArn) {
        String function = stack.physicalId(functionLogicalId);
        return clients.lambda().listEventSourceMappings(l -> l.functionName(function)).eventSourceMappings().stream()
                .filter(m -> queueArn.equals(m.eventSourceArn())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no event source mapping from " + queueArn
                        + " to " + functionLogicalId + " in the stack"));
    }

    /** How many site publishers run at once (the stream's ParallelizationFactor). */
    public int sitePublisherInstances() {
        return sitePoller.instances();
    }

    /** How many stream records the site publishers and the media notifier have been given since start. */
    public long streamRecordsHandled() {
        return sitePoller.recordsHandled() + notifierPoller.recordsHandled();
    }

    /** A function's deployed environment, with what Lambda adds (its region) and the emulator's endpoint. */
    private EnvVars environment(Emulator emulator, String functionLogicalId) {
        Map<String, String> env = new HashMap<>(TemplateStack.environment(clients, stack, functionLogicalId));
        env.put(EnvVars.AWS_REGION, region);
        env.put(EnvVars.AWS_ENDPOINT_URL, emulator.endpoint().toString());
        // Locally only: the tests' webhook receivers listen on loopback, over plain http.
        env.put(EnvVars.WEBHOOKS_ALLOW_LOOPBACK, "true");
        return EnvVars.from(env);
    }

    /** Provisions the resources in the emulator and starts the servers and pollers. */
    public static LocalRuntime start(Emulator emulator, Options options, LocalTokens tokens) {
        try {
            return new LocalRuntime(emulator, options, tokens);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the local servers (is the port free?)", e);
        }
    }

    private void background(String name, Runnable poller, Runnable stop) {
        Thread thread = new Thread(poller, "local-" + name);
        thread.setDaemon(true);
        thread.start();
        threads.add(thread);
        stoppers.add(stop);
    }

    /**
     * Fires the scheduled functions once, with the event EventBridge sends (the embargo sweep);
     * the background ticker calls this, and so can a test that drives time itself.
     */
    public void tickSchedules() {
        ScheduledEvent event = new ScheduledEvent();
        event.setId(UUID.randomUUID().toString());
        event.setSource("aws.events");
        event.setDetailType("Scheduled Event");
        event.setAccount("000000000000");
        event.setRegion(region);
        event.setTime(new DateTime(options.clock().millis()));
        event.setResources(List.of("arn:aws:events:" + region + ":000000000000:rule/newsroom-embargo-sweep"));
        event.setDetail(Map.of());
        embargoSweeper.handleRequest(event, null);
    }

    /** The site rebuilder's stream handler: a batch with a change of settings rebuilds the site once. */
    private com.amazonaws.services.lambda.runtime.RequestHandler<com.amazonaws.services.lambda.runtime.events.DynamodbEvent,
            com.amazonaws.services.lambda.runtime.events.StreamsEventResponse> settingsChanges() {
        return (event, context) -> {
            boolean settings = event.getRecords().stream().anyMatch(r -> r.getDynamodb() != null
                    && r.getDynamodb().getNewImage() != null && r.getDynamodb().getNewImage().get("entity") != null
                    && "SiteSettings".equals(r.getDynamodb().getNewImage().get("entity").getS()));
            if (settings) {
                siteRebuilder.rebuildForSettings();
            }
            return new com.amazonaws.services.lambda.runtime.events.StreamsEventResponse();
        };
    }

    /** The full rebuild, as the site-rebuilder function runs it in AWS. */
    private boolean siteHasFrontPage() {
        try {
            clients.s3().headObject(h -> h.bucket(stack.siteBucket()).key("news/index.html"));
            return true;
        } catch (software.amazon.awssdk.services.s3.model.S3Exception missing) {
            return false;
        }
    }

    public SiteRebuilder.Result rebuildSite(Consumer<String> progress) {
        return siteRebuilder.rebuild(progress);
    }

    /**
     * Hands SES events (bounces, complaints: SES's JSON) to the ses-feedback function as one batch,
     * as the SES events queue does in AWS; answers which of them failed.
     */
    public SQSBatchResponse sesEvents(List<String> events) {
        return sesFeedback.handleRequest(LocalSesEvents.queueBatch(events), null);
    }

    public URI apiUrl() {
        return URI.create("http://localhost:" + apiServer.port());
    }

    public URI siteUrl() {
        return URI.create("http://localhost:" + siteServer.port());
    }

    /** This run's key for the /_local/ pages ({@code ?key=}), printed at start. */
    public String localKey() {
        return apiServer.localKey();
    }

    /** The link-signing keys the stack generated (tests make and check email links with them). */
    public SigningKeys signingKeys() {
        return signingKeys;
    }

    public LocalTokens tokens() {
        return tokens;
    }

    public LocalClients clients() {
        return clients;
    }

    /** The stack template.yaml made in the emulator: its outputs, parameters and resources. */
    public TemplateStack.Deployed resources() {
        return stack;
    }

    @Override
    public void close() {
        stoppers.forEach(Runnable::run);
        apiServer.close();
        siteServer.close();
        for (Thread thread : threads) {
            try {
                thread.join(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        presigner.close();
        clients.close();
    }
}
