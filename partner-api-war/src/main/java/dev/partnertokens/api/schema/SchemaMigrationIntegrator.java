package dev.partnertokens.api.schema;

import javax.sql.DataSource;

import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.service.spi.SessionFactoryServiceRegistry;

/**
 * Runs the {@link SchemaMigrations} while Hibernate builds the persistence unit's session factory, before its schema
 * check ({@code hibernate.hbm2ddl.auto=validate} in persistence.xml): WildFly starts a persistence unit before any
 * bean of the deployment, so a startup bean would come too late. Found by Hibernate through
 * {@code META-INF/services/org.hibernate.integrator.spi.Integrator}; the migrations use the unit's own JTA datasource.
 */
public final class SchemaMigrationIntegrator implements Integrator {

    @Override
    public void integrate(Metadata metadata, BootstrapContext bootstrapContext, SessionFactoryImplementor sessionFactory) {
        DataSource dataSource = sessionFactory.getServiceRegistry().requireService(ConnectionProvider.class).unwrap(DataSource.class);
        SchemaMigrations.migrate(dataSource);
    }

    @Override
    public void disintegrate(SessionFactoryImplementor sessionFactory, SessionFactoryServiceRegistry serviceRegistry) {
        // nothing to undo: the schema stays
    }
}
