package dev.partnertokens.keycloak.keys;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import dev.partnertokens.keycloak.audit.AuthFailures;
import dev.partnertokens.keycloak.domain.AllowedNetworks;
import dev.partnertokens.keycloak.domain.ApiScopes;
import dev.partnertokens.keycloak.domain.ExpiresAt;
import dev.partnertokens.keycloak.domain.KeyUse;
import dev.partnertokens.keycloak.persistence.KeyUsageLog;
import dev.partnertokens.keycloak.domain.ListQuery;
import dev.partnertokens.keycloak.domain.PageCursor;
import dev.partnertokens.keycloak.domain.PageCursorCodec;
import dev.partnertokens.keycloak.domain.PartnerSecret;
import dev.partnertokens.keycloak.domain.Permission;
import dev.partnertokens.keycloak.domain.SecretHasher;
import dev.partnertokens.keycloak.domain.SecretRotation;
import dev.partnertokens.keycloak.mappers.KeyExpiryMapper;
import dev.partnertokens.keycloak.domain.TokenId;
import dev.partnertokens.keycloak.guard.BruteForceGuard;
import dev.partnertokens.keycloak.guard.Throttled;
import dev.partnertokens.keycloak.partners.Partners;
import dev.partnertokens.keycloak.persistence.PartnerKeyEntity;
import dev.partnertokens.keycloak.persistence.PartnerKeyRepository;
import dev.partnertokens.keycloak.persistence.RevocationLog;
import dev.partnertokens.keycloak.settings.RealmKeySettings;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;

/** Creating, finding, listing, authenticating and revoking the partner keys of one realm. */
public final class PartnerKeys {

    public static final PageCursorCodec CURSORS = PageCursorCodec.unsigned();
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * How much of a secret administrators see: the 4 characters after the prefix every secret shares. The shared
     * prefix itself is never written anywhere a secret scanner would take it for a leaked secret (exports, logs).
     */
    public static final int SECRET_HINT_LENGTH = 4;
    /** Compared against when a client id is unknown, so that a miss costs the same as a wrong secret. */
    private static final String DECOY_HASH = SecretHasher.sha256().hash(PartnerSecret.generate(RANDOM));

    private final KeycloakSession session;
    private final RealmModel realm;
    private final PartnerKeyRepository repository;
    private final Clock clock;
    private final PartnerKeyClients clients;
    private final Map<Set<String>, Collection<ClientScopeModel>> rightsByNames = new HashMap<>();

    public PartnerKeys(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.repository = new PartnerKeyRepository(session, realm.getId());
        this.clock = Clock.systemUTC();
        this.clients = new PartnerKeyClients(session, realm);
    }

    public CreatedKey create(NewKey request) {
        PartnerSecret secret = PartnerSecret.generate(RANDOM);
        String clientId = "pk-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        TreeSet<String> scopes = new TreeSet<>();
        request.permissions().forEach(p -> scopes.add(p.name()));
        scopes.addAll(request.scopes());
        ClientModel client = clients.create(clientId, request.name().value(), request.partnerId(), rightsFor(scopes));

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
        key.setSecretPrefix(secret.value().substring(PartnerSecret.PREFIX.length(),
                PartnerSecret.PREFIX.length() + SECRET_HINT_LENGTH));
        key.setCreatedBy(request.createdBy());
        key.setCreatedAt(now);
        key.setUpdatedAt(now);
        key.setExpiresAt(request.expiresAt() == null ? null : request.expiresAt().instant().toEpochMilli());
        key.setAllowedNetworks(request.allowedNetworks().toStored());
        key.setClientShape(KeyClientShapes.CURRENT);
        clients.setExpiry(client.getId(), key.getExpiresAt());
        KeySnapshots.markChanged(client, now);
        repository.add(key);
        new KeyUsageLog(session, realm.getId()).add(key.getId());
        clients.describeNew(client, key, Partners.byId(session, realm, key.getPartnerId()));
        return new CreatedKey(key, secret);
    }

