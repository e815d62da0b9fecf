package dev.partnertokens.api.testing;

import java.nio.file.Path;
import java.util.Map;

/**
 * Which database the partner API runs on in this test run: {@code h2} (a file-backed H2, WildFly's own driver, the
 * default) or {@code postgres} (a real PostgreSQL through the driver module {@code org.postgresql} that the build
 * installs in the tests' WildFly). The build's second IT execution sets {@code partner-api.it.db=postgres}.
 */
public enum PartnerApiDatabase {
    H2, POSTGRES;

    /** The PostgreSQL database the partner API gets, next to the server's default one, as an operator would create it. */
    public static final String POSTGRES_DATABASE = "partner_api";

    public static PartnerApiDatabase ofThisRun() {
        return "postgres".equals(System.getProperty("partner-api.it.db", "h2")) ? POSTGRES : H2;
    }

    /**
     * The system properties that partner-api-ds.xml reads, for a file-backed H2 database at {@code file}: no user and
     * password (the datasource's defaults, empty), as the local run's and earlier builds' files were created.
     */
    public static Map<String, String> h2File(Path file) {
        return Map.of(
                "partner-api.db.url", "jdbc:h2:file:" + file.toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE",
                "partner-api.db.driver", "h2");
    }

    /** The system properties that partner-api-ds.xml reads, for a PostgreSQL database. */
    public static Map<String, String> postgres(String jdbcUrl, String user, String password) {
        return Map.of(
                "partner-api.db.url", jdbcUrl,
                "partner-api.db.driver", "postgresql",
                "partner-api.db.user", user,
                "partner-api.db.password", password);
    }
}
