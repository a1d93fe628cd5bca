package newsroom.local;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Dev tokens and their check, standing in for the identity provider and the HTTP API's JWT
 * authorizer: RS256, a fixed issuer and audience, expiry enforced. The signing key is made on first
 * use and kept in .newsroom/dev-signing-key.json so that the token command and a running stack agree.
 */
public final class LocalTokens {
    public static final String ISSUER = "http://localhost/newsroom-dev";
    public static final String AUDIENCE = "newsroom-api";
    static final Duration LIFETIME = Duration.ofHours(12);

    private final RSAKey key;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    public LocalTokens(RSAKey key) {
        this.key = key;
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK()))));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                AUDIENCE,
                new JWTClaimsSet.Builder().issuer(ISSUER).build(),
                Set.of("sub", "exp", "iat")));
    }

    /** A key of its own, kept only in memory: for tests and benchmarks, which leave nothing behind. */
    public static LocalTokens throwaway() {
        try {
            return new LocalTokens(new RSAKeyGenerator(2048).keyID("newsroom-throwaway").generate());
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot make a signing key", e);
        }
    }

    /** The project's dev key, made on first use. */
    public static LocalTokens fromProjectKey(Path keyFile) {
        try {
            if (Files.exists(keyFile)) {
                return new LocalTokens(JWK.parse(Files.readString(keyFile)).toRSAKey());
            }
            RSAKey key = new RSAKeyGenerator(2048).keyID("newsroom-dev").generate();
            Files.createDirectories(keyFile.getParent());
            Path temp = Files.createTempFile(keyFile.getParent(), "key", ".json");
            Files.writeString(temp, key.toJSONString());
            Files.move(temp, keyFile, StandardCopyOption.ATOMIC_MOVE);
            return new LocalTokens(key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the dev signing key " + keyFile, e);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("the dev signing key " + keyFile + " is unusable; delete it", e);
        }
    }

    public String issue(String subject, Collection<String> scopes) {
        return issue(subject, scopes, Instant.now(), LIFETIME, AUDIENCE);
    }

    /** A token with every part chosen, so tests can make expired or wrong-audience ones. */
    public String issue(String subject, Collection<String> scopes, Instant issuedAt, Duration lifetime, String audience) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(audience)
                .subject(subject)
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plus(lifetime)))
                .claim("scope", String.join(" ", scopes))
                .build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a dev token", e);
        }
    }

    /** The verified claims, or empty when the token is malformed, forged, expired or for someone else. */
    public Optional<JWTClaimsSet> verify(String token) {
        try {
            return Optional.of(processor.process(token, null));
        } catch (ParseException | BadJOSEException | JOSEException e) {
            return Optional.empty();
        }
    }

    static Set<String> scopesOf(JWTClaimsSet claims) {
        Object scope = claims.getClaim("scope");
        Set<String> scopes = new HashSet<>();
        if (scope instanceof String s && !s.isBlank()) {
            scopes.addAll(Arrays.asList(s.split(" ")));
        }
        return scopes;
    }
}
