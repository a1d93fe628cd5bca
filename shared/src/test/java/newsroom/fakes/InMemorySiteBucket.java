package newsroom.fakes;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import newsroom.service.port.SiteBucket;

/** The site bucket in memory: what was written, with its type and cache policy, and how often. */
public final class InMemorySiteBucket implements SiteBucket {
    /** One stored object. */
    public record StoredObject(byte[] content, String contentType, String cacheControl) {
        public String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    private final Map<String, StoredObject> objects = new ConcurrentHashMap<>();
    private final List<String> listed = new CopyOnWriteArrayList<>();
    private final List<String> writes = new CopyOnWriteArrayList<>();

    @Override
    public void put(String key, byte[] content, String contentType, String cacheControl) {
        objects.put(key, new StoredObject(content.clone(), contentType, cacheControl));
        writes.add(key);
    }

    @Override
    public void delete(String key) {
        objects.remove(key);
    }

    @Override
    public java.util.Optional<byte[]> read(String key) {
        StoredObject stored = get(key);
        return stored == null ? java.util.Optional.empty() : java.util.Optional.of(stored.content());
    }

    @Override
    public boolean exists(String key) {
        return objects.containsKey(key);
    }

    @Override
    public List<String> keys(String prefix) {
        listed.add(prefix);
        return objects.keySet().stream().filter(k -> k.startsWith(prefix)).sorted().toList();
    }

    /** The prefixes listed, in order (a listing is a request to S3). */
    public List<String> listed() {
        return List.copyOf(listed);
    }

    public StoredObject get(String key) {
        return objects.get(key);
    }

    public String text(String key) {
        StoredObject object = objects.get(key);
        return object == null ? null : object.text();
    }

    public Map<String, StoredObject> objects() {
        return Map.copyOf(objects);
    }

    /** Every key written, in order, repeats included. */
    public List<String> writes() {
        return List.copyOf(writes);
    }

    public void clearWrites() {
        writes.clear();
    }
}
