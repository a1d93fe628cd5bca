package newsroom.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.CacheBehavior;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicyConfig;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicySecurityHeadersConfig;

/**
 * The headers CloudFront adds to the site's responses, read from the deployed distribution's
 * response headers policies (the default one, and those of its path behaviours, such as the
 * desk's), so that the local site answers as the hardened origin does in AWS and tests see the
 * same headers. There is no second list of them.
 */
final class SiteHeaders {
    /** One path behaviour: its pattern ("desk/*") and the headers its policy adds. */
    private record Behaviour(String pathPattern, Map<String, String> headers) {
    }

    private final Map<String, String> defaults;
    private final List<Behaviour> behaviours;

    private SiteHeaders(Map<String, String> defaults, List<Behaviour> behaviours) {
        this.defaults = Map.copyOf(defaults);
        this.behaviours = List.copyOf(behaviours);
    }

    static SiteHeaders none() {
        return new SiteHeaders(Map.of(), List.of());
    }

    static SiteHeaders of(CloudFrontClient cloudFront, String distributionId) {
        DistributionConfig config = cloudFront.getDistributionConfig(g -> g.id(distributionId)).distributionConfig();
        Map<String, String> defaults = policy(cloudFront, config.defaultCacheBehavior().responseHeadersPolicyId());
        List<Behaviour> behaviours = new ArrayList<>();
        if (config.cacheBehaviors() != null && config.cacheBehaviors().items() != null) {
            for (CacheBehavior behaviour : config.cacheBehaviors().items()) {
                behaviours.add(new Behaviour(behaviour.pathPattern(),
                        policy(cloudFront, behaviour.responseHeadersPolicyId())));
            }
        }
        return new SiteHeaders(defaults, behaviours);
    }

    /** The headers for a request path, as CloudFront picks the behaviour: the first pattern that matches. */
    Map<String, String> forPath(String path) {
        String key = path.startsWith("/") ? path.substring(1) : path;
        for (Behaviour behaviour : behaviours) {
            if (matches(behaviour.pathPattern(), key)) {
                return behaviour.headers();
            }
        }
        return defaults;
    }

    /** CloudFront's path patterns: * for any run of characters, ? for one. */
    static boolean matches(String pattern, String path) {
        String p = pattern.startsWith("/") ? pattern.substring(1) : pattern;
        StringBuilder regex = new StringBuilder();
        for (char c : p.toCharArray()) {
            regex.append(switch (c) {
                case '*' -> ".*";
                case '?' -> ".";
                default -> java.util.regex.Pattern.quote(String.valueOf(c));
            });
        }
        return path.matches(regex.toString());
    }

    private static Map<String, String> policy(CloudFrontClient cloudFront, String policyId) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (policyId == null || policyId.isBlank()) {
            return headers;
        }
        ResponseHeadersPolicyConfig config = cloudFront.getResponseHeadersPolicy(g -> g.id(policyId))
                .responseHeadersPolicy().responseHeadersPolicyConfig();
        ResponseHeadersPolicySecurityHeadersConfig security = config.securityHeadersConfig();
        if (security != null) {
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
        }
        if (config.customHeadersConfig() != null && config.customHeadersConfig().items() != null) {
            config.customHeadersConfig().items().forEach(h -> headers.put(h.header(), h.value()));
        }
        return headers;
    }
}
