package newsroom.api.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import newsroom.api.ApiRoutes;
import newsroom.domain.Categories;
import newsroom.domain.FieldError;
import newsroom.domain.Release;
import newsroom.domain.ReleaseDraft;
import newsroom.domain.ReleaseEdit;
import newsroom.domain.ReleaseStatus;
import newsroom.domain.Scope;
import newsroom.render.SiteRenderer;
import newsroom.service.Actor;
import newsroom.service.LegalReviews;
import newsroom.service.ReleaseService;
import newsroom.service.port.UploadUrls;

/**
 * The press office's routes for releases. Responses carry the release's version as a strong
 * ETag; changes need it in If-Match.
 */
final class ReleaseRoutes {
    private static final Set<String> LIST_PARAMETERS = Set.of("status", "category", "limit", "cursor", "pendingChange");
    private static final int APPROVAL_QUEUE = 200;

    private final ReleaseService releases;
    private final Categories categories;
    private final UploadUrls uploadUrls;
    private final SiteRenderer renderer;
    private final String siteBaseUrl;
    /** The legal flags that may ask for confirmation before publishing (null: none do). */
    private final LegalReviews legal;
    /** The chrome a preview carries (null: the defaults). */
    private final newsroom.service.SiteSettingsService settings;

    ReleaseRoutes(ReleaseService releases, Categories categories, UploadUrls uploadUrls, SiteRenderer renderer,
                  String siteBaseUrl, LegalReviews legal, newsroom.service.SiteSettingsService settings) {
        this.legal = legal;
        this.settings = settings;
        this.releases = releases;
        this.categories = categories;
        this.uploadUrls = uploadUrls;
        this.renderer = renderer;
        this.siteBaseUrl = siteBaseUrl.endsWith("/") ? siteBaseUrl.substring(0, siteBaseUrl.length() - 1) : siteBaseUrl;
    }

    void register(Router router) {
        router.idempotent(ApiRoutes.CREATE_RELEASE, this::create, Scope.EDITOR, Scope.PUBLISHER)
                .guarded(ApiRoutes.LIST_RELEASES, this::list, Scope.EDITOR, Scope.PUBLISHER)
                .guarded(ApiRoutes.GET_RELEASE, this::get, Scope.EDITOR, Scope.PUBLISHER)
                .guarded(ApiRoutes.UPDATE_RELEASE, this::update, Scope.EDITOR, Scope.PUBLISHER)
                .guarded(ApiRoutes.DELETE_RELEASE, this::delete, Scope.EDITOR, Scope.PUBLISHER)
                .guarded(ApiRoutes.PREVIEW_RELEASE, this::preview, Scope.EDITOR, Scope.PUBLISHER)
                .idempotent(ApiRoutes.PUBLISH_RELEASE, this::publish, Scope.PUBLISHER)
                .idempotent(ApiRoutes.WITHDRAW_RELEASE, this::withdraw, Scope.PUBLISHER)
                .guarded(ApiRoutes.LIST_VERSIONS, this::versions, Scope.EDITOR, Scope.PUBLISHER)
                .idempotent(ApiRoutes.ADD_ATTACHMENT, this::addAttachment, Scope.EDITOR, Scope.PUBLISHER)
                .guarded(ApiRoutes.REMOVE_ATTACHMENT, this::removeAttachment, Scope.EDITOR, Scope.PUBLISHER);
    }

    private APIGatewayV2HTTPResponse create(ApiRequest request) {
        ReleaseDraft draft = request.body(ReleaseDraft.class);
        if (Boolean.TRUE.equals(draft.publish())) {
            request.caller().requireAny(Scope.PUBLISHER);
        }
        Release release = releases.create(draft, request.caller().subject());
        return respond(201, release, Map.of("Location", "/releases/" + release.id()));
    }

    private APIGatewayV2HTTPResponse list(ApiRequest request) {
        Map<String, String> query = request.query();
        List<FieldError> errors = new ArrayList<>();
        for (String name : query.keySet()) {
            if (!LIST_PARAMETERS.contains(name)) {
                errors.add(new FieldError(name, "is not a known query parameter (status, category, limit, cursor)"));
            }
        }
        ReleaseStatus status = null;
        if (query.get("status") != null) {
            try {
                status = ReleaseStatus.valueOf(query.get("status").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("status", "must be one of " + List.of(ReleaseStatus.values())));
            }
        }
        String category = null;
        if (query.get("category") != null) {
            category = categories.find(query.get("category")).orElse(null);
            if (category == null) {
                errors.add(new FieldError("category", "must be one of " + categories.names()));
            }
        }
        Paging.PageRequest page = Paging.read(request, errors);
        String pending = query.get("pendingChange");
        if (pending != null && !pending.equals("true")) {
            errors.add(new FieldError("pendingChange", "must be true (published releases whose change awaits approval)"));
        }
        if (pending != null && (status != null || category != null || query.get("cursor") != null)) {
            errors.add(new FieldError("pendingChange", "lists the whole approval queue: give it alone"));
        }
        if (!errors.isEmpty()) {
            throw Problems.invalid(errors);
        }
        if (pending != null) {
            // The approval queue of changes to published releases: short, oldest first, one page.
            List<ReleaseSummaryView> items = releases.withPendingChanges(APPROVAL_QUEUE).stream()
                    .map(w -> ReleaseSummaryView.of(w.release(), url(w.release()), w.change())).toList();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("items", items);
            body.put("nextCursor", null);
            return ApiResponses.json(200, body);
        }
        return ApiResponses.json(200, Paging.body(releases.list(status, category, page.limit(), page.cursor()),
                r -> ReleaseSummaryView.of(r, url(r))));
    }

