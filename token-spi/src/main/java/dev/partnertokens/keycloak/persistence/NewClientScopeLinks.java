package dev.partnertokens.keycloak.persistence;

import java.util.Collection;

import jakarta.persistence.EntityManager;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;

/**
 * Unlinks client scopes from a client created in this transaction with one statement, where
 * {@code ClientModel#removeClientScope} makes a statement and a Hibernate flush per scope. It writes Keycloak's own
 * table through Keycloak's JPA entity ({@code ClientScopeClientMappingEntity}, table {@code CLIENT_SCOPE_CLIENT}), as
 * Keycloak's {@code deleteClientScopeClientMapping} query does; Keycloak's realm cache holds nothing of a client created in the
 * current transaction (it answers such a client from the database until the commit, which invalidates it cluster-wide), so
 * there is nothing to evict (docs/keycloak-internals.md).
 */
public final class NewClientScopeLinks {

    private final EntityManager em;

    public NewClientScopeLinks(KeycloakSession session) {
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    /** Unlinks these client scopes (by id) from the client, default and optional alike. */
    public void unlink(ClientModel newClient, Collection<String> scopeIds) {
        if (scopeIds.isEmpty()) {
            return;
        }
        em.createQuery("delete from ClientScopeClientMappingEntity m where m.clientId = :client"
                        + " and m.clientScopeId in :scopes")
                .setParameter("client", newClient.getId())
                .setParameter("scopes", scopeIds)
                .executeUpdate();
    }
}
