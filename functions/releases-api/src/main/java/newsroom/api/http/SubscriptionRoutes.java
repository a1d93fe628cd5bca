package newsroom.api.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import java.util.Map;
import newsroom.api.ApiRoutes;
import newsroom.domain.DigestFrequency;
import newsroom.service.SubscriptionService;

/**
 * The public's own routes, with no token: subscribing with double opt-in, and unsubscribing in
 * one click (RFC 8058) or from a page. Following a link by GET only shows a page with a button,
 * so that mail scanners fetching links change nothing.
 */
final class SubscriptionRoutes {

    /** POST /subscriptions. */
    record Subscribe(String email, String name, List<String> topics, String frequency) {
    }

    private final SubscriptionService subscriptions;
    private final String siteName;

    SubscriptionRoutes(SubscriptionService subscriptions, String siteName) {
        this.subscriptions = subscriptions;
        this.siteName = siteName;
    }

    void register(Router router) {
        router.open(ApiRoutes.SUBSCRIBE, this::subscribe)
                .open(ApiRoutes.CONFIRM_PAGE, this::confirmPage)
                .open(ApiRoutes.CONFIRM, this::confirm)
                .open(ApiRoutes.UNSUBSCRIBE_PAGE, this::unsubscribePage)
                .open(ApiRoutes.UNSUBSCRIBE, this::unsubscribe);
    }

    /** Always the same answer, whether or not the address is known: the list is not disclosed. */
    private APIGatewayV2HTTPResponse subscribe(ApiRequest request) {
        Subscribe body = request.body(Subscribe.class);
        subscriptions.subscribe(body.email(), body.name(), body.topics(), body.frequency());
        return ApiResponses.json(202, Map.of("message",
                "Check your inbox: follow the link in the email we sent to confirm your subscription."));
    }

    private APIGatewayV2HTTPResponse confirmPage(ApiRequest request) {
        String token = request.query("token");
        if (!subscriptions.isValidConfirmation(token)) {
            return invalidLink();
        }
        DigestFrequency asked = subscriptions.requestedFrequency(token).orElse(DigestFrequency.IMMEDIATE);
        return PublicPages.page(200, siteName, "Confirm your subscription",
                "Choose how often, then press the button to start getting " + siteName + " news releases by email.",
                "/subscriptions/confirm", token, "Confirm subscription", frequencyChoice(asked));
    }

    /** The three choices, as radio buttons a keyboard and a screen reader can use. */
    static String frequencyChoice(DigestFrequency checked) {
        StringBuilder html = new StringBuilder("<fieldset>\n<legend>How often do you want to hear from us?</legend>\n");
        String[][] choices = {{"immediate", "Each release as it is published"},
                {"daily", "One email a day (the day's releases, at 8.30am)"},
                {"weekly", "One email a week (the week's releases, on Saturdays)"}};
        for (String[] choice : choices) {
            html.append("<div class=\"choice\"><input type=\"radio\" name=\"frequency\" id=\"frequency-")
                    .append(choice[0]).append("\" value=\"").append(choice[0]).append('"')
                    .append(checked.wireName().equals(choice[0]) ? " checked" : "")
                    .append("> <label for=\"frequency-").append(choice[0]).append("\">").append(choice[1])
                    .append("</label></div>\n");
        }
        return html.append("</fieldset>\n").toString();
    }

    private APIGatewayV2HTTPResponse confirm(ApiRequest request) {
        String chosen = request.formField("frequency");
        DigestFrequency frequency = null;
        if (chosen != null) {
            frequency = DigestFrequency.parse(chosen).orElse(null);
            if (frequency == null) {
                return PublicPages.page(400, siteName, "Choose how often",
                        "Choose one of the three: each release, a daily email or a weekly email.", null, null, null);
            }
        }
        if (!subscriptions.confirm(request.query("token"), frequency)) {
            return invalidLink();
        }
        DigestFrequency now = frequency != null ? frequency
                : subscriptions.requestedFrequency(request.query("token")).orElse(DigestFrequency.IMMEDIATE);
        String how = switch (now) {
            case DAILY -> "one email a day with the day's";
            case WEEKLY -> "one email a week with the week's";
            case IMMEDIATE -> "each of";
        };
        return PublicPages.page(200, siteName, "You are subscribed",
                "You will get " + how + " " + siteName + " news releases by email. Every email has a link to"
                        + " unsubscribe.", null, null, null);
    }

    private APIGatewayV2HTTPResponse unsubscribePage(ApiRequest request) {
        String token = request.query("token");
        if (!subscriptions.isValidUnsubscribe(token)) {
            return invalidLink();
        }
        return PublicPages.page(200, siteName, "Unsubscribe",
                "Press the button to stop getting " + siteName + " news releases by email.",
                "/unsubscribe", token, "Unsubscribe");
    }

    /** One click (RFC 8058: a POST with List-Unsubscribe=One-Click) or the page's button. */
    private APIGatewayV2HTTPResponse unsubscribe(ApiRequest request) {
        if (!subscriptions.unsubscribe(request.query("token"))) {
            return invalidLink();
        }
        return PublicPages.page(200, siteName, "You are unsubscribed",
                "You will get no more " + siteName + " news releases by email.", null, null, null);
    }

    private APIGatewayV2HTTPResponse invalidLink() {
        return PublicPages.page(400, siteName, "This link does not work",
                "The link is not valid, or it has expired. Links must be used exactly as they were sent.",
                null, null, null);
    }
}
