package newsroom.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import newsroom.domain.ContactDraft;
import newsroom.domain.ContactNotFoundException;
import newsroom.domain.EmailTakenException;
import newsroom.domain.FieldError;
import newsroom.domain.InvalidCursorException;
import newsroom.domain.MediaContact;
import newsroom.domain.Page;
import newsroom.service.ContactImport;
import newsroom.service.ContactService;

/** The media list, for the press office admin (scope newsroom/contacts). */
final class ContactsApi {
    private final ContactService contacts;
    private final ContactImport importer;

    ContactsApi(ContactService contacts, ContactImport importer) {
        this.contacts = contacts;
        this.importer = importer;
    }

    APIGatewayV2HTTPResponse create(APIGatewayV2HTTPEvent event) {
        ContactDraft draft = RequestBodies.read(event, ContactDraft.class);
        try {
            MediaContact contact = contacts.create(draft);
            return ApiResponses.json(201, ContactView.of(contact), Map.of("Location", "/contacts/" + contact.id()));
        } catch (EmailTakenException e) {
            throw emailTaken();
        }
    }

    APIGatewayV2HTTPResponse list(APIGatewayV2HTTPEvent event) {
        Map<String, String> query = event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters();
        int limit = ReleasesApi.DEFAULT_PAGE;
        if (query.get("limit") != null) {
            try {
                limit = Integer.parseInt(query.get("limit"));
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > ReleasesApi.MAX_PAGE) {
                throw invalid("limit", "must be a whole number from 1 to " + ReleasesApi.MAX_PAGE);
            }
        }
        Page<MediaContact> page;
        try {
            page = contacts.list(limit, query.get("cursor"));
        } catch (InvalidCursorException e) {
            throw invalid("cursor", "is not a cursor this list handed out");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page.items().stream().map(ContactView::of).toList());
        body.put("nextCursor", page.nextCursor());
        return ApiResponses.json(200, body);
    }

    APIGatewayV2HTTPResponse get(String id) {
        return ApiResponses.json(200, ContactView.of(found(() -> contacts.get(id))));
    }

    APIGatewayV2HTTPResponse update(String id, APIGatewayV2HTTPEvent event) {
        ContactDraft draft = RequestBodies.read(event, ContactDraft.class);
        try {
            return ApiResponses.json(200, ContactView.of(found(() -> contacts.update(id, draft))));
        } catch (EmailTakenException e) {
            throw emailTaken();
        }
    }

    APIGatewayV2HTTPResponse delete(String id) {
        found(() -> {
            contacts.delete(id);
            return null;
        });
        return APIGatewayV2HTTPResponse.builder().withStatusCode(204).withHeaders(Map.of()).build();
    }

    /**
     * A CSV media list (text/csv). {@code rowOffset} (a query parameter: data rows sent in earlier
     * parts) numbers rows as in the whole file, for a file sent in parts.
     */
    APIGatewayV2HTTPResponse importCsv(APIGatewayV2HTTPEvent event) {
        String contentType = RequestBodies.header(event.getHeaders(), "content-type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("text/csv")) {
            throw new ApiException(Problem.of(415, "unsupported-media-type", "Unsupported media type",
                    "Send the media list as text/csv."));
        }
        String body = event.getBody() == null ? "" : event.getBody();
        if (body.length() > 6 * 1024 * 1024) {
            throw new ApiException(Problem.of(413, "payload-too-large", "Request body too large",
                    "Send the media list in parts of at most 5 MB."));
        }
        String csv = event.getIsBase64Encoded()
                ? new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8) : body;
        long rowOffset = 0;
        Map<String, String> query = event.getQueryStringParameters();
        if (query != null && query.get("rowOffset") != null) {
            try {
                rowOffset = Long.parseLong(query.get("rowOffset"));
            } catch (NumberFormatException e) {
                rowOffset = -1;
            }
            if (rowOffset < 0) {
                throw invalid("rowOffset", "must be a whole number, 0 or more");
            }
        }
        return ApiResponses.json(200, importer.importCsv(new StringReader(csv), rowOffset));
    }

    private static <T> T found(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (ContactNotFoundException e) {
            throw new ApiException(Problem.of(404, "not-found", "Contact not found", e.getMessage()));
        }
    }

    private static ApiException invalid(String field, String message) {
        return new ApiException(Problem.ofFields(400, "validation", "Invalid request", field + ": " + message,
                List.of(new FieldError(field, message))));
    }

    private static ApiException emailTaken() {
        return new ApiException(Problem.ofFields(409, "email-taken", "Email address already listed",
                "A media contact with this email address already exists.",
                List.of(new FieldError("email", "is already on the media list"))));
    }
}
