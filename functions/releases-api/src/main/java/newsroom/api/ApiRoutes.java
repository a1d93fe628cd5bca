package newsroom.api;

import java.util.List;

/**
 * The routes of the HTTP API, as template.yaml and openapi.yaml declare them; the local runtime
 * serves these same route keys, and tests check the template and the spec against this list.
 */
public final class ApiRoutes {
    public static final String CREATE_RELEASE = "POST /releases";
    public static final String LIST_RELEASES = "GET /releases";
    public static final String GET_RELEASE = "GET /releases/{id}";
    public static final String UPDATE_RELEASE = "PUT /releases/{id}";
    public static final String DELETE_RELEASE = "DELETE /releases/{id}";
    public static final String PREVIEW_RELEASE = "GET /releases/{id}/preview";
    public static final String PUBLISH_RELEASE = "POST /releases/{id}/publish";
    public static final String WITHDRAW_RELEASE = "POST /releases/{id}/withdraw";
    public static final String LIST_VERSIONS = "GET /releases/{id}/versions";
    public static final String ADD_ATTACHMENT = "POST /releases/{id}/attachments";
    public static final String CREATE_CONTACT = "POST /contacts";

    /** Every route key the releases-api function serves. */
    public static final List<String> ALL = List.of(CREATE_RELEASE, LIST_RELEASES, GET_RELEASE, UPDATE_RELEASE,
            DELETE_RELEASE, PREVIEW_RELEASE, PUBLISH_RELEASE, WITHDRAW_RELEASE, LIST_VERSIONS, ADD_ATTACHMENT,
            CREATE_CONTACT);

    private ApiRoutes() {
    }
}
