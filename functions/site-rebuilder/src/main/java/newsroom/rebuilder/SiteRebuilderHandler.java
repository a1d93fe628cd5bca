package newsroom.rebuilder;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import newsroom.aws.AwsClients;
import newsroom.aws.SiteAdapters;
import newsroom.aws.SnapStartPrimed;
import newsroom.aws.SnapStartPriming;
import newsroom.aws.SqsSharedPagesNudge;
import newsroom.config.EnvVars;
import newsroom.log.JsonLog;
import newsroom.domain.SiteSettings;
import newsroom.render.SiteAssets;
import newsroom.render.SiteRenderer;
import newsroom.render.SiteSearch;
import newsroom.service.SiteSettingsService;
import newsroom.service.port.SettingsRepository;
import newsroom.store.DynamoDbRecordsMove;
import newsroom.store.DynamoDbSettingsRepository;
import java.time.Instant;
import newsroom.render.Desk;
import newsroom.service.port.SharedPagesNudge;
import newsroom.service.port.SiteBucket;
import newsroom.service.AtOnce;
import newsroom.service.SiteRebuilder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The full rebuild as a function, run by hand after a template change
 * ({@code sam remote invoke SiteRebuilderFunction}). Safe to run again if it fails or times out:
 * it only overwrites.
 */
public final class SiteRebuilderHandler implements RequestHandler<Map<String, Object>, Map<String, Object>>, SnapStartPrimed {
    private static final JsonLog LOG = JsonLog.of(SiteRebuilderHandler.class);
    static final int THREADS = 16;
    /** The desk's files, written this many at once. */
    private static final ExecutorService WRITES = AtOnce.pool("desk-write", 8);

    private final SiteRebuilder rebuilder;
    private final SiteBucket bucket;
    private final Desk desk;
    private final Desk.Config deskConfig;
    private final SiteSettingsService settings;
    /** Records an older stack kept in the table, moved by the first rebuild after the upgrade. */
    private final DynamoDbRecordsMove recordsMove;
    private final SiteRenderer renderer;
    /** Null: every rebuild renders the lists itself. */
    private final SharedPagesNudge listsRenderer;

    public SiteRebuilderHandler() {
        this(SiteRebuilderConfig.from(EnvVars.fromSystem()));
        SnapStartPriming.register(this);
    }

    private SiteRebuilderHandler(SiteRebuilderConfig config) {
        this(config,
                AwsClients.build(DynamoDbClient.builder(), config.aws()),
                SiteAdapters.s3(config.aws()),
                config.invalidationQueueUrl() == null && config.sharedPagesQueueUrl() == null ? null
                        : AwsClients.build(SqsClient.builder(), config.aws()),
                Clock.systemUTC());
    }

    public SiteRebuilderHandler(SiteRebuilderConfig config, DynamoDbClient dynamo, S3Client s3,
                                SqsClient sqs, Clock clock) {
        SiteAdapters site = SiteAdapters.of(dynamo, s3, sqs, config.tableName(), config.recordsTable(),
                config.siteBucket(), config.uploadBucket(), config.invalidationQueueUrl(), config.siteBaseUrl(),
                config.siteName(), config.zone());
        this.rebuilder = new SiteRebuilder(site.releases(), site.index(), site.renderQueue(), site.bucket(),
                site.downloads(), site.renderer(), site.assets(), config.categories(), site.cdn(), clock, THREADS)
                .withSearch(site.search(dynamo, config.recordsTable(), clock));
        this.bucket = site.bucket();
        this.desk = new Desk();
        this.deskConfig = config.desk();
        this.renderer = site.renderer();
        this.listsRenderer = sqs == null || config.sharedPagesQueueUrl() == null ? null
                : new SqsSharedPagesNudge(sqs, config.sharedPagesQueueUrl(), config.searchIndexQueueUrl());
        this.recordsMove = new DynamoDbRecordsMove(dynamo, config.tableName(), config.recordsTable());
        this.settings = new SiteSettingsService(new DynamoDbSettingsRepository(dynamo, config.tableName()),
                config.siteName(), config.zone().getId(), clock);
    }

