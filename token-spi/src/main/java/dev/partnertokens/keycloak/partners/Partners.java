package dev.partnertokens.keycloak.partners;

import java.util.function.Function;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.organization.OrganizationProvider;

/**
 * Finds partners (Keycloak Organizations) of a given realm. Keycloak's organization provider works on the session's
 * current realm, which is not the partner's realm in every session this provider runs in (a timer, an admin request
 * made from the master realm), so the realm is set for the look-up and put back afterwards.
 */
public final class Partners {

    private Partners() {
    }

    /** The partner with this Organization id in {@code realm}, or {@code null}. */
    public static OrganizationModel byId(KeycloakSession session, RealmModel realm, String id) {
        return id == null ? null : inRealm(session, realm, organizations -> ofThisRealm(organizations, id));
    }

    /** The partner with this alias, or else this id, in {@code realm}; or {@code null}. */
    public static OrganizationModel byAliasOrId(KeycloakSession session, RealmModel realm, String aliasOrId) {
        return inRealm(session, realm, organizations -> {
            OrganizationModel organization = organizations.getByAlias(aliasOrId);
            return organization != null ? organization : ofThisRealm(organizations, aliasOrId);
        });
    }

    /** Keycloak throws when the id is an Organization of another realm: that is no partner of this one. */
    private static OrganizationModel ofThisRealm(OrganizationProvider organizations, String id) {
        try {
            return organizations.getById(id);
        } catch (ModelException otherRealm) {
            return null;
        }
    }

    private static <T> T inRealm(KeycloakSession session, RealmModel realm, Function<OrganizationProvider, T> lookup) {
        RealmModel current = session.getContext().getRealm();
        if (current != null && current.getId().equals(realm.getId())) {
            return lookup.apply(session.getProvider(OrganizationProvider.class));
        }
        session.getContext().setRealm(realm);
        try {
            return lookup.apply(session.getProvider(OrganizationProvider.class));
        } finally {
            session.getContext().setRealm(current);
        }
    }
}
