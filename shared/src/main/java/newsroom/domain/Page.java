package newsroom.domain;

import java.util.List;

/** One page of a list, and the opaque cursor for the next page (null on the last). */
public record Page<T>(List<T> items, String nextCursor) {
}