    /**
     * The realm's client scopes for these rights, looked up once per set of rights while this object lives (a request,
     * or one transaction of {@link BulkKeys}).
     */
    private Collection<ClientScopeModel> rightsFor(Set<String> scopes) {
        return rightsByNames.computeIfAbsent(Set.copyOf(scopes), names -> List.copyOf(clients.rightsFor(scopes)));
    }

    /**
     * The key these credentials belong to, if it is live: known, not revoked, not expired, its client enabled, its
     * partner's Organization enabled, the secret matching its hash (compared in constant time), and the request coming
     * from an address the key's IP allowlist includes ({@link dev.partnertokens.keycloak.domain.AllowedNetworks}).
     * Every failure — a disallowed address too, which gets the same answer as a wrong secret — is counted for the
     * audit trail ({@link AuthFailures}), per key and source address, and by the cluster-wide {@link BruteForceGuard},
     * which refuses a throttled request before its secret is looked at.
     *
     * @throws Throttled when the caller's address is throttled for this id (known or not)
     */
    public Optional<LiveKey> authenticate(String clientId, String secret, KeyUse.Way way) {
        BruteForceGuard guard = new BruteForceGuard(session, realm);
        guard.check(clientId);
        SecretHasher hasher = SecretHashers.of(session);
        Optional<LiveKey> key = KeySnapshots.find(realm, clientId, () -> repository.findByClientId(clientId).map(LiveKey::of));
        if (key.isEmpty()) {
            hasher.matches(secret, DECOY_HASH);
            countFailure(guard, clientId, AuthFailures.UNKNOWN_KEY, null);
            return Optional.empty();
        }
        LiveKey found = key.get();
        long now = clock.millis();
        boolean secretMatches = hasher.matches(secret, found.secretHash());
        boolean oldSecretMatches = !secretMatches && found.hasOldSecretAt(now) && hasher.matches(secret, found.oldSecretHash());
        if (!(secretMatches || oldSecretMatches) || isExpired(found.expiresAt()) || !isUsable(found)) {
            countFailure(guard, clientId, found.clientId(), found.partnerId());
            return Optional.empty();
        }
        if (!found.allowedNetworks().allows(sourceAddress())) {
            // the same answer as a wrong secret (no oracle); the trail says the secret was used from elsewhere
            AuthFailures.ofThisNode().count(realm.getId(), found.clientId(), found.partnerId(), sourceAddress(),
                    AuthFailures.Reason.DISALLOWED_ADDRESS);
            guard.failed(clientId, found.clientId(), found.partnerId());
            return Optional.empty();
        }
        if (oldSecretMatches) {
            // nothing the retiring secret gets outlives it (KeyExpiryMapper, LongLivedTokenIssuer)
            session.setAttribute(KeyExpiryMapper.RETIRING_SECRET_UNTIL, found.oldSecretUntil() / 1000);
        }
        if (!"false".equals(realm.getAttribute(RealmKeySettings.LAST_USED_TRACKING))) {
            var connection = session.getContext().getConnection();
            var headers = session.getContext().getRequestHeaders();
            LastUses.ofThisNode().record(realm.getId(), found.id(), KeyUse.once(now,
                    connection == null ? null : connection.getRemoteAddr(),
                    headers == null ? null : headers.getHeaderString("User-Agent"), way));
        }
        return key;
    }

    private boolean isUsable(LiveKey key) {
        ClientModel client = realm.getClientById(key.clientUuid());
        if (client == null || !client.isEnabled()) {
            return false;
        }
        OrganizationModel partner = Partners.byId(session, realm, key.partnerId());
        return partner != null && partner.isEnabled();
    }

    private void countFailure(BruteForceGuard guard, String presentedId, String keyClientId, String partnerId) {
        AuthFailures.ofThisNode().count(realm.getId(), keyClientId, partnerId, sourceAddress());
        guard.failed(presentedId, AuthFailures.UNKNOWN_KEY.equals(keyClientId) ? null : keyClientId, partnerId);
    }

