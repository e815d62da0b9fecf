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

    private KeyAuthority(Kind kind, Set<Permission> held, Set<Permission> grantable, DashboardRole role, String keyId,
                         Instant keyExpiresAt) {
        this.kind = kind;
        this.held = Set.copyOf(held);
        this.grantable = Set.copyOf(grantable);
        this.role = role;
        this.keyId = keyId;
        this.keyExpiresAt = keyExpiresAt;
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
     * @param expiresAt the new key's expiry, {@code null} for none
     * @throws NotAllowedException unless this caller may create a key like that
     */
    public void checkMayCreate(Set<Permission> requested, Instant expiresAt) {
        checkMayManage("Creating tokens");
        checkMayGrant(requested);
        checkExpiryWithinOwn(expiresAt);
    }

    /**
     * @param target       the key to edit
     * @param newRights    its new rights, {@code null} when they stay
     * @param changeExpiry whether its expiry changes
     * @param newExpiresAt its new expiry when it changes, {@code null} for none
     * @throws NotAllowedException unless this caller may make that edit
     */
    public void checkMayEdit(TargetKey target, Set<Permission> newRights, boolean changeExpiry, Instant newExpiresAt) {
        checkMayManage("Editing tokens");
        checkMayTouch(target, "edit");
        if (target.id().equals(keyId) && (newRights != null || changeExpiry)) {
            throw new NotAllowedException("A token cannot change its own permissions or expiry");
        }
        if (newRights != null) {
            checkMayGrant(newRights);
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

    /** The key being edited or revoked: its id and rights. */
    public record TargetKey(String id, Set<Permission> rights) {

        public TargetKey {
            Objects.requireNonNull(id, "id");
            rights = Set.copyOf(rights);
        }
    }
}
