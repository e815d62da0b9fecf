package dev.partnertokens.keycloak.rest;

/** {@code {"data": {"accessToken": "<JWT>", "expiresAt": <unix seconds>}}}. */
public record RefreshTokenAnswer(Data data) {

    public record Data(String accessToken, long expiresAt) {
    }
}
