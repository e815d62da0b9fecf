package dev.partnertokens.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts a {@link KeycloakCluster} of two nodes once per test class (before its first test, stopped after its last)
 * and hands it to the tests as a {@link KeycloakCluster} parameter. Tests that change the cluster (stop a node) start
 * it again before they end: the next test finds both nodes running.
 *
 * <p>A cluster needs a shared database, so its tests run in a failsafe execution of their own on PostgreSQL
 * ({@code it-cluster} in token-spi); the executions of one Keycloak set {@code keycloak.cluster=false}, which
 * disables these tests there (also when a single test is chosen with {@code -Dit.test}).
 */
public final class KeycloakClusterExtension implements BeforeAllCallback, ParameterResolver, ExecutionCondition {

    /** System property: {@code false} disables cluster tests in this run. */
    public static final String ENABLED_PROPERTY = "keycloak.cluster";
    private static final int NODES = 2;
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KeycloakClusterExtension.class);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return "false".equals(System.getProperty(ENABLED_PROPERTY))
                ? ConditionEvaluationResult.disabled("Cluster tests run in their own execution on PostgreSQL (it-cluster), not with one Keycloak")
                : ConditionEvaluationResult.enabled("a cluster run");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        cluster(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KeycloakCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return cluster(context);
    }

    private static KeycloakCluster cluster(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getParent().isPresent() && classContext.getParent().get().getTestClass().isPresent()) {
            classContext = classContext.getParent().get();
        }
        return classContext.getStore(NAMESPACE)
                .getOrComputeIfAbsent(Running.class, key -> new Running(KeycloakCluster.start(NODES)), Running.class)
                .cluster();
    }

    private record Running(KeycloakCluster cluster) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            cluster.close();
        }
    }
}
