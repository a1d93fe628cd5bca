package newsroom.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import newsroom.domain.DeliveryKind;
import newsroom.domain.DigestSchedule;
import newsroom.domain.DeliveryStatus;
import newsroom.domain.Embargo;
import newsroom.domain.MailJob;
import newsroom.domain.MediaContact;
import newsroom.domain.Release;
import newsroom.domain.ReleaseStatus;
import newsroom.domain.ReleaseVersion;
import newsroom.json.Json;
import newsroom.log.JsonLog;
import newsroom.render.Email;
import newsroom.render.MailComposer;
import newsroom.render.SitePaths;
import newsroom.service.port.AccessLog;
import newsroom.service.port.ContactRepository;
import newsroom.service.port.DeliveryRepository;
import newsroom.service.port.Mailer;
import newsroom.service.port.ReleaseRepository;

/**
 * Sends one mail job: checks the contact may still be emailed and that this kind of email is due
 * to them, claims the delivery (so no one else sends it), reads the release again and checks once
 * more (it may have been corrected or withdrawn meanwhile: the email carries the release as it is
 * at the moment of sending), sends, and records the outcome. Only a definite refusal by SES is
 * recorded as failed; a send whose fate is unknown (a timeout) stays claimed until SES's Send event
 * or the end of the lease settles it, so it is never sent twice.
 */
public final class ReleaseMailer {
    private static final JsonLog LOG = JsonLog.of(ReleaseMailer.class);

    /** What became of a job. */
    public enum Outcome { SENT, ALREADY_SENT, SUPPRESSED, NOT_DUE }

    private final ReleaseRepository releases;
    private final ContactRepository contacts;
    private final DeliveryRepository deliveries;
    private final MailComposer composer;
    private final Mailer mailer;
    private final SignedTokens tokens;
    private final SitePaths paths;
    private final String siteBaseUrl;
    private final String apiBaseUrl;
    private final Clock clock;
    private final Duration lease;
    /** Withdrawn advance copies (null: none are ever withdrawn). */
    private final AccessLog accessLog;
    // Within one batch most jobs are for the same release: read it once.
    private final Map<String, Optional<Release>> releaseCache = new HashMap<>();
    /** When digests go out and what each covers. */
    private DigestSchedule digests;
    /** A digest period's releases, read once a batch (every subscriber's digest of it has the same ones). */
    private final Map<String, List<Release>> periodCache = new HashMap<>();

    public ReleaseMailer(ReleaseRepository releases, ContactRepository contacts, DeliveryRepository deliveries,
                         MailComposer composer, Mailer mailer, SignedTokens tokens, SitePaths paths,
                         String siteBaseUrl, String apiBaseUrl, Clock clock, Duration lease) {
        this(releases, contacts, deliveries, composer, mailer, tokens, paths, siteBaseUrl, apiBaseUrl, clock, lease,
                null);
    }

    /** With the record of withdrawn advance copies: a journalist whose copy was withdrawn is sent no new one. */
    public ReleaseMailer(ReleaseRepository releases, ContactRepository contacts, DeliveryRepository deliveries,
                         MailComposer composer, Mailer mailer, SignedTokens tokens, SitePaths paths,
                         String siteBaseUrl, String apiBaseUrl, Clock clock, Duration lease, AccessLog accessLog) {
        this.accessLog = accessLog;
        this.releases = releases;
        this.contacts = contacts;
        this.deliveries = deliveries;
        this.composer = composer;
        this.mailer = mailer;
        this.tokens = tokens;
        this.paths = paths;
        this.siteBaseUrl = trim(siteBaseUrl);
        this.apiBaseUrl = trim(apiBaseUrl);
        this.clock = clock;
        this.lease = lease;
        this.digests = DigestSchedule.defaults(paths.zone());
    }

    /** With the digest schedule as configured (the default: 08:30, covering 08:00 to 08:00; Saturdays). */
    public ReleaseMailer withDigests(DigestSchedule schedule) {
        this.digests = schedule;
        return this;
    }

