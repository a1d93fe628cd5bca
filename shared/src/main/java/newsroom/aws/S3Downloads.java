package newsroom.aws;

import java.util.Map;
import java.util.Optional;
import newsroom.domain.Attachment;
import newsroom.domain.Release;
import newsroom.log.JsonLog;
import newsroom.render.Download;
import newsroom.render.SitePaths;
import newsroom.service.port.Downloads;
import newsroom.service.port.SiteBucket;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Copies uploads from the private upload bucket to the site bucket, server-side. The size shown is
 * the stored object's real size; an upload over the limit or of another type than declared is not
 * published.
 */
public final class S3Downloads implements Downloads {
    private static final JsonLog LOG = JsonLog.of(S3Downloads.class);

    private final S3Client s3;
    private final String uploadBucket;
    private final String siteBucket;

    public S3Downloads(S3Client s3, String uploadBucket, String siteBucket) {
        this.s3 = s3;
        this.uploadBucket = uploadBucket;
        this.siteBucket = siteBucket;
    }

    @Override
    public Optional<Download> publish(Release release, Attachment attachment) {
        String target = Downloads.key(release.id(), attachment.fileName());
        HeadObjectResponse published = head(siteBucket, target);
        if (published == null || !attachment.id().equals(published.metadata().get("attachment-id"))) {
            String source = attachment.uploadKey(release.id());
            HeadObjectResponse upload = head(uploadBucket, source);
            if (upload == null) {
                return Optional.empty();
            }
            if (upload.contentLength() > Attachment.MAX_SIZE || !attachment.contentType().equals(upload.contentType())) {
                LOG.warn("upload refused for publication", "releaseId", release.id(), "fileName", attachment.fileName(),
                        "size", upload.contentLength(), "contentType", upload.contentType());
                return Optional.empty();
            }
            s3.copyObject(c -> c.sourceBucket(uploadBucket).sourceKey(source)
                    .destinationBucket(siteBucket).destinationKey(target)
                    .metadataDirective(MetadataDirective.REPLACE)
                    .contentType(attachment.contentType())
                    .contentDisposition(attachment.contentDisposition())
                    .cacheControl(SiteBucket.HTML_CACHE)
                    .metadata(Map.of("attachment-id", attachment.id())));
            published = upload;
        }
        Attachment actual = new Attachment(attachment.id(), attachment.fileName(), attachment.contentType(),
                published.contentLength(), attachment.description());
        return Optional.of(new Download(attachment.fileName(), SitePaths.urlPathOf(target), attachment.contentType(),
                actual.describeFile(), attachment.description()));
    }

    private HeadObjectResponse head(String bucket, String key) {
        try {
            return s3.headObject(h -> h.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            return null;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return null;
            }
            throw e;
        }
    }
}
