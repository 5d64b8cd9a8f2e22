package org.jiedao.hub.app;

import java.util.List;

import org.jiedao.hub.graph.schema.GraphSchema;
import org.jiedao.hub.graph.write.RecordWriter;
import org.jiedao.hub.loaders.reference.DivisionAssertions;
import org.jiedao.hub.loaders.reference.DivisionCodes;
import org.jiedao.hub.ontology.Ontology;
import org.neo4j.driver.Driver;

/**
 * What the graph needs before any source is written: the schema derived from the ontology (constraints, indexes)
 * and the division reference data of 西城区 (records link to these communities and never create them). Idempotent.
 */
final class GraphSetup {
    private GraphSetup() {
    }

    /**
     * @param driver   the hub's driver
     * @param ontology the ontology
     * @return a writer on the driver, for the caller's sources
     * @throws org.neo4j.driver.exceptions.Neo4jException if the schema or the reference data cannot be written
     */
    static RecordWriter prepare(Driver driver, Ontology ontology) {
        return prepare(driver, ontology, null);
    }

    /**
     * @param driver   the hub's driver
     * @param ontology the ontology
     * @param changes  where the writer publishes the entity changes of committed batches, or null for nowhere
     * @return a writer on the driver, for the caller's sources
     * @throws org.neo4j.driver.exceptions.Neo4jException if the schema or the reference data cannot be written
     */
    static RecordWriter prepare(Driver driver, Ontology ontology, org.jiedao.hub.graph.feed.ChangeFeed changes) {
        new GraphSchema(ontology).apply(driver);
        RecordWriter writer = new RecordWriter(driver, ontology, changes);
        writer.write(DivisionAssertions.of(DivisionCodes.xicheng(), ontology, "xicheng_110102.csv"), List.of());
        return writer;
    }
}
