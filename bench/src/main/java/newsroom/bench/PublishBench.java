package newsroom.bench;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import newsroom.aws.AwsClients;
import newsroom.aws.S3Downloads;
import newsroom.aws.S3SiteBucket;
import newsroom.fakes.ForwardingSiteBucket;
import newsroom.domain.Release;
import newsroom.local.LocalClients;
import newsroom.local.TemplateStack;
import newsroom.local.emulator.Emulator;
import newsroom.render.SiteAssets;
import newsroom.render.SiteRenderer;
import newsroom.service.SitePublisher;
import newsroom.service.port.Cdn;
import newsroom.service.port.SiteBucket;
import newsroom.store.DynamoDbReleaseRepository;
import newsroom.store.DynamoDbRenderQueue;
import newsroom.store.DynamoDbSiteIndex;
import newsroom.store.ReleaseMapper;
import newsroom.store.Table;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The cost of publishing one release as the archive grows: objects written and time per publish,
 * with a small archive and a large one in the table (through the emulator: DynamoDB and S3 for real).
 */
final class PublishBench {

    /**
     * One archive size's figures, medians over the publishes: time, and of it the time spent
     * waiting for DynamoDB; requests to DynamoDB and the items they returned.
     */
    record Cost(int archive, int objects, double medianMillis, double medianDynamoMillis, int dynamoRequests,
                int itemsRead) {
    }

    /**
     * Counts DynamoDB requests and the items they return, and the time during which at least one
     * of them was waiting for an answer (a publish makes its reads in parallel, so their durations
     * are not added up).
     */
    private static final class DynamoMeter implements ExecutionInterceptor {
        private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("bench-started");
        private final List<long[]> calls = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger requests = new AtomicInteger();
        final AtomicInteger items = new AtomicInteger();

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            attributes.putAttribute(STARTED, System.nanoTime());
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            calls.add(new long[] {attributes.getAttribute(STARTED), System.nanoTime()});
            requests.incrementAndGet();
            if (context.response() instanceof QueryResponse query) {
                items.addAndGet(query.count());
            } else if (context.response() instanceof GetItemResponse get && get.hasItem()) {
                items.incrementAndGet();
            } else if (context.response()
                    instanceof software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse batch) {
                batch.responses().values().forEach(list -> items.addAndGet(list.size()));
            }
        }

        /** The union of the calls' intervals since the last reset. */
        long waitingNanos() {
            List<long[]> sorted;
            synchronized (calls) {
                sorted = calls.stream().sorted(Comparator.comparingLong(c -> c[0])).toList();
            }
            long total = 0;
            long start = Long.MIN_VALUE;
            long end = Long.MIN_VALUE;
            for (long[] call : sorted) {
                if (call[0] > end) {
                    total += end - start;
                    start = call[0];
                    end = call[1];
                } else {
                    end = Math.max(end, call[1]);
                }
            }
            return sorted.isEmpty() ? 0 : total + end - start;
        }

