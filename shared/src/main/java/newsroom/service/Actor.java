package newsroom.service;

import java.util.Set;
import newsroom.domain.Scope;

/** Who asks for a change to a release (the token's subject) and what their token allows. */
public record Actor(String name, Set<Scope> scopes) {
    public Actor {
        scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
    }
}
