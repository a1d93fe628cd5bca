package newsroom.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import newsroom.api.ApiRoutes;
import newsroom.domain.ContactRules;
import newsroom.domain.DeliveryKind;
import newsroom.domain.MailJob;
import newsroom.domain.ReleaseRules;
import newsroom.domain.ReleaseWorkflow;
import newsroom.fakes.FixedUploadUrls;
import newsroom.fakes.InMemoryConfirmationCooldown;
import newsroom.fakes.InMemoryContactRepository;
import newsroom.fakes.InMemoryDeliveryRepository;
import newsroom.fakes.InMemoryIdempotencyRepository;
import newsroom.fakes.InMemoryReleaseRepository;
import newsroom.fakes.RecordingMailer;
import newsroom.fakes.Samples;
import newsroom.fakes.TestClock;
import newsroom.json.Json;
import newsroom.render.MailComposer;
import newsroom.render.SiteAssets;
import newsroom.render.SiteRenderer;
import newsroom.domain.LegalFlags;
import newsroom.fakes.InMemoryAccessLog;
import newsroom.fakes.InMemoryLegalReviewRepository;
import newsroom.service.AccessRecords;
import newsroom.service.LegalReviews;
import newsroom.service.AdvanceCopies;
import newsroom.service.ContactImport;
import newsroom.service.ContactService;
import newsroom.service.DeliveryReports;
import newsroom.service.ReleaseService;
import newsroom.service.SignedTokens;
import newsroom.service.SubscriptionService;
import newsroom.service.port.IdempotencyRepository;
import org.junit.jupiter.api.Test;

/** The router over in-memory ports: routing, scopes, idempotency and the exception-to-problem table. Pure. */
class RouterTest {
    private static final ZoneId ZONE = ZoneId.of("Europe/London");
    private final TestClock clock = new TestClock(Instant.parse("2026-11-29T12:00:00Z"));
    private final InMemoryReleaseRepository releases = new InMemoryReleaseRepository(ZONE);
    private final InMemoryContactRepository contacts = new InMemoryContactRepository();
    private final RecordingMailer mailer = new RecordingMailer();
    private final InMemoryDeliveryRepository deliveries = new InMemoryDeliveryRepository();
    private final InMemoryIdempotencyRepository keys = new InMemoryIdempotencyRepository();
    private final Router router;

    RouterTest() {
        ContactService contactService = new ContactService(contacts, new ContactRules(Samples.CATEGORIES), clock);
        InMemoryAccessLog accessLog = new InMemoryAccessLog();
        ReleaseService releaseService = new ReleaseService(releases,
                new ReleaseWorkflow(new ReleaseRules(Samples.CATEGORIES), false), clock, accessLog);
        router = Api.router(new Api.Services(
                releaseService,
                contactService,
                new ContactImport(contacts, contactService),
                new SubscriptionService(contactService, contacts,
                        new SignedTokens("a-signing-key-of-at-least-32-characters", clock), mailer,
                        new MailComposer("Example Police", ZONE), "https://api.example",
                        new InMemoryConfirmationCooldown(), clock),
                new DeliveryReports(releases, deliveries),
                new FixedUploadUrls(),
                keys,
                new SiteRenderer(new SiteAssets(), "Example Police", "https://news.example", ZONE),
                Samples.CATEGORIES, "https://news.example", "Example Police",
                new AdvanceCopies(new SignedTokens("a-signing-key-of-at-least-32-characters", clock), releases,
                        contacts, accessLog,
                        new SiteRenderer(new SiteAssets(), "Example Police", "https://news.example", ZONE),
                        "https://news.example", clock),
                new LegalReviews(LegalFlags.defaults(), new InMemoryLegalReviewRepository(), releases, releaseService,
                        ZONE, clock),
                new AccessRecords(releases, deliveries, contacts, accessLog), null, null), clock);
    }

