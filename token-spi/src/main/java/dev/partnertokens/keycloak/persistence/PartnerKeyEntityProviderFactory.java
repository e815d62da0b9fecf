package dev.partnertokens.keycloak.persistence;

import org.keycloak.Config;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/** Registers the partner-key table and its Liquibase changelog with Keycloak's persistence unit. */
public final class PartnerKeyEntityProviderFactory implements JpaEntityProviderFactory {

    /** Also names Liquibase's tracking table: {@code DATABASECHANGELOG_PARTNER_TO}. */
    public static final String PROVIDER_ID = "partner-tokens";

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return new PartnerKeyEntityProvider();
    }

    @Override
    public void init(Config.Scope config) {
        // no configuration
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // nothing to wire
    }

    @Override
    public void close() {
        // nothing to release
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
