package newsroom.fakes;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import newsroom.service.port.Cdn;

/** A CDN that remembers each invalidation request it was sent. */
public final class RecordingCdn implements Cdn {
    /** One invalidation request. */
    public record Invalidation(List<String> paths, String reference) {
    }

    private final List<Invalidation> invalidations = new CopyOnWriteArrayList<>();

    @Override
    public void invalidate(List<String> paths, String reference) {
        invalidations.add(new Invalidation(List.copyOf(paths), reference));
    }

    public List<Invalidation> invalidations() {
        return List.copyOf(invalidations);
    }
}
