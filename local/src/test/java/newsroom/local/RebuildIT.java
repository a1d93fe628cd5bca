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
        Set<String> before = Eventually.await(Duration.ofSeconds(10), RebuildIT::siteKeys,
                k -> k.contains("feeds/community.atom"));

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
        assertTrue(Http.get(URI.create(withdrawnUrl)).body().contains("Published in error."),
                "the withdrawal notice is rebuilt too");

        HttpResponse<String> again = Http.send(HttpRequest.newBuilder(runtime.apiUrl().resolve("/_local/rebuild"))
                .header("Authorization", "Bearer " + runtime.tokens().issue("dev", List.of("newsroom/publisher")))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, again.statusCode());
        assertEquals(after, siteKeys(), "running it again changes nothing");
    }
}
