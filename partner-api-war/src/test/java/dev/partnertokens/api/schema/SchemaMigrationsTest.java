package dev.partnertokens.api.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import dev.partnertokens.api.audit.AuditAction;
import dev.partnertokens.api.audit.AuditOutcome;
import dev.partnertokens.api.audit.AuditSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.api.output.MigrateResult;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The migrations on the two databases the partner API runs on (WildFly's H2 and a real PostgreSQL): an empty
 * database gets the schema, a database that Hibernate's hbm2ddl created before keeps its rows, and running them again
 * changes nothing. The enumerations' columns take every constant: a new one needs a migration (on H2 the column's
 * {@code enum} type, on PostgreSQL its {@code check} constraint).
 */
class SchemaMigrationsTest {

    /** V1 the schema hbm2ddl made, V2 the audit actions of leak reports and the brute-force guard. */
    private static final int LATEST_VERSION = 2;

    /** What hbm2ddl created for the audit trail before there were migrations (Hibernate 6.6), on each database. */
    private static final String HBM2DDL_AUDIT_TABLE_H2 = """
            create table PARTNER_API_AUDIT_ENTRY (id varchar(36) not null,
              action enum ('AUTH_FAILED','CATALOGUE','CREATE','EDIT','EXPIRING_SOON','LIST','REVOKE','ROTATE','VIEW') not null,
              actorKind varchar(32), actorRole varchar(32), clientIp varchar(64), entryCount integer, detail varchar(1000),
              keyClientId varchar(255), keyId varchar(100), occurredAt timestamp(6) with time zone not null,
              outcome enum ('DENIED','FAILED','SUCCEEDED') not null, partner varchar(255), providerSeq bigint,
              requestId varchar(64) not null, source enum ('KEYCLOAK','PARTNER_API'), status integer not null,
              username varchar(255), primary key (id))""";
    private static final String HBM2DDL_AUDIT_TABLE_POSTGRES = """
            create table PARTNER_API_AUDIT_ENTRY (id varchar(36) not null,
              action varchar(16) not null check (action in ('LIST','VIEW','CREATE','EDIT','REVOKE','AUTH_FAILED','ROTATE','EXPIRING_SOON','CATALOGUE')),
              actorKind varchar(32), actorRole varchar(32), clientIp varchar(64), entryCount integer, detail varchar(1000),
              keyClientId varchar(255), keyId varchar(100), occurredAt timestamp(6) with time zone not null,
              outcome varchar(16) not null check (outcome in ('SUCCEEDED','DENIED','FAILED')), partner varchar(255),
              providerSeq bigint, requestId varchar(64) not null, source varchar(16) check (source in ('PARTNER_API','KEYCLOAK')),
              status integer not null, username varchar(255), primary key (id))""";
    private static final String AN_AUDIT_ROW = """
            insert into PARTNER_API_AUDIT_ENTRY (id, action, occurredAt, outcome, requestId, status, partner, source)
            values ('written-before-migrations', 'LIST', current_timestamp, 'SUCCEEDED', 'r-1', 200, 'acme', 'PARTNER_API')""";

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        Path directory = Path.of("target/schema-migrations-postgres").toAbsolutePath();
        postgres = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(directory.resolve("binaries").toFile())
                .setDataDirectory(directory.resolve("data"))
                .setCleanDataDirectory(true)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("unix_socket_directories", directory.toString())
                .start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @Test
    void anEmptyH2DatabaseGetsTheWholeSchema() throws Exception {
        anEmptyDatabaseGetsTheWholeSchema(emptyH2());
    }

    @Test
    void anEmptyPostgresDatabaseGetsTheWholeSchema() throws Exception {
        anEmptyDatabaseGetsTheWholeSchema(emptyPostgres());
    }

    @Test
    void anH2DatabaseThatHbm2ddlCreatedKeepsItsRows() throws Exception {
        aDatabaseThatHbm2ddlCreatedKeepsItsRows(emptyH2(), HBM2DDL_AUDIT_TABLE_H2);
    }

    @Test
    void aPostgresDatabaseThatHbm2ddlCreatedKeepsItsRows() throws Exception {
        aDatabaseThatHbm2ddlCreatedKeepsItsRows(emptyPostgres(), HBM2DDL_AUDIT_TABLE_POSTGRES);
    }

    @Test
    void everyAuditActionOutcomeAndSourceFitsTheH2Schema() throws Exception {
        everyConstantFits(emptyH2());
    }

