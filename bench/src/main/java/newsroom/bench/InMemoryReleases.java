package newsroom.bench;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import newsroom.domain.Page;
import newsroom.domain.Release;
import newsroom.domain.ReleaseStatus;
import newsroom.domain.ReleaseVersion;
import newsroom.service.port.ReleaseRepository;

/**
 * The corpus held in memory, answering the reads a full rebuild makes, so that the rebuild
 * benchmark measures rendering and writing (as Hugo's does) rather than the emulator.
 */
final class InMemoryReleases implements ReleaseRepository {
    private final List<Release> newestFirst;
    private final Map<YearMonth, List<Release>> byMonth;
    private final Map<String, List<Release>> byCategory;

    InMemoryReleases(List<Release> releases, ZoneId zone) {
        this.newestFirst = releases.stream().sorted(Comparator.comparing(Release::publishedAt).reversed()).toList();
        this.byMonth = newestFirst.stream().collect(Collectors.groupingBy(r -> YearMonth.from(r.publishedAt().atZone(zone))));
        this.byCategory = newestFirst.stream().collect(Collectors.groupingBy(Release::category));
    }

    @Override
    public List<Release> publishedInMonth(YearMonth month) {
        return byMonth.getOrDefault(month, List.of());
    }

    @Override
    public List<Release> latestInCategory(String category, int limit) {
        return byCategory.getOrDefault(category, List.of()).stream().limit(limit).toList();
    }

    @Override
    public List<Release> latestPublished(int limit) {
        return newestFirst.stream().limit(limit).toList();
    }

    @Override
    public List<YearMonth> months() {
        return new ArrayList<>(new TreeSet<>(byMonth.keySet()));
    }

    @Override
    public Page<Release> list(ReleaseStatus status, String category, int limit, String cursor) {
        return new Page<>(status == ReleaseStatus.PUBLISHED || status == null ? latestPublished(limit) : List.of(), null);
    }

    @Override
    public void create(Release release) {
        throw new UnsupportedOperationException("read-only corpus");
    }

    @Override
    public Optional<Release> find(String id) {
        return newestFirst.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    @Override
    public void save(Release changed, long expectedVersion) {
        throw new UnsupportedOperationException("read-only corpus");
    }

    @Override
    public void delete(Release release, long expectedVersion) {
        throw new UnsupportedOperationException("read-only corpus");
    }

    @Override
    public List<Release> dueForPublication(Instant now, int limit) {
        return List.of();
    }

    @Override
    public void recordMonth(YearMonth month) {
    }

    @Override
    public List<ReleaseVersion> versions(String id) {
        return List.of();
    }
}
