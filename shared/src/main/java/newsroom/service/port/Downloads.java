package newsroom.service.port;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import newsroom.domain.Attachment;
import newsroom.domain.Release;
import newsroom.render.Download;

/** Puts a release's uploaded attachments on the public site. */
public interface Downloads {

    /** Site path of an attachment once published: downloads/{releaseId}/{fileName}. */
    static String key(String releaseId, String fileName) {
        return "downloads/" + releaseId + "/" + fileName;
    }

    /**
     * Copies the attachment's uploaded file to the site, unless it is there already. Empty when
     * nothing (acceptable) was uploaded, so the page does not link a missing file.
     */
    Optional<Download> publish(Release release, Attachment attachment);

    /** Every attachment of the release that is on the site, in the release's order. */
    default List<Download> publishAll(Release release) {
        List<Download> files = new ArrayList<>();
        for (Attachment attachment : release.attachments()) {
            publish(release, attachment).ifPresent(files::add);
        }
        return files;
    }
}
