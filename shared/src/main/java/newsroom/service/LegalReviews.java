package newsroom.service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import newsroom.domain.ConfirmationRequiredException;
import newsroom.domain.FieldError;
import newsroom.domain.InvalidRequestException;
import newsroom.domain.LegalFlag;
import newsroom.domain.LegalFlags;
import newsroom.domain.Release;
import newsroom.domain.ReleaseEdit;
import newsroom.domain.ReleaseFlag;
import newsroom.domain.ReleaseNotFoundException;
import newsroom.domain.ReleaseStatus;
import newsroom.domain.WorkflowException;
import newsroom.log.JsonLog;
import newsroom.service.port.LegalReviewRepository;
import newsroom.service.port.ReleaseRepository;

/**
 * Legal care of releases that name people: the flags a release carries, the date each must be
 * reviewed by, the reviews that are due, the decision a review ends in, and the confirmation some
 * flags ask for before publishing. Every flag set and every decision goes into the release's
 * access record.
 */
public final class LegalReviews {
    private static final JsonLog LOG = JsonLog.of(LegalReviews.class);
    /** Review dates further out than this are a mistake, not a plan. */
    private static final int MAX_YEARS_AHEAD = 10;

    private final LegalFlags flags;
    private final LegalReviewRepository reviews;
    private final ReleaseRepository releases;
    private final ReleaseService releaseService;
    private final ZoneId zone;
    private final Clock clock;

    public LegalReviews(LegalFlags flags, LegalReviewRepository reviews, ReleaseRepository releases,
                        ReleaseService releaseService, ZoneId zone, Clock clock) {
        this.flags = flags;
        this.reviews = reviews;
        this.releases = releases;
        this.releaseService = releaseService;
        this.zone = zone;
        this.clock = clock;
    }

    /** The flags the press office may choose from. */
    public LegalFlags configured() {
        return flags;
    }

    /** A flag asked for: its key, and the review date, or null for the flag's default. */
    public record FlagRequest(String flag, LocalDate reviewOn) {
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    /** The release's flags, in the configured order. */
    public List<ReleaseFlag> flagsOf(String releaseId) {
        release(releaseId);
        return ordered(reviews.flags(releaseId));
    }

    private List<ReleaseFlag> ordered(List<ReleaseFlag> found) {
        List<String> order = flags.keys();
        return found.stream().sorted(Comparator.comparingInt((ReleaseFlag f) -> {
            int at = order.indexOf(f.flag());
            return at < 0 ? Integer.MAX_VALUE : at;
        }).thenComparing(ReleaseFlag::flag)).toList();
    }

    private Release release(String releaseId) {
        return releases.find(releaseId).orElseThrow(() -> new ReleaseNotFoundException(releaseId));
    }

