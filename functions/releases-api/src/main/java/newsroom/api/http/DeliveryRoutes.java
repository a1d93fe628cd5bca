package newsroom.api.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import newsroom.api.ApiRoutes;
import newsroom.domain.Delivery;
import newsroom.domain.Scope;
import newsroom.service.DeliveryReports;

/**
 * The delivery report of a release: counts by status, then each delivery, a page at a time.
 * Recipients' addresses are personal data: only a caller who also keeps the media list (scope
 * newsroom/contacts) sees them; editors and publishers see counts and statuses.
 */
final class DeliveryRoutes {
    private final DeliveryReports reports;

    DeliveryRoutes(DeliveryReports reports) {
        this.reports = reports;
    }

    void register(Router router) {
        router.guarded(ApiRoutes.LIST_DELIVERIES, this::report, Scope.EDITOR, Scope.PUBLISHER);
    }

    private APIGatewayV2HTTPResponse report(ApiRequest request) {
        String id = request.path("id");
        Paging.PageRequest page = Paging.read(request);
        DeliveryReports.Report report = reports.report(id, page.limit(), page.cursor());
        Map<String, Long> counts = new TreeMap<>();
        report.counts().forEach((status, count) -> counts.put(status.name(), count));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("releaseId", id);
        body.put("counts", counts);
        Function<Delivery, Delivery> view = request.caller().has(Scope.CONTACTS) ? Function.identity()
                : d -> new Delivery(d.releaseId(), d.contactId(), d.kind(), null, d.status(), d.messageId(),
                        d.messageIds(), d.reason(), d.updatedAt());
        return ApiResponses.json(200, Paging.body(body, report.page(), view));
    }
}
