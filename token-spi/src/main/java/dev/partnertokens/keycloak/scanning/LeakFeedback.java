package dev.partnertokens.keycloak.scanning;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer about one reported match, in the feedback format of GitHub's secret-scanning partner program. The
 * match is named by {@code token_hash} (hex SHA-256 of the reported string), never by {@code token_raw}, so that no
 * answer of this endpoint carries a secret.
 */
public record LeakFeedback(@JsonProperty("token_hash") String tokenHash, @JsonProperty("token_type") String tokenType,
                           @JsonProperty("label") String label) {
}
