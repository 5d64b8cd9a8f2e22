package org.jiedao.hub.ontology.shacl;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.rdf.model.Literal;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.RDF;
import org.jiedao.hub.ontology.Iris;
import org.jiedao.hub.ontology.NodeType;
import org.jiedao.hub.ontology.PropertyDef;
import org.jiedao.hub.ontology.assertion.NodeAssertion;
import org.jiedao.hub.ontology.assertion.RecordAssertions;

/**
 * Node values in RDF terms: the ontology's IRIs for classes and properties, {@link Iris} for instances, and XSD
 * literals typed as the property's range says. Used to validate records and to export subgraphs.
 */
public final class AssertionRdf {
    private static final java.util.regex.Pattern YEAR_MONTH = java.util.regex.Pattern.compile("[0-9]{4}-(0[1-9]|1[0-2])");
    private static final java.util.regex.Pattern YEAR = java.util.regex.Pattern.compile("[0-9]{4}");
    private AssertionRdf() {
    }

    /**
     * @param record a record's assertions
     * @return the nodes it asserts with their values (relationships are not needed for value checks)
     */
    public static Model of(RecordAssertions record) {
        Model m = ModelFactory.createDefaultModel();
        for (NodeAssertion n : record.nodes()) {
            addNode(m, n.type(), n.keyProperty(), n.key(), n.properties());
        }
        return m;
    }

    /**
     * Adds one node: its type, key and properties (unknown property names are skipped).
     *
     * @param m          the model to add to
     * @param type       the node type
     * @param key        its key value
     * @param properties property values by graph name
     * @return the node's resource
     */
    public static Resource addNode(Model m, NodeType type, Object key, Map<String, Object> properties) {
        return addNode(m, type, type.key(), key, properties);
    }

    /**
     * Adds one node identified by a given key property (the type's key, or its entity key for a provisional node).
     *
     * @param m           the model to add to
     * @param type        the node type
     * @param keyProperty the property {@code key} is a value of
     * @param key         its value
     * @param properties  property values by graph name
     * @return the node's resource
     */
    public static Resource addNode(Model m, NodeType type, PropertyDef keyProperty, Object key, Map<String, Object> properties) {
        Resource r = m.createResource(Iris.entity(type, key)).addProperty(RDF.type, m.createResource(type.iri()));
        r.addLiteral(m.createProperty(keyProperty.iri()), literal(m, keyProperty, key));
        properties.forEach((name, value) -> type.property(name).ifPresent(p -> {
            if (value != null && !p.equals(keyProperty)) {
                r.addLiteral(m.createProperty(p.iri()), literal(m, p, value));
            }
        }));
        return r;
    }

    /**
     * @param m     the model
     * @param p     the property
     * @param value a value as the graph holds it (String, LocalDate, LocalDateTime, ZonedDateTime, Number, Boolean)
     * @return a literal typed by the value's Java type (so a wrong type shows as a datatype violation); on an
     *         {@code xsd:date} property, a string {@code yyyy-MM} or {@code yyyy} (a partial date, ISO 8601
     *         reduced precision) is an {@code xsd:gYearMonth} or {@code xsd:gYear}
     */
    public static Literal literal(Model m, PropertyDef p, Object value) {
        return switch (value) {
            // a partial date of a date property (hub:partialDate) is stored as its ISO 8601 reduced-precision text
            case String s when p != null && "date".equals(p.datatype()) && YEAR_MONTH.matcher(s).matches() ->
                    m.createTypedLiteral(s, XSDDatatype.XSDgYearMonth);
            case String s when p != null && "date".equals(p.datatype()) && YEAR.matcher(s).matches() ->
                    m.createTypedLiteral(s, XSDDatatype.XSDgYear);
            case java.time.YearMonth ym -> m.createTypedLiteral(ym.toString(), XSDDatatype.XSDgYearMonth);
            case java.time.Year y -> m.createTypedLiteral(y.toString(), XSDDatatype.XSDgYear);
            case LocalDate d -> m.createTypedLiteral(d.toString(), XSDDatatype.XSDdate);
            // ISO formatters always print seconds; toString() drops ":00", which is no valid xsd:dateTime
            case LocalDateTime t -> m.createTypedLiteral(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t), XSDDatatype.XSDdateTime);
            case ZonedDateTime t -> m.createTypedLiteral(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t), XSDDatatype.XSDdateTime);
            case OffsetDateTime t -> m.createTypedLiteral(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t), XSDDatatype.XSDdateTime);
            case Integer i -> m.createTypedLiteral(i.toString(), XSDDatatype.XSDinteger);
            case Long l -> m.createTypedLiteral(l.toString(), XSDDatatype.XSDinteger);
            case Double d -> m.createTypedLiteral(d.toString(), XSDDatatype.XSDdecimal);
            case Boolean b -> m.createTypedLiteral(b.toString(), XSDDatatype.XSDboolean);
            default -> m.createTypedLiteral(value.toString(), XSDDatatype.XSDstring);
        };
    }
}
