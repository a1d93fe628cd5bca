package newsroom.service.port;

import java.net.URI;
import java.time.Duration;
import newsroom.domain.Attachment;

/** Hands out short-lived URLs through which the press office uploads an attachment's file. */
public interface UploadUrls {
    Duration LIFETIME = Duration.ofMinutes(15);

    /** A presigned PUT that accepts exactly this file's declared type and size. */
    URI forUpload(String releaseId, Attachment attachment);

    /** How long a download link handed to a journalist with an advance copy works. */
    Duration DOWNLOAD_LIFETIME = Duration.ofMinutes(5);

    /** A presigned GET of the uploaded file, saved under its own name: for an embargoed release's advance copy. */
    URI forDownload(String releaseId, Attachment attachment);
}
