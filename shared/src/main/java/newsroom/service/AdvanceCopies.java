package newsroom.service;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.List;
import newsroom.domain.Attachment;
import newsroom.domain.ContactNotFoundException;
import newsroom.domain.ContactStatus;
import newsroom.domain.DeliveryKind;
import newsroom.domain.MailJob;
import newsroom.domain.WorkflowException;
import newsroom.render.Ninjs;
import newsroom.service.port.MailQueue;
import newsroom.service.port.UploadUrls;
import newsroom.domain.MediaContact;
import newsroom.domain.ReleaseNotFoundException;
import newsroom.domain.Release;
import newsroom.domain.ReleaseStatus;
import newsroom.render.SiteRenderer;
import newsroom.service.port.AccessLog;
import newsroom.service.port.ContactRepository;
import newsroom.service.port.ReleaseRepository;

/**
 * One journalist's advance copy behind the link in their email: the release as it will look,
 * marked with the embargo and with their name; every opening recorded. Once the release is public
 * the link leads to the public page; a release withdrawn or taken back to draft is gone.
 */
public final class AdvanceCopies {
    private static final int MAX_USER_AGENT = 300;

    /** What the link shows: the copy, the public page, or nothing. */
    public sealed interface Outcome {
    }

    /** The marked copy, as HTML. */
    public record Copy(String html) implements Outcome {
    }

    /** The release is public now: go to its page. */
    public record IsPublic(String url) implements Outcome {
    }

    /** The link is not one of ours. */
    public record Unknown() implements Outcome {
    }

    /** The copy was withdrawn (the release, or the journalist, is gone). */
    public record Withdrawn() implements Outcome {
    }

    /** One of the copy's files: a short-lived link to it. */
    public record FileLink(URI url) implements Outcome {
    }

    /** The copy as IPTC ninjs, withheld until the embargo time. */
    public record NinjsCopy(String json) implements Outcome {
    }

    /** The copy has no such file. */
    public record NoSuchFile() implements Outcome {
    }

    private final SignedTokens tokens;
    private final ReleaseRepository releases;
    private final ContactRepository contacts;
    private final AccessLog accessLog;
    private final SiteRenderer renderer;
    private final String siteBaseUrl;
    private final Clock clock;
    private final UploadUrls files;
    private final MailQueue mailQueue;
    private final Ninjs ninjs;
    /** Where the API answers: the ninjs names the copy's files by absolute URL. */
    private final String apiBaseUrl;

    public AdvanceCopies(SignedTokens tokens, ReleaseRepository releases, ContactRepository contacts,
                         AccessLog accessLog, SiteRenderer renderer, String siteBaseUrl, Clock clock) {
        this(tokens, releases, contacts, accessLog, renderer, siteBaseUrl, clock, null, null, "");
    }

    /** With the files behind the link ({@code files}) and the queue that sends a journalist added later. */
    public AdvanceCopies(SignedTokens tokens, ReleaseRepository releases, ContactRepository contacts,
                         AccessLog accessLog, SiteRenderer renderer, String siteBaseUrl, Clock clock,
                         UploadUrls files, MailQueue mailQueue, String apiBaseUrl) {
        this.apiBaseUrl = apiBaseUrl.endsWith("/") ? apiBaseUrl.substring(0, apiBaseUrl.length() - 1) : apiBaseUrl;
        this.tokens = tokens;
        this.releases = releases;
        this.contacts = contacts;
        this.accessLog = accessLog;
        this.renderer = renderer;
        this.siteBaseUrl = siteBaseUrl.endsWith("/") ? siteBaseUrl.substring(0, siteBaseUrl.length() - 1) : siteBaseUrl;
        this.clock = clock;
        this.files = files;
        this.mailQueue = mailQueue;
        this.ninjs = new Ninjs(renderer.siteName());
    }

    /** A link that checks out: the release under embargo and the journalist it was sent to. */
    private record Holder(Release release, MediaContact contact) implements Outcome {
    }

    /** What the link leads to now: its holder, or the outcome for everyone else. */
    private Outcome resolve(String token, Instant now) {
        Optional<SignedTokens.AdvanceCopy> link = tokens.verifyAdvanceCopy(token);
        if (link.isEmpty()) {
            return new Unknown();
        }
        Optional<Release> found = releases.find(link.get().releaseId());
        if (found.isEmpty()) {
            return new Withdrawn();
        }
        Release release = found.get();
        if (release.status() == ReleaseStatus.PUBLISHED && release.isPublicAt(now)) {
            return new IsPublic(siteBaseUrl + renderer.paths().releaseUrlPath(release));
        }
        Optional<MediaContact> contact = contacts.find(link.get().contactId());
        if (release.status() != ReleaseStatus.SCHEDULED || contact.isEmpty()
                || accessLog.revoked(release.id(), contact.get().id())) {
            return new Withdrawn();
        }
        return new Holder(release, contact.get());
    }

    public Outcome open(String token, String userAgent) {
        Instant now = clock.instant();
        Outcome outcome = resolve(token, now);
        if (!(outcome instanceof Holder holder)) {
            return outcome;
        }
        accessLog.opened(holder.release().id(), holder.contact().id(), now, tidy(userAgent));
        MediaContact contact = holder.contact();
        String recipient = contact.name() == null || contact.name().isBlank() ? contact.email() : contact.name();
        if (contact.outlet() != null && !contact.outlet().isBlank()) {
            recipient += ", " + contact.outlet();
        }
        // Relative to the page at /advance/TOKEN: the files and ninjs are under the same link.
        return new Copy(renderer.advanceCopyPage(holder.release(), recipient, "./" + token));
    }

