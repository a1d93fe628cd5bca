package newsroom.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import newsroom.domain.ContactDraft;
import newsroom.domain.ContactNotFoundException;
import newsroom.domain.ContactRules;
import newsroom.domain.ContactStatus;
import newsroom.domain.MediaContact;
import newsroom.log.JsonLog;
import newsroom.render.MailComposer;
import newsroom.service.ContactService;
import newsroom.service.SignedTokens;
import newsroom.service.port.ContactRepository;
import newsroom.service.port.Mailer;

/**
 * The public's own routes, with no token: subscribing with double opt-in (a signed, expiring link
 * by email; nothing else goes to the address until it is followed), and unsubscribing by a signed
 * link, in one click (RFC 8058) or from a page. Following a link by GET only shows a page with a
 * button, so that mail scanners fetching links change nothing.
 */
final class SubscriptionsApi {
    private static final JsonLog LOG = JsonLog.of(SubscriptionsApi.class);
    static final String DOUBLE_OPT_IN = "double opt-in (subscription form)";

    /** POST /subscriptions. */
    record Subscribe(String email, String name, List<String> topics) {
    }

    private final ContactService contacts;
    private final ContactRepository repository;
    private final SignedTokens tokens;
    private final Mailer mailer;
    private final MailComposer composer;
    private final String apiBaseUrl;
    private final String siteName;

    SubscriptionsApi(ContactService contacts, ContactRepository repository, SignedTokens tokens, Mailer mailer,
                     MailComposer composer, String apiBaseUrl, String siteName) {
        this.contacts = contacts;
        this.repository = repository;
        this.tokens = tokens;
        this.mailer = mailer;
        this.composer = composer;
        this.apiBaseUrl = apiBaseUrl.endsWith("/") ? apiBaseUrl.substring(0, apiBaseUrl.length() - 1) : apiBaseUrl;
        this.siteName = siteName;
    }

    /** Always the same answer, whether or not the address is known: the list is not disclosed. */
    APIGatewayV2HTTPResponse subscribe(APIGatewayV2HTTPEvent event) {
        Subscribe request = RequestBodies.read(event, Subscribe.class);
        ContactRules.Checked checked = contacts.rules().check(new ContactDraft(request.email(), request.name(), null,
                null, request.topics(), false, null, DOUBLE_OPT_IN));
        List<String> topics = List.copyOf(checked.topics());
        String link = apiBaseUrl + "/subscriptions/confirm?token="
                + tokens.confirmation(checked.email(), checked.name(), topics);
        mailer.send(composer.confirmationEmail(checked.email(), checked.name(), topics, link));
        LOG.info("subscription confirmation sent");
        return ApiResponses.json(202, Map.of("message",
                "Check your inbox: follow the link in the email we sent to confirm your subscription."));
    }

    APIGatewayV2HTTPResponse confirmPage(APIGatewayV2HTTPEvent event) {
        String token = query(event, "token");
        if (tokens.verifyConfirmation(token).isEmpty()) {
            return invalidLink();
        }
        return PublicPages.page(200, siteName, "Confirm your subscription",
                "Press the button to start getting " + siteName + " news releases by email.",
                "/subscriptions/confirm", token, "Confirm subscription");
    }

    APIGatewayV2HTTPResponse confirm(APIGatewayV2HTTPEvent event) {
        Optional<SignedTokens.Confirmation> confirmation = tokens.verifyConfirmation(query(event, "token"));
        if (confirmation.isEmpty()) {
            return invalidLink();
        }
        SignedTokens.Confirmation c = confirmation.get();
        ContactRules.Checked checked = contacts.rules().check(new ContactDraft(c.email(), c.name(), null, null,
                c.topics(), false, null, DOUBLE_OPT_IN));
        Optional<MediaContact> existing = repository.findByEmail(checked.email());
        if (existing.isEmpty()) {
            contacts.create(checked);
        } else {
            MediaContact current = existing.get();
            java.util.Set<String> topics = new java.util.LinkedHashSet<>(current.topics());
            topics.addAll(checked.topics());
            contacts.update(current, new ContactRules.Checked(current.email(), current.name(), current.outlet(),
                    current.role(), topics, current.embargoAccess(), ContactStatus.ACTIVE, DOUBLE_OPT_IN), true);
        }
        return PublicPages.page(200, siteName, "You are subscribed",
                "You will get " + siteName + " news releases by email. Every email has a link to unsubscribe.",
                null, null, null);
    }

    APIGatewayV2HTTPResponse unsubscribePage(APIGatewayV2HTTPEvent event) {
        String token = query(event, "token");
        if (tokens.verifyUnsubscribe(token).isEmpty()) {
            return invalidLink();
        }
        return PublicPages.page(200, siteName, "Unsubscribe",
                "Press the button to stop getting " + siteName + " news releases by email.",
                "/unsubscribe", token, "Unsubscribe");
    }

    /** One click (RFC 8058: a POST with List-Unsubscribe=One-Click) or the page's button. */
    APIGatewayV2HTTPResponse unsubscribe(APIGatewayV2HTTPEvent event) {
        Optional<String> contactId = tokens.verifyUnsubscribe(query(event, "token"));
        if (contactId.isEmpty()) {
            return invalidLink();
        }
        try {
            repository.setStatus(contactId.get(), ContactStatus.UNSUBSCRIBED);
        } catch (ContactNotFoundException gone) {
            // Deleted from the list already: the outcome the reader asked for.
        }
        return PublicPages.page(200, siteName, "You are unsubscribed",
                "You will get no more " + siteName + " news releases by email.", null, null, null);
    }

    private APIGatewayV2HTTPResponse invalidLink() {
        return PublicPages.page(400, siteName, "This link does not work",
                "The link is not valid, or it has expired. Links must be used exactly as they were sent.",
                null, null, null);
    }

    private static String query(APIGatewayV2HTTPEvent event, String name) {
        Map<String, String> query = event.getQueryStringParameters();
        return query == null ? null : query.get(name);
    }
}
