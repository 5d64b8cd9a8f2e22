package org.jiedao.hub.api.schema;

import java.util.List;

import org.jiedao.hub.api.cypher.RowScope;
import org.neo4j.cypherdsl.core.Condition;
import org.neo4j.cypherdsl.core.Cypher;
import org.neo4j.cypherdsl.core.Expression;
import org.neo4j.cypherdsl.core.Node;

/** The computed fields the API offers beyond the ontology's stored properties. */
public final class ComputedFields {
    private ComputedFields() {
    }

    /**
     * @return the counts of a community: residents, households and vehicles of residents; with a row-level scope,
     *         only the counted nodes in that scope count; nullable, since they are suppressed below k for roles without
     *         personal access (docs/security/access-policy.md)
     */
    public static List<ComputedField> all() {
        return List.of(
                new ComputedField("Community", "residentCount", "Int", "居民人数 / persons residing at an address in the community",
                        (c, scope) -> count("MATCH (p:Person)-[:RESIDES_AT]->(:Address)-[:IN_COMMUNITY]->($E)", "Person", "p", c, scope), "Person"),
                new ComputedField("Community", "householdCount", "Int", "户数 / households registered at an address in the community",
                        (c, scope) -> count("MATCH (h:Household)-[:REGISTERED_AT]->(:Address)-[:IN_COMMUNITY]->($E)", "Household", "h", c, scope), "Household"),
                new ComputedField("Community", "vehicleCount", "Int", "车辆数 / vehicles owned by the community's residents",
                        (c, scope) -> count("MATCH (v:Vehicle)<-[:OWNS]-(:Person)-[:RESIDES_AT]->(:Address)-[:IN_COMMUNITY]->($E)", "Vehicle", "v", c, scope), "Vehicle"));
    }

    /**
     * @return {@code COUNT { <match> [WHERE <scope of counted>] RETURN DISTINCT <counted> }}
     */
    private static Expression count(String match, String label, String counted, Node community, RowScope scope) {
        if (!scope.restricts(label)) {
            return Cypher.raw("COUNT { " + match + " RETURN DISTINCT " + counted + " }", community.getRequiredSymbolicName());
        }
        Condition inScope = scope.condition(label, Cypher.node(label).named(counted));
        return Cypher.raw("COUNT { " + match + " WHERE $E RETURN DISTINCT " + counted + " }", community.getRequiredSymbolicName(), inScope);
    }
}
