package newsroom.bench;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import newsroom.domain.Release;
import newsroom.local.LocalClients;
import newsroom.local.LocalResources;
import newsroom.local.emulator.Emulator;
import newsroom.site.Cdn;
import newsroom.site.S3Downloads;
import newsroom.site.S3SiteBucket;
import newsroom.site.SiteAssets;
import newsroom.site.SiteBucket;
import newsroom.site.SitePublisher;
import newsroom.site.SiteRenderer;
import newsroom.store.DynamoDbReleaseRepository;
import newsroom.store.ReleaseMapper;
import newsroom.store.Table;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The cost of publishing one release as the archive grows: objects written and time per publish,
 * with a small archive and a large one in the table (through the emulator: DynamoDB and S3 for real).
 */
final class PublishBench {

    /** One archive size's figures. */
    record Cost(int archive, int objects, double medianMillis) {
    }

    private PublishBench() {
    }

    static Cost measure(Emulator emulator, int archiveSize, int publishes) {
        emulator.reset();
        try (LocalClients clients = LocalClients.forEndpoint(emulator.endpoint())) {
            LocalResources.Provisioned resources = LocalResources.provision(clients);
            load(clients, resources.tableName(), Corpus.generate(archiveSize, 42));
            var repository = new DynamoDbReleaseRepository(clients.dynamo(), resources.tableName(), RebuildBench.ZONE);
            int[] objects = {0};
            SiteBucket counting = new SiteBucket() {
                private final S3SiteBucket s3 = new S3SiteBucket(clients.s3(), resources.siteBucket());

                @Override
                public void put(String key, byte[] content, String contentType, String cacheControl) {
                    objects[0]++;
                    s3.put(key, content, contentType, cacheControl);
                }

                @Override
                public boolean exists(String key) {
                    return s3.exists(key);
                }
            };
            SiteAssets assets = new SiteAssets();
            Instant now = Instant.parse("2026-11-29T12:00:00Z");
            SitePublisher publisher = new SitePublisher(repository, counting,
                    new S3Downloads(clients.s3(), resources.uploadBucket(), resources.siteBucket()),
                    new SiteRenderer(assets, "Newsroom", "https://news.example", RebuildBench.ZONE), assets, Cdn.NONE,
                    Clock.fixed(now, ZoneOffset.UTC));
            List<Release> fresh = Corpus.generate(publishes + 1, 7).stream()
                    .map(r -> retime(r, now.minusSeconds(60))).toList();
            List<Long> times = new ArrayList<>();
            for (int i = 0; i < fresh.size(); i++) {
                Release release = fresh.get(i);
                repository.create(release);
                objects[0] = 0;
                long start = System.nanoTime();
                publisher.publish(release, null);
                long micros = (System.nanoTime() - start) / 1_000;
                if (i > 0) { // the first publish of a container also writes its assets
                    times.add(micros);
                }
            }
            times.sort(null);
            return new Cost(archiveSize, objects[0], times.get(times.size() / 2) / 1000.0);
        }
    }

    private static Release retime(Release r, Instant at) {
        return new Release("fresh-" + r.id(), "fresh-" + r.slug(), r.title(), r.summary(), r.body(), r.category(),
                r.tags(), r.contact(), null, List.of(), r.status(), r.author(), at, at, at, null, List.of(), null, 2);
    }

    /** Loads an archive straight into the table, 25 items a request, with its months. */
    static void load(LocalClients clients, String table, List<Release> releases) {
        ReleaseMapper mapper = new ReleaseMapper(RebuildBench.ZONE);
        List<WriteRequest> batch = new ArrayList<>();
        java.util.Set<YearMonth> months = new java.util.TreeSet<>();
        for (Release r : releases) {
            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(mapper.toItem(r)).build()).build());
            months.add(YearMonth.from(r.publishedAt().atZone(RebuildBench.ZONE)));
            if (batch.size() == 25) {
                write(clients, table, batch);
                batch = new ArrayList<>();
            }
        }
        for (YearMonth month : months) {
            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(Map.of(
                    Table.PK, AttributeValue.fromS("ARCHIVE"), Table.SK, AttributeValue.fromS("MONTH#" + month),
                    Table.ENTITY, AttributeValue.fromS("ArchiveMonth"))).build()).build());
            if (batch.size() == 25) {
                write(clients, table, batch);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            write(clients, table, batch);
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