    /**
     * The request's source address: the connection's peer, or, when Keycloak runs with {@code proxy-headers} and the
     * peer is one of its {@code proxy-trusted-addresses}, the address that proxy forwarded (Keycloak's HTTP layer
     * puts it in place of the peer; docs/ip-allowlists.md).
     */
    private String sourceAddress() {
        return session.getContext().getConnection() == null ? null : session.getContext().getConnection().getRemoteAddr();
    }

    public Optional<PartnerKeyEntity> find(String partnerId, TokenId id) {
        return repository.findOfPartner(partnerId, id.uuid().toString());
    }

    public KeyPage list(String partnerId, ListQuery query) {
        long soon = expiringSoonUntil();
        List<PartnerKeyEntity> rows = repository.page(partnerId, query, soon);
        boolean hasMore = rows.size() > query.limit();
        List<PartnerKeyEntity> page = hasMore ? rows.subList(0, query.limit()) : rows;
        String nextCursor = null;
        if (hasMore) {
            PartnerKeyEntity last = page.get(page.size() - 1);
            nextCursor = CURSORS.encode(new PageCursor(Instant.ofEpochMilli(last.getCreatedAt()),
                    new TokenId(UUID.fromString(last.getId()))));
        }
        return new KeyPage(page, hasMore, nextCursor, repository.count(partnerId, query, soon));
    }

    /**
     * Changes a partner's key, found with {@link #find}: its name, its rights (the client's optional scopes, so that
     * new tokens carry exactly the new rights), its expiry and its IP allowlist (the new version reaches every node's
     * snapshot at once, see {@link KeySnapshots}). Tokens issued before a change that takes a right away
     * or brings the expiry closer are revoked (the revocation log reaches the partner API).
     */
    public PartnerKeyEntity edit(PartnerKeyEntity key, KeyEdit edit) {
        Set<String> scopesBefore = PartnerKeyClients.scopeNames(key.getScopes());
        Long expiryBefore = key.getExpiresAt();
        PartnerKeyClients clients = new PartnerKeyClients(session, realm);
        if (edit.name() != null) {
            key.setName(edit.name().value());
            clients.rename(key.getClientUuid(), edit.name().value());
        }
        if (edit.permissions() != null || edit.scopes() != null) {
            TreeSet<String> scopes = new TreeSet<>();
            (edit.permissions() != null ? edit.permissions() : permissionsOf(key)).forEach(p -> scopes.add(p.name()));
            scopes.addAll(edit.scopes() != null ? edit.scopes() : apiScopesOf(key));
            key.setScopes(String.join(" ", scopes));
            clients.relinkScopes(key.getClientUuid(), scopes);
        }
        if (edit.changeExpiry()) {
            key.setExpiresAt(edit.expiresAt() == null ? null : edit.expiresAt().instant().toEpochMilli());
            clients.setExpiry(key.getClientUuid(), key.getExpiresAt());
        }
        boolean networksChanged = edit.allowedNetworks() != null
                && !edit.allowedNetworks().equals(AllowedNetworks.fromStored(key.getAllowedNetworks()));
        if (networksChanged) {
            key.setAllowedNetworks(edit.allowedNetworks().toStored());
        }
        long now = clock.millis();
        key.setUpdatedAt(Math.max(now, key.getUpdatedAt() + 1));
        KeySnapshots.markChanged(realm.getClientById(key.getClientUuid()), key.getUpdatedAt());
        Set<String> scopesAfter = PartnerKeyClients.scopeNames(key.getScopes());
        boolean rightsReduced = !scopesAfter.containsAll(scopesBefore);
        boolean expiryShortened = key.getExpiresAt() != null && (expiryBefore == null || key.getExpiresAt() < expiryBefore);
        if (rightsReduced || expiryShortened) {
            new RevocationLog(session, realm.getId()).append(RevocationLog.Kind.KEY, key.getClientId(), key.getPartnerId(),
                    now / 1000, new TreeSet<>(scopesAfter), key.getExpiresAt() == null ? null : key.getExpiresAt() / 1000,
                    rightsReduced ? "RIGHTS_REDUCED" : "EXPIRY_SHORTENED", now);
        } else if (networksChanged) {
            // refuses no token; makes the partner API forget the tokens it keeps for HTTP Basic, so that Keycloak
            // judges the next Basic request from each address against the new allowlist
            new RevocationLog(session, realm.getId()).append(RevocationLog.Kind.KEY, key.getClientId(), key.getPartnerId(),
                    0, null, null, "ALLOWED_NETWORKS_CHANGED", now);
        }
        if (edit.changeExpiry()) {
            key.setExpiryNoticeSentAt(null); // a new expiry gets its own notice
            key.setExpiringSoonAt(null); // and its own event
        }
        published(key);
        return key;
    }

