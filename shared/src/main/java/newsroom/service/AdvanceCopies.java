package newsroom.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import newsroom.domain.ContactNotFoundException;
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

    private final SignedTokens tokens;
    private final ReleaseRepository releases;
    private final ContactRepository contacts;
    private final AccessLog accessLog;
    private final SiteRenderer renderer;
    private final String siteBaseUrl;
    private final Clock clock;

    public AdvanceCopies(SignedTokens tokens, ReleaseRepository releases, ContactRepository contacts,
                         AccessLog accessLog, SiteRenderer renderer, String siteBaseUrl, Clock clock) {
        this.tokens = tokens;
        this.releases = releases;
        this.contacts = contacts;
        this.accessLog = accessLog;
        this.renderer = renderer;
        this.siteBaseUrl = siteBaseUrl.endsWith("/") ? siteBaseUrl.substring(0, siteBaseUrl.length() - 1) : siteBaseUrl;
        this.clock = clock;
    }

    public Outcome open(String token, String userAgent) {
        Optional<SignedTokens.AdvanceCopy> link = tokens.verifyAdvanceCopy(token);
        if (link.isEmpty()) {
            return new Unknown();
        }
        Optional<Release> found = releases.find(link.get().releaseId());
        if (found.isEmpty()) {
            return new Withdrawn();
        }
        Release release = found.get();
        Instant now = clock.instant();
        if (release.status() == ReleaseStatus.PUBLISHED && release.isPublicAt(now)) {
            return new IsPublic(siteBaseUrl + renderer.paths().releaseUrlPath(release));
        }
        Optional<MediaContact> contact = contacts.find(link.get().contactId());
        if (release.status() != ReleaseStatus.SCHEDULED || contact.isEmpty()
                || accessLog.revoked(release.id(), contact.get().id())) {
            return new Withdrawn();
        }
        accessLog.opened(release.id(), contact.get().id(), now, tidy(userAgent));
        String recipient = contact.get().name() == null || contact.get().name().isBlank()
                ? contact.get().email() : contact.get().name();
        if (contact.get().outlet() != null && !contact.get().outlet().isBlank()) {
            recipient += ", " + contact.get().outlet();
        }
        return new Copy(renderer.advanceCopyPage(release, recipient));
    }

    /**
     * Withdraws one journalist's advance copy ({@code contactId}), or every copy (null): their link
     * then says the copy was withdrawn. The release stays as it is.
     *
     * @throws ReleaseNotFoundException when there is no such release
     * @throws ContactNotFoundException when there is no such contact
     */
    public void revoke(String releaseId, String contactId) {
        releases.find(releaseId).orElseThrow(() -> new ReleaseNotFoundException(releaseId));
        if (contactId != null) {
            contacts.find(contactId).orElseThrow(() -> new ContactNotFoundException(contactId));
        }
        accessLog.revoke(releaseId, contactId, clock.instant());
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
