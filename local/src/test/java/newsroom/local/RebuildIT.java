package newsroom.local;

import static newsroom.local.support.Api.etag;
import static newsroom.local.support.Api.json;
import static newsroom.local.support.Api.release;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import newsroom.local.support.Api;
import newsroom.local.support.Eventually;
import newsroom.local.support.Http;
import newsroom.local.support.LocalStack;
import newsroom.local.support.SharedEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The full rebuild puts back every page from the table, reports its progress, and gives the same
 * site when run again. Needs: the AWS emulator (started by the harness).
 */
class RebuildIT {
    private static LocalRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = LocalStack.start(SharedEmulator.fresh());
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    private static Set<String> siteKeys() {
        return runtime.clients().s3().listObjectsV2(l -> l.bucket(runtime.resources().siteBucket())).contents()
                .stream().map(o -> o.key()).collect(Collectors.toSet());
    }

    @Test
    void aRebuildRestoresTheWholeSiteAndCanRunAgain() {
        Api api = new Api(runtime.apiUrl());
        String publisher = runtime.tokens().issue("publisher", List.of("newsroom/publisher"));
        JsonNode kept = json(api.post("/releases", publisher, release("Kept release", "Appeals", "\"publish\": true")));
        HttpResponse<String> toWithdraw = api.post("/releases", publisher, release("Withdrawn release", "Community",
                "\"publish\": true"));
        HttpResponse<String> withdrawn = api.post("/releases/" + json(toWithdraw).path("id").asText() + "/withdraw",
                publisher, "{\"reason\": \"Published in error.\"}", Map.of("If-Match", etag(toWithdraw)));
        assertEquals(200, withdrawn.statusCode());
        String withdrawnUrl = json(withdrawn).path("url").asText();
        Eventually.await(Duration.ofSeconds(15), () -> Http.get(URI.create(withdrawnUrl)).body(),
                b -> b.contains("Published in error."));
        // Less the search index's recent file: a rebuild writes the word files whole and no
        // recent file (the releases it named are in the word files), so that one is not back.
        Set<String> before = Eventually.await(Duration.ofSeconds(10), RebuildIT::siteKeys,
                k -> k.contains("feeds/community.atom")).stream()
                .filter(k -> !k.startsWith("search/r.")).collect(Collectors.toSet());

        var s3 = runtime.clients().s3();
        // Wipe the bucket (again, should a late stream record still be rendering).
        Set<String> left = Eventually.await(Duration.ofSeconds(10), () -> {
            siteKeys().forEach(key -> s3.deleteObject(d -> d.bucket(runtime.resources().siteBucket()).key(key)));
            return siteKeys();
        }, Set::isEmpty);
        assertEquals(Set.of(), left);

        HttpResponse<String> first = Http.send(HttpRequest.newBuilder(runtime.apiUrl().resolve("/_local/rebuild"))
                .header("Authorization", "Bearer " + runtime.tokens().issue("dev", List.of("newsroom/publisher")))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, first.statusCode());
        assertTrue(first.body().contains("Rebuilding 1 months of releases"), first.body());
        assertTrue(first.body().matches("(?s).*Rebuilt \\d+ objects \\(1 release pages\\).*"), first.body());
        Set<String> after = siteKeys();
        assertTrue(after.containsAll(before), "everything is back: missing " + before.stream()
                .filter(k -> !after.contains(k)).toList());
        assertEquals(200, Http.get(URI.create(kept.path("url").asText())).statusCode());
        JsonNode search = json(Http.get(runtime.siteUrl().resolve("/search/manifest.json")));
        assertEquals(1, search.path("docs").asInt(), "the kept release is in the rebuilt search index");
        assertTrue(search.path("recent").isMissingNode(), "in its word files, not a recent file: " + search);
        assertTrue(Http.get(URI.create(withdrawnUrl)).body().contains("Published in error."),
                "the withdrawal notice is rebuilt too");

        HttpResponse<String> again = Http.send(HttpRequest.newBuilder(runtime.apiUrl().resolve("/_local/rebuild"))
                .header("Authorization", "Bearer " + runtime.tokens().issue("dev", List.of("newsroom/publisher")))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, again.statusCode());
        assertEquals(after, siteKeys(), "running it again changes nothing");
    }

