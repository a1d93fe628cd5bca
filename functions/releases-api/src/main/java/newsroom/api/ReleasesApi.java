package newsroom.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import newsroom.domain.Attachment;
import newsroom.domain.Categories;
import newsroom.domain.FieldError;
import newsroom.domain.InvalidCursorException;
import newsroom.domain.InvalidRequestException;
import newsroom.domain.Page;
import newsroom.domain.Release;
import newsroom.domain.ReleaseDraft;
import newsroom.domain.ReleaseEdit;
import newsroom.domain.ReleaseNotFoundException;
import newsroom.domain.ReleaseStatus;
import newsroom.domain.Scope;
import newsroom.domain.TwoPersonRuleException;
import newsroom.domain.VersionConflictException;
import newsroom.domain.WorkflowException;
import newsroom.render.SiteRenderer;
import newsroom.service.ReleaseService;
import newsroom.service.port.DeliveryRepository;
import newsroom.service.port.UploadUrls;

/**
 * The API's routes: each checks the caller's scope, reads its request and calls the domain.
 * Release responses carry the release's version as a strong ETag; changes need it in If-Match.
 */
public final class ReleasesApi {
    static final int DEFAULT_PAGE = 20;
    static final int MAX_PAGE = 100;

    private final ReleaseService releases;
    private final Categories categories;
    private final UploadUrls uploadUrls;
    private final SiteRenderer renderer;
    private final Idempotency idempotency;
    private final ContactsApi contactsApi;
    private final SubscriptionsApi subscriptions;
    private final DeliveryRepository deliveries;
    private final String siteBaseUrl;

