package org.jiedao.hub.graph.entity.review;

import org.neo4j.driver.Driver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.neo4j.config.AbstractNeo4jConfig;
import org.springframework.data.neo4j.repository.config.EnableNeo4jRepositories;
import org.springframework.transaction.annotation.EnableTransactionManagement;

/** The small Spring context of the review queue, on the hub's driver (as the operational model's OpsConfig). */
@Configuration
@EnableTransactionManagement
@EnableNeo4jRepositories(basePackageClasses = ReviewConfig.class)
class ReviewConfig extends AbstractNeo4jConfig {
    private final DriverHolder holder;

    ReviewConfig(DriverHolder holder) {
        this.holder = holder;
    }

    /** The hub's driver; not closed with the context. */
    @Override
    @Bean(destroyMethod = "")
    public Driver driver() {
        return holder.driver();
    }

    @Override
    protected java.util.Collection<String> getMappingBasePackages() {
        return java.util.List.of(ReviewConfig.class.getPackageName());
    }

    /** Carries the caller's driver into the context. */
    record DriverHolder(Driver driver) {
    }
}