    private static APIGatewayV2HTTPEvent request(String route, String scope, Map<String, String> path,
                                                 Map<String, String> headers, String body) {
        Map<String, String> all = new HashMap<>(headers);
        if (body != null) {
            all.put("content-type", "application/json");
        }
        var context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withRouteKey(route).withRequestId("test");
        if (scope != null) {
            context.withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                    .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                            .withClaims(Map.of("sub", "jo@police.example", "scope", scope)).build())
                    .build());
        }
        return APIGatewayV2HTTPEvent.builder().withRouteKey(route).withPathParameters(path).withHeaders(all)
                .withBody(body).withRequestContext(context.build()).build();
    }

    private static JsonNode json(APIGatewayV2HTTPResponse response) {
        return Json.read(response.getBody(), JsonNode.class);
    }

    private static void assertProblem(APIGatewayV2HTTPResponse response, int status, String type) {
        assertEquals(status, response.getStatusCode(), response.getBody());
        assertEquals("application/problem+json", response.getHeaders().get("Content-Type"));
        assertEquals("/problems/" + type, json(response).path("type").asText());
    }

    private String createDraft() {
        APIGatewayV2HTTPResponse created = router.handle(request(ApiRoutes.CREATE_RELEASE, "newsroom/editor", null,
                Map.of(), Json.write(Samples.draft("Appeal after collision", "Appeals"))));
        assertEquals(201, created.getStatusCode(), created.getBody());
        assertEquals("\"1\"", created.getHeaders().get("ETag"));
        return json(created).path("id").asText();
    }

    @Test
    void everyRouteOfTheContractIsServed() {
        assertEquals(Set.copyOf(ApiRoutes.ALL), router.keys());
    }

    @Test
    void anUnknownRouteIsANotFoundProblem() {
        assertProblem(router.handle(request("GET /nothing", "newsroom/editor", null, Map.of(), null)), 404, "not-found");
    }

    @Test
    void aTokenWithoutTheRoutesScopeIsRefusedNamingTheScopeNeeded() {
        APIGatewayV2HTTPResponse response = router.handle(request(ApiRoutes.LIST_CONTACTS, "newsroom/editor", null,
                Map.of(), null));
        assertProblem(response, 403, "insufficient-scope");
        assertTrue(json(response).path("detail").asText().contains("newsroom/contacts"));
        assertProblem(router.handle(request(ApiRoutes.LIST_RELEASES, null, null, Map.of(), null)), 401,
                "unauthenticated");
    }

    @Test
    void domainRefusalsBecomeTheirProblems() {
        String id = createDraft();
        Map<String, String> path = Map.of("id", id);
        assertProblem(router.handle(request(ApiRoutes.GET_RELEASE, "newsroom/editor", Map.of("id", "missing"),
                Map.of(), null)), 404, "not-found");
        assertProblem(router.handle(request(ApiRoutes.PUBLISH_RELEASE, "newsroom/publisher", path, Map.of(), null)),
                428, "precondition-required");
        assertProblem(router.handle(request(ApiRoutes.PUBLISH_RELEASE, "newsroom/publisher", path,
                Map.of("if-match", "\"7\""), null)), 412, "precondition-failed");
        assertEquals(200, router.handle(request(ApiRoutes.PUBLISH_RELEASE, "newsroom/publisher", path,
                Map.of("if-match", "\"1\""), null)).getStatusCode());
        assertProblem(router.handle(request(ApiRoutes.DELETE_RELEASE, "newsroom/editor", path,
                Map.of("if-match", "\"2\""), null)), 409, "invalid-state");
        APIGatewayV2HTTPResponse invalid = router.handle(request(ApiRoutes.CREATE_RELEASE, "newsroom/editor", null,
                Map.of(), "{\"body\":\"No title\",\"category\":\"Gardening\"}"));
        assertProblem(invalid, 400, "validation");
        assertEquals(3, json(invalid).path("errors").size());
    }

    @Test
    void aCursorNoListHandedOutIsAValidationProblemOnEveryPagedRoute() {
        String id = createDraft();
        for (String route : new String[] {ApiRoutes.LIST_RELEASES, ApiRoutes.LIST_DELIVERIES, ApiRoutes.LIST_CONTACTS}) {
            APIGatewayV2HTTPEvent event = request(route, "newsroom/editor newsroom/contacts", Map.of("id", id),
                    Map.of(), null);
            event.setQueryStringParameters(Map.of("cursor", "not-a-cursor"));
            APIGatewayV2HTTPResponse response = router.handle(event);
            assertProblem(response, 400, "validation");
            assertEquals("cursor", json(response).path("errors").get(0).path("field").asText(), route);
        }
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyReplaysTheFirstAnswerAndCreatesNothingMore() {
        String body = Json.write(Samples.draft("Once only", "Appeals"));
        Map<String, String> key = Map.of("idempotency-key", "draft-once");
        APIGatewayV2HTTPResponse first = router.handle(request(ApiRoutes.CREATE_RELEASE, "newsroom/editor", null,
                key, body));
        APIGatewayV2HTTPResponse again = router.handle(request(ApiRoutes.CREATE_RELEASE, "newsroom/editor", null,
                key, body));
        assertEquals(201, again.getStatusCode());
        assertEquals("true", again.getHeaders().get("Idempotent-Replayed"));
        assertEquals(json(first).path("id"), json(again).path("id"));
        assertEquals(1, releases.list(null, null, 10, null).items().size());
    }

    @Test
    void thePublicRoutesNeedNoToken() {
        APIGatewayV2HTTPResponse response = router.handle(request(ApiRoutes.SUBSCRIBE, null, null, Map.of(),
                "{\"email\":\"reader@example.org\",\"name\":\"A Reader\",\"topics\":[\"Appeals\"]}"));
        assertEquals(202, response.getStatusCode(), response.getBody());
        assertEquals(1, mailer.sentTo("reader@example.org").size());
        assertProblem(router.handle(request(ApiRoutes.SUBSCRIBE, null, null, Map.of(),
                "{\"email\":\"nope\",\"name\":\"A Reader\",\"topics\":[\"Appeals\"]}")), 400, "validation");
        APIGatewayV2HTTPResponse badLink = router.handle(request(ApiRoutes.UNSUBSCRIBE_PAGE, null, null, Map.of(), null));
        assertEquals(400, badLink.getStatusCode());
        assertFalse(badLink.getBody().contains("Exception"));
    }

    @Test
    void theDefaultRouteTellsAWrongMethodFromAPathThatDoesNotExist() {
        APIGatewayV2HTTPEvent wrongMethod = request(ApiRoutes.DEFAULT, null, null, Map.of(), null);
        wrongMethod.setRawPath("/releases/abc/publish");
        APIGatewayV2HTTPResponse response = router.handle(wrongMethod);
        assertProblem(response, 405, "method-not-allowed");
        assertEquals("POST", response.getHeaders().get("Allow"));

        APIGatewayV2HTTPEvent nowhere = request(ApiRoutes.DEFAULT, null, null, Map.of(), null);
        nowhere.setRawPath("/wp-admin/setup.php");
        assertProblem(router.handle(nowhere), 404, "not-found");
    }

    @Test
    void anIdThatCouldNeverHaveBeenHandedOutIsNotLookedUp() {
        for (String id : new String[] {"x".repeat(3000), "../etc", "caf\u00e9", " "}) {
            assertProblem(router.handle(request(ApiRoutes.GET_RELEASE, "newsroom/editor", Map.of("id", id),
                    Map.of(), null)), 404, "not-found");
            assertProblem(router.handle(request(ApiRoutes.GET_CONTACT, "newsroom/contacts", Map.of("id", id),
                    Map.of(), null)), 404, "not-found");
        }
    }

    @Test
    void theDeliveryReportShowsAddressesOnlyToWhoeverKeepsTheMediaList() {
        String id = createDraft();
        MailJob job = new MailJob(id, "contact-1", DeliveryKind.PUBLISHED);
        deliveries.claim(job, "ann@paper.example", clock.instant(), Duration.ofMinutes(10));
        deliveries.recordSent(job, "ses-1", clock.instant());

        JsonNode forPublisher = json(router.handle(request(ApiRoutes.LIST_DELIVERIES, "newsroom/publisher",
                Map.of("id", id), Map.of(), null)));
        assertEquals(1, forPublisher.path("counts").path("SENT").asInt());
        assertEquals("SENT", forPublisher.path("items").get(0).path("status").asText());
        assertFalse(forPublisher.path("items").get(0).has("email"), forPublisher.toString());

        JsonNode forKeeper = json(router.handle(request(ApiRoutes.LIST_DELIVERIES,
                "newsroom/publisher newsroom/contacts", Map.of("id", id), Map.of(), null)));
        assertEquals("ann@paper.example", forKeeper.path("items").get(0).path("email").asText());
    }

    @Test
    void aKeyWhoseFirstRequestDiedCanBeRetriedOnceItsLeaseIsOver() {
        String body = Json.write(Samples.draft("After a crash", "Appeals"));
        Map<String, String> key = Map.of("idempotency-key", "crashed-once");
        // The first request (this same one) claimed the key, then its process died before it finished.
        keys.claim("jo@police.example|crashed-once",
                Idempotency.hash(request(ApiRoutes.CREATE_RELEASE, "newsroom/editor", null, key, body)), clock.instant());

        APIGatewayV2HTTPResponse busy = router.handle(request(ApiRoutes.CREATE_RELEASE, "newsroom/editor", null,
                key, body));
        assertProblem(busy, 409, "request-in-progress");
        assertEquals("2", busy.getHeaders().get("Retry-After"));

        clock.advance(IdempotencyRepository.IN_PROGRESS_LEASE.plusSeconds(1));
        assertEquals(201, router.handle(request(ApiRoutes.CREATE_RELEASE, "newsroom/editor", null, key, body))
                .getStatusCode(), "no day-long lock-out");
    }

    @Test
    void theSameKeyBasedOnAnotherVersionIsAnotherRequest() {
        String id = createDraft();
        Map<String, String> first = Map.of("idempotency-key", "publish-it", "if-match", "\"1\"");
        assertEquals(200, router.handle(request(ApiRoutes.PUBLISH_RELEASE, "newsroom/publisher", Map.of("id", id),
                first, null)).getStatusCode());
        Map<String, String> other = Map.of("idempotency-key", "publish-it", "if-match", "\"2\"");
        assertProblem(router.handle(request(ApiRoutes.PUBLISH_RELEASE, "newsroom/publisher", Map.of("id", id),
                other, null)), 422, "idempotency-key-reuse");
    }
}
