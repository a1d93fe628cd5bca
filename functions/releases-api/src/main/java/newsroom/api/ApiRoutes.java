package newsroom.api;

import java.util.List;

/**
 * The routes of the HTTP API, as template.yaml declares them; the local runtime serves these same
 * route keys, and a test checks the template against this list.
 */
public final class ApiRoutes {
    public static final String CREATE_RELEASE = "POST /releases";
    public static final String GET_RELEASE = "GET /releases/{id}";
    public static final String CREATE_CONTACT = "POST /contacts";

    /** Every route key the releases-api function serves. */
    public static final List<String> ALL = List.of(CREATE_RELEASE, GET_RELEASE, CREATE_CONTACT);

    private ApiRoutes() {
    }
}
