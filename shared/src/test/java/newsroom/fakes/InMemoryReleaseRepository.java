package newsroom.fakes;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.stream.Stream;
import newsroom.domain.InvalidCursorException;
import newsroom.domain.NoPendingChangeException;
import newsroom.domain.Page;
import newsroom.domain.PendingChange;
import newsroom.domain.Release;
import newsroom.domain.ReleaseStatus;
import newsroom.domain.ReleaseVersion;
import newsroom.domain.SlugTakenException;
import newsroom.domain.VersionConflictException;
import newsroom.service.port.ReleaseRepository;

/**
 * Releases in memory, with the table's rules: unique slugs, version-checked saves, drafts-only
 * deletes, a saved copy of every version, and the same orderings as the indexes. Safe for the
 * parallel reads of a rebuild.
 */
public class InMemoryReleaseRepository implements ReleaseRepository {
    private static final Comparator<Release> NEWEST_PUBLISHED_FIRST =
            Comparator.comparing(Release::publishedAt).thenComparing(Release::id).reversed();

    private final ZoneId zone;
    private final Map<String, Release> byId = new ConcurrentHashMap<>();
    private final Map<String, String> slugs = new ConcurrentHashMap<>();
    private final Map<String, List<ReleaseVersion>> versions = new ConcurrentHashMap<>();
    private final Set<YearMonth> months = new ConcurrentSkipListSet<>();
    private final Map<String, PendingChange> pending = new ConcurrentHashMap<>();
    /**
     * The ids that have had a publication time in each month, as the table's month partitions hold
     * them: a month's query reads its own, not every release (a rebuild makes one a month).
     */
    private final Map<YearMonth, Set<String>> idsByMonth = new ConcurrentHashMap<>();

    public InMemoryReleaseRepository(ZoneId zone) {
        this.zone = zone;
    }

    /** Releases as they would be after their own history: stored as they are, their months recorded. */
    public static InMemoryReleaseRepository of(List<Release> releases, ZoneId zone) {
        InMemoryReleaseRepository repository = new InMemoryReleaseRepository(zone);
        for (Release release : releases) {
            repository.put(release);
            repository.slugs.put(release.slug(), release.id());
            if (release.publishedAt() != null) {
                repository.months.add(repository.monthOf(release));
            }
        }
        return repository;
    }

    /** Stored, and listed under its month; a month it has left is checked on reading. */
    private void put(Release release) {
        byId.put(release.id(), release);
        if (release.publishedAt() != null) {
            idsByMonth.computeIfAbsent(monthOf(release), m -> ConcurrentHashMap.newKeySet()).add(release.id());
        }
    }

    private YearMonth monthOf(Release release) {
        return YearMonth.from(release.publishedAt().atZone(zone));
    }

    @Override
    public synchronized void create(Release release) {
        if (slugs.containsKey(release.slug())) {
            throw new SlugTakenException(release.slug());
        }
        slugs.put(release.slug(), release.id());
        put(release);
        versions.computeIfAbsent(release.id(), id -> new ArrayList<>())
                .add(new ReleaseVersion(release.version(), release.updatedAt(), release));
    }

