package newsroom.api.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import newsroom.api.ApiRoutes;
import newsroom.domain.Scope;
import newsroom.domain.WebhookDelivery;
import newsroom.domain.WebhookEndpoint;
import newsroom.domain.WebhookEvent;
import newsroom.service.Webhooks;

/**
 * The press office's webhook endpoints (publisher scope): registered, read, changed, removed,
 * their secret rotated, their delivery log read, a test event sent, a delivery replayed. A
 * secret is shown once, when it is made; nothing reads it back.
 */
final class WebhookRoutes {
    private static final Pattern DELIVERY_ID = Pattern.compile("msg_[A-Za-z0-9_]{1,60}");

    private final Webhooks webhooks;

    WebhookRoutes(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    void register(Router router) {
        router.idempotent(ApiRoutes.CREATE_WEBHOOK, this::create, Scope.PUBLISHER)
                .guarded(ApiRoutes.LIST_WEBHOOKS, this::list, Scope.PUBLISHER)
                .guarded(ApiRoutes.GET_WEBHOOK, this::get, Scope.PUBLISHER)
                .guarded(ApiRoutes.UPDATE_WEBHOOK, this::update, Scope.PUBLISHER)
                .guarded(ApiRoutes.DELETE_WEBHOOK, this::delete, Scope.PUBLISHER)
                .idempotent(ApiRoutes.ROTATE_WEBHOOK_SECRET, this::rotate, Scope.PUBLISHER)
                .guarded(ApiRoutes.LIST_WEBHOOK_DELIVERIES, this::deliveries, Scope.PUBLISHER)
                .idempotent(ApiRoutes.TEST_WEBHOOK, this::test, Scope.PUBLISHER)
                .idempotent(ApiRoutes.REPLAY_WEBHOOK_DELIVERY, this::replay, Scope.PUBLISHER);
    }

    /** PUT and POST /webhooks. */
    record Body(String url, java.util.List<String> events, Boolean trusted, String description, Boolean enabled) {
        Webhooks.Registration registration() {
            return new Webhooks.Registration(url, events, trusted, description, enabled);
        }
    }

    static Map<String, Object> view(WebhookEndpoint e) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", e.id());
        view.put("url", e.url());
        view.put("events", e.events().stream().map(WebhookEvent::wireName).sorted().toList());
        view.put("trusted", e.trusted());
        view.put("description", e.description());
        view.put("enabled", e.enabled());
        view.put("disabledReason", e.disabledReason());
        view.put("failingSince", e.failingSince());
        view.put("previousSecretExpiresAt", e.previousSecretExpiresAt());
        view.put("createdAt", e.createdAt());
        view.put("updatedAt", e.updatedAt());
        view.put("version", e.version());
        return view;
    }

    static Map<String, Object> view(WebhookDelivery d) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", d.id());
        view.put("type", d.type());
        view.put("releaseId", d.releaseId());
        view.put("status", d.status().name().toLowerCase(java.util.Locale.ROOT));
        view.put("attempts", d.attempts());
        view.put("lastStatusCode", d.lastStatusCode());
        view.put("lastLatencyMillis", d.lastLatencyMillis());
        view.put("lastError", d.lastError());
        view.put("lastAttemptAt", d.lastAttemptAt());
        view.put("nextAttemptAt", d.status() == WebhookDelivery.Status.PENDING ? d.nextAttemptAt() : null);
        view.put("createdAt", d.createdAt());
        return view;
    }

    private static String etag(WebhookEndpoint e) {
        return "\"" + e.version() + "\"";
    }

    private APIGatewayV2HTTPResponse create(ApiRequest request) {
        Body body = request.body(Body.class);
        Webhooks.WithSecret made = webhooks.register(body.registration());
        Map<String, Object> answer = view(made.endpoint());
        answer.put("secret", made.secret());
        return ApiResponses.json(201, answer, Map.of("Location", "/webhooks/" + made.endpoint().id(),
                "ETag", etag(made.endpoint()), "Cache-Control", "no-store"));
    }

    private APIGatewayV2HTTPResponse list(ApiRequest request) {
        return ApiResponses.json(200, Map.of("items", webhooks.list().stream().map(WebhookRoutes::view).toList()));
    }

    private APIGatewayV2HTTPResponse get(ApiRequest request) {
        WebhookEndpoint endpoint = webhooks.get(request.path("id"));
        return ApiResponses.json(200, view(endpoint), Map.of("ETag", etag(endpoint)));
    }

    private APIGatewayV2HTTPResponse update(ApiRequest request) {
        String id = request.path("id");
        long version = request.ifMatch();
        Body body = request.body(Body.class);
        WebhookEndpoint changed = webhooks.update(id, version, body.registration());
        return ApiResponses.json(200, view(changed), Map.of("ETag", etag(changed)));
    }

    private APIGatewayV2HTTPResponse delete(ApiRequest request) {
        webhooks.delete(request.path("id"));
        return ApiResponses.noContent();
    }

    private APIGatewayV2HTTPResponse rotate(ApiRequest request) {
        Webhooks.WithSecret rotated = webhooks.rotateSecret(request.path("id"));
        Map<String, Object> answer = view(rotated.endpoint());
        answer.put("secret", rotated.secret());
        return ApiResponses.json(200, answer, Map.of("ETag", etag(rotated.endpoint()), "Cache-Control", "no-store"));
    }

    private APIGatewayV2HTTPResponse deliveries(ApiRequest request) {
        Paging.PageRequest page = Paging.read(request);
        return ApiResponses.json(200, Paging.body(webhooks.deliveries(request.path("id"), page.limit(), page.cursor()),
                WebhookRoutes::view));
    }

    private APIGatewayV2HTTPResponse test(ApiRequest request) {
        return ApiResponses.json(202, view(webhooks.sendTest(request.path("id"))));
    }

    private APIGatewayV2HTTPResponse replay(ApiRequest request) {
        String id = request.path("id");
        String deliveryId = request.pathToken("deliveryId");
        if (!DELIVERY_ID.matcher(deliveryId).matches()) {
            throw new ApiException(Problem.of(404, "not-found", "Not found", "This endpoint has no such delivery."));
        }
        return ApiResponses.json(202, view(webhooks.replay(id, deliveryId)));
    }
}