        void reset() {
            calls.clear();
            requests.set(0);
            items.set(0);
        }
    }

    private PublishBench() {
    }

    static Cost measure(Emulator emulator, int archiveSize, int publishes) {
        emulator.reset();
        try (LocalClients clients = LocalClients.forEndpoint(emulator.endpoint())) {
            TemplateStack.Deployed resources = TemplateStack.deploy(clients, TemplateStack.localParameters());
            load(clients, resources.tableName(), resources.recordsTableName(), Corpus.generate(archiveSize, 42));
            DynamoMeter meter = new DynamoMeter();
            DynamoDbClient metered = AwsClients.build(DynamoDbClient.builder()
                    .overrideConfiguration(o -> o.addExecutionInterceptor(meter)), clients.settings());
            var repository = new DynamoDbReleaseRepository(metered, resources.tableName(), RebuildBench.ZONE);
            AtomicInteger objects = new AtomicInteger(); // pages are written in parallel
            SiteBucket counting = new ForwardingSiteBucket(new S3SiteBucket(clients.s3(), resources.siteBucket())) {
                @Override
                public void put(String key, byte[] content, String contentType, String cacheControl) {
                    objects.incrementAndGet();
                    super.put(key, content, contentType, cacheControl);
                }
            };
            SiteAssets assets = new SiteAssets();
            Instant now = Instant.parse("2026-11-29T12:00:00Z");
            SitePublisher publisher = new SitePublisher(repository,
                    new DynamoDbSiteIndex(metered, resources.recordsTableName(), RebuildBench.ZONE),
                    new DynamoDbRenderQueue(metered, resources.recordsTableName()), counting,
                    new S3Downloads(clients.s3(), resources.uploadBucket(), resources.siteBucket()),
                    new SiteRenderer(assets, "Newsroom", "https://news.example", RebuildBench.ZONE), assets, Cdn.NONE,
                    Clock.fixed(now, ZoneOffset.UTC));
            List<Release> fresh = Corpus.generate(publishes + 1, 7).stream()
                    .map(r -> retime(r, now.minusSeconds(60))).toList();
            List<Long> times = new ArrayList<>();
            List<Long> dynamoTimes = new ArrayList<>();
            int requests = 0;
            int items = 0;
            for (int i = 0; i < fresh.size(); i++) {
                Release release = fresh.get(i);
                repository.create(release);
                objects.set(0);
                meter.reset();
                long start = System.nanoTime();
                publisher.publish(release.id());
                long micros = (System.nanoTime() - start) / 1_000;
                if (i > 0) { // the first publish of a container also writes its assets
                    times.add(micros);
                    dynamoTimes.add(meter.waitingNanos() / 1_000);
                    requests = meter.requests.get();
                    items = meter.items.get();
                }
            }
            times.sort(null);
            dynamoTimes.sort(null);
            return new Cost(archiveSize, objects.get(), times.get(times.size() / 2) / 1000.0,
                    dynamoTimes.get(dynamoTimes.size() / 2) / 1000.0, requests, items);
        }
    }

    private static Release retime(Release r, Instant at) {
        return new Release("fresh-" + r.id(), "fresh-" + r.slug(), r.title(), r.summary(), r.body(), r.category(),
                r.tags(), r.contact(), null, List.of(), r.status(), r.author(), at, at, at, null, List.of(), null, 2);
    }

    /** Loads an archive straight into the tables, 25 items a request, with its months and its site index. */
    static void load(LocalClients clients, String table, String recordsTable, List<Release> releases) {
        ReleaseMapper mapper = new ReleaseMapper(RebuildBench.ZONE);
        List<WriteRequest> batch = new ArrayList<>();
        List<WriteRequest> records = new ArrayList<>();
        Set<YearMonth> months = new TreeSet<>();
        Set<String> registries = new java.util.HashSet<>();
        for (Release r : releases) {
            List<Map<String, AttributeValue>> items = new ArrayList<>();
            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(mapper.toItem(r)).build()).build());
            if (batch.size() == 25) {
                write(clients, table, batch);
                batch = new ArrayList<>();
            }
            if (r.status() == newsroom.domain.ReleaseStatus.PUBLISHED) {
                // Listed on the site, as its publish (or a rebuild) leaves it in the site index.
                var listing = new newsroom.service.port.SiteIndex.Listing(r.id(), r.version(), r.publishedAt(),
                        r.category());
                items.add(DynamoDbSiteIndex.entryItem(listing));
                // The month's latest and category items; the months registries once each.
                List<Map<String, AttributeValue>> listed = DynamoDbSiteIndex.listedItems(listing, RebuildBench.ZONE);
                items.addAll(listed.subList(0, 2));
                for (Map<String, AttributeValue> registry : listed.subList(2, listed.size())) {
                    if (registries.add(registry.get(Table.PK).s() + "/" + registry.get(Table.SK).s())) {
                        items.add(registry);
                    }
                }
            }
            for (Map<String, AttributeValue> item : items) {
                records.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
                if (records.size() == 25) {
                    write(clients, recordsTable, records);
                    records = new ArrayList<>();
                }
            }
            months.add(YearMonth.from(r.publishedAt().atZone(RebuildBench.ZONE)));
        }
        for (YearMonth month : months) {
            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(Map.of(
                    Table.PK, AttributeValue.fromS("ARCHIVE"), Table.SK, AttributeValue.fromS("MONTH#" + month),
                    Table.ENTITY, AttributeValue.fromS("ArchiveMonth"))).build()).build());
            if (batch.size() >= 24) {
                write(clients, table, batch);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            write(clients, table, batch);
        }
        if (!records.isEmpty()) {
            write(clients, recordsTable, records);
        }
    }

    private static void write(LocalClients clients, String table, List<WriteRequest> batch) {
        Map<String, List<WriteRequest>> pending = new HashMap<>(Map.of(table, batch));
        for (int attempt = 0; !pending.isEmpty() && attempt < 10; attempt++) {
            var unprocessed = clients.dynamo().batchWriteItem(b -> b.requestItems(pending)).unprocessedItems();
            pending.clear();
            if (unprocessed != null) {
                pending.putAll(unprocessed);
            }
        }
    }

}
