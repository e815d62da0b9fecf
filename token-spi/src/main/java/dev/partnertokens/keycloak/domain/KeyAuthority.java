package dev.partnertokens.keycloak.domain;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What one caller of the tokens API may do with its partner's keys: the rules of "who may do what", decided once
 * here and used by every endpoint.
 *
 * <ul>
 *   <li>A <b>key</b> reads with VIEW or MANAGE and creates, edits and revokes with MANAGE. What it creates or edits
 *       holds rights it holds itself and expires no later than itself; it never changes its own rights or expiry,
 *       and never edits or revokes a key that holds a right it lacks.</li>
 *   <li>A <b>person</b> (the partner API acting for a dashboard user) reads and creates in any role, edits and
 *       revokes only as an Owner, and grants only what their role may grant ({@link RoleRights}).</li>
 *   <li>A <b>platform administrator</b> may do everything.</li>
 * </ul>
 * The partner's own bounds ({@code partner.permissions}) bind every caller: nobody grants a right outside them.
 */
public final class KeyAuthority {

    /** Who is acting. */
    public enum Kind { KEY, PERSON, PLATFORM_ADMIN }

    private final Kind kind;
    private final Set<Permission> held;
    private final Set<Permission> grantable;
    private final DashboardRole role;
    private final String keyId;
    private final Instant keyExpiresAt;
    private final Set<String> heldScopes;
    private final Set<String> grantableScopes;
    private AllowedNetworks ownNetworks = AllowedNetworks.anywhere();

    private KeyAuthority(Kind kind, Set<Permission> held, Set<Permission> grantable, DashboardRole role, String keyId,
                         Instant keyExpiresAt) {
        this(kind, held, grantable, role, keyId, keyExpiresAt, Set.of(), Set.of());
    }

    private KeyAuthority(Kind kind, Set<Permission> held, Set<Permission> grantable, DashboardRole role, String keyId,
                         Instant keyExpiresAt, Set<String> heldScopes, Set<String> grantableScopes) {
        this.kind = kind;
        this.held = Set.copyOf(held);
        this.grantable = Set.copyOf(grantable);
        this.role = role;
        this.keyId = keyId;
        this.keyExpiresAt = keyExpiresAt;
        this.heldScopes = Set.copyOf(heldScopes);
        this.grantableScopes = Set.copyOf(grantableScopes);
    }

    /**
     * This authority with API scopes ({@link ApiScopes}): a key holds, and may grant, its own API scopes that its
     * partner may hold; a person of any role and a platform administrator may grant every API scope the partner may
     * hold. Without this, nobody may grant any API scope.
     *
     * @param keyScopes     the acting key's API scopes (ignored for a person or an administrator)
     * @param partnerScopes the API scopes the partner's keys may hold
     */
    public KeyAuthority withApiScopes(Set<String> keyScopes, Set<String> partnerScopes) {
        Set<String> granted = kind == Kind.KEY ? intersectionOf(keyScopes, partnerScopes) : Set.copyOf(partnerScopes);
        KeyAuthority copy = new KeyAuthority(kind, held, grantable, role, keyId, keyExpiresAt,
                kind == Kind.KEY ? granted : Set.of(), granted);
        copy.ownNetworks = ownNetworks;
        return copy;
    }

    /**
     * This authority with the acting key's IP allowlist: a key restricted to some networks gives no key a wider reach
     * than its own ({@link #checkMayAllowNetworks}). Ignored for a person or an administrator.
     */
    public KeyAuthority withAllowedNetworks(AllowedNetworks keyNetworks) {
        KeyAuthority copy = new KeyAuthority(kind, held, grantable, role, keyId, keyExpiresAt, heldScopes, grantableScopes);
        copy.ownNetworks = kind == Kind.KEY ? keyNetworks : AllowedNetworks.anywhere();
        return copy;
    }

