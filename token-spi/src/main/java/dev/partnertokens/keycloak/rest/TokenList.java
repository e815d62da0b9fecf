package dev.partnertokens.keycloak.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One page of {@code GET /tokens}; {@code nextCursor} is absent on the last page. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenList(List<TokenView> data, boolean hasMore, String nextCursor, long totalCount) {
}
