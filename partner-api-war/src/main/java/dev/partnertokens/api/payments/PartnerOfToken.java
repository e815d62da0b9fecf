package dev.partnertokens.api.payments;

import java.util.Optional;

import jakarta.ws.rs.core.SecurityContext;

import org.eclipse.microprofile.jwt.JsonWebToken;

/** The partner a partner key's token speaks for: its {@code partner_id} claim, set by the provider on every key. */
final class PartnerOfToken {

    private PartnerOfToken() {
    }

    static Optional<String> of(SecurityContext security) {
        JsonWebToken token = (JsonWebToken) security.getUserPrincipal();
        Object partner = token.getClaim("partner_id");
        return partner == null ? Optional.empty() : Optional.of(partner.toString().replace("\"", ""));
    }

    static String clientId(SecurityContext security) {
        Object azp = ((JsonWebToken) security.getUserPrincipal()).getClaim("azp");
        return azp == null ? "" : azp.toString().replace("\"", "");
    }
}
