package newsroom.fakes;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import newsroom.domain.Attachment;
import newsroom.domain.Release;
import newsroom.render.Download;
import newsroom.render.SitePaths;
import newsroom.service.port.Downloads;

/** Downloads whose files are "uploaded" by a test; an attachment never uploaded is not published. */
public final class InMemoryDownloads implements Downloads {
    private final Set<String> uploaded = ConcurrentHashMap.newKeySet();
    private final Set<String> published = ConcurrentHashMap.newKeySet();

    public void upload(String releaseId, Attachment attachment) {
        uploaded.add(attachment.uploadKey(releaseId));
    }

    @Override
    public Optional<Download> publish(Release release, Attachment attachment) {
        if (!uploaded.contains(attachment.uploadKey(release.id()))) {
            return Optional.empty();
        }
        String key = Downloads.key(release.id(), attachment.fileName());
        published.add(key);
        return Optional.of(new Download(attachment.fileName(), SitePaths.urlPathOf(key), attachment.contentType(),
                attachment.describeFile(), attachment.description()));
    }

    /** Site keys of every download published. */
    public Set<String> published() {
        return Set.copyOf(published);
    }
}
