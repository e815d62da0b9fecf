package dev.partnertokens.keycloak.notify;

import java.io.IOException;
import java.text.MessageFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import dev.partnertokens.keycloak.audit.Actor;
import dev.partnertokens.keycloak.audit.KeyAudit;
import dev.partnertokens.keycloak.partners.PartnerRoles;
import dev.partnertokens.keycloak.partners.Partners;
import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailSenderProvider;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.theme.FreeMarkerException;
import org.keycloak.theme.Theme;
import org.keycloak.theme.beans.MessageFormatterMethod;
import org.keycloak.theme.freemarker.FreeMarkerProvider;

/**
 * One e-mail about a key to each Owner of its partner (members of the Organization in the realm group
 * {@code /partners/<alias>/owner} with an e-mail address), rendered from the realm's e-mail theme (or
 * {@code partner-tokens} when the realm's theme has no such template) and sent with Keycloak's e-mail sender and the
 * realm's SMTP settings. A failure is logged and written to the audit trail; it never reaches the caller.
 */
final class OwnerMail {

    static final String THEME = "partner-tokens";
    private static final Logger LOG = Logger.getLogger(OwnerMail.class);

    private final KeycloakSession session;
    private final RealmModel realm;

    OwnerMail(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    static boolean hasMailServer(RealmModel realm) {
        Map<String, String> smtp = realm.getSmtpConfig();
        return smtp != null && smtp.get("host") != null && !smtp.get("host").isBlank();
    }

    /** Sends the notice to every Owner; returns how many e-mails went. */
    int send(KeyNotice notice) {
        OrganizationModel partner = Partners.byId(session, realm, notice.partnerId());
        if (partner == null || !hasMailServer(realm)) {
            return 0;
        }
        List<UserModel> owners = owners(partner);
        int sent = 0;
        for (UserModel owner : owners) {
            try {
                sendTo(owner, partner, notice);
                sent++;
            } catch (EmailException | IOException | FreeMarkerException | RuntimeException e) {
                failed(partner, notice, owner, e);
            }
        }
        if (owners.isEmpty()) {
            LOG.debugf("Partner %s has no Owner with an e-mail address: no e-mail about key %s", partner.getAlias(), notice.keyClientId());
        }
        return sent;
    }

    private List<UserModel> owners(OrganizationModel partner) {
        GroupModel group = KeycloakModelUtils.findGroupByPath(session, realm,
                "/" + PartnerRoles.GROUP_ROOT + "/" + partner.getAlias() + "/owner");
        if (group == null) {
            return List.of();
        }
        return session.users().getGroupMembersStream(realm, group)
                .filter(UserModel::isEnabled)
                .filter(user -> user.getEmail() != null && !user.getEmail().isBlank())
                .filter(partner::isMember)
                .toList();
    }

    private void sendTo(UserModel owner, OrganizationModel partner, KeyNotice notice)
            throws EmailException, IOException, FreeMarkerException {
        Theme theme = themeWith(notice.kind().template);
        Locale locale = realm.getDefaultLocale() == null ? Locale.ENGLISH : Locale.forLanguageTag(realm.getDefaultLocale());
        Properties messages = theme.getMessages(locale);
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("msg", new MessageFormatterMethod(locale, messages));
        attributes.put("realmName", realm.getDisplayName() == null ? realm.getName() : realm.getDisplayName());
        attributes.put("partnerName", partner.getName());
        attributes.put("partnerAlias", partner.getAlias());
        attributes.put("keyName", notice.keyName());
        attributes.put("keyClientId", notice.keyClientId());
        attributes.put("rights", String.join(", ", notice.rights()));
        attributes.put("actor", notice.actor() == null ? "" : notice.actor());
        attributes.put("expiresAt", notice.expiresAt() == null ? "" : notice.expiresAt());
        attributes.put("foundAt", notice.foundAt() == null ? "" : notice.foundAt());
        attributes.put("ownerName", owner.getFirstName() == null ? owner.getUsername() : owner.getFirstName());
        String subjectPattern = messages.getProperty(notice.kind().subjectKey, notice.kind().subjectKey);
        String subject = new MessageFormat(subjectPattern, locale).format(new Object[] {notice.keyName(), partner.getName()});
        FreeMarkerProvider freeMarker = session.getProvider(FreeMarkerProvider.class);
        String text = freeMarker.processTemplate(attributes, "text/" + notice.kind().template + ".ftl", theme);
        String html = freeMarker.processTemplate(attributes, "html/" + notice.kind().template + ".ftl", theme);
        session.getProvider(EmailSenderProvider.class).send(realm.getSmtpConfig(), owner, subject, text, html);
    }

    private Theme themeWith(String template) throws IOException {
        String realmTheme = realm.getEmailTheme();
        if (realmTheme != null && !realmTheme.equals(THEME)) {
            Theme theme = session.theme().getTheme(realmTheme, Theme.Type.EMAIL);
            if (theme != null && theme.getTemplate("html/" + template + ".ftl") != null) {
                return theme;
            }
        }
        return session.theme().getTheme(THEME, Theme.Type.EMAIL);
    }

    private void failed(OrganizationModel partner, KeyNotice notice, UserModel owner, Exception e) {
        // the exception's text may quote the mail server; the class is enough to start looking, and holds no secret
        LOG.warnf("Partner Tokens could not e-mail %s of partner %s about key %s (%s): %s", owner.getUsername(),
                partner.getAlias(), notice.keyClientId(), notice.kind(), e.getClass().getName());
        KeyAudit.Action action = switch (notice.kind()) {
            case CREATED -> KeyAudit.Action.CREATE;
            case REVOKED -> KeyAudit.Action.REVOKE;
            case EXPIRING -> KeyAudit.Action.EDIT;
            case LEAKED -> KeyAudit.Action.LEAK_REPORTED;
        };
        new KeyAudit(session, realm).log(action, 502, Actor.system(), new KeyAudit.Subject(partner.getId(), partner.getAlias(),
                notice.keyId(), notice.keyClientId()), "e-mail to Owner " + owner.getUsername() + " not sent ("
                + notice.kind().name().toLowerCase(Locale.ROOT) + " notice): " + e.getClass().getSimpleName(), null, 1);
    }
}