    private APIGatewayV2HTTPResponse get(ApiRequest request) {
        Release release = releases.get(request.path("id"));
        return respond(200, release, Map.of());
    }

    private static Actor actor(ApiRequest request) {
        return new Actor(request.caller().subject(), request.caller().scopes());
    }

    /** 200 with the changed release; 202 when the change waits for a second person (the release unchanged). */
    private APIGatewayV2HTTPResponse update(ApiRequest request) {
        String id = request.path("id");
        long version = request.ifMatch();
        ReleaseEdit edit = request.body(ReleaseEdit.class);
        Release release = releases.edit(id, version, edit, actor(request));
        return respond(release.version() == version ? 202 : 200, release, Map.of());
    }

    private APIGatewayV2HTTPResponse delete(ApiRequest request) {
        releases.delete(request.path("id"), request.ifMatch());
        return ApiResponses.noContent();
    }

    private APIGatewayV2HTTPResponse preview(ApiRequest request) {
        Release release = releases.preview(request.path("id"), request.caller().subject());
        if (settings != null) {
            settings.follow(renderer, newsroom.render.SiteSearch.ENABLED);
        }
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                .withHeaders(Map.of("Content-Type", "text/html; charset=utf-8", "ETag", etag(release),
                        "Cache-Control", "no-store", "X-Robots-Tag", "noindex"))
                .withBody(renderer.previewPage(release)).build();
    }

    private APIGatewayV2HTTPResponse publish(ApiRequest request) {
        String id = request.path("id");
        long version = request.ifMatch();
        Requests.Publish body = request.optionalBody(Requests.Publish.class);
        if (body.pendingChange() == null && legal != null) {
            // Flags such as "court case active" ask the publisher to confirm they were checked.
            legal.confirmPublishing(id, body.confirm(), request.caller().subject());
        }
        if (body.pendingChange() != null) {
            return respond(200, releases.approveChange(id, version, body.pendingChange(), request.caller().subject()),
                    Map.of());
        }
        return respond(200, releases.publish(id, version, request.caller().subject()), Map.of());
    }

    private APIGatewayV2HTTPResponse withdraw(ApiRequest request) {
        String id = request.path("id");
        long version = request.ifMatch();
        Requests.Withdraw body = request.body(Requests.Withdraw.class);
        return respond(200, releases.withdraw(id, version, body.reason(), request.caller().subject()), Map.of());
    }

    private APIGatewayV2HTTPResponse versions(ApiRequest request) {
        var versions = releases.versions(request.path("id")).stream().map(v -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("version", v.version());
            item.put("savedAt", v.savedAt());
            item.put("release", ReleaseView.of(v.release(), url(v.release())));
            return item;
        }).toList();
        return ApiResponses.json(200, Map.of("items", versions));
    }

    private APIGatewayV2HTTPResponse addAttachment(ApiRequest request) {
        String id = request.path("id");
        Requests.NewAttachment body = request.body(Requests.NewAttachment.class);
        ReleaseService.DeclaredAttachment declared = releases.declareAttachment(id, body.fileName(),
                body.contentType(), body.size(), body.description(), body.changeNote(), body.changeType(),
                actor(request));
        URI upload = uploadUrls.forUpload(id, declared.attachment());
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("attachment", declared.attachment());
        response.put("upload", Map.of(
                "method", "PUT",
                "url", upload.toString(),
                "headers", Map.of("Content-Type", declared.attachment().contentType(),
                        "Content-Length", Long.toString(declared.attachment().size())),
                "expiresInSeconds", UploadUrls.LIFETIME.toSeconds()));
        response.put("releaseVersion", declared.release().version());
        // Proposed, not made, when a change to a published release waits for a second person.
        boolean waits = !declared.release().attachments().contains(declared.attachment());
        if (waits) {
            releases.pendingChange(declared.release()).ifPresent(p ->
                    response.put("pendingChange", ReleaseView.PendingChangeView.of(p)));
        }
        return ApiResponses.json(waits ? 202 : 201, response, Map.of("ETag", etag(declared.release())));
    }

    /** The file leaves the site (and the CDN) when the page is next written, moments later. */
    private APIGatewayV2HTTPResponse removeAttachment(ApiRequest request) {
        String id = request.path("id");
        String attachmentId = request.path("attachmentId");
        long version = request.ifMatch();
        Requests.RemovalNote note = request.optionalBody(Requests.RemovalNote.class);
        Release release = releases.removeAttachment(id, version, attachmentId, note.changeNote(),
                note.changeType(), actor(request));
        return respond(release.version() == version ? 202 : 200, release, Map.of());
    }

    private APIGatewayV2HTTPResponse respond(int status, Release release, Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(headers);
        all.put("ETag", etag(release));
        return ApiResponses.json(status, ReleaseView.of(release, url(release),
                releases.pendingChange(release).orElse(null)), all);
    }

    private String url(Release release) {
        return release.publishedAt() == null ? null : siteBaseUrl + renderer.paths().releaseUrlPath(release);
    }

    static String etag(Release release) {
        return "\"" + release.version() + "\"";
    }
}
