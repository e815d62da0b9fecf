package dev.partnertokens.api.audit;

/** Who wrote an audit entry: the partner API itself, or the provider in Keycloak (a copy of its audit feed). */
public enum AuditSource {
    PARTNER_API, KEYCLOAK
}
