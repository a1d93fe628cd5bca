package newsroom.aws;

import newsroom.service.port.SiteBucket;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The site bucket in S3. */
public final class S3SiteBucket implements SiteBucket {
    private final S3Client s3;
    private final String bucket;

    public S3SiteBucket(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public void put(String key, byte[] content, String contentType, String cacheControl) {
        s3.putObject(p -> p.bucket(bucket).key(key).contentType(contentType).cacheControl(cacheControl),
                RequestBody.fromBytes(content));
    }

    @Override
    public void delete(String key) {
        s3.deleteObject(d -> d.bucket(bucket).key(key));
    }

    @Override
    public java.util.List<String> keys(String prefix) {
        return s3.listObjectsV2Paginator(l -> l.bucket(bucket).prefix(prefix)).contents().stream()
                .map(software.amazon.awssdk.services.s3.model.S3Object::key).toList();
    }

    @Override
    public java.util.Optional<byte[]> read(String key) {
        try {
            return java.util.Optional.of(s3.getObjectAsBytes(g -> g.bucket(bucket).key(key)).asByteArray());
        } catch (NoSuchKeyException e) {
            return java.util.Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return java.util.Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public boolean exists(String key) {
        try {
            s3.headObject(h -> h.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }
}