    /**
     * Revokes a key: it gets no new token in any way afterwards, and every token it was given is revoked (the
     * revocation log reaches the partner API).
     *
     * @param reason {@code KEY_REVOKED}, {@code KEY_DISABLED}, {@code PARTNER_DELETED}...
     */
    public void revoke(PartnerKeyEntity found, String reason) {
        long now = clock.millis();
        found.setRevokedAt(now);
        found.setUpdatedAt(Math.max(now, found.getUpdatedAt() + 1));
        KeySnapshots.markChanged(realm.getClientById(found.getClientUuid()), found.getUpdatedAt());
        new PartnerKeyClients(session, realm).disable(found.getClientUuid());
        logRevocation(found, reason, now);
        published(found);
    }

    /**
     * Rotates a key's secret: a new secret (returned once, stored as a hash) works at once; the old one works until
     * the overlap ends (a secret that an earlier rotation left working stops now). The key's version changes, so every
     * node's snapshot of it is read again. A revocation entry reaches the partner API: with {@code revokeOldTokens}
     * it refuses every token issued until now, otherwise it refuses none and only makes the partner API forget the
     * tokens it keeps for HTTP Basic, so that it asks Keycloak about the old secret again.
     */
    public CreatedKey rotate(PartnerKeyEntity key, SecretRotation rotation) {
        PartnerSecret secret = PartnerSecret.generate(RANDOM);
        long now = clock.millis();
        boolean overlap = !rotation.overlap().isZero();
        key.setOldSecretHash(overlap ? key.getSecretHash() : null);
        key.setOldSecretUntil(overlap ? now + rotation.overlap().toMillis() : null);
        key.setSecretHash(SecretHashers.of(session).hash(secret));
        key.setSecretPrefix(secret.value().substring(PartnerSecret.PREFIX.length(),
                PartnerSecret.PREFIX.length() + SECRET_HINT_LENGTH));
        key.setRotatedAt(now);
        key.setUpdatedAt(Math.max(now, key.getUpdatedAt() + 1));
        KeySnapshots.markChanged(realm.getClientById(key.getClientUuid()), key.getUpdatedAt());
        new RevocationLog(session, realm.getId()).append(RevocationLog.Kind.KEY, key.getClientId(), key.getPartnerId(),
                rotation.revokeOldTokens() ? now / 1000 : 0, null, null,
                rotation.revokeOldTokens() ? "SECRET_ROTATED" : "SECRET_ROTATED_TOKENS_KEPT", now);
        published(key);
        return new CreatedKey(key, secret);
    }

    /**
     * Ends a rotation's overlap at once: the old secret is refused from now on, everywhere.
     *
     * @return whether an old secret was still working
     */
    public boolean endOverlap(PartnerKeyEntity key) {
        long now = clock.millis();
        boolean live = key.getOldSecretHash() != null && key.getOldSecretUntil() != null && now < key.getOldSecretUntil();
        if (!live) {
            return false;
        }
        key.setOldSecretHash(null);
        key.setOldSecretUntil(null);
        key.setUpdatedAt(Math.max(now, key.getUpdatedAt() + 1));
        KeySnapshots.markChanged(realm.getClientById(key.getClientUuid()), key.getUpdatedAt());
        new RevocationLog(session, realm.getId()).append(RevocationLog.Kind.KEY, key.getClientId(), key.getPartnerId(), 0,
                null, null, "OLD_SECRET_ENDED", now);
        published(key);
        return true;
    }

