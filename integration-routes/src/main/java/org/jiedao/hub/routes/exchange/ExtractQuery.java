package org.jiedao.hub.routes.exchange;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jiedao.hub.graph.masking.Masks;
import org.jiedao.hub.graph.masking.ValueRule;
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
 * <p>Each field is projected by the partner role's rule ({@link ValueRule}, as the API does): in clear, masked inside
 * the statement ({@link Masks}, so the clear value never leaves Neo4j) or as null. For {@code format: rdf} the
 * statement also returns {@code _id}, the value the entity's IRI is built from ({@link #subjectProperties}).
 *
 * <p>In {@code mode: changes} a {@link Window} adds: only entities with a change in the window, where a change is a
 * source record linked to the entity ({@code RESOLVES_TO} or {@code MENTIONS}) whose {@code ingestedAt} (when its
 * content was last written) or whose link's {@code decidedAt} (entity resolution linked it, a merge or unmerge moved
 * it) lies in the window, or the entity's own {@code derivedAt} (survivorship re-derived its values). The first
 * window (no {@code since}) also takes the entities without any record.
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
    /** Name of the column an RDF subject IRI is built from (format rdf only). */
    public static final String ID = "_id";

    /**
     * The changes a {@code mode: changes} extract carries.
     *
     * @param since the previous delivery's watermark, exclusive; null for the first delivery (everything up to
     *              {@code until}, and every entity with no record at all)
     * @param until the newest change taken, inclusive (Neo4j's time of the read minus the agreement's settle time)
     */
    public record Window(ZonedDateTime since, ZonedDateTime until) {
    }

    /**
     * The properties an RDF subject's IRI is built from, first non-null wins, as the hub's RDF export does
     * ({@code Iris.entity(mergeType, key)}, else the entity id of a resolved type): the key only when the agreement
     * shares it in clear (data minimisation: an IRI must not carry an ID number the partner does not receive), then
     * the opaque entity id ({@code hub:entityKey}) when the type has one.
     *
     * @param agreement the agreement
     * @param type      its entity type
     * @return the properties; empty when the entity cannot be named (then format rdf is refused)
     */
    public static List<PropertyDef> subjectProperties(AgreementDefinition agreement, NodeType type) {
        List<PropertyDef> out = new ArrayList<>();
        PropertyDef key = type.key();
        if (key != null && agreement.fields().contains(key.name())
                && ValueRule.of(key, agreement.clearSensitivities()) == ValueRule.CLEAR) {
            out.add(key);
        }
        if (type.resolved()) {
            out.add(type.entityKey());
        }
        return List.copyOf(out);
    }

    /**
     * @param agreement a checked agreement
     * @param ontology  the ontology it was checked against
     * @param today     the day validity on the filter's path is read on
     * @return the statement and its parameters
     * @throws IllegalArgumentException if the entity type has no key
     */
    public static ExtractQuery of(AgreementDefinition agreement, Ontology ontology, LocalDate today) {
        return of(agreement, ontology, today, null);
    }

    /**
     * @param agreement a checked agreement
     * @param ontology  the ontology it was checked against
     * @param today     the day validity on the filter's path is read on
     * @param window    the changes to carry ({@code mode: changes}), or null for every entity the filter selects
     * @return the statement and its parameters ({@code since}, {@code until} too with a window)
     * @throws IllegalArgumentException if the entity type has no key
     */
    public static ExtractQuery of(AgreementDefinition agreement, Ontology ontology, LocalDate today, Window window) {
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
        Map<String, Object> parameters = new HashMap<>(Map.of("communities", agreement.communities(), "today", today));
        if (window != null) {
            where = where.and(changed(n));
            parameters.put("since", window.since());
            parameters.put("until", window.until());
        }
        List<Expression> columns = new ArrayList<>();
        columns.add(n.property(key.name()).as(KEY));
        if ("rdf".equals(agreement.format())) {
            List<Expression> ids = subjectProperties(agreement, type).stream().map(p -> (Expression) n.property(p.name())).toList();
            columns.add((ids.size() == 1 ? ids.getFirst() : Cypher.coalesce(ids.toArray(Expression[]::new))).as(ID));
        }
        for (String field : agreement.fields()) {
            PropertyDef p = type.property(field).orElseThrow(() -> new IllegalArgumentException(field + " is not a property of " + type.label()));
            Expression value = switch (ValueRule.of(p, agreement.clearSensitivities())) {
                case CLEAR -> n.property(field);
                case MASKED -> Masks.mask(p, n.property(field));
                case HIDDEN -> Cypher.literalNull();
            };
            columns.add(value.as(field));
        }
        Statement statement = Cypher.match(n).where(where).returning(columns).orderBy(Cypher.name(KEY).ascending()).build();
        return new ExtractQuery(Renderer.getDefaultRenderer().render(statement), java.util.Collections.unmodifiableMap(parameters));
    }

    /** The entity has a change in ({@code $since}, {@code $until}]; with no {@code $since}, or it has no record. */
    private static Condition changed(Node n) {
        Expression since = Cypher.parameter("since");
        Expression until = Cypher.parameter("until");
        Node self = Cypher.anyNode(n.getRequiredSymbolicName());
        Node rec = Cypher.node("SourceRecord").named("c_rec");
        Relationship link = rec.relationshipTo(self, "RESOLVES_TO", "MENTIONS").named("c_link");
        Condition recordChanged = in(rec.property("ingestedAt"), since, until).or(in(link.property("decidedAt"), since, until));
        Node anyRec = Cypher.node("SourceRecord");
        Condition noRecord = Cypher.exists(List.of((PatternElement) anyRec.relationshipTo(self, "RESOLVES_TO", "MENTIONS"))).not();
        return Cypher.exists(List.of((PatternElement) link), Where.from(recordChanged))
                .or(in(n.property("derivedAt"), since, until))
                .or(since.isNull().and(noRecord));
    }

    /** {@code since < t <= until}, a null {@code since} open. */
    private static Condition in(Expression t, Expression since, Expression until) {
        return since.isNull().or(t.gt(since)).and(t.lte(until));
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
