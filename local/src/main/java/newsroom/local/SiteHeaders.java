package newsroom.local;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicySecurityHeadersConfig;

/**
 * The security headers CloudFront adds to every response of the site, read from the deployed
 * distribution's response headers policy, so that the local site answers as the hardened origin
 * does in AWS and tests see the same headers. There is no second list of them.
 */
final class SiteHeaders {
    private SiteHeaders() {
    }

    static Map<String, String> of(CloudFrontClient cloudFront, String distributionId) {
        String policyId = cloudFront.getDistributionConfig(g -> g.id(distributionId)).distributionConfig()
                .defaultCacheBehavior().responseHeadersPolicyId();
        Map<String, String> headers = new LinkedHashMap<>();
        if (policyId == null || policyId.isBlank()) {
            return headers;
        }
        ResponseHeadersPolicySecurityHeadersConfig security = cloudFront.getResponseHeadersPolicy(g -> g.id(policyId))
                .responseHeadersPolicy().responseHeadersPolicyConfig().securityHeadersConfig();
        if (security == null) {
            return headers;
        }
        if (security.strictTransportSecurity() != null) {
            var hsts = security.strictTransportSecurity();
            headers.put("Strict-Transport-Security", "max-age=" + hsts.accessControlMaxAgeSec()
                    + (Boolean.TRUE.equals(hsts.includeSubdomains()) ? "; includeSubDomains" : "")
                    + (Boolean.TRUE.equals(hsts.preload()) ? "; preload" : ""));
        }
        if (security.contentTypeOptions() != null) {
            headers.put("X-Content-Type-Options", "nosniff");
        }
        if (security.frameOptions() != null) {
            headers.put("X-Frame-Options", security.frameOptions().frameOptionAsString());
        }
        if (security.referrerPolicy() != null) {
            headers.put("Referrer-Policy", security.referrerPolicy().referrerPolicyAsString());
        }
        if (security.contentSecurityPolicy() != null) {
            headers.put("Content-Security-Policy", security.contentSecurityPolicy().contentSecurityPolicy());
        }
        return headers;
    }
}
