package org.jiedao.hub.app;

import java.util.HashMap;
import java.util.Map;

import org.jiedao.hub.graph.entity.EntityResolution;
import org.jiedao.hub.graph.entity.EntityStore;
import org.jiedao.hub.graph.entity.review.ReviewQueue;
import org.jiedao.hub.graph.resolution.ResolutionSettings;
import org.jiedao.hub.ontology.NodeType;
import org.jiedao.hub.ontology.Ontology;
import org.neo4j.driver.Driver;

/**
 * Builds the hub's person entity resolution from its {@link ResolutionConfig}: the person comparisons and blocking
 * of {@link PersonResolution} with the configured weights, thresholds and guards, the Person entity store with the
 * configured survivorship (derived properties follow the property they come from), and the review queue. Closing it
 * stops the review queue's Spring context.
 */
final class ResolutionSetup implements AutoCloseable {
    private final ReviewQueue queue;
    private final EntityResolution resolution;

    private ResolutionSetup(ReviewQueue queue, EntityResolution resolution) {
        this.queue = queue;
        this.resolution = resolution;
    }

    /**
     * @param driver   the hub's driver
     * @param ontology the ontology (Person and its derived properties)
     * @param config   the settings
     * @return the resolution, ready
     */
    static ResolutionSetup create(Driver driver, Ontology ontology, ResolutionConfig config) {
        NodeType person = ontology.nodeType("Person");
        Map<String, String> derivations = new HashMap<>();
        ontology.derivations(person).forEach((d, from) -> derivations.put(d.name(), from.name()));
        ResolutionSettings settings = PersonResolution.settings()
                .thresholds(config.linkThreshold(), config.reviewThreshold())
                .hubFields(config.maxIdentitiesPerValue(), "phone", "address")
                .maxClusterSize(config.maxClusterSize())
                .weights(config.weights())
                .build();
        ReviewQueue queue = ReviewQueue.create(driver);
        EntityStore store = new EntityStore(driver, person, config.survivorship(), derivations);
        return new ResolutionSetup(queue, new EntityResolution(store, queue, settings, driver, config.maxCandidatesPerBlock()));
    }

    /** @return the resolution */
    EntityResolution resolution() {
        return resolution;
    }

    @Override
    public void close() {
        queue.close();
    }
}
