package org.jiedao.hub.api.schema;

import java.util.List;

import org.neo4j.cypherdsl.core.Cypher;
import org.neo4j.cypherdsl.core.Node;

/** The computed fields the API offers beyond the ontology's stored properties. */
public final class ComputedFields {
    private ComputedFields() {
    }

    /**
     * @return the counts of a community: residents, households and vehicles of residents; nullable, since they are
     *         suppressed below k for roles without personal access (docs/security/access-policy.md)
     */
    public static List<ComputedField> all() {
        return List.of(
                new ComputedField("Community", "residentCount", "Int", "居民人数 / persons residing at an address in the community",
                        c -> Cypher.raw("COUNT { MATCH (p:Person)-[:RESIDES_AT]->(:Address)-[:IN_COMMUNITY]->($E) RETURN DISTINCT p }", c.getRequiredSymbolicName()), "Person"),
                new ComputedField("Community", "householdCount", "Int", "户数 / households registered at an address in the community",
                        c -> Cypher.raw("COUNT { MATCH (h:Household)-[:REGISTERED_AT]->(:Address)-[:IN_COMMUNITY]->($E) RETURN DISTINCT h }", c.getRequiredSymbolicName()), "Household"),
                new ComputedField("Community", "vehicleCount", "Int", "车辆数 / vehicles owned by the community's residents",
                        c -> Cypher.raw("COUNT { MATCH (v:Vehicle)<-[:OWNS]-(:Person)-[:RESIDES_AT]->(:Address)-[:IN_COMMUNITY]->($E) RETURN DISTINCT v }",
                                c.getRequiredSymbolicName()), "Vehicle"));
    }

}