    /**
     * An earlier attempt claimed this email and never reported back: the message is kept on the
     * queue and tried again later, when SES's Send event or the end of the lease has settled it.
     */
    public static final class InDoubtException extends TryAgainLater {
        private final Duration settledWithin;

        InDoubtException(MailJob job, Duration settledWithin) {
            super("delivery " + job.deliveryKind() + " of " + job.releaseId() + " to " + job.contactId()
                    + " is in doubt; retry later");
            this.settledWithin = settledWithin;
        }

        /** By then SES's Send event or the end of the claim's lease has settled it: come back no sooner. */
        public Duration settledWithin() {
            return settledWithin;
        }
    }

    private static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Forgets releases read for the previous batch. */
    public void startBatch() {
        releaseCache.clear();
        periodCache.clear();
    }

    public Outcome send(MailJob job) {
        if (job.kind() == DeliveryKind.DIGEST) {
            return sendDigest(job);
        }
        if (job.kind() == DeliveryKind.CONFIRMATION) {
            return sendConfirmation(job);
        }
        Instant now = clock.instant();
        // A first look from the batch's read, to skip jobs not due without claiming them.
        Optional<Release> found = releaseCache.computeIfAbsent(job.releaseId(), releases::find);
        Optional<MediaContact> foundContact = contacts.find(job.contactId());
        if (found.isEmpty() || foundContact.isEmpty()) {
            return Outcome.NOT_DUE;
        }
        Release release = found.get();
        MediaContact contact = foundContact.get();
        if (!isDue(job, release, contact, now)) {
            return Outcome.NOT_DUE;
        }
        if (!contact.mayBeEmailed()) {
            deliveries.recordSuppressed(job, contact.email(), contact.status().name(), now);
            return Outcome.SUPPRESSED;
        }
        switch (deliveries.claim(job, contact.email(), now, lease)) {
            case DONE:
                return Outcome.ALREADY_SENT;
            case IN_DOUBT:
                throw new InDoubtException(job, lease);
            default:
                break;
        }
        // Claimed: now the release as it stands, so a correction or a withdrawal made since the batch
        // began (or while this job waited) is in the email, or stops it.
        Optional<Release> current = releases.find(job.releaseId());
        if (current.isEmpty() || !isDue(job, current.get(), contact, clock.instant())) {
            deliveries.abandon(job);
            return Outcome.NOT_DUE;
        }
        releaseCache.put(current.get().id(), current);
        deliveries.recordSent(job, deliver(job, current.get(), contact), clock.instant());
        return Outcome.SENT;
    }

    /**
     * Composes and sends a claimed job's email, and returns SES's message id. A refusal is
     * recorded (so a retry may claim it again) and thrown; a send whose fate is unknown stays
     * claimed and comes back as {@link InDoubtException}.
     */
    private String deliver(MailJob job, Release release, MediaContact contact) {
        String unsubscribe = apiBaseUrl + "/unsubscribe?token=" + tokens.unsubscribe(contact.id());
        boolean advanceCopy = job.kind() == DeliveryKind.EMBARGOED || job.kind() == DeliveryKind.EMBARGO_UPDATED;
        // An advance copy links to this journalist's own copy (marked with their name, each opening
        // recorded), which leads to the public page once the embargo ends.
        String url = advanceCopy ? apiBaseUrl + "/advance/" + tokens.advanceCopy(release.id(), contact.id())
                : release.publishedAt() == null ? siteBaseUrl + "/news/" : siteBaseUrl + paths.releaseUrlPath(release);
        Email email = job.kind() == DeliveryKind.EMBARGO_UPDATED
                ? composer.updatedAdvanceCopy(release, url, contact, whatChanged(release, job.sequence()), unsubscribe)
                : composer.releaseEmail(release, url, contact, job.kind(), job.sequence(), unsubscribe);
        try {
            return mailer.send(email
                    .withTags(Map.of("release", job.releaseId(), "contact", job.contactId(), "kind", job.deliveryKind())));
        } catch (RuntimeException failed) {
            throw unsent(job, failed);
        }
    }

