package dev.partnertokens.api.dashboard;

import java.util.Map;

/**
 * The person signed in to the dashboard as the page shows them, and what the page offers them. The server refuses
 * everything it does not offer anyway ({@code @RequiresDashboardRole}, and the provider decides again).
 *
 * @param username       their {@code preferred_username}
 * @param name           their full name, or the username when Keycloak knows none
 * @param partner        the partner this sign-in acts for (the single alias of the token's {@code organization}),
 *                       {@code null} when the token names none or several
 * @param role           their role in that partner, {@code null} with it
 * @param partners       their role in every partner they belong to ({@code partner_roles}), to switch between them
 * @param mayEditKeys    Owners edit keys
 * @param mayRevokeKeys  Owners revoke keys
 * @param mayRotateKeys  Owners roll a key's secret and end a rotation's overlap
 * @param mayReadAudit   Owners and Admins read the audit trail
 */
public record SignedInPerson(String username, String name, String partner, String role, Map<String, String> partners,
                             boolean mayEditKeys, boolean mayRevokeKeys, boolean mayRotateKeys,
                             boolean mayReadAudit) {
}
