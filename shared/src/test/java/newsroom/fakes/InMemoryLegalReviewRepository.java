package newsroom.fakes;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import newsroom.domain.ReleaseFlag;
import newsroom.service.port.LegalReviewRepository;

/** Flags and reminders in memory, with the same claim rules as the table. */
public final class InMemoryLegalReviewRepository implements LegalReviewRepository {
    private final Map<String, Map<String, ReleaseFlag>> flags = new ConcurrentHashMap<>();

    private record Reminder(List<String> reviews, Instant claimedAt, boolean sent) {
    }

    private final Map<String, TreeMap<LocalDate, Reminder>> reminders = new ConcurrentHashMap<>();

    @Override
    public synchronized List<ReleaseFlag> flags(String releaseId) {
        return List.copyOf(flags.getOrDefault(releaseId, Map.of()).values());
    }

    @Override
    public synchronized void replaceFlags(String releaseId, List<ReleaseFlag> previous, List<ReleaseFlag> next) {
        Map<String, ReleaseFlag> now = new TreeMap<>();
        next.forEach(f -> now.put(f.flag(), f));
        flags.put(releaseId, now);
    }

    @Override
    public synchronized List<ReleaseFlag> due(LocalDate today, int limit) {
        List<ReleaseFlag> due = new ArrayList<>();
        flags.values().forEach(m -> m.values().stream().filter(f -> !f.reviewOn().isAfter(today)).forEach(due::add));
        due.sort(Comparator.comparing(ReleaseFlag::reviewOn).thenComparing(ReleaseFlag::releaseId));
        return due.subList(0, Math.min(limit, due.size()));
    }

    @Override
    public synchronized Set<String> remindedReviews(String recipient, LocalDate since) {
        Set<String> told = new HashSet<>();
        reminders.getOrDefault(recipient, new TreeMap<>()).tailMap(since, true).values().stream()
                .filter(Reminder::sent).forEach(r -> told.addAll(r.reviews()));
        return told;
    }

    @Override
    public synchronized List<String> claimReminder(String recipient, LocalDate day, List<String> reviewKeys,
                                                   Instant now, Duration lease) {
        TreeMap<LocalDate, Reminder> theirs = reminders.computeIfAbsent(recipient, r -> new TreeMap<>());
        Reminder existing = theirs.get(day);
        if (existing == null) {
            theirs.put(day, new Reminder(List.copyOf(reviewKeys), now, false));
            return reviewKeys;
        }
        if (existing.sent() || existing.claimedAt().plus(lease).isAfter(now)) {
            return List.of();
        }
        theirs.put(day, new Reminder(existing.reviews(), now, false));
        return existing.reviews();
    }

    @Override
    public synchronized void reminderSent(String recipient, LocalDate day, String messageId, Instant now) {
        Reminder existing = reminders.get(recipient).get(day);
        reminders.get(recipient).put(day, new Reminder(existing.reviews(), existing.claimedAt(), true));
    }
}
