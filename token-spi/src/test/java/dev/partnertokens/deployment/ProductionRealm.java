package dev.partnertokens.deployment;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the production realm must be: the demo realm of the local run and the tests, minus everything that is only
 * there for the demo, with the secrets and public URLs left to the environment. Written down once here so that the
 * two files cannot drift apart: a change to one of them that the other does not follow fails
 * {@code ProductionRealmTest}.
 */
public final class ProductionRealm {

    /** The partner API's (WildFly's) confidential client, whose secret production takes from the environment. */
    public static final String WAR_CLIENT = "partner-api-war";
    public static final String WAR_CLIENT_SECRET_VARIABLE = "PARTNER_API_WAR_CLIENT_SECRET";
    public static final String PUBLIC_URL_VARIABLE = "PARTNER_API_PUBLIC_URL";
    /** The demo's stock-Keycloak comparison client: not a part of the product. */
    public static final String DEMO_CLIENT = "demo-cc";

    private ProductionRealm() {
    }

    /** The production realm, derived from the demo realm. */
    public static ObjectNode fromDemo(JsonNode demo) {
        ObjectNode realm = demo.deepCopy();
        realm.put("displayName", "Partner Tokens");
        // Plain HTTP only from private networks (the partner API's calls inside the compose network); through the
        // proxy, HTTPS.
        realm.put("sslRequired", "external");
        // No people and no partners: the only user kept is the partner API's service account (roles, no credentials).
        ArrayNode users = realm.putArray("users");
        for (JsonNode user : demo.path("users")) {
            if (WAR_CLIENT.equals(user.path("serviceAccountClientId").asText())) {
                users.add(user.deepCopy());
            }
        }
        realm.remove("organizations");
        // The dashboard-role groups of the demo partners go; the "partners" group that holds every partner's stays.
        for (JsonNode group : realm.path("groups")) {
            ((ObjectNode) group).putArray("subGroups");
        }
        ArrayNode clients = realm.putArray("clients");
        for (JsonNode demoClient : demo.path("clients")) {
            String clientId = demoClient.path("clientId").asText();
            if (clientId.equals(DEMO_CLIENT)) {
                continue;
            }
            ObjectNode client = demoClient.deepCopy();
            if (clientId.equals(WAR_CLIENT)) {
                client.put("secret", "${" + WAR_CLIENT_SECRET_VARIABLE + "}");
            }
            if (clientId.equals("partner-dashboard")) {
                // People sign in with the browser (authorization code and PKCE) only, and come back to the public URL.
                client.put("directAccessGrantsEnabled", false);
                client.putArray("redirectUris").add("${" + PUBLIC_URL_VARIABLE + "}/partner-api/*");
            }
            clients.add(client);
        }
        return realm;
    }

    /** Every text value of a realm export, with the path to it, for searching for values that must not be there. */
    public static List<String> textValues(JsonNode node) {
        List<String> values = new ArrayList<>();
        collect(node, values);
        return values;
    }

    /** The demo realm's secrets: every password of a demo user and every client secret. */
    public static List<String> demoSecrets(JsonNode demo) {
        List<String> secrets = new ArrayList<>();
        for (JsonNode user : demo.path("users")) {
            for (JsonNode credential : user.path("credentials")) {
                secrets.add(credential.path("value").asText());
            }
        }
        for (JsonNode client : demo.path("clients")) {
            if (client.hasNonNull("secret")) {
                secrets.add(client.path("secret").asText());
            }
        }
        return secrets.stream().filter(s -> !s.isEmpty()).distinct().toList();
    }

    private static void collect(JsonNode node, List<String> values) {
        if (node.isTextual()) {
            values.add(node.asText());
        }
        node.forEach(child -> collect(child, values));
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(values::add);
        }
    }
}