    /**
     * A stack from before the records table kept a release's version copies, access record and
     * deliveries, and the digest runs, in the table: the first rebuild after the upgrade moves them
     * to the records table, where the API reads them, and leaves a webhook endpoint's deliveries
     * (also DELIVERY#, under the endpoint) where they are.
     */
    @Test
    void aRebuildMovesTheRecordsAnOlderStackKeptInTheTable() {
        Api api = new Api(runtime.apiUrl());
        String publisher = runtime.tokens().issue("publisher", List.of("newsroom/publisher"));
        String id = json(api.post("/releases", publisher, release("Draft from an older stack", "Appeals",
                "\"publish\": false"))).path("id").asText();
        var dynamo = runtime.clients().dynamo();
        String table = runtime.resources().tableName();
        String records = runtime.resources().recordsTableName();
        // As an older stack left them: the draft's records in the table, none in the records table.
        List<Map<String, AttributeValue>> older = new java.util.ArrayList<>(dynamo.query(q -> q.tableName(records)
                .keyConditionExpression("PK = :pk").expressionAttributeValues(Map.of(":pk",
                        AttributeValue.fromS("RELEASE#" + id)))).items());
        older.add(Map.of("PK", AttributeValue.fromS("RELEASE#" + id), "SK", AttributeValue.fromS("DELIVERY#RELEASE#c1"),
                "entity", AttributeValue.fromS("Delivery"), "status", AttributeValue.fromS("SENT")));
        older.add(Map.of("PK", AttributeValue.fromS("DIGEST#RUN"), "SK", AttributeValue.fromS("DAILY#2026-12-01"),
                "entity", AttributeValue.fromS("DigestRun")));
        Map<String, AttributeValue> webhookDelivery = Map.of("PK", AttributeValue.fromS("WEBHOOK#w1"),
                "SK", AttributeValue.fromS("DELIVERY#m1"), "entity", AttributeValue.fromS("WebhookDelivery"));
        for (Map<String, AttributeValue> item : older) {
            dynamo.deleteItem(d -> d.tableName(records).key(Map.of("PK", item.get("PK"), "SK", item.get("SK"))));
            dynamo.putItem(p -> p.tableName(table).item(item));
        }
        dynamo.putItem(p -> p.tableName(table).item(webhookDelivery));
        assertTrue(older.stream().anyMatch(i -> i.get("SK").s().startsWith("VERSION#")), "the draft's version copy");
        assertTrue(older.stream().anyMatch(i -> i.get("SK").s().startsWith("ACCESS#")), "the draft's access record");
        assertEquals(0, json(api.get("/releases/" + id + "/versions", publisher)).path("items").size(),
                "the API reads the records table only");

        StringBuilder progress = new StringBuilder();
        runtime.rebuildSite(line -> progress.append(line).append('\n'));
        assertTrue(progress.toString().contains("Moved " + older.size() + " records"), progress.toString());
        for (Map<String, AttributeValue> item : older) {
            Map<String, AttributeValue> key = Map.of("PK", item.get("PK"), "SK", item.get("SK"));
            assertEquals(item, dynamo.getItem(g -> g.tableName(records).key(key).consistentRead(true)).item());
            assertTrue(dynamo.getItem(g -> g.tableName(table).key(key).consistentRead(true)).item().isEmpty(),
                    "moved, not copied: " + key);
        }
        assertEquals(webhookDelivery, dynamo.getItem(g -> g.tableName(table).key(Map.of("PK", webhookDelivery.get("PK"),
                "SK", webhookDelivery.get("SK"))).consistentRead(true)).item(), "a webhook's delivery stays");
        assertEquals(1, json(api.get("/releases/" + id + "/versions", publisher)).path("items").size(),
                "the history is read again");

        StringBuilder again = new StringBuilder();
        runtime.rebuildSite(line -> again.append(line).append('\n'));
        assertTrue(!again.toString().contains("Moved "), "a second rebuild has nothing to move: " + again);
    }
}
