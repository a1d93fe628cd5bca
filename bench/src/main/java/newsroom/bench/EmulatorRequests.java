package newsroom.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Every request the benchmark's process makes to the emulator, by operation ("S3.PutObject"):
 * an SDK global interceptor (listed in this jar's
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors}), so it sees the clients
 * the local runtime builds for every function. The emulator is one process that every consumer
 * shares, so in a burst its requests a publish are what the pipeline's pace comes down to, and
 * unlike a time they do not depend on how fast the machine is that day. Requests made on a thread
 * named {@link #NOT_COUNTED} (the benchmark watching the bucket) are left out.
 */
public final class EmulatorRequests implements ExecutionInterceptor {
    static final String NOT_COUNTED = "bench-watcher";
    private static final Map<String, LongAdder> COUNTS = new ConcurrentHashMap<>();
    /** The bytes of the emulator's answers, by operation: what it spends writing them grows with them. */
    private static final Map<String, LongAdder> ANSWER_BYTES = new ConcurrentHashMap<>();
    /**
     * DynamoDB queries by the partition they read (its key with ids and times left out): an emulator
     * sorts and tests a whole partition for each query, whatever its limit, so which partitions are
     * read, and how large they grow, is much of what a query costs it.
     */
    private static final Map<String, LongAdder> QUERIES = new ConcurrentHashMap<>();
    /**
     * The conditions in DynamoDB transactions, by the kind of write and the partition it writes: an
     * emulator parses each condition of a transaction, and checks it, item by item, so a transaction
     * of a hundred conditional deletes costs it a hundred parses.
     */
    private static final Map<String, LongAdder> CONDITIONS = new ConcurrentHashMap<>();
    /** The objects written to the bucket, by their folder and file name with ids, dates and slugs left out. */
    private static final Map<String, LongAdder> PUTS = new ConcurrentHashMap<>();

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        if (Thread.currentThread().getName().startsWith(NOT_COUNTED)) {
            return;
        }
        context.httpResponse().firstMatchingHeader("Content-Length").ifPresent(length -> {
            try {
                ANSWER_BYTES.computeIfAbsent(operation(attributes), o -> new LongAdder()).add(Long.parseLong(length));
            } catch (NumberFormatException ignored) {
                // not counted
            }
        });
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        count(attributes);
        if (Thread.currentThread().getName().startsWith(NOT_COUNTED)) {
            return;
        }
        if (context.request() instanceof software.amazon.awssdk.services.dynamodb.model.QueryRequest query) {
            QUERIES.computeIfAbsent(partition(query), p -> new LongAdder()).increment();
        } else if (context.request() instanceof software.amazon.awssdk.services.s3.model.PutObjectRequest put) {
            PUTS.computeIfAbsent(objectKind(put.key()), k -> new LongAdder()).increment();
        } else if (context.request()
                instanceof software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest write) {
            write.transactItems().forEach(item -> conditionOf(item).ifPresent(kind ->
                    CONDITIONS.computeIfAbsent(kind, k -> new LongAdder()).increment()));
        }
    }

    /** "GSI1 STATUS#PUBLISHED", "table SITE#LISTED#…": the partition a query reads, its ids and times as "…". */
    static String partition(software.amazon.awssdk.services.dynamodb.model.QueryRequest query) {
        String key = query.expressionAttributeValues().entrySet().stream()
                .filter(e -> e.getKey().toLowerCase(java.util.Locale.ROOT).contains("pk") && e.getValue().s() != null)
                .map(e -> e.getValue().s()).findFirst()
                .orElse(query.expressionAttributeValues().values().stream().filter(v -> v.s() != null)
                        .map(v -> v.s()).findFirst().orElse("?"));
        return (query.indexName() == null ? "table" : query.indexName()) + " "
                + withoutIdsAndTimes(key);
    }

    /** "news/…/ninjs.json": an object's key, its first folder and its file's name, what lies between as "…". */
    static String objectKind(String key) {
        int first = key.indexOf('/');
        int last = key.lastIndexOf('/');
        String name = key.substring(last + 1).replaceAll("\\d+", "…");
        return first < 0 ? name : first == last ? key.substring(0, first) + "/" + name
                : key.substring(0, first) + "/…/" + name;
    }

    /** "Delete SITE#RENDER": a transaction item's kind and partition, when it carries a condition. */
    static java.util.Optional<String> conditionOf(software.amazon.awssdk.services.dynamodb.model.TransactWriteItem item) {
        String kind;
        String condition;
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> key;
        if (item.put() != null) {
            kind = "Put";
            condition = item.put().conditionExpression();
            key = item.put().item();
        } else if (item.delete() != null) {
            kind = "Delete";
            condition = item.delete().conditionExpression();
            key = item.delete().key();
        } else if (item.update() != null) {
            kind = "Update";
            condition = item.update().conditionExpression();
            key = item.update().key();
        } else {
            kind = "ConditionCheck";
            condition = item.conditionCheck().conditionExpression();
            key = item.conditionCheck().key();
        }
        if (condition == null) {
            return java.util.Optional.empty();
        }
        software.amazon.awssdk.services.dynamodb.model.AttributeValue pk = key.get("PK");
        String partition = pk == null || pk.s() == null ? "?" : pk.s();
        return java.util.Optional.of(kind + " " + withoutIdsAndTimes(partition).replaceAll("^SLUG#.*", "SLUG#…"));
    }

    /** A key with its ids and its years and months as "…", so keys of one kind count together. */
    private static String withoutIdsAndTimes(String key) {
        return key.replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "…").replaceAll("\\d{4}(-\\d{2})?", "…");
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        count(attributes);
    }

    private static void count(ExecutionAttributes attributes) {
        if (Thread.currentThread().getName().startsWith(NOT_COUNTED)) {
            return;
        }
        COUNTS.computeIfAbsent(operation(attributes), o -> new LongAdder()).increment();
    }

    private static String operation(ExecutionAttributes attributes) {
        return attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    }

    /** Starts counting afresh. */
    static void reset() {
        COUNTS.values().forEach(LongAdder::reset);
        ANSWER_BYTES.values().forEach(LongAdder::reset);
        QUERIES.values().forEach(LongAdder::reset);
        CONDITIONS.values().forEach(LongAdder::reset);
        PUTS.values().forEach(LongAdder::reset);
    }

    /** The objects written since {@link #reset}, by kind, most first. */
    static Map<String, Long> puts() {
        return mostFirst(PUTS);
    }

    /** The conditions in transactions since {@link #reset}, by kind and partition, most first. */
    static Map<String, Long> conditions() {
        return mostFirst(CONDITIONS);
    }

    /** The queries since {@link #reset}, by the partition they read, most first. */
    static Map<String, Long> queries() {
        return mostFirst(QUERIES);
    }

    /** The bytes answered since {@link #reset}, by operation, most first (where the answer gave its length). */
    static Map<String, Long> answerBytes() {
        return mostFirst(ANSWER_BYTES);
    }

    /** The requests since {@link #reset}, by operation, most first. */
    static Map<String, Long> counted() {
        return mostFirst(COUNTS);
    }

    private static Map<String, Long> mostFirst(Map<String, LongAdder> sums) {
        Map<String, Long> sorted = new LinkedHashMap<>();
        sums.entrySet().stream().filter(e -> e.getValue().sum() > 0)
                .sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue().sum()));
        return sorted;
    }
}
