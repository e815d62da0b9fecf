package dev.partnertokens.keycloak.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * Where the next page of a key list starts: the {@code (createdAt, id)} of the last key on the
 * previous page. Lists are ordered by {@code createdAt}, then {@code id}, so the next page holds the
 * keys that sort strictly after this pair, and a key created or deleted meanwhile never shifts a
 * page (keyset pagination). Clients see it only as the opaque text made by {@link PageCursorCodec}.
 *
 * @param createdAt creation time of the last key on the previous page, never {@code null}
 * @param id        id of the last key on the previous page, never {@code null}
 */
public record PageCursor(Instant createdAt, TokenId id) {

    /** @throws NullPointerException if an argument is {@code null} */
    public PageCursor {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(id, "id");
    }
}
