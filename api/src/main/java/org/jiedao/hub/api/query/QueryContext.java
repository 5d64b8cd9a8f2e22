package org.jiedao.hub.api.query;

import org.jiedao.hub.api.QueryLimits;
import org.jiedao.hub.api.cypher.CypherRunner;
import org.jiedao.hub.api.cypher.SelectionTranslator;
import org.jiedao.hub.api.refs.NodeRefs;
import org.jiedao.hub.api.schema.SchemaBuilder;
import org.jiedao.hub.ontology.Ontology;

/**
 * What a root field needs to answer: the ontology, the derived schema, the selection translator, the runner of
 * read statements, the query limits and the sealer of node refs. One per GraphQL engine; immutable and shared across
 * requests.
 *
 * @param ontology   the domain ontology
 * @param schema     the schema derived from it
 * @param translator turns selections into Cypher
 * @param cypher     runs read statements off the event loop
 * @param limits     the configured query limits
 * @param refs       seals and opens the opaque node handles of {@code ref} fields and {@code node(ref:)}
 */
public record QueryContext(Ontology ontology, SchemaBuilder schema, SelectionTranslator translator, CypherRunner cypher,
                           QueryLimits limits, NodeRefs refs) {
    /**
     * A context whose refs are sealed with a random in-memory secret ({@link NodeRefs#ephemeral()}): they do not
     * survive the engine.
     *
     * @param ontology   the domain ontology
     * @param schema     the schema derived from it
     * @param translator turns selections into Cypher
     * @param cypher     runs read statements off the event loop
     * @param limits     the configured query limits
     */
    public QueryContext(Ontology ontology, SchemaBuilder schema, SelectionTranslator translator, CypherRunner cypher,
                        QueryLimits limits) {
        this(ontology, schema, translator, cypher, limits, NodeRefs.ephemeral());
    }
}
