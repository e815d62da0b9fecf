package dev.partnertokens.testing;

import java.util.List;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one real Keycloak per test run (per failsafe execution) and hands it to the tests that ask for it: a
 * {@link KeycloakServer} parameter, or a {@link KeycloakDatabase} parameter for tests that read what it stored.
 *
 * <p>Keycloak costs ~40 s to build and start on a 2-core machine, so it is started by the first test class
 * that needs it, kept in the root store, and stopped when the whole run ends. With {@code keycloak.db=postgres}
 * a real PostgreSQL is started first and stopped after Keycloak.
 *
 * <p>In the cluster execution ({@code keycloak.cluster=true}, see {@link KeycloakClusterExtension}) these tests are
 * disabled, so that choosing one with {@code -Dit.test} does not run it a third time.
 */
public final class KeycloakExtension implements BeforeAllCallback, ParameterResolver, ExecutionCondition {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KeycloakExtension.class);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return "true".equals(System.getProperty(KeycloakClusterExtension.ENABLED_PROPERTY))
                ? ConditionEvaluationResult.disabled("Tests of one Keycloak do not run in the cluster execution")
                : ConditionEvaluationResult.enabled("one Keycloak");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == KeycloakServer.class || type == KeycloakDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KeycloakDatabase.class ? running(context).access() : server(context);
    }

    /** The running server, starting it on first use. */
    public static KeycloakServer server(ExtensionContext context) {
        return running(context).server();
    }

    private static RunningKeycloak running(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(RunningKeycloak.class, key -> RunningKeycloak.start(), RunningKeycloak.class);
    }

    private record RunningKeycloak(KeycloakServer server, KeycloakDatabase access, AutoCloseable database)
            implements ExtensionContext.Store.CloseableResource, AutoCloseable {

        static RunningKeycloak start() {
            KeycloakSettings settings = KeycloakSettings.fromSystemProperties();
            if (!"postgres".equals(settings.db())) {
                KeycloakServer server = KeycloakServer.start(settings.withDatabase(settings.db(), KeycloakDatabase.devFileStartOptions()));
                return new RunningKeycloak(server, KeycloakDatabase.devFile(settings.home()), () -> { });
            }
            PostgresDatabase postgres = PostgresDatabase.start(settings.logFile().getParent().resolve("postgres"));
            try {
                return new RunningKeycloak(KeycloakServer.start(settings.withDatabase("postgres", List.of(
                        "--db-url=" + postgres.jdbcUrl(),
                        "--db-username=" + postgres.user(),
                        "--db-password=" + postgres.password()))), KeycloakDatabase.postgres(settings.home(), postgres), postgres);
            } catch (RuntimeException e) {
                postgres.close();
                throw e;
            }
        }

        @Override
        public void close() throws Exception {
            try {
                server.close();
            } finally {
                database.close();
            }
        }
    }
}
