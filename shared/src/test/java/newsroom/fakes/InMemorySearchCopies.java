package newsroom.fakes;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import newsroom.service.port.SearchCopies;

/** The search index's copies in memory, counting reads and writes. */
public final class InMemorySearchCopies implements SearchCopies {
    public final Map<String, Copy> copies = new ConcurrentHashMap<>();
    public final AtomicInteger reads = new AtomicInteger();

    @Override
    public Map<String, Copy> readAll(Collection<String> names) {
        reads.incrementAndGet();
        Map<String, Copy> found = new HashMap<>();
        names.forEach(name -> {
            Copy copy = copies.get(name);
            if (copy != null) {
                found.put(name, copy);
            }
        });
        return found;
    }

    @Override
    public void writeAll(Map<String, Copy> written) {
        copies.putAll(written);
    }
}