    ReleasesApi(ReleaseService releases, ContactsApi contactsApi, SubscriptionsApi subscriptions,
                DeliveryRepository deliveries, Categories categories, UploadUrls uploadUrls, SiteRenderer renderer,
                Idempotency idempotency, String siteBaseUrl) {
        this.releases = releases;
        this.contactsApi = contactsApi;
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.categories = categories;
        this.uploadUrls = uploadUrls;
        this.renderer = renderer;
        this.idempotency = idempotency;
        this.siteBaseUrl = siteBaseUrl.endsWith("/") ? siteBaseUrl.substring(0, siteBaseUrl.length() - 1) : siteBaseUrl;
    }

    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        String route = event.getRouteKey() == null ? "" : event.getRouteKey();
        try {
            if (ApiRoutes.PUBLIC.contains(route)) {
                return switch (route) {
                    case ApiRoutes.SUBSCRIBE -> subscriptions.subscribe(event);
                    case ApiRoutes.CONFIRM_PAGE -> subscriptions.confirmPage(event);
                    case ApiRoutes.CONFIRM -> subscriptions.confirm(event);
                    case ApiRoutes.UNSUBSCRIBE_PAGE -> subscriptions.unsubscribePage(event);
                    default -> subscriptions.unsubscribe(event);
                };
            }
            Caller caller = Caller.from(event);
            return switch (route) {
                case ApiRoutes.CREATE_RELEASE -> idempotency.run(event, caller, () -> createRelease(caller, event));
                case ApiRoutes.LIST_RELEASES -> listReleases(caller, event);
                case ApiRoutes.GET_RELEASE -> getRelease(caller, event);
                case ApiRoutes.UPDATE_RELEASE -> updateRelease(caller, event);
                case ApiRoutes.DELETE_RELEASE -> deleteRelease(caller, event);
                case ApiRoutes.PREVIEW_RELEASE -> previewRelease(caller, event);
                case ApiRoutes.PUBLISH_RELEASE -> idempotency.run(event, caller, () -> publishRelease(caller, event));
                case ApiRoutes.WITHDRAW_RELEASE -> idempotency.run(event, caller, () -> withdrawRelease(caller, event));
                case ApiRoutes.LIST_VERSIONS -> listVersions(caller, event);
                case ApiRoutes.ADD_ATTACHMENT -> idempotency.run(event, caller, () -> addAttachment(caller, event));
                case ApiRoutes.LIST_DELIVERIES -> listDeliveries(caller, event);
                case ApiRoutes.CREATE_CONTACT -> idempotency.run(event, caller, () -> {
                    caller.requireAny(Scope.CONTACTS);
                    return contactsApi.create(event);
                });
                case ApiRoutes.LIST_CONTACTS -> contacts(caller, () -> contactsApi.list(event));
                case ApiRoutes.GET_CONTACT -> contacts(caller, () -> contactsApi.get(pathParameter(event, "id")));
                case ApiRoutes.UPDATE_CONTACT -> contacts(caller, () -> contactsApi.update(pathParameter(event, "id"), event));
                case ApiRoutes.DELETE_CONTACT -> contacts(caller, () -> contactsApi.delete(pathParameter(event, "id")));
                case ApiRoutes.IMPORT_CONTACTS -> idempotency.run(event, caller,
                        () -> contacts(caller, () -> contactsApi.importCsv(event)));
                default -> throw new ApiException(Problem.of(404, "not-found", "Not found",
                        "There is no route " + route + "."));
            };
        } catch (InvalidRequestException e) {
            throw invalid(e.errors());
        } catch (ReleaseNotFoundException e) {
            throw new ApiException(Problem.of(404, "not-found", "Release not found", e.getMessage()));
        } catch (VersionConflictException e) {
            throw new ApiException(Problem.of(412, "precondition-failed", "Release has changed",
                    "The release changed since you read it: fetch it again (for its new ETag), reapply your"
                            + " change and send it with the new If-Match."));
        } catch (WorkflowException e) {
            throw new ApiException(Problem.of(409, "invalid-state", "Not allowed in this state", e.getMessage()));
        } catch (TwoPersonRuleException e) {
            throw new ApiException(Problem.of(403, "two-person-rule", "Publisher must not be the author",
                    e.getMessage()));
        }
    }

    private static ApiException invalid(List<FieldError> errors) {
        return new ApiException(Problem.ofFields(400, "validation", "Invalid request",
                errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                        : errors.size() + " fields are invalid.",
                errors));
    }

    // ------------------------------------------------------------------ releases

    private APIGatewayV2HTTPResponse createRelease(Caller caller, APIGatewayV2HTTPEvent event) {
        caller.requireAny(Scope.EDITOR, Scope.PUBLISHER);
        ReleaseDraft draft = RequestBodies.read(event, ReleaseDraft.class);
        if (Boolean.TRUE.equals(draft.publish())) {
            caller.requireAny(Scope.PUBLISHER);
        }
        Release release = releases.create(draft, caller.subject());
        return releaseResponse(201, release, Map.of("Location", "/releases/" + release.id()));
    }

    private APIGatewayV2HTTPResponse listReleases(Caller caller, APIGatewayV2HTTPEvent event) {
        caller.requireAny(Scope.EDITOR, Scope.PUBLISHER);
        Map<String, String> query = event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters();
        List<FieldError> errors = new java.util.ArrayList<>();
        for (String name : query.keySet()) {
            if (!List.of("status", "category", "limit", "cursor").contains(name)) {
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
        int limit = DEFAULT_PAGE;
        if (query.get("limit") != null) {
            try {
                limit = Integer.parseInt(query.get("limit"));
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_PAGE) {
                errors.add(new FieldError("limit", "must be a whole number from 1 to " + MAX_PAGE));
            }
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        Page<Release> page;
        try {
            page = releases.list(status, category, limit, query.get("cursor"));
        } catch (InvalidCursorException e) {
            throw invalid(List.of(new FieldError("cursor", "is not a cursor this list handed out")));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page.items().stream().map(r -> ReleaseSummaryView.of(r, url(r))).toList());
        body.put("nextCursor", page.nextCursor());
        return ApiResponses.json(200, body);
    }

    private APIGatewayV2HTTPResponse getRelease(Caller caller, APIGatewayV2HTTPEvent event) {
        caller.requireAny(Scope.EDITOR, Scope.PUBLISHER);
        return releaseResponse(200, releases.get(pathParameter(event, "id")), Map.of());
    }

    private APIGatewayV2HTTPResponse updateRelease(Caller caller, APIGatewayV2HTTPEvent event) {
        caller.requireAny(Scope.EDITOR, Scope.PUBLISHER);
        String id = pathParameter(event, "id");
        long version = ifMatch(event);
        ReleaseEdit edit = RequestBodies.read(event, ReleaseEdit.class);
        if (releases.get(id).status() != ReleaseStatus.DRAFT) {
            caller.requireAny(Scope.PUBLISHER);
        }
        return releaseResponse(200, releases.edit(id, version, edit), Map.of());
    }

    private APIGatewayV2HTTPResponse deleteRelease(Caller caller, APIGatewayV2HTTPEvent event) {
        caller.requireAny(Scope.EDITOR, Scope.PUBLISHER);
        releases.delete(pathParameter(event, "id"), ifMatch(event));
        return APIGatewayV2HTTPResponse.builder().withStatusCode(204).withHeaders(Map.of()).build();
    }

    private APIGatewayV2HTTPResponse previewRelease(Caller caller, APIGatewayV2HTTPEvent event) {
        caller.requireAny(Scope.EDITOR, Scope.PUBLISHER);
        Release release = releases.get(pathParameter(event, "id"));
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                .withHeaders(Map.of("Content-Type", "text/html; charset=utf-8", "ETag", etag(release),
                        "Cache-Control", "no-store", "X-Robots-Tag", "noindex"))
                .withBody(renderer.previewPage(release)).build();
    }

    private APIGatewayV2HTTPResponse publishRelease(Caller caller, APIGatewayV2HTTPEvent event) {
        caller.requireAny(Scope.PUBLISHER);
        String id = pathParameter(event, "id");
        long version = ifMatch(event);
        RequestBodies.readOptional(event, Requests.Publish.class);
        return releaseResponse(200, releases.publish(id, version, caller.subject()), Map.of());
    }

    private APIGatewayV2HTTPResponse withdrawRelease(Caller caller, APIGatewayV2HTTPEvent event) {
        caller.requireAny(Scope.PUBLISHER);
        String id = pathParameter(event, "id");
        long version = ifMatch(event);
        Requests.Withdraw request = RequestBodies.read(event, Requests.Withdraw.class);
        return releaseResponse(200, releases.withdraw(id, version, request.reason()), Map.of());
    }

    private APIGatewayV2HTTPResponse listVersions(Caller caller, APIGatewayV2HTTPEvent event) {
        caller.requireAny(Scope.EDITOR, Scope.PUBLISHER);
        var versions = releases.versions(pathParameter(event, "id")).stream().map(v -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("version", v.version());
            item.put("savedAt", v.savedAt());
            item.put("release", ReleaseView.of(v.release(), url(v.release())));
            return item;
        }).toList();
        return ApiResponses.json(200, Map.of("items", versions));
    }

    private APIGatewayV2HTTPResponse addAttachment(Caller caller, APIGatewayV2HTTPEvent event) {
        caller.requireAny(Scope.EDITOR, Scope.PUBLISHER);
        String id = pathParameter(event, "id");
        Requests.NewAttachment request = RequestBodies.read(event, Requests.NewAttachment.class);
        if (request.size() == null) {
            throw invalid(List.of(new FieldError("size", "is required: the file's size in bytes")));
        }
        Attachment attachment = new Attachment(UUID.randomUUID().toString(),
                request.fileName() == null ? null : request.fileName().strip(),
                request.contentType() == null ? null : request.contentType().strip().toLowerCase(Locale.ROOT),
                request.size(), request.description());
        Release release = releases.addAttachment(id, attachment);
        URI upload = uploadUrls.forUpload(id, attachment);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("attachment", attachment);
        body.put("upload", Map.of(
                "method", "PUT",
                "url", upload.toString(),
                "headers", Map.of("Content-Type", attachment.contentType(),
                        "Content-Length", Long.toString(attachment.size())),
                "expiresInSeconds", UploadUrls.LIFETIME.toSeconds()));
        body.put("releaseVersion", release.version());
        return ApiResponses.json(201, body, Map.of("ETag", etag(release)));
    }

    // ------------------------------------------------------------------ contacts and deliveries

    private static APIGatewayV2HTTPResponse contacts(Caller caller,
                                                    java.util.function.Supplier<APIGatewayV2HTTPResponse> work) {
        caller.requireAny(Scope.CONTACTS);
        return work.get();
    }

    /** Counts by status, and who got what, a page at a time (by email address). */
    private APIGatewayV2HTTPResponse listDeliveries(Caller caller, APIGatewayV2HTTPEvent event) {
        caller.requireAny(Scope.EDITOR, Scope.PUBLISHER);
        String id = pathParameter(event, "id");
        releases.get(id);
        Map<String, String> query = event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters();
        int limit = DEFAULT_PAGE;
        int offset = 0;
        try {
            if (query.get("limit") != null) {
                limit = Integer.parseInt(query.get("limit"));
            }
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > MAX_PAGE) {
            throw invalid(List.of(new FieldError("limit", "must be a whole number from 1 to " + MAX_PAGE)));
        }
        if (query.get("cursor") != null) {
            try {
                offset = Integer.parseInt(new String(java.util.Base64.getUrlDecoder().decode(query.get("cursor")),
                        java.nio.charset.StandardCharsets.UTF_8).replace("offset:", ""));
            } catch (IllegalArgumentException e) {
                offset = -1;
            }
            if (offset < 0) {
                throw invalid(List.of(new FieldError("cursor", "is not a cursor this list handed out")));
            }
        }
        List<newsroom.domain.Delivery> all = deliveries.forRelease(id).stream()
                .sorted(java.util.Comparator.comparing(newsroom.domain.Delivery::email)
                        .thenComparing(newsroom.domain.Delivery::kind))
                .toList();
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (newsroom.domain.DeliveryStatus status : newsroom.domain.DeliveryStatus.values()) {
            counts.put(status.name(), all.stream().filter(d -> d.status() == status).count());
        }
        int end = Math.min(all.size(), offset + limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("releaseId", id);
        body.put("counts", counts);
        body.put("items", offset >= all.size() ? List.of() : all.subList(offset, end));
        body.put("nextCursor", end < all.size() ? java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("offset:" + end).getBytes(java.nio.charset.StandardCharsets.UTF_8)) : null);
        return ApiResponses.json(200, body);
    }

    // ------------------------------------------------------------------ helpers

    private APIGatewayV2HTTPResponse releaseResponse(int status, Release release, Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(headers);
        all.put("ETag", etag(release));
        return ApiResponses.json(status, ReleaseView.of(release, url(release)), all);
    }

    private String url(Release release) {
        return release.publishedAt() == null ? null : siteBaseUrl + renderer.paths().releaseUrlPath(release);
    }

    static String etag(Release release) {
        return "\"" + release.version() + "\"";
    }

    /** The version the caller based its change on; a change without one could silently undo another. */
    private static long ifMatch(APIGatewayV2HTTPEvent event) {
        String value = RequestBodies.header(event.getHeaders(), "if-match");
        if (value == null || value.isBlank()) {
            throw new ApiException(Problem.of(428, "precondition-required", "If-Match required",
                    "Send the release's current ETag in an If-Match header, so that a change made meanwhile"
                            + " by someone else is not overwritten."));
        }
        String tag = value.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            throw new ApiException(Problem.of(412, "precondition-failed", "Release has changed",
                    "If-Match " + value + " does not match the release's ETag."));
        }
    }

    private static String pathParameter(APIGatewayV2HTTPEvent event, String name) {
        Map<String, String> parameters = event.getPathParameters();
        String value = parameters == null ? null : parameters.get(name);
        if (value == null || value.isBlank()) {
            throw new ApiException(Problem.of(404, "not-found", "Not found", "No " + name + " in the path."));
        }
        return value;
    }

}
