package newsroom.api.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import newsroom.domain.FieldError;
import newsroom.service.port.IdempotencyRepository;

/**
 * The Idempotency-Key header on POST routes: the first request with a key does the work and its
 * response is kept for 24 hours; a retry with the same key and body gets that response again; the
 * same key with a different body is refused (422). Keys are per caller.
 */
final class Idempotency {
    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED_HEADER = "Idempotent-Replayed";
    /** When a retry may find the first request finished; its lease ends the wait if it died. */
    static final String RETRY_AFTER_SECONDS = "2";

    private final IdempotencyRepository store;
    private final Clock clock;

    Idempotency(IdempotencyRepository store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    APIGatewayV2HTTPResponse run(APIGatewayV2HTTPEvent event, Caller caller, Supplier<APIGatewayV2HTTPResponse> work) {
        String key = RequestBodies.header(event.getHeaders(), HEADER);
        if (key == null) {
            return work.get();
        }
        if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c > 32 && c < 127)) {
            throw new ApiException(Problem.ofFields(400, "validation", "Invalid request",
                    "The Idempotency-Key header must be 1 to 255 visible ASCII characters.",
                    List.of(new FieldError(HEADER, "must be 1 to 255 visible ASCII characters"))));
        }
        String scopedKey = caller.subject() + "|" + key;
        String hash = hash(event);
        Optional<IdempotencyRepository.Record> existing = store.claim(scopedKey, hash, clock.instant());
        if (existing.isPresent()) {
            return replay(existing.get(), hash);
        }
        APIGatewayV2HTTPResponse response;
        try {
            response = work.get();
        } catch (ApiException e) {
            response = ApiResponses.problem(e.problem(), e.headers());
        } catch (RuntimeException e) {
            store.release(scopedKey);
            throw e;
        }
        if (response.getStatusCode() >= 500) {
            store.release(scopedKey);
        } else {
            store.complete(scopedKey, response.getStatusCode(), response.getHeaders(), response.getBody(),
                    clock.instant());
        }
        return response;
    }

    private static APIGatewayV2HTTPResponse replay(IdempotencyRepository.Record record, String hash) {
        if (!record.requestHash().equals(hash)) {
            throw new ApiException(Problem.of(422, "idempotency-key-reuse", "Idempotency key reused",
                    "This Idempotency-Key was used for a different request; use a new key for a new request."));
        }
        if (!record.complete()) {
            throw new ApiException(Problem.of(409, "request-in-progress", "Request in progress",
                    "The first request with this Idempotency-Key is still being processed; retry shortly."),
                    Map.of("Retry-After", RETRY_AFTER_SECONDS));
        }
        Map<String, String> headers = new HashMap<>(record.headers());
        headers.put(REPLAYED_HEADER, "true");
        return APIGatewayV2HTTPResponse.builder().withStatusCode(record.status()).withHeaders(headers)
                .withBody(record.body()).build();
    }

    /** The same request is the same route, path, body and If-Match. */
    static String hash(APIGatewayV2HTTPEvent event) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(String.valueOf(event.getRouteKey()).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(String.valueOf(event.getRawPath()).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(String.valueOf(event.getBody()).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            // A retry is the same change only if it was based on the same version.
            digest.update(String.valueOf(RequestBodies.header(event.getHeaders(), "if-match"))
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