    /**
     * Whether this caller may give a key (a new one, or {@code target} when editing) the IP allowlist {@code networks}.
     * People (an Owner for an edit: {@link #checkMayEdit} decides who may edit at all) and administrators may set
     * any; a key may set only networks within its own allowlist, and never changes its own.
     *
     * @param target the key being edited, {@code null} on create
     * @throws NotAllowedException unless this caller may
     */
    public void checkMayAllowNetworks(TargetKey target, AllowedNetworks networks) {
        if (kind != Kind.KEY) {
            return;
        }
        if (target != null && target.id().equals(keyId)) {
            throw new NotAllowedException("A token cannot change its own allowed networks");
        }
        if (!ownNetworks.covers(networks)) {
            throw new NotAllowedException("A token allowed only from " + ownNetworks.entries()
                    + " cannot give a token a wider reach; allowedNetworks must lie within its own");
        }
    }

    /** The API scopes this caller may put on a key. */
    public Set<String> grantableScopes() {
        return grantableScopes;
    }

    /**
     * A key acting through the tokens API.
     *
     * @param keyId     the acting key's id, never {@code null}
     * @param rights    the rights the key holds
     * @param bounds    the rights the key's partner may hold
     * @param expiresAt when the acting key expires, {@code null} if never
     */
    public static KeyAuthority ofKey(String keyId, Set<Permission> rights, Set<Permission> bounds, Instant expiresAt) {
        Objects.requireNonNull(keyId, "keyId");
        Set<Permission> effective = intersection(rights, bounds);
        return new KeyAuthority(Kind.KEY, effective, effective, null, keyId, expiresAt);
    }

    /** A person of the partner with dashboard role {@code role}, who may grant {@code roleRights} within {@code bounds}. */
    public static KeyAuthority ofPerson(DashboardRole role, RoleRights roleRights, Set<Permission> bounds) {
        Objects.requireNonNull(role, "role");
        return new KeyAuthority(Kind.PERSON, Set.of(), intersection(roleRights.grantableBy(role), bounds), role, null, null);
    }

