package newsroom.fakes;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import newsroom.service.port.SearchDocs;

/** The search index's numbers and words per release, in memory. */
public final class InMemorySearchDocs implements SearchDocs {
    public final Map<String, Doc> docs = new ConcurrentHashMap<>();
    private final AtomicInteger counter = new AtomicInteger();

    @Override
    public Optional<Doc> find(String releaseId) {
        return Optional.ofNullable(docs.get(releaseId));
    }

    @Override
    public int next() {
        return counter.incrementAndGet();
    }

    @Override
    public void save(Doc doc) {
        docs.put(doc.releaseId(), doc);
    }

    @Override
    public Map<String, Integer> numbers() {
        Map<String, Integer> numbers = new HashMap<>();
        docs.values().forEach(d -> numbers.put(d.releaseId(), d.number()));
        return numbers;
    }

    @Override
    public void clear() {
        docs.clear();
    }
}