    /** Until when the key's old secret works (epoch millis), or {@code null} when none does now. */
    public static Long oldSecretLiveUntil(PartnerKeyEntity key, long nowMillis) {
        return key.getOldSecretHash() != null && key.getOldSecretUntil() != null && nowMillis < key.getOldSecretUntil()
                ? key.getOldSecretUntil() : null;
    }

    /**
     * Shows the key as it now is where administrators look: its client's attributes (the Credentials tab). The admin
     * console's partner-keys page reads the key itself (ADR 9).
     */
    public void published(PartnerKeyEntity key) {
        OrganizationModel partner = Partners.byId(session, realm, key.getPartnerId());
        new PartnerKeyClients(session, realm).describe(key, partner);
    }

    /**
     * Puts the key's version and expiry back on its client after an administrator saved the client: a representation
     * loaded before the key last changed would otherwise bring back an old version (and with it an old snapshot) or a
     * later expiry.
     */
    public void resynchronise(PartnerKeyEntity key) {
        new PartnerKeyClients(session, realm).setExpiry(key.getClientUuid(), key.getExpiresAt());
        KeySnapshots.markChanged(realm.getClientById(key.getClientUuid()), key.getUpdatedAt());
    }

    /** Appends a revocation of every token the key was given until now; the key's row is left as it is. */
    public void logRevocation(PartnerKeyEntity key, String reason, long nowMillis) {
        new RevocationLog(session, realm.getId()).append(RevocationLog.Kind.KEY, key.getClientId(), key.getPartnerId(),
                nowMillis / 1000, null, null, reason, nowMillis);
    }


    /** The key's last use: what the database holds, merged with what this node saw since its last flush. */
    public Optional<KeyUse> lastUse(PartnerKeyEntity key) {
        return lastUses(List.of(key)).values().stream().findFirst();
    }

    /** The keys' last uses by key id (keys never used are absent), stored and this node's merged. */
    public java.util.Map<String, KeyUse> lastUses(List<PartnerKeyEntity> keys) {
        return LastUses.ofThisNode().merged(realm.getId(), keys.stream().map(PartnerKeyEntity::getId).toList(),
                new KeyUsageLog(session, realm.getId())::of);
    }

    /** Keys expiring at or before this moment (epoch millis) expire soon: within the realm's expiry notice. */
    public long expiringSoonUntil() {
        return clock.millis() + java.time.Duration.ofDays(RealmKeySettings.of(realm).expiryNoticeDays()).toMillis();
    }

    /** Whether the key expires within the realm's expiry notice (see {@link #expiringSoonUntil()}). */
    public boolean isExpiringSoon(PartnerKeyEntity key) {
        return key.getExpiresAt() != null && key.getExpiresAt() <= expiringSoonUntil();
    }

    private boolean isExpired(Long expiresAtMillis) {
        return expiresAtMillis != null && new ExpiresAt(Instant.ofEpochMilli(expiresAtMillis)).isPassed(clock);
    }

    public static Set<Permission> permissionsOf(PartnerKeyEntity key) {
        return Permission.parseList(key.getScopes());
    }

    public static Set<Permission> permissionsOf(LiveKey key) {
        return Permission.parseList(key.scopes());
    }

    /** The key's API scopes (those of its scopes that are not permissions), sorted. */
    public static List<String> apiScopesOf(PartnerKeyEntity key) {
        return ApiScopes.apiScopesIn(key.getScopes());
    }

    public static List<String> apiScopesOf(LiveKey key) {
        return ApiScopes.apiScopesIn(key.scopes());
    }
}
