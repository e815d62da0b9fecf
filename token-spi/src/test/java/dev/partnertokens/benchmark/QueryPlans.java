package dev.partnertokens.benchmark;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.partnertokens.testing.KeycloakDatabase;

/**
 * {@code EXPLAIN (ANALYZE, BUFFERS)} of the provider's queries that grow with the number of keys, as the
 * {@code PartnerKeyRepository} sends them (JPQL written out as SQL), on the seeded data; and the size of the tables.
 */
final class QueryPlans {

    private final KeycloakDatabase database;

    QueryPlans(KeycloakDatabase database) {
        this.database = database;
    }

    void print(PrintStream out, String realm, String partnerAlias) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("analyze partner_key");
            String realmId = single(statement, "select id from realm where name = '" + realm + "'");
            String partnerId = single(statement, "select id from org where realm_id = '" + realmId + "' and alias = '" + partnerAlias + "'");
            String keyId = single(statement, "select id from partner_key where realm_id = '" + realmId + "' and partner_id = '"
                    + partnerId + "' order by created_at desc limit 1");
            String clientId = single(statement, "select client_id from partner_key where id = '" + keyId + "'");
            String clientUuid = single(statement, "select client_uuid from partner_key where id = '" + keyId + "'");
            long now = System.currentTimeMillis();
            String live = " k.realm_id = '" + realmId + "' and k.partner_id = '" + partnerId + "' and k.revoked_at is null"
                    + " and (k.expires_at is null or k.expires_at > " + now + ")";
            Map<String, String> queries = new LinkedHashMap<>();
            queries.put("list page (first page, limit 20 + 1)",
                    "select * from partner_key k where" + live + " order by k.created_at asc, k.id asc limit 21");
            queries.put("list total count", "select count(k.id) from partner_key k where" + live);
            queries.put("get by id (tokens API)", "select * from partner_key k where k.id = '" + keyId + "' and" + live);
            queries.put("key by client id (grant, when the snapshot is not trusted)",
                    "select * from partner_key k where k.realm_id = '" + realmId + "' and k.client_id = '" + clientId + "'");
            queries.put("key by client (admin-console client events)",
                    "select * from partner_key k where k.realm_id = '" + realmId + "' and k.client_uuid = '" + clientUuid + "'");
            queries.put("keys expiring soon (housekeeping)",
                    "select * from partner_key k where k.realm_id = '" + realmId + "' and k.revoked_at is null"
                            + " and k.expiry_notice_sent_at is null and k.expires_at > " + now + " and k.expires_at <= "
                            + (now + 7L * 24 * 3600 * 1000) + " order by k.expires_at limit 100");
            for (Map.Entry<String, String> query : queries.entrySet()) {
                out.println("[plan] " + query.getKey() + ":");
                try (ResultSet plan = statement.executeQuery("explain (analyze, buffers) " + query.getValue())) {
                    while (plan.next()) {
                        out.println("[plan]     " + plan.getString(1));
                    }
                }
            }
            out.println("[size] rows and sizes (table + indexes):");
            for (String table : new String[] {"partner_key", "partner_key_usage", "client", "client_attributes",
                    "protocol_mapper", "protocol_mapper_config", "user_entity", "client_scope_client", "component",
                    "component_config"}) {
                out.printf(java.util.Locale.ROOT, "[size]     %-24s %9s rows %8.1f MB%n", table,
                        single(statement, "select count(*) from " + table),
                        Long.parseLong(single(statement, "select pg_total_relation_size('" + table + "')")) / 1e6);
            }
            out.printf(java.util.Locale.ROOT, "[size]     database total %8.1f MB%n",
                    Long.parseLong(single(statement, "select pg_database_size(current_database())")) / 1e6);
        }
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            if (!rows.next()) {
                throw new IllegalStateException("No row for " + sql);
            }
            return rows.getString(1);
        }
    }
}
