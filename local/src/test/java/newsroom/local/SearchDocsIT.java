package newsroom.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import newsroom.local.support.RequestLog;
import newsroom.local.support.SharedEmulator;
import newsroom.service.port.SearchDocs;
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

    @BeforeAll
    static void deploy() {
        clients = LocalClients.forEndpoint(SharedEmulator.fresh().endpoint());
        TemplateStack.Deployed stack = TemplateStack.deploy(clients, TemplateStack.localParameters());
        docs = new DynamoDbSearchDocs(REQUESTS.dynamo(clients), stack.tableName());
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
}
