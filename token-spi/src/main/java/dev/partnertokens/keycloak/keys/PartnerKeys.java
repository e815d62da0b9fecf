package dev.partnertokens.keycloak.keys;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

import dev.partnertokens.keycloak.domain.ExpiresAt;
import dev.partnertokens.keycloak.domain.ListQuery;
import dev.partnertokens.keycloak.domain.PageCursor;
import dev.partnertokens.keycloak.domain.PageCursorCodec;
import dev.partnertokens.keycloak.domain.PartnerSecret;
import dev.partnertokens.keycloak.domain.Permission;
import dev.partnertokens.keycloak.domain.SecretHasher;
import dev.partnertokens.keycloak.domain.TokenId;
import dev.partnertokens.keycloak.persistence.PartnerKeyEntity;
import dev.partnertokens.keycloak.persistence.PartnerKeyRepository;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** Creating, finding, listing, authenticating and revoking the partner keys of one realm. */
public final class PartnerKeys {

    public static final PageCursorCodec CURSORS = PageCursorCodec.unsigned();
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Compared against when a client id is unknown, so that a miss costs the same as a wrong secret. */
    private static final String DECOY_HASH = SecretHasher.sha256().hash(PartnerSecret.generate(RANDOM));

    private final KeycloakSession session;
    private final RealmModel realm;
    private final PartnerKeyRepository repository;
    private final Clock clock;

    public PartnerKeys(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.repository = new PartnerKeyRepository(session, realm.getId());
        this.clock = Clock.systemUTC();
    }

    public CreatedKey create(NewKey request) {
        PartnerSecret secret = PartnerSecret.generate(RANDOM);
        String clientId = "pk-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        TreeSet<String> scopes = new TreeSet<>();
        request.permissions().forEach(p -> scopes.add(p.name()));
        ClientModel client = new PartnerKeyClients(session, realm)
                .create(clientId, request.name().value(), request.partnerId(), scopes);

        long now = clock.millis();
        PartnerKeyEntity key = new PartnerKeyEntity();
        key.setId(TokenId.random().uuid().toString());
        key.setRealmId(realm.getId());
        key.setClientUuid(client.getId());
        key.setClientId(clientId);
        key.setPartnerId(request.partnerId());
        key.setName(request.name().value());
        key.setScopes(String.join(" ", scopes));
        key.setSecretHash(SecretHashers.of(session).hash(secret));
        key.setCreatedBy(request.createdBy());
        key.setCreatedAt(now);
        key.setUpdatedAt(now);
        key.setExpiresAt(request.expiresAt() == null ? null : request.expiresAt().instant().toEpochMilli());
        repository.add(key);
        return new CreatedKey(key, secret);
    }

    /**
     * The key these credentials belong to, if it is live: known, not revoked, not expired, its client enabled,
     * and the secret matching its hash (compared in constant time).
     */
    public Optional<PartnerKeyEntity> authenticate(String clientId, String secret) {
        SecretHasher hasher = SecretHashers.of(session);
        Optional<PartnerKeyEntity> key = repository.findByClientId(clientId);
        if (key.isEmpty()) {
            hasher.matches(secret, DECOY_HASH);
            return Optional.empty();
        }
        PartnerKeyEntity found = key.get();
        boolean secretMatches = hasher.matches(secret, found.getSecretHash());
        if (!secretMatches || isExpired(found)) {
            return Optional.empty();
        }
        ClientModel client = realm.getClientById(found.getClientUuid());
        return client != null && client.isEnabled() ? key : Optional.empty();
    }

    public Optional<PartnerKeyEntity> find(String partnerId, TokenId id) {
        return repository.findOfPartner(partnerId, id.uuid().toString());
    }

    public KeyPage list(String partnerId, ListQuery query) {
        List<PartnerKeyEntity> rows = repository.page(partnerId, query);
        boolean hasMore = rows.size() > query.limit();
        List<PartnerKeyEntity> page = hasMore ? rows.subList(0, query.limit()) : rows;
        String nextCursor = null;
        if (hasMore) {
            PartnerKeyEntity last = page.get(page.size() - 1);
            nextCursor = CURSORS.encode(new PageCursor(Instant.ofEpochMilli(last.getCreatedAt()),
                    new TokenId(UUID.fromString(last.getId()))));
        }
        return new KeyPage(page, hasMore, nextCursor, repository.count(partnerId, query));
    }

    /**
     * Changes a partner's key: its name, its rights (the client's optional scopes, so that new tokens carry
     * exactly the new rights) and its expiry. Empty when the partner has no such key.
     */
    public Optional<PartnerKeyEntity> edit(String partnerId, TokenId id, KeyEdit edit) {
        Optional<PartnerKeyEntity> key = repository.findOfPartner(partnerId, id.uuid().toString());
        key.ifPresent(found -> {
            PartnerKeyClients clients = new PartnerKeyClients(session, realm);
            if (edit.name() != null) {
                found.setName(edit.name().value());
                clients.rename(found.getClientUuid(), edit.name().value());
            }
            if (edit.permissions() != null) {
                TreeSet<String> scopes = new TreeSet<>();
                edit.permissions().forEach(p -> scopes.add(p.name()));
                found.setScopes(String.join(" ", scopes));
                clients.relinkScopes(found.getClientUuid(), scopes);
            }
            if (edit.changeExpiry()) {
                found.setExpiresAt(edit.expiresAt() == null ? null : edit.expiresAt().instant().toEpochMilli());
            }
            found.setUpdatedAt(Math.max(clock.millis(), found.getUpdatedAt() + 1));
        });
        return key;
    }

    /** Revokes a partner's key: it gets no new token in any way afterwards. False when there was no such key. */
    public boolean revoke(String partnerId, TokenId id) {
        Optional<PartnerKeyEntity> key = repository.findOfPartner(partnerId, id.uuid().toString());
        key.ifPresent(found -> {
            long now = clock.millis();
            found.setRevokedAt(now);
            found.setUpdatedAt(now);
            new PartnerKeyClients(session, realm).disable(found.getClientUuid());
        });
        return key.isPresent();
    }


    private boolean isExpired(PartnerKeyEntity key) {
        return key.getExpiresAt() != null && new ExpiresAt(Instant.ofEpochMilli(key.getExpiresAt())).isPassed(clock);
    }

    public static java.util.Set<Permission> permissionsOf(PartnerKeyEntity key) {
        java.util.EnumSet<Permission> permissions = java.util.EnumSet.noneOf(Permission.class);
        for (String scope : PartnerKeyClients.scopeNames(key.getScopes())) {
            for (Permission permission : Permission.values()) {
                if (permission.name().equals(scope)) {
                    permissions.add(permission);
                }
            }
        }
        return permissions;
    }
}