    /**
     * One of the copy's files, to its holder only: a download link that works for minutes. Once
     * the release is public, the public file.
     */
    public Outcome attachment(String token, String attachmentId, String userAgent) {
        Instant now = clock.instant();
        Outcome outcome = resolve(token, now);
        if (outcome instanceof IsPublic) {
            Optional<Release> release = tokens.verifyAdvanceCopy(token).flatMap(l -> releases.find(l.releaseId()));
            Optional<Attachment> file = release.flatMap(r -> r.attachments().stream()
                    .filter(a -> a.id().equals(attachmentId)).findFirst());
            return file.<Outcome>map(a -> new IsPublic(siteBaseUrl + newsroom.render.SitePaths.urlPathOf(
                    newsroom.service.port.Downloads.key(release.get().id(), a.fileName())))).orElse(new NoSuchFile());
        }
        if (!(outcome instanceof Holder holder)) {
            return outcome;
        }
        Optional<Attachment> file = holder.release().attachments().stream()
                .filter(a -> a.id().equals(attachmentId)).findFirst();
        if (file.isEmpty() || files == null) {
            return new NoSuchFile();
        }
        accessLog.opened(holder.release().id(), holder.contact().id(), now, tidy(userAgent),
                "attachment " + file.get().fileName());
        return new FileLink(files.forDownload(holder.release().id(), file.get()));
    }

    /** The copy as IPTC ninjs: withheld, embargoed until the time. Once public, the public ninjs. */
    public Outcome ninjs(String token, String userAgent) {
        Instant now = clock.instant();
        Outcome outcome = resolve(token, now);
        if (outcome instanceof IsPublic isPublic) {
            return new IsPublic(isPublic.url() + Ninjs.FILE_NAME);
        }
        if (!(outcome instanceof Holder holder)) {
            return outcome;
        }
        Release release = holder.release();
        accessLog.opened(release.id(), holder.contact().id(), now, tidy(userAgent), "the ninjs copy");
        String pageUrl = siteBaseUrl + renderer.paths().releaseUrlPath(release);
        List<Ninjs.File> listed = release.attachments().stream().map(a -> new Ninjs.File(a.id(), a.fileName(),
                a.contentType(), a.size(), apiBaseUrl + "/advance/" + token + "/attachments/" + a.id())).toList();
        return new NinjsCopy(ninjs.embargoed(release, pageUrl, listed));
    }

    /**
     * Withdraws one journalist's advance copy ({@code contactId}), or every copy (null): their link
     * then says the copy was withdrawn. The release stays as it is.
     *
     * @throws ReleaseNotFoundException when there is no such release
     * @throws ContactNotFoundException when there is no such contact
     */
    public void revoke(String releaseId, String contactId) {
        revoke(releaseId, contactId, null);
    }

    /** The same, noting who withdrew it in the release's access record. */
    public void revoke(String releaseId, String contactId, String who) {
        releases.find(releaseId).orElseThrow(() -> new ReleaseNotFoundException(releaseId));
        if (contactId != null) {
            contact(contactId);
        }
        Instant now = clock.instant();
        accessLog.revoke(releaseId, contactId, now);
        accessLog.record(releaseId, new AccessLog.Entry(now, who, "withdrew advance copies",
                contactId == null ? "every journalist's" : "contact " + contactId));
    }

    /**
     * Gives one more journalist the advance copy of a release under embargo: they are sent it now
     * (once, however often this is asked), as the trusted contacts were.
     *
     * @throws WorkflowException when the release is not under embargo, or their copy was withdrawn
     */
    public void addJournalist(String releaseId, String contactId, String who) {
        Release release = releases.find(releaseId).orElseThrow(() -> new ReleaseNotFoundException(releaseId));
        MediaContact contact = contact(contactId);
        Instant now = clock.instant();
        if (release.status() != ReleaseStatus.SCHEDULED || release.embargoUntil() == null
                || !release.embargoUntil().isAfter(now)) {
            throw new WorkflowException("Only a release under embargo has advance copies to send; this release is "
                    + release.status().name().toLowerCase(java.util.Locale.ROOT) + ".");
        }
        if (contact.status() != ContactStatus.ACTIVE) {
            throw new WorkflowException("This contact cannot be emailed: they are "
                    + contact.status().name().toLowerCase(java.util.Locale.ROOT) + ".");
        }
        if (accessLog.revoked(releaseId, contactId)) {
            throw new WorkflowException("This journalist's advance copy of the release was withdrawn.");
        }
        accessLog.grant(releaseId, contactId, now);
        accessLog.record(releaseId, new AccessLog.Entry(now, who, "added a journalist",
                "contact " + contactId + (contact.outlet() == null ? "" : ", " + contact.outlet())));
        mailQueue.enqueue(List.of(new MailJob(releaseId, contactId, DeliveryKind.EMBARGOED)));
    }

    /** Contact ids are ours (UUIDs): one that could never have been handed out is not looked up. */
    private MediaContact contact(String contactId) {
        if (contactId == null || !contactId.matches("[A-Za-z0-9-]{1,64}")) {
            throw new ContactNotFoundException(contactId == null ? "(none)"
                    : contactId.substring(0, Math.min(contactId.length(), 64)) + (contactId.length() > 64 ? "…" : ""));
        }
        return contacts.find(contactId).orElseThrow(() -> new ContactNotFoundException(contactId));
    }

    /** A user agent as a record keeps it: short, printable. */
    static String tidy(String userAgent) {
        if (userAgent == null) {
            return "";
        }
        String printable = userAgent.replaceAll("[^\\x20-\\x7E]", "?");
        return printable.length() > MAX_USER_AGENT ? printable.substring(0, MAX_USER_AGENT) : printable;
    }
}
