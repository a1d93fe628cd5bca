package newsroom.api.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import newsroom.api.ApiRoutes;
import newsroom.domain.FieldError;
import newsroom.domain.LegalFlag;
import newsroom.domain.ReleaseFlag;
import newsroom.domain.Scope;
import newsroom.service.AccessRecords;
import newsroom.service.Actor;
import newsroom.service.LegalReviews;

/**
 * Legal care of a release: its flags and their review dates, the reviews due, a review's
 * decision, and the pre-release access record (read-only: there is no route that changes it).
 */
final class LegalRoutes {
    private static final int REVIEWS_LISTED = 200;

    private final LegalReviews legal;
    private final AccessRecords records;

    LegalRoutes(LegalReviews legal, AccessRecords records) {
        this.legal = legal;
        this.records = records;
    }

    void register(Router router) {
        router.guarded(ApiRoutes.GET_FLAGS, this::flags, Scope.EDITOR, Scope.PUBLISHER)
                .guarded(ApiRoutes.SET_FLAGS, this::setFlags, Scope.EDITOR, Scope.PUBLISHER)
                .guarded(ApiRoutes.LIST_REVIEWS, this::due, Scope.EDITOR, Scope.PUBLISHER)
                .idempotent(ApiRoutes.REVIEW_RELEASE, this::review, Scope.PUBLISHER)
                .guarded(ApiRoutes.ACCESS_RECORD, this::record, Scope.PUBLISHER)
                .guarded(ApiRoutes.EXPORT_ACCESS_RECORD, this::export, Scope.PUBLISHER);
    }

    private static Map<String, Object> view(ReleaseFlag flag) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("flag", flag.flag());
        view.put("label", flag.label());
        view.put("reviewOn", flag.reviewOn().toString());
        view.put("setBy", flag.setBy());
        view.put("setAt", flag.setAt());
        return view;
    }

    private Map<String, Object> flagsBody(String releaseId, List<ReleaseFlag> flags) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("releaseId", releaseId);
        body.put("flags", flags.stream().map(LegalRoutes::view).toList());
        List<Map<String, Object>> available = new ArrayList<>();
        for (LegalFlag flag : legal.configured().all()) {
            Map<String, Object> option = new LinkedHashMap<>();
            option.put("flag", flag.key());
            option.put("label", flag.label());
            option.put("reviewAfterDays", flag.reviewAfter().getDays());
            option.put("confirmBeforePublishing", flag.confirmBeforePublishing());
            available.add(option);
        }
        body.put("available", available);
        return body;
    }

    private APIGatewayV2HTTPResponse flags(ApiRequest request) {
        String id = request.path("id");
        return ApiResponses.json(200, flagsBody(id, legal.flagsOf(id)));
    }

    private APIGatewayV2HTTPResponse setFlags(ApiRequest request) {
        String id = request.path("id");
        Requests.Flags body = request.body(Requests.Flags.class);
        if (body.flags() == null) {
            throw Problems.invalid("flags", "is required: the release's flags (an empty list removes them all)");
        }
        List<LegalReviews.FlagRequest> asked = body.flags().stream()
                .map(f -> f == null ? null : new LegalReviews.FlagRequest(f.flag(), f.reviewOn())).toList();
        return ApiResponses.json(200, flagsBody(id, legal.setFlags(id, asked, request.caller().subject())));
    }

    private APIGatewayV2HTTPResponse due(ApiRequest request) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (LegalReviews.DueReview review : legal.due(REVIEWS_LISTED)) {
            Map<String, Object> item = view(review.flag());
            item.put("releaseId", review.release().id());
            item.put("title", review.release().title());
            item.put("author", review.release().author());
            item.put("publishedAt", review.release().publishedAt());
            item.put("version", review.release().version());
            items.add(item);
        }
        return ApiResponses.json(200, Map.of("items", items));
    }

    private APIGatewayV2HTTPResponse review(ApiRequest request) {
        String id = request.path("id");
        Requests.Review body = request.body(Requests.Review.class);
        LegalReviews.Decision decision = null;
        if (body.decision() != null) {
            try {
                decision = LegalReviews.Decision.valueOf(body.decision().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw Problems.invalid(List.of(new FieldError("decision", "must be keep, redact or withdraw")));
            }
        }
        Long version = decision == LegalReviews.Decision.KEEP || decision == null ? null : request.ifMatch();
        LegalReviews.Reviewed reviewed = legal.review(id, new LegalReviews.ReviewRequest(body.flag(), decision,
                body.reviewOn(), body.note(), body.reason(), body.release(), version),
                new Actor(request.caller().subject(), request.caller().scopes()));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("releaseId", id);
        answer.put("decision", decision.name().toLowerCase(Locale.ROOT));
        answer.put("releaseVersion", reviewed.release().version());
        answer.put("status", reviewed.release().status().name().toLowerCase(Locale.ROOT));
        answer.put("flags", reviewed.flags().stream().map(LegalRoutes::view).toList());
        return ApiResponses.json(200, answer, Map.of("ETag", ReleaseRoutes.etag(reviewed.release())));
    }

    private APIGatewayV2HTTPResponse record(ApiRequest request) {
        String id = request.path("id");
        AccessRecords.AccessRecord record = records.of(id, request.caller().has(Scope.CONTACTS));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("releaseId", id);
        body.put("title", record.release().title());
        body.put("status", record.release().status().name().toLowerCase(Locale.ROOT));
        body.put("publishedAt", record.release().status().isPublic() ? record.release().publishedAt() : null);
        body.put("entries", record.lines().stream().map(line -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("at", line.at());
            entry.put("who", line.who());
            entry.put("party", line.party());
            entry.put("action", line.action());
            entry.put("detail", line.detail());
            entry.put("beforePublication", line.beforePublication());
            return entry;
        }).toList());
        return ApiResponses.json(200, body, Map.of("Cache-Control", "no-store"));
    }

    private APIGatewayV2HTTPResponse export(ApiRequest request) {
        String id = request.path("id");
        AccessRecords.AccessRecord record = records.of(id, request.caller().has(Scope.CONTACTS));
        return CsvDownloads.of("access-record-" + id + ".csv",
                List.of("at", "who", "party", "action", "detail", "beforePublication"), out -> {
                    for (AccessRecords.Line line : record.lines()) {
                        out.printRecord(line.at().toString(), CsvDownloads.cell(line.who()), line.party(),
                                CsvDownloads.cell(line.action()), CsvDownloads.cell(line.detail()),
                                line.beforePublication());
                    }
                });
    }
}
