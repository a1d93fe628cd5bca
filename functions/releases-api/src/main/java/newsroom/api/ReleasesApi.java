package newsroom.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import newsroom.domain.ContactDraft;
import newsroom.domain.InvalidRequestException;
import newsroom.domain.MediaContact;
import newsroom.domain.Release;
import newsroom.domain.ReleaseDraft;
import newsroom.domain.Scope;
import newsroom.service.ContactService;
import newsroom.service.ReleaseService;
import newsroom.site.SitePaths;
import newsroom.store.EmailTakenException;

/** The API's routes: each checks the caller's scope, reads its request and calls the domain. */
public final class ReleasesApi {
    private final ReleaseService releases;
    private final ContactService contacts;
    private final SitePaths paths;
    private final String siteBaseUrl;

    public ReleasesApi(ReleaseService releases, ContactService contacts, SitePaths paths, String siteBaseUrl) {
        this.releases = releases;
        this.contacts = contacts;
        this.paths = paths;
        this.siteBaseUrl = siteBaseUrl.endsWith("/") ? siteBaseUrl.substring(0, siteBaseUrl.length() - 1) : siteBaseUrl;
    }

    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        Caller caller = Caller.from(event);
        String route = event.getRouteKey() == null ? "" : event.getRouteKey();
        try {
            return switch (route) {
                case ApiRoutes.CREATE_RELEASE -> createRelease(caller, event);
                case ApiRoutes.GET_RELEASE -> getRelease(caller, event);
                case ApiRoutes.CREATE_CONTACT -> createContact(caller, event);
                default -> throw new ApiException(Problem.of(404, "not-found", "Not found",
                        "There is no route " + route + "."));
            };
        } catch (InvalidRequestException e) {
            throw new ApiException(Problem.ofFields(400, "validation", "Invalid request",
                    e.errors().size() == 1 ? e.getMessage() : e.errors().size() + " fields are invalid.",
                    e.errors()));
        }
    }

    private APIGatewayV2HTTPResponse createRelease(Caller caller, APIGatewayV2HTTPEvent event) {
        caller.requireAny(Scope.EDITOR, Scope.PUBLISHER);
        ReleaseDraft draft = RequestBodies.read(event, ReleaseDraft.class);
        if (Boolean.TRUE.equals(draft.publish())) {
            caller.requireAny(Scope.PUBLISHER);
        }
        Release release = releases.create(draft, caller.subject());
        return ApiResponses.json(201, view(release), Map.of("Location", "/releases/" + release.id()));
    }

    private APIGatewayV2HTTPResponse getRelease(Caller caller, APIGatewayV2HTTPEvent event) {
        caller.requireAny(Scope.EDITOR, Scope.PUBLISHER);
        String id = pathParameter(event, "id");
        Release release = releases.find(id).orElseThrow(() -> new ApiException(Problem.of(404, "not-found",
                "Release not found", "There is no release with id " + id + ".")));
        return ApiResponses.json(200, view(release));
    }

    private APIGatewayV2HTTPResponse createContact(Caller caller, APIGatewayV2HTTPEvent event) {
        caller.requireAny(Scope.CONTACTS);
        ContactDraft draft = RequestBodies.read(event, ContactDraft.class);
        try {
            MediaContact contact = contacts.create(draft);
            return ApiResponses.json(201, ContactView.of(contact), Map.of("Location", "/contacts/" + contact.id()));
        } catch (EmailTakenException e) {
            throw new ApiException(new Problem(Problem.TYPE_PREFIX + "email-taken", "Email address already listed",
                    409, "A media contact with this email address already exists.",
                    java.util.List.of(new newsroom.domain.FieldError("email", "is already on the media list"))));
        }
    }

    private ReleaseView view(Release release) {
        String url = release.publishedAt() == null ? null : siteBaseUrl + paths.releaseUrlPath(release);
        return ReleaseView.of(release, url);
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