    /**
     * What a send that did not succeed leaves: a refusal is recorded (so a retry may claim it
     * again) and returned; anything else may have been taken by SES, so the claim stays for the
     * Send event or the lease to settle, and the job is in doubt.
     */
    private RuntimeException unsent(MailJob job, RuntimeException failure) {
        if (failure instanceof Mailer.Rejected refused) {
            deliveries.recordFailed(job, refused.reason(), clock.instant());
            return refused;
        }
        LOG.warn("send outcome unknown; left for SES's Send event or the lease", "releaseId", job.releaseId(),
                "contactId", job.contactId(), "kind", job.deliveryKind(),
                "errorType", failure.getClass().getName(), "errorMessage", String.valueOf(failure.getMessage()));
        return new InDoubtException(job, lease);
    }

    /** What became of one job of a batch: its outcome, or the failure that sends it back to the queue. */
    public record Result(MailJob job, Outcome outcome, RuntimeException failure) {
        static Result of(MailJob job, Outcome outcome) {
            return new Result(job, outcome, null);
        }

        static Result failed(MailJob job, RuntimeException failure) {
            return new Result(job, null, failure);
        }
    }

    /**
     * Sends a batch of jobs and answers each, in order. The release emails go together, each kept
     * to the same rules as {@link #send}: their contacts and earlier deliveries are read in one
     * request, claimed in one, the releases read again once, and the sends recorded in one, so the
     * store sees a handful of requests per batch instead of five per email. Digests,
     * confirmations, and a job that comes twice in one batch (its repeat sees the first's record)
     * go one by one.
     */
    public List<Result> sendAll(List<MailJob> jobs) {
        Result[] results = new Result[jobs.size()];
        Map<MailJob, Integer> together = new LinkedHashMap<>();
        List<Integer> alone = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            MailJob job = jobs.get(i);
            // A job missing its kind, release or contact goes alone too, and fails alone.
            boolean releaseEmail = job.kind() != null && job.kind() != DeliveryKind.DIGEST
                    && job.kind() != DeliveryKind.CONFIRMATION && job.releaseId() != null && job.contactId() != null;
            if (!releaseEmail || together.putIfAbsent(job, i) != null) {
                alone.add(i);
            }
        }
        if (!together.isEmpty()) {
            Map<MailJob, Result> sent;
            try {
                sent = sendTogether(together.keySet());
            } catch (RuntimeException e) {
                // A read or the claims failed for the batch (one job's id the table refuses, say):
                // each job is tried on its own, so one bad job cannot hold back the rest. A job
                // this attempt had already claimed finds its claim, and waits as one in doubt.
                LOG.warn("a mail batch could not go together; one job at a time", "jobs", together.size(),
                        "errorType", e.getClass().getName());
                sent = new HashMap<>();
                for (MailJob job : together.keySet()) {
                    try {
                        sent.put(job, Result.of(job, send(job)));
                    } catch (RuntimeException failed) {
                        sent.put(job, Result.failed(job, failed));
                    }
                }
            }
            for (Map.Entry<MailJob, Integer> at : together.entrySet()) {
                results[at.getValue()] = sent.get(at.getKey());
            }
        }
        for (int i : alone) {
            MailJob job = jobs.get(i);
            try {
                results[i] = Result.of(job, send(job));
            } catch (RuntimeException e) {
                results[i] = Result.failed(job, e);
            }
        }
        return List.of(results);
    }

    private Map<MailJob, Result> sendTogether(java.util.Collection<MailJob> jobs) {
        Instant now = clock.instant();
        Map<MailJob, Result> results = new LinkedHashMap<>();
        for (MailJob job : jobs) {
            releaseCache.computeIfAbsent(job.releaseId(), releases::find);
        }
        Map<String, MediaContact> found = contacts.findAll(jobs.stream().map(MailJob::contactId).toList());
        // The earlier emails the rules ask about, read once for the batch.
        List<MailJob> asked = new ArrayList<>();
        for (MailJob job : jobs) {
            for (DeliveryKind kind : List.of(DeliveryKind.EMBARGOED, DeliveryKind.PUBLISHED)) {
                asked.add(new MailJob(job.releaseId(), job.contactId(), kind));
            }
        }
        Map<MailJob, DeliveryStatus> earlier = deliveries.statusesOf(asked);
        Received received = (release, contact, kind) -> {
            DeliveryStatus status = earlier.get(new MailJob(release.id(), contact.id(), kind));
            return status == DeliveryStatus.SENT || status == DeliveryStatus.SENDING;
        };
        Map<MailJob, String> toClaim = new LinkedHashMap<>();
        for (MailJob job : jobs) {
            Optional<Release> release = releaseCache.get(job.releaseId());
            MediaContact contact = found.get(job.contactId());
            if (release.isEmpty() || contact == null || !isDue(job, release.get(), contact, now, received)) {
                results.put(job, Result.of(job, Outcome.NOT_DUE));
            } else if (!contact.mayBeEmailed()) {
                try {
                    deliveries.recordSuppressed(job, contact.email(), contact.status().name(), now);
                    results.put(job, Result.of(job, Outcome.SUPPRESSED));
                } catch (RuntimeException e) {
                    results.put(job, Result.failed(job, e));
                }
            } else {
                toClaim.put(job, contact.email());
            }
        }
        List<MailJob> claimed = new ArrayList<>();
        deliveries.claimAll(toClaim, now, lease).forEach((job, claim) -> {
            switch (claim) {
                case DONE -> results.put(job, Result.of(job, Outcome.ALREADY_SENT));
                case IN_DOUBT -> results.put(job, Result.failed(job, new InDoubtException(job, lease)));
                default -> claimed.add(job);
            }
        });
        // Claimed: the releases as they stand now, so a correction or a withdrawal made since the
        // batch began is in the emails, or stops them.
        Map<String, Optional<Release>> current = new HashMap<>();
        for (MailJob job : claimed) {
            current.computeIfAbsent(job.releaseId(), id -> {
                Optional<Release> standing = releases.find(id);
                releaseCache.put(id, standing);
                return standing;
            });
        }
        Map<MailJob, String> sent = new LinkedHashMap<>();
        // The public copies of one release (the same kind and change) go as one bulk send each 50.
        Map<MailJob, List<MailJob>> bulk = new LinkedHashMap<>();
        for (MailJob job : claimed) {
            try {
                Optional<Release> release = current.get(job.releaseId());
                MediaContact contact = found.get(job.contactId());
                if (release.isEmpty() || !isDue(job, release.get(), contact, clock.instant(), received)) {
                    deliveries.abandon(job);
                    results.put(job, Result.of(job, Outcome.NOT_DUE));
                } else if (BULK_KINDS.contains(job.kind()) && plain(contact.name())) {
                    bulk.computeIfAbsent(new MailJob(job.releaseId(), null, job.kind(), job.sequence()),
                            k -> new ArrayList<>()).add(job);
                } else {
                    sent.put(job, deliver(job, release.get(), contact));
                }
            } catch (RuntimeException e) {
                results.put(job, Result.failed(job, e));
            }
        }
        bulk.forEach((group, groupJobs) -> deliverInBulk(current.get(group.releaseId()).get(), group, groupJobs,
                found, sent, results));
        try {
            deliveries.recordAllSent(sent, clock.instant());
            sent.keySet().forEach(job -> results.put(job, Result.of(job, Outcome.SENT)));
        } catch (RuntimeException e) {
            // Sent, but not recorded: each comes back, finds its claim, and SES's Send event settles it.
            sent.keySet().forEach(job -> results.put(job, Result.failed(job, e)));
        }
        return results;
    }

    /** The kinds sent in bulk: the public copies, the same for everyone but their name and unsubscribe link. */
    private static final java.util.Set<DeliveryKind> BULK_KINDS =
            java.util.EnumSet.of(DeliveryKind.PUBLISHED, DeliveryKind.UPDATED, DeliveryKind.WITHDRAWN);

    /** Where the email puts each recipient's own parts. */
    private static final String NAME = "name";
    private static final String UNSUBSCRIBE = "unsubscribe";

    /**
     * A value SES's templates (Handlebars) put in exactly as given, whatever it escapes: letters,
     * digits, spaces and a few marks. A name with any other character ("O'Brien") goes alone.
     */
    private static boolean plain(String value) {
        return value != null && value.matches("[\\p{L}\\p{M}\\p{N} .,()_-]*");
    }

    /**
     * One release's public copies to many: composed once, with the name and the unsubscribe
     * token left as template values, and sent 50 at a time. A release whose own text has
     * template braces in it is sent one by one instead, so nothing in it is ever read as a value.
     */
    private void deliverInBulk(Release release, MailJob group, List<MailJob> jobs, Map<String, MediaContact> contacts,
                               Map<MailJob, String> sent, Map<MailJob, Result> results) {
        MediaContact any = contacts.get(jobs.get(0).contactId());
        MediaContact placeholder = new MediaContact(any.id(), any.email(), "{{" + NAME + "}}", any.outlet(), any.role(),
                any.topics(), any.embargoAccess(), any.status(), any.consentSource(), any.consentAt(),
                any.createdAt(), any.version(), any.frequency());
        String url = release.publishedAt() == null ? siteBaseUrl + "/news/" : siteBaseUrl + paths.releaseUrlPath(release);
        Email template = composer.releaseEmail(release, url, placeholder, group.kind(), group.sequence(),
                apiBaseUrl + "/unsubscribe?token={{" + UNSUBSCRIBE + "}}");
        List<MailJob> alone = new ArrayList<>();
        List<MailJob> together = new ArrayList<>();
        List<Mailer.Recipient> recipients = new ArrayList<>();
        boolean templateSafe = onlyOurValues(template);
        for (MailJob job : jobs) {
            MediaContact contact = contacts.get(job.contactId());
            String token = tokens.unsubscribe(contact.id());
            if (!templateSafe || !plain(token)) {
                alone.add(job);
            } else {
                together.add(job);
                recipients.add(new Mailer.Recipient(contact.email(), Map.of(NAME, contact.name(), UNSUBSCRIBE, token),
                        Map.of("release", job.releaseId(), "contact", job.contactId(), "kind", job.deliveryKind())));
            }
        }
        for (int from = 0; from < together.size(); from += Mailer.BULK_MAX) {
            int to = Math.min(together.size(), from + Mailer.BULK_MAX);
            List<Mailer.Sent> answers = mailer.sendBulk(template, recipients.subList(from, to));
            for (int i = from; i < to; i++) {
                MailJob job = together.get(i);
                Mailer.Sent answer = answers.get(i - from);
                if (answer.messageId() != null) {
                    sent.put(job, answer.messageId());
                } else {
                    try {
                        results.put(job, Result.failed(job, unsent(job, answer.failure())));
                    } catch (RuntimeException e) {
                        results.put(job, Result.failed(job, e));
                    }
                }
            }
        }
        for (MailJob job : alone) {
            try {
                sent.put(job, deliver(job, release, contacts.get(job.contactId())));
            } catch (RuntimeException e) {
                results.put(job, Result.failed(job, e));
            }
        }
    }

    /** Whether the template's only braces are the recipient's values. */
    private static boolean onlyOurValues(Email template) {
        List<String> parts = new ArrayList<>(List.of(template.subject(), template.html(), template.text()));
        parts.addAll(template.headers().values());
        for (String part : parts) {
            String rest = part == null ? "" : part.replace("{{" + NAME + "}}", "").replace("{{" + UNSUBSCRIBE + "}}", "");
            if (rest.contains("{{") || rest.contains("}}")) {
                return false;
            }
        }
        return true;
    }

    /** Whether the contact was sent (or is being sent) this kind of email about the release. */
    @FunctionalInterface
    private interface Received {
        boolean of(Release release, MediaContact contact, DeliveryKind kind);
    }

    /**
     * Whether this kind of email is still due: an advance copy only to a trusted contact while the
     * release is under embargo; the public copy once it is public and only to those without an
     * advance copy; updates and withdrawals only to those who received the release.
     */
    private boolean copyWithdrawn(Release release, MediaContact contact) {
        return accessLog != null && accessLog.revoked(release.id(), contact.id());
    }

    /** A trusted contact, or one the press office gave this release's advance copy by name. */
    private boolean mayHaveAdvanceCopy(Release release, MediaContact contact) {
        return contact.embargoAccess() || (accessLog != null && accessLog.granted(release.id(), contact.id()));
    }

    private boolean isDue(MailJob job, Release release, MediaContact contact, Instant now) {
        return isDue(job, release, contact, now, this::received);
    }

    private boolean isDue(MailJob job, Release release, MediaContact contact, Instant now, Received received) {
        return switch (job.kind()) {
            case EMBARGOED -> release.status() == ReleaseStatus.SCHEDULED && mayHaveAdvanceCopy(release, contact)
                    && release.embargoUntil() != null && release.embargoUntil().isAfter(now)
                    && !copyWithdrawn(release, contact);
            case EMBARGO_UPDATED -> release.status() == ReleaseStatus.SCHEDULED && mayHaveAdvanceCopy(release, contact)
                    && release.embargoUntil() != null && release.embargoUntil().isAfter(now)
                    && received.of(release, contact, DeliveryKind.EMBARGOED) && !copyWithdrawn(release, contact);
            // A digest subscriber gets it in their digest instead (read now: they may have changed).
            case PUBLISHED -> release.isPublicAt(now) && contact.wantsEachRelease()
                    && !received.of(release, contact, DeliveryKind.EMBARGOED);
            case UPDATED -> release.status() == ReleaseStatus.PUBLISHED
                    && (received.of(release, contact, DeliveryKind.PUBLISHED)
                        || received.of(release, contact, DeliveryKind.EMBARGOED));
            case WITHDRAWN -> release.status() == ReleaseStatus.WITHDRAWN
                    && (received.of(release, contact, DeliveryKind.PUBLISHED)
                        || received.of(release, contact, DeliveryKind.EMBARGOED));
            case DIGEST, CONFIRMATION -> false;
        };
    }

    /**
     * A confirmation link, as the API composed it. Sent at most once in the API's cooldown per
     * address; a redelivered job may send it again, which only repeats the same link.
     */
    private Outcome sendConfirmation(MailJob job) {
        if (job.email() == null || job.email().to() == null) {
            throw new IllegalArgumentException("a confirmation job without its email");
        }
        try {
            mailer.send(job.email());
            return Outcome.SENT;
        } catch (Mailer.Rejected refused) {
            LOG.warn("confirmation email refused", "reason", refused.reason());
            return Outcome.SUPPRESSED;
        }
    }

    /**
     * What the change numbered {@code version} did, against the version before it, said the way a
     * journalist needs it: the embargo first (always the one in force now, never an earlier one).
     */
    private String whatChanged(Release current, int version) {
        // Against the last version an advance copy could have gone out from: the one before, or
        // (when a change sent it back for approval) the last scheduled one before that.
        Release before = null;
        Release changed = null;
        for (ReleaseVersion saved : releases.versions(current.id())) {
            if (saved.version() < version && (saved.release().status() == ReleaseStatus.SCHEDULED
                    || saved.version() == version - 1 && before == null)) {
                before = saved.release();
            } else if (saved.version() == version) {
                changed = saved.release();
            }
        }
        String now = Embargo.describe(current.embargoUntil(), composer.zone());
        if (before != null && changed != null && !Objects.equals(before.embargoUntil(), changed.embargoUntil())) {
            return "This advance copy replaces the one sent earlier: the embargo has moved to " + now + " (it was "
                    + Embargo.describe(before.embargoUntil(), composer.zone()) + ").";
        }
        return "This advance copy replaces the one sent earlier: the text has changed. The embargo is still " + now + ".";
    }

    /**
     * One subscriber's digest of one period: the public releases of the period in their topics,
     * as they are now (an update shows its latest title; a withdrawn release is left out), grouped
     * by topic, newest first. Nothing new, no email. Claimed like a release email, so each
     * subscriber gets a period's digest once, however often the job comes.
     */
    private Outcome sendDigest(MailJob job) {
        Optional<DigestSchedule.Period> period = digests.parse(job.releaseId());
        Optional<MediaContact> found = contacts.find(job.contactId());
        if (period.isEmpty() || found.isEmpty() || found.get().frequency() != period.get().frequency()) {
            return Outcome.NOT_DUE; // not ours, gone, or they changed how often they hear from us
        }
        MediaContact contact = found.get();
        List<Release> theirs = periodCache.computeIfAbsent(period.get().key(), k -> periodReleases(period.get()))
                .stream().filter(r -> contact.wantsCategory(r.category())).toList();
        if (theirs.isEmpty()) {
            return Outcome.NOT_DUE;
        }
        Instant now = clock.instant();
        if (!contact.mayBeEmailed()) {
            deliveries.recordSuppressed(job, contact.email(), contact.status().name(), now);
            return Outcome.SUPPRESSED;
        }
        switch (deliveries.claim(job, contact.email(), now, lease)) {
            case DONE:
                return Outcome.ALREADY_SENT;
            case IN_DOUBT:
                throw new InDoubtException(job, lease);
            default:
                break;
        }
        // Claimed: the period's releases as they stand now (one withdrawn meanwhile is left out).
        List<Release> current = periodReleases(period.get()).stream()
                .filter(r -> contact.wantsCategory(r.category())).toList();
        if (current.isEmpty()) {
            deliveries.abandon(job);
            return Outcome.NOT_DUE;
        }
        String unsubscribe = apiBaseUrl + "/unsubscribe?token=" + tokens.unsubscribe(contact.id());
        Email email = composer.digestEmail(contact, period.get(), current,
                r -> siteBaseUrl + paths.releaseUrlPath(r), unsubscribe);
        String messageId;
        try {
            messageId = mailer.send(email.withTags(Map.of("release", job.releaseId(), "contact", job.contactId(),
                    "kind", job.deliveryKind())));
        } catch (RuntimeException failed) {
            throw unsent(job, failed);
        }
        deliveries.recordSent(job, messageId, clock.instant());
        return Outcome.SENT;
    }

    /** The releases published in the period that are public now. */
    private List<Release> periodReleases(DigestSchedule.Period period) {
        java.util.Set<java.time.YearMonth> months = new java.util.TreeSet<>();
        months.add(java.time.YearMonth.from(period.start().atZone(paths.zone())));
        months.add(java.time.YearMonth.from(period.end().atZone(paths.zone())));
        List<Release> found = new java.util.ArrayList<>();
        Instant now = clock.instant();
        for (java.time.YearMonth month : months) {
            for (Release release : releases.publishedInMonth(month)) {
                if (release.status() == ReleaseStatus.PUBLISHED && release.isPublicAt(now)
                        && !release.publishedAt().isBefore(period.start()) && release.publishedAt().isBefore(period.end())) {
                    found.add(release);
                }
            }
        }
        return found;
    }

    private boolean received(Release release, MediaContact contact, DeliveryKind kind) {
        return deliveries.statusOf(new MailJob(release.id(), contact.id(), kind))
                .filter(s -> s == DeliveryStatus.SENT || s == DeliveryStatus.SENDING).isPresent();
    }

    /**
     * SnapStart priming: the reads and the composing a batch does, for a release and a contact that
     * do not exist. Nothing is claimed, sent or recorded.
     */
    public void prime() {
        Instant now = clock.instant();
        Release sample = PrimingSamples.release(now);
        MediaContact contact = PrimingSamples.contact(now);
        MailJob job = Json.read(Json.write(new MailJob(sample.id(), contact.id(), DeliveryKind.PUBLISHED, 0)),
                MailJob.class);
        // The batch's own reads, as a batch makes them (BatchGetItem), and its bulk template.
        releases.find(job.releaseId());
        contacts.findAll(List.of(job.contactId()));
        deliveries.statusesOf(List.of(job));
        composer.releaseEmail(sample, siteBaseUrl + paths.releaseUrlPath(sample), contact, job.kind(), 0,
                apiBaseUrl + "/unsubscribe?token={{" + UNSUBSCRIBE + "}}");
        tokens.unsubscribe(contact.id());
    }
}
