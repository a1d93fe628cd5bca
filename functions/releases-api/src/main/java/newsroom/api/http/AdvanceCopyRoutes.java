package newsroom.api.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import newsroom.api.ApiRoutes;
import newsroom.domain.Scope;
import newsroom.service.AdvanceCopies;

/**
 * The link in a journalist's advance copy (no token: the link itself is the signed credential).
 * The copy is personal and embargoed: never stored by any cache, never indexed, never sent on as
 * a referrer.
 */
final class AdvanceCopyRoutes {
    private final AdvanceCopies copies;
    private final String siteName;

    private final newsroom.service.SiteSettingsService settings;
    private final newsroom.render.SiteRenderer renderer;

    AdvanceCopyRoutes(AdvanceCopies copies, String siteName, newsroom.service.SiteSettingsService settings,
                      newsroom.render.SiteRenderer renderer) {
        this.copies = copies;
        this.siteName = siteName;
        this.settings = settings;
        this.renderer = renderer;
    }

    void register(Router router) {
        router.open(ApiRoutes.ADVANCE_COPY, this::open)
                .open(ApiRoutes.ADVANCE_COPY_FILE, this::file)
                .open(ApiRoutes.ADVANCE_COPY_NINJS, this::ninjs)
                .idempotent(ApiRoutes.REVOKE_ADVANCE_COPIES, this::revoke, Scope.PUBLISHER)
                .idempotent(ApiRoutes.ADD_ADVANCE_COPY, this::add, Scope.PUBLISHER);
    }

    /** The press office sends the advance copy to one more journalist: 202, the email is on its way. */
    private APIGatewayV2HTTPResponse add(ApiRequest request) {
        String releaseId = request.path("id");
        Requests.AddJournalist body = request.body(Requests.AddJournalist.class);
        if (body.contactId() == null || body.contactId().isBlank()) {
            throw Problems.invalid("contactId", "is required: the media contact to send the advance copy to");
        }
        copies.addJournalist(releaseId, body.contactId(), request.caller().subject());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("releaseId", releaseId);
        answer.put("contactId", body.contactId());
        answer.put("sending", "advance copy");
        return ApiResponses.json(202, answer);
    }

    private static final Map<String, String> PRIVATE = Map.of("Cache-Control", "no-store, private",
            "X-Robots-Tag", "noindex, nofollow", "Referrer-Policy", "no-referrer");

    /** One file of the copy: a redirect to a download link that works for minutes. */
    private APIGatewayV2HTTPResponse file(ApiRequest request) {
        AdvanceCopies.Outcome outcome = copies.attachment(request.pathToken("token"), request.pathToken("attachmentId"),
                request.header("user-agent"));
        if (outcome instanceof AdvanceCopies.FileLink link) {
            Map<String, String> headers = new java.util.HashMap<>(PRIVATE);
            headers.put("Location", link.url().toString());
            return APIGatewayV2HTTPResponse.builder().withStatusCode(302).withHeaders(headers).build();
        }
        if (outcome instanceof AdvanceCopies.NoSuchFile) {
            return PublicPages.page(404, siteName, "File not found",
                    "This advance copy has no such file. It may have been removed from the release.", null, null, null);
        }
        return other(outcome);
    }

    /** The copy as IPTC ninjs: withheld until the embargo time. */
    private APIGatewayV2HTTPResponse ninjs(ApiRequest request) {
        AdvanceCopies.Outcome outcome = copies.ninjs(request.pathToken("token"), request.header("user-agent"));
        if (outcome instanceof AdvanceCopies.NinjsCopy copy) {
            Map<String, String> headers = new java.util.HashMap<>(PRIVATE);
            headers.put("Content-Type", "application/json; charset=utf-8");
            return APIGatewayV2HTTPResponse.builder().withStatusCode(200).withHeaders(headers)
                    .withBody(copy.json()).build();
        }
        return other(outcome);
    }

    /** The press office withdraws one journalist's advance copy, or every one, at once. */
    private APIGatewayV2HTTPResponse revoke(ApiRequest request) {
        String releaseId = request.path("id");
        Requests.Revoke body = request.optionalBody(Requests.Revoke.class);
        copies.revoke(releaseId, body.contactId(), request.caller().subject());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("releaseId", releaseId);
        answer.put("revoked", body.contactId() == null ? "all" : body.contactId());
        return ApiResponses.json(200, answer);
    }

    private APIGatewayV2HTTPResponse open(ApiRequest request) {
        if (settings != null) {
            settings.follow(renderer, newsroom.render.SiteSearch.ENABLED);
        }
        AdvanceCopies.Outcome outcome = copies.open(request.pathToken("token"), request.header("user-agent"));
        if (outcome instanceof AdvanceCopies.Copy copy) {
            return APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                    .withHeaders(Map.of("Content-Type", "text/html; charset=utf-8",
                            "Cache-Control", "no-store, private",
                            "X-Robots-Tag", "noindex, nofollow",
                            "Referrer-Policy", "no-referrer"))
                    .withBody(copy.html()).build();
        }
        return other(outcome);
    }

    /** The answers every part of the link shares: public now, withdrawn, or not ours. */
    private APIGatewayV2HTTPResponse other(AdvanceCopies.Outcome outcome) {
        if (outcome instanceof AdvanceCopies.IsPublic isPublic) {
            return APIGatewayV2HTTPResponse.builder().withStatusCode(302)
                    .withHeaders(Map.of("Location", isPublic.url(), "Cache-Control", "no-store"))
                    .build();
        }
        if (outcome instanceof AdvanceCopies.Withdrawn) {
            return PublicPages.page(410, siteName, "This advance copy is no longer available",
                    "The press office has withdrawn this release or your copy of it. Contact the press office"
                            + " if you need it.", null, null, null);
        }
        return PublicPages.page(404, siteName, "Link not recognised",
                "This advance-copy link is not valid. Check that you copied the whole link from the email.",
                null, null, null);
    }
}
