package newsroom.api.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import newsroom.domain.FieldError;
import newsroom.domain.Page;

/**
 * Paged lists: the one place that owns page sizes and how a page is answered. Cursors are the
 * repositories' own, opaque to the caller; a cursor a list did not hand out is refused there.
 */
final class Paging {
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    /** The page a caller asked for. */
    record PageRequest(int limit, String cursor) {
    }

    private Paging() {
    }

    /** Reads {@code limit} and {@code cursor}, adding a field error for a bad limit. */
    static PageRequest read(ApiRequest request, List<FieldError> errors) {
        int limit = DEFAULT_LIMIT;
        String value = request.query("limit");
        if (value != null) {
            try {
                limit = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                errors.add(new FieldError("limit", "must be a whole number from 1 to " + MAX_LIMIT));
            }
        }
        return new PageRequest(limit, request.query("cursor"));
    }

    /** Reads {@code limit} and {@code cursor}; a bad limit is refused at once. */
    static PageRequest read(ApiRequest request) {
        List<FieldError> errors = new ArrayList<>();
        PageRequest page = read(request, errors);
        if (!errors.isEmpty()) {
            throw Problems.invalid(errors);
        }
        return page;
    }

    /** A page as the API answers it: {@code items}, then {@code nextCursor} (null on the last page). */
    static <T> Map<String, Object> body(Page<T> page, Function<T, ?> view) {
        return body(new LinkedHashMap<>(), page, view);
    }

    /** The same, after fields of the caller's own. */
    static <T> Map<String, Object> body(Map<String, Object> head, Page<T> page, Function<T, ?> view) {
        head.put("items", page.items().stream().map(view).toList());
        head.put("nextCursor", page.nextCursor());
        return head;
    }
}
