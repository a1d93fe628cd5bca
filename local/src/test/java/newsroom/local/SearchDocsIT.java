package newsroom.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import newsroom.local.support.RequestLog;
import newsroom.local.support.SharedEmulator;
import newsroom.service.port.SearchCopies;
import newsroom.service.port.SearchDocs;
import newsroom.store.DynamoDbSearchCopies;
import newsroom.store.DynamoDbSearchDocs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The search index's record of each release, as a shared-pages round of a burst uses it: hundreds
 * of releases read and saved together, not one request each.
 * Needs: the AWS emulator (started by the harness).
 */
class SearchDocsIT {
    private static final RequestLog REQUESTS = new RequestLog();
    private static LocalClients clients;
    private static SearchDocs docs;
    private static SearchCopies copies;

    @BeforeAll
    static void deploy() {
        clients = LocalClients.forEndpoint(SharedEmulator.fresh().endpoint());
        TemplateStack.Deployed stack = TemplateStack.deploy(clients, TemplateStack.localParameters());
        docs = new DynamoDbSearchDocs(REQUESTS.dynamo(clients), stack.recordsTableName());
        copies = new DynamoDbSearchCopies(REQUESTS.dynamo(clients), stack.recordsTableName());
    }

    @AfterAll
    static void close() {
        clients.close();
    }

    @Test
    void aRoundsRecordsAreSavedAndReadManyARequest() {
        List<SearchDocs.Doc> saved = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            saved.add(new SearchDocs.Doc("release-" + i, 1000 + i, i % 2 == 0 ? List.of("flood", "road" + i) : List.of()));
            ids.add("release-" + i);
        }
        REQUESTS.clear();
        docs.saveAll(saved);
        assertEquals(List.of("BatchWriteItem", "BatchWriteItem", "BatchWriteItem"), REQUESTS.requests(), "25 a request");

        ids.add("never-indexed");
        REQUESTS.clear();
        Map<String, SearchDocs.Doc> found = docs.findAll(ids);
        assertEquals(List.of("BatchGetItem"), REQUESTS.requests());
        assertEquals(60, found.size(), "a release never indexed is left out");
        for (SearchDocs.Doc doc : saved) {
            assertEquals(doc, found.get(doc.releaseId()));
            assertEquals(doc, docs.find(doc.releaseId()).orElseThrow(), "as one read alone finds it");
        }
    }

    /**
     * The writer's copies of the files a change reads: a change's hundred and more in a few
     * requests each way, the bytes as they were; a file too large for an item keeps no copy.
     */
    @Test
    void theIndexsCopiesAreKeptAndReadAHundredARequest() {
        Map<String, SearchCopies.Copy> kept = new java.util.TreeMap<>();
        for (int i = 0; i < 130; i++) {
            kept.put("t:word" + i, new SearchCopies.Copy("hash" + i, ("{\"p\":\"" + i + "\u00e9\"}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        kept.put("p:hu", new SearchCopies.Copy("huge", new byte[400_000]));
        REQUESTS.clear();
        copies.writeAll(kept);
        assertEquals(6, REQUESTS.requests().size(), "130 copies, 25 a request: " + REQUESTS.requests());

        List<String> names = new ArrayList<>(kept.keySet());
        names.add("t:never-copied");
        REQUESTS.clear();
        Map<String, SearchCopies.Copy> found = copies.readAll(names);
        assertEquals(List.of("BatchGetItem", "BatchGetItem"), REQUESTS.requests(), "a hundred a request");
        assertEquals(130, found.size(), "the one never copied, and the one too large, are left out");
        assertFalse(found.containsKey("p:hu"));
        for (int i = 0; i < 130; i++) {
            assertEquals("hash" + i, found.get("t:word" + i).hash());
            assertArrayEquals(kept.get("t:word" + i).json(), found.get("t:word" + i).json());
        }
    }
}