    @Test
    void everyAuditActionOutcomeAndSourceFitsThePostgresSchema() throws Exception {
        everyConstantFits(emptyPostgres());
    }

    private void everyConstantFits(DataSource database) throws Exception {
        SchemaMigrations.migrate(database);
        int rows = 0;
        try (Connection connection = database.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "insert into PARTNER_API_AUDIT_ENTRY (id, action, occurredAt, outcome, requestId, status, source)"
                        + " values (?, ?, current_timestamp, ?, 'r', 200, ?)")) {
            for (AuditAction action : AuditAction.values()) {
                for (AuditOutcome outcome : AuditOutcome.values()) {
                    for (AuditSource source : AuditSource.values()) {
                        insert.setString(1, UUID.randomUUID().toString());
                        insert.setString(2, action.name());
                        insert.setString(3, outcome.name());
                        insert.setString(4, source.name());
                        insert.executeUpdate();
                        rows++;
                    }
                }
            }
        }
        assertThat(count(database, "select count(*) from PARTNER_API_AUDIT_ENTRY")).isEqualTo(rows);
    }

    private void anEmptyDatabaseGetsTheWholeSchema(DataSource database) throws Exception {
        MigrateResult first = SchemaMigrations.migrate(database);

        assertThat(first.migrationsExecuted).isEqualTo(LATEST_VERSION);
        assertThat(first.targetSchemaVersion).isEqualTo(String.valueOf(LATEST_VERSION));
        assertThat(tables(database)).contains("PARTNER_API_AUDIT_ENTRY", "PARTNER_API_QUOTE", "PARTNER_API_PLATFORM_CONFIG");
        assertThat(indexes(database)).contains("PARTNER_API_AUDIT_PARTNER_AT", "PARTNER_API_AUDIT_PROVIDER_SEQ");
        update(database, AN_AUDIT_ROW);
        assertThat(SchemaMigrations.migrate(database).migrationsExecuted).as("nothing to do the second time").isZero();
        assertThat(count(database, "select count(*) from PARTNER_API_AUDIT_ENTRY")).isEqualTo(1);
    }

    private void aDatabaseThatHbm2ddlCreatedKeepsItsRows(DataSource database, String hbm2ddlAuditTable) throws Exception {
        update(database, hbm2ddlAuditTable);
        update(database, AN_AUDIT_ROW);

        MigrateResult result = SchemaMigrations.migrate(database);

        assertThat(result.migrationsExecuted).isEqualTo(LATEST_VERSION);
        assertThat(result.targetSchemaVersion).isEqualTo(String.valueOf(LATEST_VERSION));
        assertThat(count(database, "select count(*) from PARTNER_API_AUDIT_ENTRY where id = 'written-before-migrations'")).isEqualTo(1);
        assertThat(tables(database)).as("what hbm2ddl had not created yet").contains("PARTNER_API_QUOTE", "PARTNER_API_PLATFORM_CONFIG");
        assertThat(indexes(database)).contains("PARTNER_API_AUDIT_PARTNER_AT", "PARTNER_API_AUDIT_PROVIDER_SEQ");
        assertThat(count(database, "select count(*) from \"" + SchemaMigrations.HISTORY_TABLE + "\" where \"version\" = '0'"))
                .as("the baseline that marks a database from before the migrations").isEqualTo(1);
    }

    private static DataSource emptyH2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        h2.setPassword("sa");
        return h2;
    }

    private static DataSource emptyPostgres() throws SQLException {
        String name = "migrations_" + UUID.randomUUID().toString().replace("-", "");
        update(postgres.getPostgresDatabase(), "create database " + name);
        return postgres.getDatabase("postgres", name);
    }

    private static List<String> tables(DataSource database) throws SQLException {
        return names(database, "select table_name from information_schema.tables");
    }

    private static List<String> indexes(DataSource database) throws SQLException {
        try (Connection connection = database.getConnection()) {
            String query = connection.getMetaData().getDatabaseProductName().contains("H2")
                    ? "select index_name from information_schema.indexes"
                    : "select indexname from pg_indexes";
            return names(database, query);
        }
    }

    private static List<String> names(DataSource database, String query) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(query)) {
            while (rows.next()) {
                names.add(rows.getString(1).toUpperCase());
            }
        }
        return names;
    }

    private static long count(DataSource database, String query) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void update(DataSource database, String sql) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
