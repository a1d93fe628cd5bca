package newsroom.api.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import newsroom.api.ApiRoutes;
import newsroom.domain.ContactDraft;
import newsroom.domain.MediaContact;
import newsroom.domain.Scope;
import newsroom.service.ContactImport;
import newsroom.service.ContactService;

/** The media list, for the press office admin (scope newsroom/contacts). */
final class ContactRoutes {
    /** A CSV part larger than this is refused before it is read: the import command sends 500 rows at a time. */
    static final int MAX_CSV_CHARS = 6 * 1024 * 1024;

    private final ContactService contacts;
    private final ContactImport importer;

    ContactRoutes(ContactService contacts, ContactImport importer) {
        this.contacts = contacts;
        this.importer = importer;
    }

    void register(Router router) {
        router.idempotent(ApiRoutes.CREATE_CONTACT, this::create, Scope.CONTACTS)
                .guarded(ApiRoutes.LIST_CONTACTS, this::list, Scope.CONTACTS)
                .guarded(ApiRoutes.GET_CONTACT, this::get, Scope.CONTACTS)
                .guarded(ApiRoutes.UPDATE_CONTACT, this::update, Scope.CONTACTS)
                .guarded(ApiRoutes.DELETE_CONTACT, this::delete, Scope.CONTACTS)
                .idempotent(ApiRoutes.IMPORT_CONTACTS, this::importCsv, Scope.CONTACTS);
    }

    private APIGatewayV2HTTPResponse create(ApiRequest request) {
        MediaContact contact = contacts.create(request.body(ContactDraft.class));
        return respond(201, contact, Map.of("Location", "/contacts/" + contact.id()));
    }

    private APIGatewayV2HTTPResponse list(ApiRequest request) {
        Paging.PageRequest page = Paging.read(request);
        return ApiResponses.json(200, Paging.body(contacts.list(page.limit(), page.cursor()), ContactView::of));
    }

    private APIGatewayV2HTTPResponse get(ApiRequest request) {
        return respond(200, contacts.get(request.path("id")), Map.of());
    }

    /** Like a release: the change is made against the version the caller read (its ETag). */
    private APIGatewayV2HTTPResponse update(ApiRequest request) {
        String id = request.path("id");
        long version = request.ifMatch();
        ContactDraft draft = request.body(ContactDraft.class);
        return respond(200, contacts.update(id, version, draft), Map.of());
    }

    private static APIGatewayV2HTTPResponse respond(int status, MediaContact contact, Map<String, String> headers) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("ETag", "\"" + contact.version() + "\"");
        return ApiResponses.json(status, ContactView.of(contact), all);
    }

    private APIGatewayV2HTTPResponse delete(ApiRequest request) {
        contacts.delete(request.path("id"));
        return ApiResponses.noContent();
    }

    /**
     * A CSV media list (text/csv). {@code rowOffset} (a query parameter: data rows sent in earlier
     * parts) numbers rows as in the whole file, for a file sent in parts.
     */
    private APIGatewayV2HTTPResponse importCsv(ApiRequest request) {
        String contentType = request.header("content-type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("text/csv")) {
            throw new ApiException(Problem.of(415, "unsupported-media-type", "Unsupported media type",
                    "Send the media list as text/csv."));
        }
        String body = request.event().getBody() == null ? "" : request.event().getBody();
        if (body.length() > MAX_CSV_CHARS) {
            throw new ApiException(Problem.of(413, "payload-too-large", "Request body too large",
                    "Send the media list in parts of at most 5 MB."));
        }
        String csv = request.event().getIsBase64Encoded() ? utf8(body) : body;
        long rowOffset = 0;
        if (request.query("rowOffset") != null) {
            try {
                rowOffset = Long.parseLong(request.query("rowOffset"));
            } catch (NumberFormatException e) {
                rowOffset = -1;
            }
            if (rowOffset < 0) {
                throw Problems.invalid("rowOffset", "must be a whole number, 0 or more");
            }
        }
        return ApiResponses.json(200, importer.importCsv(new StringReader(csv), rowOffset));
    }

    /** A base64 body as UTF-8 text; bytes that are not UTF-8 are refused, never replaced. */
    private static String utf8(String base64) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Base64.getDecoder().decode(base64))).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw Problems.invalid("file", "is not UTF-8 text; save the media list as CSV (UTF-8)");
        }
    }
}
