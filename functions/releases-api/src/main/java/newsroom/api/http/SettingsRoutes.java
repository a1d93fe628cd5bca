package newsroom.api.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import newsroom.api.ApiRoutes;
import newsroom.domain.Scope;
import newsroom.domain.SiteSettings;
import newsroom.service.SiteSettingsService;
import newsroom.service.port.SettingsRepository;

/**
 * The site's settings (publisher scope): read with their ETag, replaced with If-Match; a change
 * rebuilds the site, whose progress GET /settings/rebuild shows.
 */
final class SettingsRoutes {
    private final SiteSettingsService settings;

    SettingsRoutes(SiteSettingsService settings) {
        this.settings = settings;
    }

    void register(Router router) {
        router.guarded(ApiRoutes.GET_SETTINGS, this::get, Scope.PUBLISHER)
                .guarded(ApiRoutes.UPDATE_SETTINGS, this::update, Scope.PUBLISHER)
                .guarded(ApiRoutes.SETTINGS_REBUILD, this::rebuild, Scope.PUBLISHER);
    }

    private static String etag(SiteSettings s) {
        return "\"" + s.version() + "\"";
    }

    private APIGatewayV2HTTPResponse get(ApiRequest request) {
        SiteSettings current = settings.current();
        return ApiResponses.json(200, current, Map.of("ETag", etag(current), "Cache-Control", "no-store"));
    }

    /** 200 with the settings as saved; the site is rebuilt with them (see GET /settings/rebuild). */
    private APIGatewayV2HTTPResponse update(ApiRequest request) {
        long version = request.ifMatch();
        SiteSettings draft = request.body(SiteSettings.class);
        SiteSettings saved = settings.update(version, draft, request.caller().subject());
        return ApiResponses.json(200, saved, Map.of("ETag", etag(saved)));
    }

    private APIGatewayV2HTTPResponse rebuild(ApiRequest request) {
        SiteSettings current = settings.current();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("settingsVersion", current.version());
        SettingsRepository.RebuildStatus status = settings.rebuildStatus().orElse(null);
        if (status == null) {
            body.put("state", current.version() == 0 ? "never" : "waiting");
        } else {
            // A rebuild of older settings than the saved ones means the new one has not started yet.
            body.put("state", status.settingsVersion() < current.version() ? "waiting" : status.state());
            body.put("rebuiltVersion", status.settingsVersion());
            body.put("startedAt", status.startedAt());
            body.put("finishedAt", status.finishedAt());
            body.put("objects", status.objects());
            body.put("message", status.message());
        }
        return ApiResponses.json(200, body, Map.of("Cache-Control", "no-store"));
    }
}
