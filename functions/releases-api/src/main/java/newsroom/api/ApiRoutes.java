package newsroom.api;

import java.util.List;
import java.util.Set;

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
    public static final String REMOVE_ATTACHMENT = "DELETE /releases/{id}/attachments/{attachmentId}";
    public static final String LIST_DELIVERIES = "GET /releases/{id}/deliveries";
    public static final String EXPORT_DELIVERIES = "GET /releases/{id}/deliveries/export";
    public static final String CREATE_CONTACT = "POST /contacts";
    public static final String LIST_CONTACTS = "GET /contacts";
    public static final String GET_CONTACT = "GET /contacts/{id}";
    public static final String UPDATE_CONTACT = "PUT /contacts/{id}";
    public static final String DELETE_CONTACT = "DELETE /contacts/{id}";
    public static final String IMPORT_CONTACTS = "POST /contacts/import";
    public static final String SUBSCRIBE = "POST /subscriptions";
    public static final String CONFIRM_PAGE = "GET /subscriptions/confirm";
    public static final String CONFIRM = "POST /subscriptions/confirm";
    public static final String UNSUBSCRIBE_PAGE = "GET /unsubscribe";
    public static final String UNSUBSCRIBE = "POST /unsubscribe";
    public static final String ADVANCE_COPY = "GET /advance/{token}";
    public static final String REVOKE_ADVANCE_COPIES = "POST /releases/{id}/advance-copies/revoke";
    public static final String ADD_ADVANCE_COPY = "POST /releases/{id}/advance-copies";
    public static final String ADVANCE_COPY_FILE = "GET /advance/{token}/attachments/{attachmentId}";
    public static final String ADVANCE_COPY_NINJS = "GET /advance/{token}/ninjs";
    public static final String GET_FLAGS = "GET /releases/{id}/flags";
    public static final String SET_FLAGS = "PUT /releases/{id}/flags";
    public static final String LIST_REVIEWS = "GET /reviews";
    public static final String REVIEW_RELEASE = "POST /releases/{id}/reviews";
    public static final String ACCESS_RECORD = "GET /releases/{id}/access-record";
    public static final String EXPORT_ACCESS_RECORD = "GET /releases/{id}/access-record/export";
    public static final String GET_SETTINGS = "GET /settings";
    public static final String UPDATE_SETTINGS = "PUT /settings";
    public static final String SETTINGS_REBUILD = "GET /settings/rebuild";
    public static final String CREATE_WEBHOOK = "POST /webhooks";
    public static final String LIST_WEBHOOKS = "GET /webhooks";
    public static final String GET_WEBHOOK = "GET /webhooks/{id}";
    public static final String UPDATE_WEBHOOK = "PUT /webhooks/{id}";
    public static final String DELETE_WEBHOOK = "DELETE /webhooks/{id}";
    public static final String ROTATE_WEBHOOK_SECRET = "POST /webhooks/{id}/rotate-secret";
    public static final String LIST_WEBHOOK_DELIVERIES = "GET /webhooks/{id}/deliveries";
    public static final String TEST_WEBHOOK = "POST /webhooks/{id}/test";
    public static final String REPLAY_WEBHOOK_DELIVERY = "POST /webhooks/{id}/deliveries/{deliveryId}/replay";

    /** Every request no other route matches: answered 404, or 405 with Allow for a known path. */
    public static final String DEFAULT = "$default";

    /** Every route key of the contract (the $default route aside). */
    public static final List<String> ALL = List.of(CREATE_RELEASE, LIST_RELEASES, GET_RELEASE, UPDATE_RELEASE,
            DELETE_RELEASE, PREVIEW_RELEASE, PUBLISH_RELEASE, WITHDRAW_RELEASE, LIST_VERSIONS, ADD_ATTACHMENT,
            REMOVE_ATTACHMENT, LIST_DELIVERIES, EXPORT_DELIVERIES, CREATE_CONTACT, LIST_CONTACTS, GET_CONTACT, UPDATE_CONTACT, DELETE_CONTACT,
            IMPORT_CONTACTS, SUBSCRIBE, CONFIRM_PAGE, CONFIRM, UNSUBSCRIBE_PAGE, UNSUBSCRIBE, ADVANCE_COPY,
            REVOKE_ADVANCE_COPIES, ADD_ADVANCE_COPY, ADVANCE_COPY_FILE, ADVANCE_COPY_NINJS, GET_FLAGS, SET_FLAGS,
            LIST_REVIEWS, REVIEW_RELEASE, ACCESS_RECORD, EXPORT_ACCESS_RECORD, CREATE_WEBHOOK, LIST_WEBHOOKS,
            GET_WEBHOOK, UPDATE_WEBHOOK, DELETE_WEBHOOK, ROTATE_WEBHOOK_SECRET, LIST_WEBHOOK_DELIVERIES, TEST_WEBHOOK,
            REPLAY_WEBHOOK_DELIVERY, GET_SETTINGS, UPDATE_SETTINGS, SETTINGS_REBUILD);

    /** The routes the public uses, with no token: subscribing, unsubscribing, a journalist's advance copy. */
    public static final Set<String> PUBLIC = Set.of(SUBSCRIBE, CONFIRM_PAGE, CONFIRM,
            UNSUBSCRIBE_PAGE, UNSUBSCRIBE, ADVANCE_COPY, ADVANCE_COPY_FILE, ADVANCE_COPY_NINJS);

    private ApiRoutes() {
    }
}
