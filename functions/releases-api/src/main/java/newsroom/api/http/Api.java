package newsroom.api.http;

import java.time.Clock;
import newsroom.domain.Categories;
import newsroom.render.SiteRenderer;
import newsroom.service.AccessRecords;
import newsroom.service.AdvanceCopies;
import newsroom.service.LegalReviews;
import newsroom.service.Webhooks;
import newsroom.service.SiteSettingsService;
import newsroom.service.ContactImport;
import newsroom.service.ContactService;
import newsroom.service.DeliveryReports;
import newsroom.service.ReleaseService;
import newsroom.service.SubscriptionService;
import newsroom.service.port.IdempotencyRepository;
import newsroom.service.port.UploadUrls;

/** Puts the HTTP layer together: one router holding every resource's routes. */
public final class Api {
    private Api() {
    }

    /** The use cases and settings the routes call on. */
    public record Services(ReleaseService releases, ContactService contacts, ContactImport contactImport,
                           SubscriptionService subscriptions, DeliveryReports deliveries, UploadUrls uploadUrls,
                           IdempotencyRepository idempotency, SiteRenderer renderer, Categories categories,
                           String siteBaseUrl, String siteName, AdvanceCopies advanceCopies,
                           LegalReviews legal, AccessRecords accessRecords, Webhooks webhooks,
                           SiteSettingsService settings) {
    }

    public static Router router(Services services, Clock clock) {
        Router router = new Router(new Idempotency(services.idempotency(), clock));
        new ReleaseRoutes(services.releases(), services.categories(), services.uploadUrls(), services.renderer(),
                services.siteBaseUrl(), services.legal(), services.settings()).register(router);
        new DeliveryRoutes(services.deliveries()).register(router);
        new ContactRoutes(services.contacts(), services.contactImport()).register(router);
        new SubscriptionRoutes(services.subscriptions(), services.siteName()).register(router);
        new AdvanceCopyRoutes(services.advanceCopies(), services.siteName(), services.settings(),
                services.renderer()).register(router);
        new LegalRoutes(services.legal(), services.accessRecords()).register(router);
        new WebhookRoutes(services.webhooks()).register(router);
        new SettingsRoutes(services.settings()).register(router);
        return router;
    }
}
