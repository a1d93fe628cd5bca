package newsroom.service.port;

import java.net.URI;
import java.time.Duration;
import newsroom.domain.Attachment;

/** Hands out short-lived URLs through which the press office uploads an attachment's file. */
public interface UploadUrls {
    Duration LIFETIME = Duration.ofMinutes(15);

    /** A presigned PUT that accepts exactly this file's declared type and size. */
    URI forUpload(String releaseId, Attachment attachment);
}
