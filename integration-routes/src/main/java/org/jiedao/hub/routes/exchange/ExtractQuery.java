package org.jiedao.hub.routes.exchange;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jiedao.hub.ontology.NodeType;
import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.ontology.PropertyDef;
import org.jiedao.hub.ontology.RelationshipType;
import org.neo4j.cypherdsl.core.Condition;
import org.neo4j.cypherdsl.core.Cypher;
import org.neo4j.cypherdsl.core.Expression;
import org.neo4j.cypherdsl.core.ExposesRelationships;
import org.neo4j.cypherdsl.core.Node;
import org.neo4j.cypherdsl.core.PatternElement;
import org.neo4j.cypherdsl.core.Relationship;
import org.neo4j.cypherdsl.core.RelationshipChain;
import org.neo4j.cypherdsl.core.RelationshipPattern;
import org.neo4j.cypherdsl.core.Statement;
import org.neo4j.cypherdsl.core.SymbolicName;
import org.neo4j.cypherdsl.core.Where;
import org.neo4j.cypherdsl.core.renderer.Renderer;

/**
 * The one read statement of an agreement's extract, built with Cypher-DSL so that it projects only the agreed
 * properties: {@code MATCH (n:<entity>) WHERE EXISTS { (n)-[s0:RESIDES_AT]->()-[:IN_COMMUNITY]->(t:Community)
 * WHERE t.code IN $communities AND <s0 valid today> } RETURN n.<key> AS _key, n.<field1> AS <field1>, ... ORDER BY
 * _key}. No other property of the node is ever returned, so data outside the agreement cannot reach a renderer.
 *
 * <p>Validity on the filter's path follows the API's row-level scope (docs/security/row-level-scope.md): a
 * relationship type with {@code xsd:date} properties {@code validFrom}/{@code validTo} counts only when
 * {@code validFrom <= today < validTo}, a missing bound open; so a resident who moved away is no longer shared.
 *
 * @param cypher     the rendered statement
 * @param parameters its parameters ({@code communities}, {@code today})
 */
public record ExtractQuery(String cypher, Map<String, Object> parameters) {
    /** Name of the column carrying the entity's key (the ontology's key property of the type). */
    public static final String KEY = "_key";

    /**
     * @param agreement a checked agreement
     * @param ontology  the ontology it was checked against
     * @param today     the day validity on the filter's path is read on
     * @return the statement and its parameters
     * @throws IllegalArgumentException if the entity type has no key
     */
    public static ExtractQuery of(AgreementDefinition agreement, Ontology ontology, LocalDate today) {
        NodeType type = ontology.nodeType(agreement.entity());
        PropertyDef key = Optional.ofNullable(type.key())
                .orElseThrow(() -> new IllegalArgumentException(type.label() + " has no key property"));
        Node n = Cypher.node(type.label()).named("n");
        Condition where = Cypher.noCondition();
        if (agreement.filter() != null) {
            Node target = Cypher.node("Community").named("t");
            Condition inner = target.property("code").in(Cypher.parameter("communities", agreement.filter().communities()));
            ExposesRelationships<?> chain = Cypher.anyNode(n.getRequiredSymbolicName());
            List<String> steps = agreement.filter().path();
            for (int i = 0; i < steps.size(); i++) {
                String step = steps.get(i);
                boolean backwards = step.startsWith("<");
                RelationshipType rel = ontology.relationshipType(backwards ? step.substring(1) : step);
                Node next = i == steps.size() - 1 ? target : Cypher.anyNode();
                RelationshipPattern r = backwards ? chain.relationshipFrom(next, rel.type()) : chain.relationshipTo(next, rel.type());
                if (hasValidity(rel)) {
                    String name = "s" + i;
                    r = r instanceof Relationship one ? one.named(name) : ((RelationshipChain) r).named(name);
                    inner = inner.and(validToday(Cypher.name(name)));
                }
                chain = (ExposesRelationships<?>) r;
            }
            where = Cypher.exists(List.of((PatternElement) chain), Where.from(inner));
        }
        List<Expression> columns = new ArrayList<>();
        columns.add(n.property(key.name()).as(KEY));
        for (String field : agreement.fields()) {
            columns.add(n.property(field).as(field));
        }
        Statement statement = Cypher.match(n).where(where).returning(columns).orderBy(Cypher.name(KEY).ascending()).build();
        return new ExtractQuery(Renderer.getDefaultRenderer().render(statement),
                Map.of("communities", agreement.communities(), "today", today));
    }

    private static boolean hasValidity(RelationshipType type) {
        return isDate(type.property("validFrom")) && isDate(type.property("validTo"));
    }

    private static boolean isDate(Optional<PropertyDef> p) {
        return p.isPresent() && p.get().datatype().equals("date");
    }

    private static Condition validToday(SymbolicName rel) {
        Expression day = Cypher.parameter("today");
        Expression from = Cypher.property(rel, "validFrom");
        Expression to = Cypher.property(rel, "validTo");
        return from.isNull().or(from.lte(day)).and(to.isNull().or(day.lt(to)));
    }
}