    /**
     * Sets the release's flags to exactly those asked for: a flag left out is removed, a flag kept
     * with no date keeps its date, a new one with no date is due after its configured period.
     *
     * @throws InvalidRequestException naming each unknown flag, repeated flag or bad date
     */
    public List<ReleaseFlag> setFlags(String releaseId, List<FlagRequest> asked, String who) {
        Release release = release(releaseId);
        if (release.status() == ReleaseStatus.WITHDRAWN) {
            throw new WorkflowException("A withdrawn release takes no flags: it is no longer public.");
        }
        List<FieldError> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        LocalDate today = today();
        Map<String, ReleaseFlag> current = new HashMap<>();
        List<ReleaseFlag> previous = reviews.flags(releaseId);
        previous.forEach(f -> current.put(f.flag(), f));
        List<ReleaseFlag> next = new ArrayList<>();
        for (int i = 0; i < asked.size(); i++) {
            FlagRequest request = asked.get(i);
            String field = "flags[" + i + "]";
            if (request == null || request.flag() == null) {
                errors.add(new FieldError(field + ".flag", "is required: one of " + flags.keys()));
                continue;
            }
            Optional<LegalFlag> known = flags.find(request.flag());
            if (known.isEmpty()) {
                errors.add(new FieldError(field + ".flag", "must be one of " + flags.keys()));
                continue;
            }
            LegalFlag flag = known.get();
            if (!seen.add(flag.key())) {
                errors.add(new FieldError(field + ".flag", "is given twice"));
                continue;
            }
            ReleaseFlag had = current.get(flag.key());
            LocalDate reviewOn = request.reviewOn() != null ? request.reviewOn()
                    : had != null ? had.reviewOn() : today.plus(flag.reviewAfter());
            if (request.reviewOn() != null && checkDate(field + ".reviewOn", reviewOn, today, errors)) {
                continue;
            }
            if (had != null && had.reviewOn().equals(reviewOn)) {
                next.add(had);
            } else {
                next.add(new ReleaseFlag(releaseId, flag.key(), flag.label(), reviewOn, who, clock.instant()));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        reviews.replaceFlags(releaseId, previous, next);
        releaseService.note(releaseId, who, "set legal flags", next.isEmpty() ? "none"
                : next.stream().map(f -> f.flag() + " (review " + f.reviewOn() + ")").collect(Collectors.joining(", ")));
        return ordered(next);
    }

    /** Adds an error (and answers true) when a review date is not after today or absurdly far. */
    private static boolean checkDate(String field, LocalDate reviewOn, LocalDate today, List<FieldError> errors) {
        if (!reviewOn.isAfter(today)) {
            errors.add(new FieldError(field, "must be after today (" + today + ")"));
            return true;
        }
        if (reviewOn.isAfter(today.plusYears(MAX_YEARS_AHEAD))) {
            errors.add(new FieldError(field, "must be within " + MAX_YEARS_AHEAD + " years"));
            return true;
        }
        return false;
    }

    /**
     * Checks, before a release is published, that each of its flags that asks for confirmation
     * was confirmed in the request, and notes the confirmation in the access record.
     *
     * @throws ConfirmationRequiredException listing the flags still to confirm
     */
    public void confirmPublishing(String releaseId, List<String> confirmed, String who) {
        Set<String> given = confirmed == null ? Set.of() : new HashSet<>(confirmed);
        List<String> needing = new ArrayList<>();
        for (ReleaseFlag flag : ordered(reviews.flags(releaseId))) {
            boolean asks = flags.find(flag.flag()).map(LegalFlag::confirmBeforePublishing).orElse(false);
            if (asks) {
                needing.add(flag.flag());
            }
        }
        List<String> missing = needing.stream().filter(f -> !given.contains(f)).toList();
        if (!missing.isEmpty()) {
            throw new ConfirmationRequiredException(missing);
        }
        if (!needing.isEmpty()) {
            releaseService.note(releaseId, who, "confirmed flags before publishing", String.join(", ", needing));
        }
    }

    /** A review that is due: the release and the flag. */
    public record DueReview(Release release, ReleaseFlag flag) {
    }

    /** Reviews due today or earlier on public releases, earliest first. */
    public List<DueReview> due(int limit) {
        return due(today(), limit);
    }

    List<DueReview> due(LocalDate today, int limit) {
        List<ReleaseFlag> flagged = reviews.due(today, limit);
        Map<String, Release> byId = new LinkedHashMap<>();
        releases.findAll(flagged.stream().map(ReleaseFlag::releaseId).distinct().toList())
                .forEach(r -> byId.put(r.id(), r));
        List<DueReview> due = new ArrayList<>();
        for (ReleaseFlag flag : flagged) {
            Release release = byId.get(flag.releaseId());
            // Only what the public can read needs a review; a withdrawn or deleted release does not.
            if (release != null && release.status() == ReleaseStatus.PUBLISHED) {
                due.add(new DueReview(release, flag));
            }
        }
        return due;
    }

    /** How a review ends. */
    public enum Decision {
        /** The release stays as it is; the flag is reviewed again on a new date. */
        KEEP,
        /** The release is changed (an update with a change note); the flag stays only with a new date. */
        REDACT,
        /** The release is withdrawn; its flags end. */
        WITHDRAW
    }

    /** A review's decision as asked for. {@code edit} and {@code expectedVersion} are for a redaction. */
    public record ReviewRequest(String flag, Decision decision, LocalDate reviewOn, String note, String reason,
                                ReleaseEdit edit, Long expectedVersion) {
    }

    /** What a review decided, and the release as it now is. */
    public record Reviewed(Release release, List<ReleaseFlag> flags) {
    }

    /**
     * Records a review's decision and carries it out.
     *
     * @throws InvalidRequestException when the flag is not on the release or the decision lacks what it needs
     */
    public Reviewed review(String releaseId, ReviewRequest request, Actor actor) {
        Release release = release(releaseId);
        List<ReleaseFlag> current = reviews.flags(releaseId);
        List<FieldError> errors = new ArrayList<>();
        ReleaseFlag flag = request.flag() == null ? null
                : current.stream().filter(f -> f.flag().equals(request.flag())).findFirst().orElse(null);
        if (request.flag() == null) {
            errors.add(new FieldError("flag", "is required: the flag under review"));
        } else if (flag == null) {
            errors.add(new FieldError("flag", "is not on this release (its flags: "
                    + current.stream().map(ReleaseFlag::flag).sorted().toList() + ")"));
        }
        if (request.decision() == null) {
            errors.add(new FieldError("decision", "is required: keep, redact or withdraw"));
        }
        LocalDate today = today();
        if (request.decision() == Decision.KEEP && request.reviewOn() == null) {
            errors.add(new FieldError("reviewOn", "is required to keep: the date of the next review"));
        }
        if (request.reviewOn() != null) {
            checkDate("reviewOn", request.reviewOn(), today, errors);
        }
        if (request.decision() == Decision.REDACT && (request.edit() == null || request.expectedVersion() == null)) {
            errors.add(new FieldError("release", "is required to redact: the release as it should read, with a"
                    + " changeNote, sent with If-Match"));
        }
        if (request.decision() == Decision.WITHDRAW && (request.reason() == null || request.reason().isBlank()
                || request.expectedVersion() == null)) {
            errors.add(new FieldError("reason", "is required to withdraw (and If-Match): said on the page"));
        }
        if (request.decision() != null && request.decision() != Decision.KEEP && release.status() != ReleaseStatus.PUBLISHED) {
            errors.add(new FieldError("decision", "only a published release can be redacted or withdrawn"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        Release after = release;
        List<ReleaseFlag> next = new ArrayList<>(current);
        next.remove(flag);
        switch (request.decision()) {
            case KEEP -> next.add(new ReleaseFlag(releaseId, flag.flag(), flag.label(), request.reviewOn(),
                    actor.name(), clock.instant()));
            case REDACT -> {
                after = releaseService.edit(releaseId, request.expectedVersion(), request.edit(), actor);
                if (request.reviewOn() != null) {
                    next.add(new ReleaseFlag(releaseId, flag.flag(), flag.label(), request.reviewOn(),
                            actor.name(), clock.instant()));
                }
            }
            case WITHDRAW -> {
                after = releaseService.withdraw(releaseId, request.expectedVersion(), request.reason(), actor.name());
                next.clear();
            }
        }
        reviews.replaceFlags(releaseId, current, next);
        boolean waits = request.decision() == Decision.REDACT && after.version() == release.version();
        String detail = flag.flag() + " (due " + flag.reviewOn() + "): "
                + request.decision().name().toLowerCase(java.util.Locale.ROOT)
                + (waits ? " (the change awaits a second person's approval)" : "")
                + (request.reviewOn() != null ? ", next review " + request.reviewOn() : "")
                + (request.note() != null && !request.note().isBlank() ? " — " + request.note().strip() : "");
        releaseService.note(releaseId, actor.name(), "reviewed", detail);
        LOG.info("legal review decided", "releaseId", releaseId, "flag", flag.flag(),
                "decision", request.decision());
        return new Reviewed(after, ordered(next));
    }
}
