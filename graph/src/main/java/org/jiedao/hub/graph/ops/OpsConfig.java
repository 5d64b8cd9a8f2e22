package org.jiedao.hub.graph.ops;

import org.neo4j.driver.Driver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.neo4j.config.AbstractNeo4jConfig;
import org.springframework.data.neo4j.repository.config.EnableNeo4jRepositories;
import org.springframework.transaction.annotation.EnableTransactionManagement;

/**
 * The small Spring context of the operational model (STACK.md: no Spring Boot runtime): SDN's mapping context,
 * template, {@code Neo4jTransactionManager} and the repositories of this package, on the hub's existing driver.
 */
@Configuration
@EnableTransactionManagement
@EnableNeo4jRepositories(basePackageClasses = OpsConfig.class)
class OpsConfig extends AbstractNeo4jConfig {
    private final DriverHolder holder;

    OpsConfig(DriverHolder holder) {
        this.holder = holder;
    }

    /** The hub's driver; not closed with the context (no destroy method), the hub owns it. */
    @Override
    @Bean(destroyMethod = "")
    public Driver driver() {
        return holder.driver();
    }

    /** Carries the caller's driver into the context without declaring a second {@link Driver} bean. */
    record DriverHolder(Driver driver) {
    }
}
