package dev.partnertokens.api.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jboss.logging.Logger;

/**
 * The partner API's schema, from the versioned SQL migrations in {@code db/migration/<database>/}: {@code h2} or
 * {@code postgresql}, the folder of the database the datasource reaches. A released migration is never edited; a
 * change is a new {@code V<n>__<what>.sql} in both folders.
 *
 * <p>A database that Hibernate's hbm2ddl created before there were migrations has the tables but no history: it is
 * baselined at version 0, and {@code V1} (which only creates what does not exist) then records it as version 1
 * without touching its rows.
 */
public final class SchemaMigrations {

    /** The history table, named after the partner API so that it can share a schema with other applications'. */
    public static final String HISTORY_TABLE = "partner_api_schema_history";

    private static final Logger LOG = Logger.getLogger(SchemaMigrations.class);

    private SchemaMigrations() {
    }

    /** Brings the schema of {@code dataSource} to the latest version; fails when a migration fails or was edited. */
    public static MigrateResult migrate(DataSource dataSource) {
        MigrateResult result = Flyway.configure(SchemaMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration/" + folderOf(dataSource))
                .table(HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .baselineDescription("tables created by hbm2ddl before versioned migrations")
                .validateMigrationNaming(true)
                .load()
                .migrate();
        LOG.infof("The partner API's schema is at version %s (%d migration(s) applied now)",
                result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion, result.migrationsExecuted);
        return result;
    }

    /** {@code h2} or {@code postgresql}; any other database is refused, as it has no migrations. */
    static String folderOf(DataSource dataSource) {
        String product;
        try (Connection connection = dataSource.getConnection()) {
            product = connection.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the partner API's database", e);
        }
        return switch (product.toLowerCase(Locale.ROOT)) {
            case "h2" -> "h2";
            case "postgresql" -> "postgresql";
            default -> throw new IllegalStateException("The partner API has schema migrations for H2 and PostgreSQL, not for " + product);
        };
    }
}
