package newsroom.service.port;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import newsroom.domain.ReleaseFlag;

/** Where legal flags and their review dates are kept, and the reminders sent about them. */
public interface LegalReviewRepository {

    /** The release's flags, in no particular order. */
    List<ReleaseFlag> flags(String releaseId);

    /** Replaces the release's flags with {@code next}: those left out are removed, in one transaction. */
    void replaceFlags(String releaseId, List<ReleaseFlag> previous, List<ReleaseFlag> next);

    /** Flags whose review date is {@code today} or earlier, earliest first, up to {@code limit}. */
    List<ReleaseFlag> due(LocalDate today, int limit);

    /** Reviews (their {@link ReleaseFlag#reviewKey()}) a reminder was sent to {@code recipient} about since that day. */
    Set<String> remindedReviews(String recipient, LocalDate since);

    /**
     * Takes the one reminder of the day for {@code recipient}: the reviews it covers, or nothing
     * when that day's reminder is sent or is being sent. A claim left unsent for {@code lease}
     * (its sender died) is taken over, with the reviews it was made for.
     */
    List<String> claimReminder(String recipient, LocalDate day, List<String> reviewKeys, Instant now, Duration lease);

    /** Records the day's reminder as sent. */
    void reminderSent(String recipient, LocalDate day, String messageId, Instant now);
}
