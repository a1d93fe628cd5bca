package newsroom.fakes;

import java.util.List;
import java.util.Optional;
import newsroom.service.port.SiteBucket;

/** A bucket that passes everything to another: a test overrides only what it watches or slows. */
public class ForwardingSiteBucket implements SiteBucket {
    private final SiteBucket inner;

    public ForwardingSiteBucket(SiteBucket inner) {
        this.inner = inner;
    }

    @Override
    public void put(String key, byte[] content, String contentType, String cacheControl) {
        inner.put(key, content, contentType, cacheControl);
    }

    @Override
    public boolean exists(String key) {
        return inner.exists(key);
    }

    @Override
    public Optional<byte[]> read(String key) {
        return inner.read(key);
    }

    @Override
    public void delete(String key) {
        inner.delete(key);
    }

    @Override
    public List<String> keys(String prefix) {
        return inner.keys(prefix);
    }
}
