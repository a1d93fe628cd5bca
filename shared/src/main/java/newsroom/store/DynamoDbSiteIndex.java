package newsroom.store;

import static newsroom.store.Items.n;
import static newsroom.store.Items.s;

import java.time.Instant;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import newsroom.service.port.SiteIndex;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The site index in the table, in partitions of its own so every read is consistent (an index
 * would be eventually so): {@code SITE#ENTRY/<id>} holds what is known of each release (version,
 * category, publication time, listed or not: a withdrawal leaves a tombstone, so an older publish
 * arriving late cannot list it again); {@code SITE#LISTED#<yyyy-MM>} holds the listed releases of
 * one month and {@code SITE#LISTED#CAT#<category>#<yyyy>} those of a category in one year, sorted
 * by publication time; {@code SITE#MONTH/<yyyy-MM>} and {@code SITE#YEAR#CAT#<category>/<yyyy>}
 * the periods that have them. Each change is one transaction, conditional on the entry it read.
 *
 * <p>Why by month: a partition of every listed release grows with the archive, and a query of it
 * costs with its size where the store sorts it whole (the emulator does) and is one hot partition
 * in DynamoDB. A period's partition holds one period of publishing whatever the archive's size (a
 * category by year, as a category has a twelfth or less of the releases); the latest twenty read
 * the newest period and, only when it has fewer, the one before.
 */
public final class DynamoDbSiteIndex implements SiteIndex {
    static final String ENTRY_PK = "SITE#ENTRY";
    static final String LISTED_PK = "SITE#LISTED";
    static final String MONTH_PK = "SITE#MONTH";
    /** Where the pages of long months begin: one item a month, {@code starts} a list of times. */
    static final String PAGES_PK = "SITE#PAGES";
    /** Periods (months, or a category's years) read at a time when paging back newest first. */
    private static final int PERIODS_PAGE = 12;
    private static final String VERSION = "version";
    private static final String CATEGORY = "category";
    private static final String PUBLISHED_AT = "publishedAt";
    private static final String LISTED = "listed";
    private static final String ID = "releaseId";
    private static final int ATTEMPTS = 8;

    private final DynamoDbClient dynamo;
    private final String table;
    private final ZoneId zone;

    public DynamoDbSiteIndex(DynamoDbClient dynamo, String table, ZoneId zone) {
        this.dynamo = dynamo;
        this.table = table;
        this.zone = zone;
    }

    private record Entry(long version, String category, Instant publishedAt, boolean listed) {
    }

    @Override
    public Optional<String> list(Listing listing) {
        return change(listing.id(), listing.version(), listing);
    }

    @Override
    public Optional<String> unlist(String id, long version) {
        return change(id, version, null);
    }

    /** Moves the entry to this version (listed, or a tombstone when {@code listing} is null), if it is newer. */
    private Optional<String> change(String id, long version, Listing listing) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Planned plan = plan(id, version, listing, entry(id));
            if (plan == null) {
                return Optional.empty();
            }
            try {
                dynamo.transactWriteItems(t -> t.transactItems(plan.writes()));
            } catch (TransactionCanceledException e) {
                continue; // another publisher changed the entry first: read it again
            }
            return plan.answer();
        }
        throw new newsroom.service.TryAgainLater("the site index entry of " + id + " kept changing");
    }

    /** A change's writes (conditional on the entry as read) and what it answers once made. */
    private record Planned(List<TransactWriteItem> writes, Optional<String> answer) {
    }

    /** The writes that move the entry from {@code before} to this version; null when the index has it or newer. */
    private Planned plan(String id, long version, Listing listing, Optional<Entry> before) {
        if (before.isPresent() && before.get().version() >= version) {
            return null;
        }
        List<TransactWriteItem> writes = new ArrayList<>();
        Map<String, AttributeValue> entry = new HashMap<>(Map.of(Table.PK, s(ENTRY_PK), Table.SK, s(id),
                VERSION, n(version), LISTED, AttributeValue.fromBool(listing != null),
                Table.ENTITY, s("SiteEntry")));
        if (listing != null) {
            entry.put(CATEGORY, s(listing.category()));
            entry.put(PUBLISHED_AT, s(Table.time(listing.publishedAt())));
        }
        writes.add(TransactWriteItem.builder().put(p -> {
            p.tableName(table).item(entry);
            if (before.isEmpty()) {
                p.conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", Table.PK));
            } else {
                p.conditionExpression("#v = :v").expressionAttributeNames(Map.of("#v", VERSION))
                        .expressionAttributeValues(Map.of(":v", n(before.get().version())));
            }
        }).build());
        Entry old = before.orElse(null);
        boolean wasListed = old != null && old.listed();
        if (wasListed) {
            boolean moved = listing == null || !listing.publishedAt().equals(old.publishedAt());
            YearMonth oldMonth = YearMonth.from(old.publishedAt().atZone(zone));
            if (moved) {
                writes.add(delete(listedPk(oldMonth), sortKey(old.publishedAt(), id)));
            }
            if (moved || !listing.category().equals(old.category())) {
                writes.add(delete(categoryPk(old.category(), Year.from(oldMonth)), sortKey(old.publishedAt(), id)));
            }
        }
        if (listing != null) {
            listedItems(listing, zone).forEach(item -> writes.add(put(item)));
        }
        Optional<String> answer = !wasListed ? Optional.empty()
                : listing == null || !listing.category().equals(old.category())
                ? Optional.of(old.category()) : Optional.empty();
        return new Planned(writes, answer);
    }

    /**
     * A batch's changes: the entries read in one request, and the changes made together, as many
     * to a transaction as fit (a period's registry item, the same for them all, written once).
     * A transaction refused (another publisher changed an entry first) is made again one change
     * at a time, each reading its entry afresh, as {@link #list} does.
     */
    @Override
    public Map<String, Optional<String>> changeAll(List<Change> changes) {
        Map<String, Optional<String>> answers = new LinkedHashMap<>();
        if (changes.stream().map(Change::id).distinct().count() < changes.size()) {
            return SiteIndex.super.changeAll(changes); // one change per release, or one at a time
        }
        Map<String, Entry> entries = new HashMap<>();
        List<Map<String, AttributeValue>> keys = changes.stream()
                .map(c -> Map.of(Table.PK, s(ENTRY_PK), Table.SK, s(c.id()))).toList();
        for (Map<String, AttributeValue> item : Items.batchGet(dynamo, table, keys)) {
            entries.put(Items.string(item, Table.SK), entryOf(item));
        }
        List<List<Change>> groups = new ArrayList<>();
        List<List<TransactWriteItem>> groupWrites = new ArrayList<>();
        Map<Change, Planned> plans = new HashMap<>();
        Set<List<String>> groupKeys = new java.util.HashSet<>();
        for (Change change : changes) {
            Planned plan = plan(change.id(), change.version(), change.listing(),
                    Optional.ofNullable(entries.get(change.id())));
            if (plan == null) {
                answers.put(change.id(), Optional.empty());
                continue;
            }
            List<TransactWriteItem> fresh = plan.writes().stream().filter(w -> !groupKeys.contains(keyOf(w))).toList();
            if (groups.isEmpty() || groupWrites.get(groupWrites.size() - 1).size() + plan.writes().size() > TRANSACTION) {
                groups.add(new ArrayList<>());
                groupWrites.add(new ArrayList<>());
                groupKeys.clear();
                fresh = plan.writes();
            }
            groups.get(groups.size() - 1).add(change);
            groupWrites.get(groupWrites.size() - 1).addAll(fresh);
            fresh.forEach(w -> groupKeys.add(keyOf(w)));
            plans.put(change, plan);
        }
        for (int g = 0; g < groups.size(); g++) {
            List<TransactWriteItem> writes = groupWrites.get(g);
            try {
                dynamo.transactWriteItems(t -> t.transactItems(writes));
                groups.get(g).forEach(change -> answers.put(change.id(), plans.get(change).answer()));
            } catch (TransactionCanceledException e) {
                for (Change change : groups.get(g)) {
                    answers.put(change.id(), change(change.id(), change.version(), change.listing()));
                }
            }
        }
        Map<String, Optional<String>> ordered = new LinkedHashMap<>();
        changes.forEach(c -> ordered.put(c.id(), answers.get(c.id())));
        return ordered;
    }

    /** DynamoDB's limit of items in one TransactWriteItems. */
    private static final int TRANSACTION = 100;

    private static List<String> keyOf(TransactWriteItem write) {
        Map<String, AttributeValue> key = write.put() != null ? write.put().item() : write.delete().key();
        return List.of(key.get(Table.PK).s(), key.get(Table.SK).s());
    }

    /**
     * The items that list a release: in its month's latest list, in its category's year, and the
     * two periods registries. Public so that a benchmark can load a large listed archive the way the
     * index keeps it.
     */
    public static List<Map<String, AttributeValue>> listedItems(Listing listing, ZoneId zone) {
        String sk = sortKey(listing.publishedAt(), listing.id());
        YearMonth month = YearMonth.from(listing.publishedAt().atZone(zone));
        return List.of(
                Map.of(Table.PK, s(listedPk(month)), Table.SK, s(sk), ID, s(listing.id()), VERSION, n(listing.version()),
                        CATEGORY, s(listing.category())),
                Map.of(Table.PK, s(categoryPk(listing.category(), Year.from(month))), Table.SK, s(sk), ID, s(listing.id()),
                        VERSION, n(listing.version()), CATEGORY, s(listing.category())),
                Map.of(Table.PK, s(MONTH_PK), Table.SK, s(month.toString())),
                Map.of(Table.PK, s(categoryYearsPk(listing.category())), Table.SK, s(Year.from(month).toString())));
    }

    /** The entry item of a listed release (its version and where it is listed). */
    public static Map<String, AttributeValue> entryItem(Listing listing) {
        return Map.of(Table.PK, s(ENTRY_PK), Table.SK, s(listing.id()), VERSION, n(listing.version()),
                LISTED, AttributeValue.fromBool(true), Table.ENTITY, s("SiteEntry"),
                CATEGORY, s(listing.category()), PUBLISHED_AT, s(Table.time(listing.publishedAt())));
    }

    private Optional<Entry> entry(String id) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(Map.of(Table.PK, s(ENTRY_PK), Table.SK, s(id)))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(entryOf(item));
    }

    private static Entry entryOf(Map<String, AttributeValue> item) {
        return new Entry(Items.number(item, VERSION), Items.string(item, CATEGORY),
                Table.parseTime(Items.string(item, PUBLISHED_AT)), Items.bool(item, LISTED));
    }

    private TransactWriteItem put(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item)).build();
    }

    private TransactWriteItem delete(String pk, String sk) {
        return TransactWriteItem.builder().delete(d -> d.tableName(table)
                .key(Map.of(Table.PK, s(pk), Table.SK, s(sk)))).build();
    }

    private static String listedPk(YearMonth month) {
        return LISTED_PK + "#" + month;
    }

    private static String categoryPk(String category, Year year) {
        return LISTED_PK + "#CAT#" + category + "#" + year;
    }

    private static String categoryYearsPk(String category) {
        return "SITE#YEAR#CAT#" + category;
    }

    private static String sortKey(Instant publishedAt, String id) {
        return Table.time(publishedAt) + "#" + id;
    }

    @Override
    public List<Listing> latest(int limit) {
        return newestAcross(MONTH_PK, month -> listedPk(YearMonth.parse(month)), limit);
    }

    @Override
    public List<Listing> latestInCategory(String category, int limit) {
        return newestAcross(categoryYearsPk(category), year -> categoryPk(category, Year.parse(year)), limit);
    }

    /**
     * The newest listings from the newest period back (the registry names the periods that have
     * any), reading a period's partition only while the list is short.
     */
    private List<Listing> newestAcross(String registryPk, java.util.function.Function<String, String> partition,
                                       int limit) {
        List<Listing> listings = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder months = QueryRequest.builder().tableName(table).consistentRead(true)
                    .keyConditionExpression("#pk = :pk").expressionAttributeNames(Map.of("#pk", Table.PK))
                    .expressionAttributeValues(Map.of(":pk", s(registryPk))).scanIndexForward(false).limit(PERIODS_PAGE);
            var page = dynamo.query((start == null ? months : months.exclusiveStartKey(start)).build());
            for (Map<String, AttributeValue> item : page.items()) {
                listings.addAll(query(partition.apply(item.get(Table.SK).s()), null, null, limit - listings.size()));
                if (listings.size() >= limit) {
                    return listings;
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return listings;
    }

    @Override
    public List<Listing> publishedBetween(Instant from, Instant to, int limit, boolean oldestFirst) {
        List<Listing> listings = new ArrayList<>();
        if (!from.isBefore(to)) {
            return listings;
        }
        YearMonth first = YearMonth.from(from.atZone(zone));
        YearMonth last = YearMonth.from(to.minusNanos(1).atZone(zone));
        YearMonth month = oldestFirst ? first : last;
        while (!month.isBefore(first) && !month.isAfter(last) && listings.size() < limit) {
            listings.addAll(query(listedPk(month), Table.time(from), Table.time(to), limit - listings.size(),
                    oldestFirst));
            month = oldestFirst ? month.plusMonths(1) : month.minusMonths(1);
        }
        return listings;
    }

    @Override
    public List<Instant> monthPageStarts(YearMonth month) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(Map.of(Table.PK, s(PAGES_PK), Table.SK, s(month.toString())))).item();
        return item == null ? List.of() : Items.strings(item, "starts").stream().map(Table::parseTime).toList();
    }

    @Override
    public void addMonthPageStart(YearMonth month, Instant start) {
        dynamo.updateItem(u -> u.tableName(table).key(Map.of(Table.PK, s(PAGES_PK), Table.SK, s(month.toString())))
                .updateExpression("SET #s = list_append(if_not_exists(#s, :none), :start), #e = :entity")
                .expressionAttributeNames(Map.of("#s", "starts", "#e", Table.ENTITY))
                .expressionAttributeValues(Map.of(":none", AttributeValue.fromL(List.of()),
                        ":start", AttributeValue.fromL(List.of(s(Table.time(start)))), ":entity", s("MonthPages"))));
    }

    @Override
    public Map<YearMonth, Integer> monthPageCounts() {
        Map<YearMonth, Integer> counts = new HashMap<>();
        QueryRequest query = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("#pk = :pk").expressionAttributeNames(Map.of("#pk", Table.PK))
                .expressionAttributeValues(Map.of(":pk", s(PAGES_PK))).build();
        for (Map<String, AttributeValue> item : dynamo.queryPaginator(query).items()) {
            counts.put(YearMonth.parse(item.get(Table.SK).s()), Items.strings(item, "starts").size() + 1);
        }
        return counts;
    }

    @Override
    public List<Listing> publishedBetween(Instant from, Instant to) {
        List<Listing> listings = new ArrayList<>();
        if (!from.isBefore(to)) {
            return listings;
        }
        YearMonth first = YearMonth.from(from.atZone(zone));
        for (YearMonth month = YearMonth.from(to.minusNanos(1).atZone(zone)); !month.isBefore(first);
             month = month.minusMonths(1)) {
            listings.addAll(query(listedPk(month), Table.time(from), Table.time(to), Integer.MAX_VALUE));
        }
        return listings;
    }

    /** Newest first (or oldest); with bounds, the sort keys in [from, to) ("<time>#<id>" sorts by time). */
    private List<Listing> query(String pk, String from, String to, int limit) {
        return query(pk, from, to, limit, false);
    }

    private List<Listing> query(String pk, String from, String to, int limit, boolean oldestFirst) {
        Map<String, String> names = new HashMap<>(Map.of("#pk", Table.PK));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", s(pk)));
        String condition = "#pk = :pk";
        if (from != null) {
            // "<to>#<id>" sorts after "<to>", so BETWEEN takes exactly the keys before the instant "to".
            condition += " AND #sk BETWEEN :from AND :to";
            names.put("#sk", Table.SK);
            values.put(":from", s(from));
            values.put(":to", s(to));
        }
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression(condition).expressionAttributeNames(names).expressionAttributeValues(values)
                .scanIndexForward(oldestFirst);
        List<Listing> listings = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest request = (start == null ? query : query.exclusiveStartKey(start))
                    .limit(Math.min(limit - listings.size(), 500)).build();
            var page = dynamo.query(request);
            for (Map<String, AttributeValue> item : page.items()) {
                String sk = item.get(Table.SK).s();
                listings.add(new Listing(Items.string(item, ID), Items.number(item, VERSION),
                        Instant.parse(sk.substring(0, sk.indexOf('#'))), Items.string(item, CATEGORY)));
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && listings.size() < limit);
        return listings;
    }

    /**
     * The first layout kept every listing in one partition ({@code SITE#LISTED}, and one per
     * category): each is moved to its month, in a transaction that checks the entry still lists
     * that version (one changed since was listed anew by its own publish, so its old items are
     * only deleted).
     */
    @Override
    public int upgrade() {
        int moved = 0;
        while (true) {
            List<Map<String, AttributeValue>> items = dynamo.query(q -> q.tableName(table).consistentRead(true)
                    .keyConditionExpression("#pk = :pk").expressionAttributeNames(Map.of("#pk", Table.PK))
                    .expressionAttributeValues(Map.of(":pk", s(LISTED_PK))).limit(100)).items();
            if (items.isEmpty()) {
                return moved;
            }
            for (Map<String, AttributeValue> item : items) {
                String sk = item.get(Table.SK).s();
                Listing listing = new Listing(Items.string(item, ID), Items.number(item, VERSION),
                        Instant.parse(sk.substring(0, sk.indexOf('#'))), Items.string(item, CATEGORY));
                List<TransactWriteItem> oldItems = List.of(delete(LISTED_PK, sk),
                        delete(LISTED_PK + "#CAT#" + listing.category(), sk));
                List<TransactWriteItem> writes = new ArrayList<>(oldItems);
                writes.add(TransactWriteItem.builder().conditionCheck(c -> c.tableName(table)
                        .key(Map.of(Table.PK, s(ENTRY_PK), Table.SK, s(listing.id())))
                        .conditionExpression("#v = :v AND #l = :listed")
                        .expressionAttributeNames(Map.of("#v", VERSION, "#l", LISTED))
                        .expressionAttributeValues(Map.of(":v", n(listing.version()), ":listed",
                                AttributeValue.fromBool(true)))).build());
                listedItems(listing, zone).forEach(listed -> writes.add(put(listed)));
                try {
                    dynamo.transactWriteItems(t -> t.transactItems(writes));
                    moved++;
                } catch (TransactionCanceledException e) {
                    dynamo.transactWriteItems(t -> t.transactItems(oldItems));
                }
            }
        }
    }

    @Override
    public List<YearMonth> months() {
        List<YearMonth> months = new ArrayList<>();
        QueryRequest query = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", Table.PK))
                .expressionAttributeValues(Map.of(":pk", s(MONTH_PK)))
                .build();
        for (Map<String, AttributeValue> item : dynamo.queryPaginator(query).items()) {
            months.add(YearMonth.parse(item.get(Table.SK).s()));
        }
        return months;
    }
}