    /**
     * Rebuilds, reporting progress to {@code progress} as it goes; writes the desk first. Returns
     * when every page is rendered (the lists here, or by the renderer holding their lease).
     */
    public SiteRebuilder.Result rebuild(Consumer<String> progress) {
        beforeRebuild(progress);
        return rebuilder.rebuild(progress);
    }

    /**
     * The rebuild asked for by hand: the release pages here, and the lists, feeds, sitemaps and
     * search index marked for the shared pages' function (their one writer, which every publish
     * nudges too), when there is one. It returns once they are marked: they follow in seconds.
     */
    public SiteRebuilder.Result rebuildByHand(Consumer<String> progress) {
        if (listsRenderer == null) {
            return rebuild(progress);
        }
        beforeRebuild(progress);
        return rebuilder.rebuildMarkingLists(progress, listsRenderer);
    }

    private void beforeRebuild(Consumer<String> progress) {
        // The desk's files go up while the records and settings are read: one after another, its
        // fourteen writes were a fifth of a cold rebuild's first request (benchmark 5).
        List<Future<?>> deskWrites = desk.files(deskConfig).stream()
                .<Future<?>>map(file -> WRITES.submit(() -> put(file))).toList();
        try {
            followSettings(progress);
        } finally {
            AtOnce.awaitAll(deskWrites);
        }
    }

    private void followSettings(Consumer<String> progress) {
        int moved = recordsMove.run();
        if (moved > 0) {
            progress.accept("Moved " + moved + " records of releases and digests to the records table");
        }
        SiteSettings current = settings.follow(renderer, SiteSearch.ENABLED);
        SiteAssets.Asset logo = SiteAssets.logo(current);
        if (logo != null) {
            bucket.put(logo.key(), logo.content(), logo.contentType(), SiteBucket.ASSET_CACHE);
        }
    }

    /**
     * The rebuild a change of settings asks for (the settings item's stream record): its state
     * is kept where GET /settings/rebuild reads it, and each step is logged.
     */
    public SiteRebuilder.Result rebuildForSettings() {
        long version = settings.current().version();
        Instant started = Instant.now();
        String[] last = {"started"};
        settings.recordRebuild(new SettingsRepository.RebuildStatus("running", version, started, null, 0, last[0]));
        try {
            SiteRebuilder.Result result = rebuild(line -> {
                LOG.info(line, "settingsVersion", version);
                last[0] = line;
                settings.recordRebuild(new SettingsRepository.RebuildStatus("running", version, started, null, 0, line));
            });
            settings.recordRebuild(new SettingsRepository.RebuildStatus("done", version, started, Instant.now(),
                    result.objects(), last[0]));
            return result;
        } catch (RuntimeException e) {
            settings.recordRebuild(new SettingsRepository.RebuildStatus("failed", version, started, Instant.now(), 0,
                    "the rebuild failed; it is tried again"));
            throw e;
        }
    }

    /** The press office's desk and its config, under /desk/. */
    public void writeDesk() {
        AtOnce.each(WRITES, desk.files(deskConfig), this::put);
    }

    private void put(Desk.File file) {
        bucket.put(file.key(), file.content(), file.contentType(), Desk.CACHE);
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        // From the table's stream (filtered to the settings item): a change of settings. The batch
        // succeeds or fails whole (a failure throws, and the stream retries it). It renders every
        // page before it says "done", as GET /settings/rebuild tells the press office.
        if (input != null && input.containsKey("Records")) {
            rebuildForSettings();
            return Map.of("batchItemFailures", java.util.List.of());
        }
        SiteRebuilder.Result result = rebuildByHand(line -> LOG.info(line));
        return Map.of("objects", result.objects(), "releases", result.releases(), "millis", result.millis(),
                "sharedParts", result.parts(), "lists", result.listsRendered() ? "rendered"
                        : "marked for the shared pages' function, which renders them next");
    }

    /** Reads as a rebuild does and renders every kind of page in memory; writes nothing. */
    @Override
    public void prime() {
        rebuilder.prime();
    }
}
