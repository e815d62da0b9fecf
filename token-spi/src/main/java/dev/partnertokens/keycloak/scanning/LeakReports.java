package dev.partnertokens.keycloak.scanning;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.partnertokens.keycloak.audit.Actor;
import dev.partnertokens.keycloak.audit.KeyAudit;
import dev.partnertokens.keycloak.domain.LeakLabel;
import dev.partnertokens.keycloak.domain.LeakLocation;
import dev.partnertokens.keycloak.domain.PartnerSecret;
import dev.partnertokens.keycloak.domain.ReporterKey;
import dev.partnertokens.keycloak.domain.SecretHasher;
import dev.partnertokens.keycloak.keys.PartnerKeys;
import dev.partnertokens.keycloak.keys.SecretHashers;
import dev.partnertokens.keycloak.notify.KeyNotices;
import dev.partnertokens.keycloak.partners.Partners;
import dev.partnertokens.keycloak.persistence.PartnerKeyEntity;
import dev.partnertokens.keycloak.persistence.PartnerKeyRepository;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;

/**
 * What a signed leak report does to the realm's keys. For each match:
 * <ul>
 *   <li>not a well-formed partner secret (prefix, length, alphabet, checksum): {@code false_positive}, and the
 *       database is not even read;</li>
 *   <li>well formed but the secret of no key of the realm: {@code false_positive};</li>
 *   <li>the secret, or a rotation's old secret still in its overlap, of a key that is not revoked: the key is revoked
 *       (revocation log → every token refused at the partner API), the report is written to the audit trail and is a
 *       Keycloak event, the partner's Owners get an e-mail; {@code true_positive};</li>
 *   <li>the secret of a key revoked before, or an old secret whose overlap has ended: written to the audit trail and
 *       a Keycloak event, nothing revoked; {@code true_positive}.</li>
 * </ul>
 * The secret is looked up by its stored hash, under the realm's hasher and plain SHA-256 (hashes stored before a
 * pepper was configured), with the indexes of changelog 007. Nothing written names the secret.
 */
public final class LeakReports {

    /** The key's revocation reason in the revocation log. */
    public static final String REASON = "SECRET_LEAKED";

    private final KeycloakSession session;
    private final RealmModel realm;

    public LeakReports(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** Handles every match of one report signed by {@code reporter}; the answers are in the matches' order. */
    public List<LeakFeedback> handle(ReporterKey reporter, List<LeakReportEntry> entries) {
        List<LeakFeedback> answers = new ArrayList<>(entries.size());
        for (LeakReportEntry entry : entries) {
            LeakLabel label = handle(reporter, entry);
            answers.add(new LeakFeedback(hexSha256(entry.token()), entry.type(), label.wire()));
        }
        return answers;
    }

    private LeakLabel handle(ReporterKey reporter, LeakReportEntry entry) {
        if (!PartnerSecret.looksValid(entry.token())) {
            return LeakLabel.FALSE_POSITIVE;
        }
        Set<String> hashes = new LinkedHashSet<>();
        hashes.add(SecretHashers.of(session).hash(entry.token()));
        hashes.add(SecretHasher.sha256().hash(entry.token()));
        List<PartnerKeyEntity> keys = new PartnerKeyRepository(session, realm.getId()).withSecretHash(hashes);
        if (keys.isEmpty()) {
            return LeakLabel.FALSE_POSITIVE;
        }
        LeakLocation where = LeakLocation.of(entry.url(), entry.source(), entry.type());
        for (PartnerKeyEntity key : keys) {
            leaked(reporter, key, hashes.contains(key.getSecretHash()), where);
        }
        return LeakLabel.TRUE_POSITIVE;
    }

    private void leaked(ReporterKey reporter, PartnerKeyEntity key, boolean currentSecret, LeakLocation where) {
        long now = System.currentTimeMillis();
        boolean works = currentSecret || PartnerKeys.oldSecretLiveUntil(key, now) != null;
        boolean revokeNow = key.getRevokedAt() == null && works;
        Actor actor = Actor.reporter(reporter.identifier());
        String outcome;
        if (revokeNow) {
            new PartnerKeys(session, realm).revoke(key, REASON);
            new KeyNotices(session, realm).leaked(key, actor, where);
            outcome = "key revoked";
        } else if (key.getRevokedAt() != null) {
            outcome = "the key was already revoked";
        } else {
            outcome = "a secret a rotation replaced, which no longer works; key not revoked";
        }
        String which = currentSecret ? "the secret" : "an old secret (rotated)";
        OrganizationModel partner = Partners.byId(session, realm, key.getPartnerId());
        new KeyAudit(session, realm).request(KeyAudit.Action.LEAK_REPORTED, 200, actor,
                new KeyAudit.Subject(key.getPartnerId(), partner == null ? null : partner.getAlias(), key.getId(), key.getClientId()),
                which + " of key '" + key.getName() + "' was reported leaked at " + where.describe() + "; " + outcome,
                Map.of("leak_url", where.url(), "leak_source", where.source(), "leak_type", where.type(),
                        "key_revoked", String.valueOf(revokeNow)));
    }

    /** The lower-case hex SHA-256 of the UTF-8 bytes of {@code text}: how a reported match is named in answers. */
    public static String hexSha256(String text) {
        return hexSha256(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The lower-case hex SHA-256 of {@code bytes}. */
    public static String hexSha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
