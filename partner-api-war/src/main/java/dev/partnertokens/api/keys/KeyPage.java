package dev.partnertokens.api.keys;

import java.util.List;

import jakarta.json.JsonObject;

/**
 * One page of the provider's key list ({@code GET /tokens}); each key is the provider's JSON object as it is.
 * {@code nextCursor} is absent on the last page.
 */
public record KeyPage(List<JsonObject> data, boolean hasMore, String nextCursor, long totalCount) {
}
