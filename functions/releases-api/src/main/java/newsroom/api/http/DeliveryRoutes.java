package newsroom.api.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
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
        router.guarded(ApiRoutes.LIST_DELIVERIES, this::report, Scope.EDITOR, Scope.PUBLISHER)
                .guarded(ApiRoutes.EXPORT_DELIVERIES, this::export, Scope.EDITOR, Scope.PUBLISHER);
    }

    /**
     * Every delivery of the release as CSV, to keep beyond the retention period (DynamoDB's TTL
     * deletes the records after it). Addresses only for a caller with scope newsroom/contacts.
     */
    private APIGatewayV2HTTPResponse export(ApiRequest request) {
        String id = request.path("id");
        boolean addresses = request.caller().has(Scope.CONTACTS);
        return CsvDownloads.of("deliveries-" + id + ".csv",
                List.of("kind", "contactId", "email", "status", "messageIds", "reason", "updatedAt"),
                out -> reports.forEach(id, d -> {
                    try {
                        out.printRecord(d.kind(), d.contactId(), addresses ? cell(d.email()) : "",
                                d.status(), String.join(" ", d.messageIds()), cell(d.reason()),
                                d.updatedAt() == null ? "" : d.updatedAt().toString());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }));
    }

    static String cell(String value) {
        return CsvDownloads.cell(value);
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
        // Who opened their advance copy, when, with what: part of the record of pre-release access.
        body.put("openings", report.openings().stream().map(o -> {
            Map<String, Object> opening = new LinkedHashMap<>();
            opening.put("contactId", o.contactId());
            opening.put("at", o.at());
            opening.put("userAgent", o.userAgent());
            return opening;
        }).toList());
        Function<Delivery, Delivery> view = request.caller().has(Scope.CONTACTS) ? Function.identity()
                : d -> new Delivery(d.releaseId(), d.contactId(), d.kind(), null, d.status(), d.messageId(),
                        d.messageIds(), d.reason(), d.updatedAt());
        return ApiResponses.json(200, Paging.body(body, report.page(), view));
    }
}
