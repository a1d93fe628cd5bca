package newsroom.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import newsroom.local.support.RequestLog;
import newsroom.local.support.SharedEmulator;
import newsroom.store.DynamoDbRenderQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shared pages' render queue: a stream batch of a hundred releases marks a few hundred parts
 * of the site, and the round that renders them clears them. Both go in batches of requests, and
 * a part marked again while its round ran still stays marked for the next.
 * Needs: the AWS emulator (started by the harness).
 */
class RenderQueueIT {
    private static final RequestLog REQUESTS = new RequestLog();
    private static LocalClients clients;
    private static DynamoDbRenderQueue queue;

    @BeforeAll
    static void deploy() {
        clients = LocalClients.forEndpoint(SharedEmulator.fresh().endpoint());
        TemplateStack.Deployed stack = TemplateStack.deploy(clients, TemplateStack.localParameters());
        queue = new DynamoDbRenderQueue(REQUESTS.dynamo(clients), stack.recordsTableName());
    }

    @AfterAll
    static void close() {
        clients.close();
    }

    @BeforeEach
    void empty() {
        queue.clearAll(queue.dirty());
        REQUESTS.clear();
    }

    @Test
    void aBatchsMarksAndTheirClearingGoManyARequest() {
        List<String> scopes = new ArrayList<>();
        for (int i = 0; i < 260; i++) {
            scopes.add("search:release-" + i);
        }
        Map<String, String> tokens = queue.markDirty(scopes);

        assertEquals(11, REQUESTS.requests().stream().filter("BatchWriteItem"::equals).count(), REQUESTS.requests()::toString);
        assertEquals(11, REQUESTS.requests().size(), "25 marks a request, and nothing else: " + REQUESTS.requests());
        Map<String, String> dirty = queue.dirty();
        assertEquals(tokens, dirty, "every mark there, with its token");

        REQUESTS.clear();
        queue.clearAll(dirty);
        assertEquals(List.of("TransactWriteItems", "TransactWriteItems", "TransactWriteItems"), REQUESTS.requests(),
                "a hundred clears a request");
        assertEquals(Map.of(), queue.dirty());
    }

    @Test
    void aPartMarkedAgainWhileItsRoundRanStaysMarked() {
        List<String> scopes = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            scopes.add("month:2026-11@" + i);
        }
        queue.markDirty(scopes);
        Map<String, String> read = queue.dirty(); // the round reads the marks...
        Map<String, String> again = queue.markDirty(List.of("month:2026-11@7")); // ...a publish marks one again...

        REQUESTS.clear();
        queue.clearAll(read); // ...and the round clears what it read

        assertEquals(List.of("TransactWriteItems", "TransactWriteItems", "TransactWriteItems"),
                REQUESTS.requests().stream().sorted().toList(),
                "the refused hundred were cleared without the one marked again, in one more request, not one by one");
        assertEquals(again, queue.dirty(), "only the part marked again is left, for the next round");
    }

    /** A publisher waiting for its own marks reads them by key, whatever else is marked. */
    @Test
    void aWaitingPublisherReadsOnlyItsOwnMarks() {
        List<String> others = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            others.add("search:other-" + i);
        }
        queue.markDirty(others);
        Map<String, String> mine = queue.markDirty(List.of("latest"));
        Map<String, String> two = queue.markDirty(List.of("category:Appeals", "month:2026-11"));
        REQUESTS.clear();

        assertEquals(mine, queue.tokensOf(mine.keySet()));
        assertEquals(List.of("GetItem"), REQUESTS.requests(), "one mark, one point read");
        REQUESTS.clear();
        assertEquals(two, queue.tokensOf(two.keySet()));
        assertEquals(List.of("BatchGetItem"), REQUESTS.requests());

        queue.clearAll(mine);
        Map<String, String> again = queue.markDirty(List.of("month:2026-11"));
        Map<String, String> now = queue.tokensOf(List.of("latest", "category:Appeals", "month:2026-11"));
        assertEquals(Map.of("category:Appeals", two.get("category:Appeals"), "month:2026-11", again.get("month:2026-11")),
                now, "a cleared mark is left out; one marked again has its new token");
    }
}
