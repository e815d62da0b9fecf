package dev.partnertokens.keycloak.it;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.partnertokens.testing.KeycloakDatabase;

/** Everything readable as text in Keycloak's database: every text or binary column of every table. */
final class StoredValues {

    private static final Set<Integer> TEXT_TYPES = Set.of(Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR,
            Types.LONGNVARCHAR, Types.CLOB, Types.NCLOB, Types.OTHER, Types.SQLXML);
    private static final Set<Integer> BINARY_TYPES = Set.of(Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB);

    /** One non-null value of one column of one row. */
    record Cell(String table, String column, String value) {
    }

    private final KeycloakDatabase database;

    StoredValues(KeycloakDatabase database) {
        this.database = database;
    }

    /** Every non-null text and binary value of every table, binary values read as UTF-8. */
    List<Cell> all() throws SQLException {
        List<Cell> cells = new ArrayList<>();
        try (Connection connection = database.connect()) {
            DatabaseMetaData metadata = connection.getMetaData();
            String quote = metadata.getIdentifierQuoteString();
            String schema = "postgres".equals(database.vendor()) ? "public" : "PUBLIC";
            for (String table : tables(metadata, schema)) {
                for (Column column : columns(metadata, schema, table)) {
                    String sql = "select " + quote + column.name + quote + " from " + quote + schema + quote + "." + quote + table + quote;
                    try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
                        while (rows.next()) {
                            String value = column.binary ? utf8(rows.getBytes(1)) : rows.getString(1);
                            if (value != null) {
                                cells.add(new Cell(table, column.name, value));
                            }
                        }
                    }
                }
            }
        }
        return cells;
    }

    /** A single text value found by a query with one parameter, e.g. a column of the row of one client. */
    Optional<String> single(String sql, String parameter) throws SQLException {
        try (Connection connection = database.connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw new IllegalStateException("No row for " + sql + " with " + parameter);
                }
                return Optional.ofNullable(rows.getString(1));
            }
        }
    }

    /** Changes rows behind Keycloak's back (to make what an earlier version left); answers how many. */
    int update(String sql, String parameter) throws SQLException {
        try (Connection connection = database.connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            return statement.executeUpdate();
        }
    }

    private static List<String> tables(DatabaseMetaData metadata, String schema) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rows = metadata.getTables(null, schema, "%", new String[] {"TABLE"})) {
            while (rows.next()) {
                tables.add(rows.getString("TABLE_NAME"));
            }
        }
        return tables;
    }

    private record Column(String name, boolean binary) {
    }

    private static List<Column> columns(DatabaseMetaData metadata, String schema, String table) throws SQLException {
        List<Column> columns = new ArrayList<>();
        String escape = metadata.getSearchStringEscape();
        String pattern = table.replace("_", escape + "_").replace("%", escape + "%");
        try (ResultSet rows = metadata.getColumns(null, schema, pattern, "%")) {
            while (rows.next()) {
                int type = rows.getInt("DATA_TYPE");
                if (table.equals(rows.getString("TABLE_NAME")) && (TEXT_TYPES.contains(type) || BINARY_TYPES.contains(type))) {
                    columns.add(new Column(rows.getString("COLUMN_NAME"), BINARY_TYPES.contains(type)));
                }
            }
        }
        return columns;
    }

    private static String utf8(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
