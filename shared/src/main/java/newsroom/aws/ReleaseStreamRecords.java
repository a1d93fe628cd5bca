package newsroom.aws;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import newsroom.domain.Release;
import newsroom.store.ReleaseMapper;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The one way a stream consumer reads a table stream record: as a change to a release, with the
 * release before (absent for a new one) and after. Records of other items (contacts, deliveries,
 * versions) and deletions of drafts are not release changes.
 */
public final class ReleaseStreamRecords {
    /** A release as it was before a write (null when the write created it) and as it is after it. */
    public record Change(Release before, Release after) {
    }

    // The zone only shapes index keys, which a consumer never writes back.
    private static final ReleaseMapper MAPPER = new ReleaseMapper(ZoneId.of("UTC"));

    private ReleaseStreamRecords() {
    }

    public static Optional<Change> decode(DynamodbEvent.DynamodbStreamRecord record) {
        if (record.getDynamodb() == null) {
            return Optional.empty();
        }
        Map<String, AttributeValue> after = StreamImages.toSdk(record.getDynamodb().getNewImage());
        if (!ReleaseMapper.isRelease(after)) {
            return Optional.empty();
        }
        Map<String, AttributeValue> before = StreamImages.toSdk(record.getDynamodb().getOldImage());
        return Optional.of(new Change(ReleaseMapper.isRelease(before) ? MAPPER.fromItem(before) : null,
                MAPPER.fromItem(after)));
    }

    /** Maps a release to an item and back, as decoding a record does: SnapStart priming. */
    public static void prime(Release sample) {
        MAPPER.fromItem(MAPPER.toItem(sample));
    }
}
