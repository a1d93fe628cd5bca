package newsroom.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import newsroom.aws.AwsClients;
import newsroom.local.support.SharedEmulator;
import newsroom.service.port.SiteIndex.Listing;
import newsroom.store.DynamoDbSiteIndex;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The site index keeps its lists by month, so the latest twenty, a category's latest and a month
 * read the same partitions and the same items whatever the size of the archive; a release moved
 * to another month or category leaves nothing behind; listings of the first layout (one partition
 * for everything) are moved by {@code upgrade}, except those changed since.
 * Needs: the AWS emulator (started by the harness).
 */
class SiteIndexIT {
    private static final ZoneId ZONE = ZoneId.of("Europe/London");
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    /** The partitions queried and the items they returned, since the last reset. */
    private static final class Reads implements ExecutionInterceptor {
        final List<String> partitions = new CopyOnWriteArrayList<>();
        int items;

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof QueryRequest query && context.response() instanceof QueryResponse response) {
                partitions.add(query.expressionAttributeValues().get(":pk").s());
                items += response.count();
            }
        }

        void reset() {
            partitions.clear();
            items = 0;
        }
    }

    private LocalClients clients;
    private TemplateStack.Deployed resources;
    private DynamoDbClient metered;
    private final Reads reads = new Reads();
    private DynamoDbSiteIndex index;
    private int next;

    @BeforeEach
    void provision() {
        clients = LocalClients.forEndpoint(SharedEmulator.fresh().endpoint());
        resources = TemplateStack.deploy(clients, TemplateStack.localParameters());
        metered = AwsClients.build(DynamoDbClient.builder().overrideConfiguration(o -> o.addExecutionInterceptor(reads)),
                clients.settings());
        index = new DynamoDbSiteIndex(metered, resources.recordsTableName(), ZONE);
    }

    @AfterEach
    void close() {
        metered.close();
        clients.close();
    }

    private Listing list(Instant at, String category) {
        Listing listing = new Listing(String.format("%08d-0000-4000-8000-000000000000", ++next), 2, at, category);
        index.list(listing);
        return listing;
    }

    private static List<String> ids(List<Listing> listings) {
        return listings.stream().map(Listing::id).toList();
    }

    /**
     * A stream batch's changes go together: the entries in one read, the changes as many to a
     * transaction as fit. Each keeps its rules: an older version changes nothing, a release that
     * moved category answers the one it left, and a release another publisher changed between the
     * batch's read and its transaction ends as that publisher left it (the refused transaction is
     * made again one change at a time).
     */
    @Test
    void aBatchsChangesGoTogetherAndKeepEachChangesRules() {
        Listing moved = list(NOW.minusSeconds(7200), "Appeals");
        Listing newer = list(NOW.minusSeconds(7100), "Appeals"); // version 2 in the index already
        Listing raced = list(NOW.minusSeconds(7000), "Appeals");
        List<newsroom.service.port.SiteIndex.Change> changes = new ArrayList<>();
        changes.add(new newsroom.service.port.SiteIndex.Change(moved.id(), 3,
                new Listing(moved.id(), 3, moved.publishedAt(), "Court Results")));
        changes.add(new newsroom.service.port.SiteIndex.Change(newer.id(), 1,
                new Listing(newer.id(), 1, newer.publishedAt(), "Road Safety")));
        List<Listing> fresh = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Listing listing = new Listing(String.format("%08d-0000-4000-8000-000000000000", ++next), 1,
                    NOW.minusSeconds(i), i % 2 == 0 ? "Appeals" : "Road Safety");
            fresh.add(listing);
            changes.add(new newsroom.service.port.SiteIndex.Change(listing.id(), 1, listing));
        }
        changes.add(new newsroom.service.port.SiteIndex.Change(raced.id(), 3, null)); // withdrawn, at version 3

        reads.reset();
        List<String> requests = new CopyOnWriteArrayList<>();
        DynamoDbSiteIndex racing = racingIndex(requests, raced);
        Map<String, java.util.Optional<String>> answers = racing.changeAll(changes);

        assertEquals(java.util.Optional.of("Appeals"), answers.get(moved.id()), "the category it left");
        assertEquals(java.util.Optional.empty(), answers.get(newer.id()), "older than the index's: nothing");
        assertEquals(43, answers.size());
        assertEquals(List.of("BatchGetItem", "TransactWriteItems", "TransactWriteItems"), requests.subList(0, 3),
                "the entries in one read, the changes in two transactions");
        long alone = requests.stream().skip(3).filter("GetItem"::equals).count();
        // Each alone reads its entry and writes, but the raced one, which finds the newer version.
        assertTrue(alone > 0 && alone < 30 && requests.size() == 3 + 2 * alone - 1,
                "only the refused transaction's changes made again, each alone: " + requests);
        // As each change alone would have left it:
        List<String> appeals = ids(index.latestInCategory("Appeals", 100));
        assertTrue(!appeals.contains(moved.id()) && ids(index.latestInCategory("Court Results", 5)).contains(moved.id()));
        assertTrue(appeals.contains(newer.id()), "the newer version still listed where it was");
        assertTrue(appeals.contains(raced.id()), "listed at version 4 by the other publisher, not withdrawn at 3");
        List<String> latest = ids(index.latest(100));
        fresh.forEach(l -> assertTrue(latest.contains(l.id()), l.id()));
    }

    /** An index whose first transaction finds the raced release changed by another publisher (version 4) just before. */
    private DynamoDbSiteIndex racingIndex(List<String> requests, Listing raced) {
        java.util.concurrent.atomic.AtomicBoolean once = new java.util.concurrent.atomic.AtomicBoolean();
        DynamoDbSiteIndex other = new DynamoDbSiteIndex(clients.dynamo(), resources.recordsTableName(), ZONE);
        ExecutionInterceptor race = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                String name = context.request().getClass().getSimpleName().replace("Request", "");
                requests.add(name);
                if (name.equals("TransactWriteItems") && once.compareAndSet(false, true)) {
                    other.list(new Listing(raced.id(), 4, raced.publishedAt(), raced.category()));
                }
            }
        };
        return new DynamoDbSiteIndex(AwsClients.build(DynamoDbClient.builder()
                .overrideConfiguration(o -> o.addExecutionInterceptor(race)), clients.settings()),
                resources.recordsTableName(), ZONE);
    }

    @Test
    void theLatestTwentyReadTheSameWhateverTheSizeOfTheArchive() {
        List<Listing> november = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            november.add(list(NOW.minus(Duration.ofHours(i)), "Appeals"));
        }
        reads.reset();
        List<Listing> small = index.latest(20);
        List<String> smallPartitions = List.copyOf(reads.partitions);
        int smallItems = reads.items;

        for (int i = 0; i < 300; i++) { // three years before this month
            list(Instant.parse("2026-10-31T00:00:00Z").minus(Duration.ofDays(3L * i + 1)), "Appeals");
        }
        reads.reset();
        List<Listing> large = index.latest(20);
        assertEquals(ids(november.subList(0, 20)), ids(large), "the twenty newest, newest first");
        assertEquals(ids(small), ids(large));
        assertEquals(smallPartitions, reads.partitions, "the same partitions read");
        assertEquals(smallItems + 11, reads.items, "the same listings read (and a page of the months there are)");
        assertTrue(reads.partitions.contains("SITE#LISTED#2026-11"), reads.partitions.toString());
    }

    @Test
    void aShortMonthIsFilledFromTheMonthsBefore() {
        Listing august = list(Instant.parse("2026-08-10T09:00:00Z"), "Court Results");
        Listing june = list(Instant.parse("2026-06-01T09:00:00Z"), "Court Results");
        Listing novemberOther = list(NOW.minusSeconds(60), "Appeals");
        Listing november = list(NOW.minusSeconds(120), "Court Results");
        assertEquals(ids(List.of(november, august, june)), ids(index.latestInCategory("Court Results", 20)),
                "across months with none between them");
        assertEquals(ids(List.of(novemberOther, november, august)), ids(index.latest(3)));
        reads.reset();
        assertEquals(ids(List.of(november)), ids(index.latestInCategory("Court Results", 1)));
        assertEquals(List.of("SITE#YEAR#CAT#Court Results", "SITE#LISTED#CAT#Court Results#2026"), reads.partitions,
                "its years, then only the newest");
    }

    @Test
    void aMonthIsReadFromItsOwnPartitionInTheSitesZone() {
        // 00:30 on 1 November in London is still 31 October in UTC... and November on the site.
        Listing firstOfNovember = list(Instant.parse("2026-11-01T00:30:00Z"), "Appeals");
        Listing lastOfOctober = list(Instant.parse("2026-10-31T23:30:00Z"), "Appeals");
        Listing september = list(Instant.parse("2026-09-15T12:00:00Z"), "Appeals");
        Instant from = java.time.YearMonth.of(2026, 10).atDay(1).atStartOfDay(ZONE).toInstant();
        Instant to = java.time.YearMonth.of(2026, 11).atDay(1).atStartOfDay(ZONE).toInstant();
        reads.reset();
        assertEquals(ids(List.of(lastOfOctober)), ids(index.publishedBetween(from, to)));
        assertEquals(List.of("SITE#LISTED#2026-10"), reads.partitions);
        assertEquals(ids(List.of(firstOfNovember, lastOfOctober, september)), ids(index.latest(20)));
    }

    @Test
    void aReleaseMovedToAnotherMonthAndCategoryLeavesNothingBehind() {
        Listing before = list(Instant.parse("2026-10-20T09:00:00Z"), "Appeals");
        Listing after = new Listing(before.id(), 3, NOW.minusSeconds(30), "Road Safety");
        assertEquals(java.util.Optional.of("Appeals"), index.list(after));
        assertEquals(ids(List.of(after)), ids(index.latest(20)));
        assertEquals(List.of(), index.latestInCategory("Appeals", 20));
        assertEquals(ids(List.of(after)), ids(index.latestInCategory("Road Safety", 20)));
        assertEquals(0, count("SITE#LISTED#2026-10") + count("SITE#LISTED#CAT#Appeals#2026"));
        index.unlist(before.id(), 4);
        assertEquals(List.of(), index.latest(20));
        assertEquals(0, count("SITE#LISTED#2026-11") + count("SITE#LISTED#CAT#Road Safety#2026"));
    }

    private int count(String pk) {
        return clients.dynamo().query(q -> q.tableName(resources.recordsTableName()).keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", "PK")).expressionAttributeValues(Map.of(":pk",
                        AttributeValue.fromS(pk)))).count();
    }

    @Test
    void listingsOfTheFirstLayoutAreMovedUnlessChangedSince() {
        Listing kept = new Listing("00000001-0000-4000-8000-000000000000", 2, NOW.minusSeconds(600), "Appeals");
        Listing withdrawn = new Listing("00000002-0000-4000-8000-000000000000", 2, NOW.minusSeconds(300), "Appeals");
        for (Listing listing : List.of(kept, withdrawn)) {
            String sk = newsroom.store.Table.time(listing.publishedAt()) + "#" + listing.id();
            put(Map.of("PK", "SITE#LISTED", "SK", sk, "releaseId", listing.id(), "category", listing.category()), 2);
            put(Map.of("PK", "SITE#LISTED#CAT#" + listing.category(), "SK", sk, "releaseId", listing.id(),
                    "category", listing.category()), 2);
            clients.dynamo().putItem(p -> p.tableName(resources.recordsTableName()).item(DynamoDbSiteIndex.entryItem(listing)));
        }
        // Withdrawn after the upgrade began: its entry is a tombstone of a newer version.
        index.unlist(withdrawn.id(), 3);
        assertEquals(1, index.upgrade());
        assertEquals(ids(List.of(kept)), ids(index.latest(20)));
        assertEquals(ids(List.of(kept)), ids(index.latestInCategory("Appeals", 20)));
        assertEquals(0, count("SITE#LISTED") + count("SITE#LISTED#CAT#Appeals"), "the old partitions are empty");
        assertEquals(0, index.upgrade(), "and a second run has nothing to do");
    }

    private void put(Map<String, String> strings, long version) {
        Map<String, AttributeValue> item = new java.util.HashMap<>();
        strings.forEach((k, v) -> item.put(k, AttributeValue.fromS(v)));
        item.put("version", AttributeValue.fromN(Long.toString(version)));
        clients.dynamo().putItem(p -> p.tableName(resources.recordsTableName()).item(item));
    }

    @Test
    void aLongMonthsPagesAreKeptAndReadOldestOrNewestFirst() {
        java.time.YearMonth november = java.time.YearMonth.of(2026, 11);
        List<Listing> listed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            listed.add(list(Instant.parse("2026-11-02T08:00:00Z").plusSeconds(60L * i), "Appeals"));
        }
        Listing october = list(Instant.parse("2026-10-30T08:00:00Z"), "Appeals");
        Instant from = november.atDay(1).atStartOfDay(ZONE).toInstant();
        Instant to = november.plusMonths(1).atDay(1).atStartOfDay(ZONE).toInstant();
        assertEquals(ids(listed.subList(0, 3)), ids(index.publishedBetween(from, to, 3, true)), "oldest first");
        assertEquals(ids(List.of(listed.get(4), listed.get(3))), ids(index.publishedBetween(from, to, 2, false)));
        assertEquals(ids(List.of(october, listed.get(0))),
                ids(index.publishedBetween(october.publishedAt(), to, 2, true)), "across months, in order");

        assertEquals(List.of(), index.monthPageStarts(november));
        index.addMonthPageStart(november, listed.get(2).publishedAt());
        index.addMonthPageStart(november, listed.get(4).publishedAt());
        assertEquals(List.of(listed.get(2).publishedAt(), listed.get(4).publishedAt()), index.monthPageStarts(november));
        assertEquals(Map.of(november, 3), index.monthPageCounts());
        assertEquals(ids(List.of(listed.get(4), listed.get(3), listed.get(2), listed.get(1), listed.get(0))),
                ids(index.latest(5)), "the lists are untouched by the pages");
    }
}