    @Override
    public Optional<Release> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public List<Release> findAll(List<String> ids) {
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    @Override
    public synchronized void save(Release changed, long expectedVersion) {
        Release current = byId.get(changed.id());
        if (current == null || current.version() != expectedVersion) {
            throw new VersionConflictException(changed.id());
        }
        put(changed);
        versions.computeIfAbsent(changed.id(), id -> new ArrayList<>())
                .add(new ReleaseVersion(changed.version(), changed.updatedAt(), changed));
    }

    @Override
    public List<String> withPendingChanges(int limit) {
        return pending.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, PendingChange> e) -> e.getValue().proposedAt()))
                .map(Map.Entry::getKey).limit(limit).toList();
    }

    @Override
    public Optional<PendingChange> pendingChange(String releaseId) {
        return Optional.ofNullable(pending.get(releaseId));
    }

    @Override
    public synchronized void propose(String releaseId, PendingChange change) {
        Release current = byId.get(releaseId);
        if (current == null || current.version() != change.basedOn() || current.status() != ReleaseStatus.PUBLISHED) {
            throw new VersionConflictException(releaseId);
        }
        pending.put(releaseId, change);
    }

    @Override
    public synchronized void saveApproved(Release changed, long expectedVersion, String changeId) {
        PendingChange waiting = pending.get(changed.id());
        if (waiting == null || !waiting.id().equals(changeId)) {
            throw new NoPendingChangeException("Another change awaits approval now.");
        }
        save(changed, expectedVersion);
        pending.remove(changed.id());
    }

    @Override
    public synchronized void saveWithSlug(Release changed, long expectedVersion, String previousSlug) {
        String holder = slugs.get(changed.slug());
        if (holder != null && !holder.equals(changed.id())) {
            throw new SlugTakenException(changed.slug());
        }
        save(changed, expectedVersion);
        slugs.remove(previousSlug);
        slugs.put(changed.slug(), changed.id());
    }

    @Override
    public synchronized void delete(Release release, long expectedVersion) {
        Release current = byId.get(release.id());
        if (current == null || current.version() != expectedVersion || current.status() != ReleaseStatus.DRAFT) {
            throw new VersionConflictException(release.id());
        }
        byId.remove(release.id());
        slugs.remove(current.slug());
        versions.remove(release.id());
    }

    private Stream<Release> published() {
        return byId.values().stream().filter(r -> r.status() == ReleaseStatus.PUBLISHED);
    }

    @Override
    public List<Release> latestPublished(int limit) {
        return published().sorted(NEWEST_PUBLISHED_FIRST).limit(limit).toList();
    }

    /** By status in the order of the status index (its time, newest first), or all by last change; the cursor is an offset. */
    @Override
    public Page<Release> list(ReleaseStatus status, String category, int limit, String cursor) {
        Comparator<Release> order = status == null
                ? Comparator.comparing(Release::updatedAt).thenComparing(Release::id).reversed()
                : Comparator.comparing(InMemoryReleaseRepository::statusTime).thenComparing(Release::id).reversed();
        List<Release> all = byId.values().stream()
                .filter(r -> status == null || r.status() == status)
                .filter(r -> category == null || r.category().equals(category))
                .sorted(order).toList();
        int from = offset(cursor);
        int to = Math.min(all.size(), from + limit);
        return new Page<>(from >= all.size() ? List.of() : all.subList(from, to),
                to < all.size() ? "offset:" + to : null);
    }

    private static Instant statusTime(Release r) {
        return switch (r.status()) {
            case PUBLISHED -> r.publishedAt();
            case SCHEDULED -> r.embargoUntil();
            default -> r.updatedAt();
        };
    }

    private static int offset(String cursor) {
        if (cursor == null) {
            return 0;
        }
        try {
            return Integer.parseInt(cursor.substring("offset:".length()));
        } catch (RuntimeException e) {
            throw new InvalidCursorException();
        }
    }

    @Override
    public List<Release> dueForPublication(Instant now, int limit) {
        return byId.values().stream().filter(r -> r.isDueAt(now))
                .sorted(Comparator.comparing(Release::embargoUntil).thenComparing(Release::id))
                .limit(limit).toList();
    }

    @Override
    public List<Release> publishedInMonth(YearMonth month) {
        // The month's own ids, as the table reads one partition: a rebuild's queries (one a month)
        // each going through every release were a quarter of the benchmark's rebuild.
        Instant from = month.atDay(1).atStartOfDay(zone).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        return idsByMonth.getOrDefault(month, Set.of()).stream().map(byId::get)
                .filter(r -> r != null && r.status() == ReleaseStatus.PUBLISHED)
                .filter(r -> !r.publishedAt().isBefore(from) && r.publishedAt().isBefore(to))
                .sorted(NEWEST_PUBLISHED_FIRST).toList();
    }

    @Override
    public List<Release> latestInCategory(String category, int limit) {
        return published().filter(r -> r.category().equals(category)).sorted(NEWEST_PUBLISHED_FIRST)
                .limit(limit).toList();
    }

    @Override
    public void recordMonth(YearMonth month) {
        months.add(month);
    }

    @Override
    public List<YearMonth> months() {
        return List.copyOf(months);
    }

    @Override
    public List<ReleaseVersion> versions(String id) {
        return List.copyOf(versions.getOrDefault(id, List.of()));
    }
}
