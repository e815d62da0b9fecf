package dev.partnertokens.keycloak.persistence;

import java.util.List;

import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;

final class PartnerKeyEntityProvider implements JpaEntityProvider {

    @Override
    public List<Class<?>> getEntities() {
        return List.of(PartnerKeyEntity.class, FeedCounterEntity.class, RevocationEntity.class, KeyAuditEntity.class,
                KeyUsageEntity.class);
    }

    @Override
    public String getChangelogLocation() {
        return "META-INF/partner-tokens-changelog.xml";
    }

    @Override
    public String getFactoryId() {
        return PartnerKeyEntityProviderFactory.PROVIDER_ID;
    }

    @Override
    public void close() {
        // nothing to release
    }
}