    /** A platform administrator acting for a partner whose keys may hold {@code bounds}. */
    public static KeyAuthority ofPlatformAdministrator(Set<Permission> bounds) {
        return new KeyAuthority(Kind.PLATFORM_ADMIN, Set.of(), bounds, null, null, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The acting person's dashboard role, or {@code null} for a key or a platform administrator. */
    public DashboardRole role() {
        return role;
    }

    /** The rights this caller may put on a key. */
    public Set<Permission> grantable() {
        return grantable;
    }

    /** @throws NotAllowedException unless this caller may list and read the partner's keys */
    public void checkMayRead() {
        if (kind == Kind.KEY && !Permission.canRead(held)) {
            throw new NotAllowedException("Reading tokens needs the VIEW or MANAGE permission");
        }
    }

    /**
     * @param requested the new key's rights
     * @param scopes    the new key's API scopes
     * @param expiresAt the new key's expiry, {@code null} for none
     * @throws NotAllowedException unless this caller may create a key like that
     */
    public void checkMayCreate(Set<Permission> requested, Set<String> scopes, Instant expiresAt) {
        checkMayManage("Creating tokens");
        checkMayGrant(requested);
        checkMayGrantScopes(scopes);
        checkExpiryWithinOwn(expiresAt);
    }

    /**
     * @param target       the key to edit
     * @param newRights    its new rights, {@code null} when they stay
     * @param newScopes    its new API scopes, {@code null} when they stay
     * @param changeExpiry whether its expiry changes
     * @param newExpiresAt its new expiry when it changes, {@code null} for none
     * @throws NotAllowedException unless this caller may make that edit
     */
    public void checkMayEdit(TargetKey target, Set<Permission> newRights, Set<String> newScopes, boolean changeExpiry,
                             Instant newExpiresAt) {
        checkMayManage("Editing tokens");
        checkMayTouch(target, "edit");
        if (target.id().equals(keyId) && (newRights != null || newScopes != null || changeExpiry)) {
            throw new NotAllowedException("A token cannot change its own permissions, API scopes or expiry");
        }
        if (newRights != null) {
            checkMayGrant(newRights);
        }
        if (newScopes != null) {
            checkMayGrantScopes(newScopes);
        }
        if (changeExpiry) {
            checkExpiryWithinOwn(newExpiresAt);
        }
    }

    /** @throws NotAllowedException unless this caller may revoke {@code target} */
    public void checkMayRevoke(TargetKey target) {
        checkMayManage("Deleting tokens");
        checkMayTouch(target, "revoke");
    }

    /**
     * A key never rotates its own secret: whoever holds a leaked secret could otherwise swap it for one that only
     * they know.
     *
     * @throws NotAllowedException unless this caller may rotate {@code target}'s secret or end its overlap
     */
    public void checkMayRotate(TargetKey target) {
        checkMayManage("Rotating tokens");
        checkMayTouch(target, "rotate");
        if (target.id().equals(keyId)) {
            throw new NotAllowedException("A token cannot rotate its own secret; an Owner or another token with MANAGE can");
        }
    }

    private void checkMayManage(String what) {
        if (kind == Kind.KEY && !Permission.canCreate(held)) {
            throw new NotAllowedException(what + " needs the MANAGE permission");
        }
    }

    private void checkMayTouch(TargetKey target, String verb) {
        if (kind == Kind.PERSON && !role.mayEditAndRevoke()) {
            throw new NotAllowedException("Only an Owner may " + verb + " keys; your dashboard role is " + role);
        }
        if (kind == Kind.KEY && !held.containsAll(target.rights())) {
            throw new NotAllowedException("A token cannot " + verb + " a token that holds permissions it does not hold");
        }
        if (kind == Kind.KEY && !heldScopes.containsAll(target.scopes())) {
            throw new NotAllowedException("A token cannot " + verb + " a token that holds API scopes it does not hold");
        }
    }

    private void checkMayGrantScopes(Set<String> requested) {
        if (!grantableScopes.containsAll(requested)) {
            java.util.TreeSet<String> beyond = new java.util.TreeSet<>(requested);
            beyond.removeAll(grantableScopes);
            throw new NotAllowedException(switch (kind) {
                case KEY -> "A token cannot grant API scopes it does not hold: " + beyond;
                case PERSON, PLATFORM_ADMIN -> "This partner's keys may not hold the API scopes " + beyond
                        + "; they may hold " + new java.util.TreeSet<>(grantableScopes);
            });
        }
    }

    private static Set<String> intersectionOf(Set<String> a, Set<String> b) {
        java.util.TreeSet<String> both = new java.util.TreeSet<>(a);
        both.retainAll(b);
        return both;
    }

    private void checkMayGrant(Set<Permission> requested) {
        if (!grantable.containsAll(requested)) {
            EnumSet<Permission> beyond = EnumSet.copyOf(requested);
            beyond.removeAll(grantable);
            throw new NotAllowedException(switch (kind) {
                case KEY -> "A token cannot grant permissions it does not hold: " + beyond;
                case PERSON -> "Your dashboard role " + role + " may not grant " + beyond + "; it may grant " + sorted(grantable);
                case PLATFORM_ADMIN -> "This partner's keys may not hold " + beyond + "; they may hold " + sorted(grantable);
            });
        }
    }

    private void checkExpiryWithinOwn(Instant expiresAt) {
        if (kind == Kind.KEY && keyExpiresAt != null && (expiresAt == null || expiresAt.isAfter(keyExpiresAt))) {
            throw new NotAllowedException("A token that expires at " + keyExpiresAt
                    + " cannot give a token a later expiry, or none; set expiresAt to " + keyExpiresAt + " or earlier");
        }
    }

    private static Set<Permission> intersection(Set<Permission> a, Set<Permission> b) {
        EnumSet<Permission> both = a.isEmpty() ? EnumSet.noneOf(Permission.class) : EnumSet.copyOf(a);
        both.retainAll(b);
        return both;
    }

    private static Set<Permission> sorted(Set<Permission> rights) {
        return rights.isEmpty() ? EnumSet.noneOf(Permission.class) : EnumSet.copyOf(rights);
    }

    /** The key being edited, rotated or revoked: its id, rights and API scopes. */
    public record TargetKey(String id, Set<Permission> rights, Set<String> scopes) {

        public TargetKey {
            Objects.requireNonNull(id, "id");
            rights = Set.copyOf(rights);
            scopes = Set.copyOf(scopes);
        }

        public TargetKey(String id, Set<Permission> rights) {
            this(id, rights, Set.of());
        }
    }
}
