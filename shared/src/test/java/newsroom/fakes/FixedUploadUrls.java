package newsroom.fakes;

import java.net.URI;
import newsroom.domain.Attachment;
import newsroom.service.port.UploadUrls;

/** Upload URLs that name the file plainly, as a presigner would but unsigned. */
public final class FixedUploadUrls implements UploadUrls {
    @Override
    public URI forUpload(String releaseId, Attachment attachment) {
        return URI.create("https://uploads.example/" + attachment.uploadKey(releaseId));
    }

    @Override
    public URI forDownload(String releaseId, Attachment attachment) {
        return URI.create("https://uploads.example/" + attachment.uploadKey(releaseId) + "?download");
    }
}
