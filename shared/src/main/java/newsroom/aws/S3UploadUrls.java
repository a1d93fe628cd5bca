package newsroom.aws;

import java.net.URI;
import newsroom.domain.Attachment;
import newsroom.service.port.UploadUrls;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Presigned S3 PUTs into the upload bucket, signed for the file's content type and length. */
public final class S3UploadUrls implements UploadUrls {
    private final S3Presigner presigner;
    private final String bucket;

    public S3UploadUrls(S3Presigner presigner, String bucket) {
        this.presigner = presigner;
        this.bucket = bucket;
    }

    @Override
    public URI forUpload(String releaseId, Attachment attachment) {
        return URI.create(presigner.presignPutObject(p -> p.signatureDuration(LIFETIME)
                .putObjectRequest(o -> o.bucket(bucket).key(attachment.uploadKey(releaseId))
                        .contentType(attachment.contentType())
                        .contentLength(attachment.size())))
                .url().toString());
    }

    @Override
    public URI forDownload(String releaseId, Attachment attachment) {
        String disposition = "attachment; filename*=UTF-8''"
                + java.net.URLEncoder.encode(attachment.fileName(), java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
        return URI.create(presigner.presignGetObject(p -> p.signatureDuration(DOWNLOAD_LIFETIME)
                .getObjectRequest(o -> o.bucket(bucket).key(attachment.uploadKey(releaseId))
                        .responseContentType(attachment.contentType())
                        .responseContentDisposition(disposition)
                        .responseCacheControl("no-store, private")))
                .url().toString());
    }
}
