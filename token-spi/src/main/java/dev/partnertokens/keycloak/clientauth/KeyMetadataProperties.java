package dev.partnertokens.keycloak.clientauth;

import java.util.List;

import org.keycloak.provider.ProviderConfigProperty;

/**
 * What the admin console's Credentials tab of a key's client shows for the {@code partner-key} authenticator. In
 * Keycloak 26.7 that tab renders the authenticator's per-client properties as fields bound to the client's
 * attributes of the same names, so the provider writes these attributes whenever the key changes (they are a
 * read-only copy; the key's row is the truth). Never the secret or its hash: only 4 of its characters, after the prefix every secret shares.
 */
public final class KeyMetadataProperties {

    public static final String PARTNER = "partner-key.partner";
    public static final String RIGHTS = "partner-key.rights";
    public static final String CREATED_BY = "partner-key.created-by";
    public static final String EXPIRES_AT = "partner-key.expires-at";
    public static final String SECRET_PREFIX = "partner-key.secret-prefix";
    public static final String STATUS = "partner-key.status";
    public static final String SECRET_MANAGED = "partner-key.secret-managed";

    public static final String SECRET_MANAGED_WARNING = "The secret of this key is managed by Partner Tokens: it was "
            + "shown once, when the key was made, and only its hash is stored. It cannot be read, set or regenerated "
            + "here, and changing the Client Authenticator would leave the key without a secret. Revoke the key on "
            + "the partner-keys page; its partner makes a new one.";

    static final List<ProviderConfigProperty> PER_CLIENT = List.of(
            shown(SECRET_MANAGED, "Secret", "Who manages this key's secret.", SECRET_MANAGED_WARNING),
            shown(PARTNER, "Partner", "The partner (Organization) the key belongs to.", null),
            shown(RIGHTS, "Rights", "What the key's tokens may do.", null),
            shown(STATUS, "Status", "ACTIVE or REVOKED.", null),
            shown(CREATED_BY, "Created by", "Who made the key.", null),
            shown(EXPIRES_AT, "Expires at", "When the key stops working (UTC), or never.", null),
            shown(SECRET_PREFIX, "Secret starts with", "The 4 characters of the secret after the prefix every secret shares, to tell keys apart.", null));

    // Values are plain ASCII where the provider chooses them: tools copy attributes into HTTP headers.

    private KeyMetadataProperties() {
    }

    private static ProviderConfigProperty shown(String name, String label, String help, String value) {
        ProviderConfigProperty property = new ProviderConfigProperty(name, label, help,
                value == null ? ProviderConfigProperty.STRING_TYPE : ProviderConfigProperty.TEXT_TYPE, value);
        property.setReadOnly(true);
        return property;
    }
}
