package org.jiedao.hub.routes.exchange;

import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.apache.jena.vocabulary.RDF;
import org.jiedao.hub.graph.masking.ValueRule;
import org.jiedao.hub.graph.rdf.RdfExporter;
import org.jiedao.hub.ontology.PropertyDef;

/**
 * Renders an {@link Extract} as RDF 1.1 Turtle (W3C), UTF-8, for {@code format: rdf} (docs/exchange.md). One
 * resource per entity, named by the IRI the hub's RDF export gives it ({@link org.jiedao.hub.ontology.Iris#entity},
 * from the key when the agreement shares it in clear, else from the opaque entity id: {@link ExtractQuery#subjectProperties}),
 * typed with the entity type's class and mapped superclasses, and one triple per agreed value with the ontology's
 * property IRI and the literal {@link RdfExporter#literal} makes (XSD-typed: {@code xsd:date}, {@code xsd:gYearMonth},
 * {@code xsd:dateTime}, {@code xsd:integer}...). A masked value is an {@code xsd:string} (it is no longer a valid
 * date, say); a hidden or absent value has no triple; a list gives one triple per element. Nothing but the agreed
 * fields is written.
 *
 * <p>Deterministic: triples are streamed in the extract's row order (entities by key), then the classes, then the
 * fields in the agreement's order, with Jena's streaming Turtle writer ({@link RDFFormat#TURTLE_BLOCKS}) and the
 * prefixes sorted, so the same extract always gives the same bytes (the archive and the signature rely on it).
 */
public final class RdfPayload {
    /** The payload's MIME type (RFC 8081 / W3C Turtle: always UTF-8). */
    public static final String CONTENT_TYPE = "text/turtle";

    private RdfPayload() {
    }

    /**
     * @param agreement the agreement (its partner's clear sensitivities decide which values are masked strings)
     * @param extract   an extract made for {@code format: rdf} (with its vocabulary and subjects)
     * @return the Turtle bytes, UTF-8
     * @throws IllegalArgumentException if the extract carries no vocabulary or not one subject per row
     */
    public static byte[] render(AgreementDefinition agreement, Extract extract) {
        Extract.Vocabulary v = extract.vocabulary();
        if (v == null || extract.subjects().size() != extract.rows().size()) {
            throw new IllegalArgumentException("an RDF payload needs the extract's vocabulary and one subject per row");
        }
        Model m = ModelFactory.createDefaultModel();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StreamRDF stream = StreamRDFWriter.getWriterStream(out, RDFFormat.TURTLE_BLOCKS);
        stream.start();
        prefixes(v).forEach(stream::prefix);
        for (int i = 0; i < extract.rows().size(); i++) {
            Node subject = NodeFactory.createURI(extract.subjects().get(i));
            for (String c : v.classes()) {
                stream.triple(Triple.create(subject, RDF.type.asNode(), NodeFactory.createURI(c)));
            }
            Map<String, Object> row = extract.rows().get(i);
            for (String field : extract.fields()) {
                PropertyDef p = v.properties().get(field);
                Object value = row.get(field);
                if (p == null || value == null) {
                    continue;
                }
                Node predicate = NodeFactory.createURI(p.iri());
                boolean masked = ValueRule.of(p, agreement.clearSensitivities()) == ValueRule.MASKED;
                for (Object one : value instanceof List<?> list ? list : List.of(value)) {
                    if (one != null) {
                        Node literal = masked ? NodeFactory.createLiteralString(String.valueOf(one))
                                : RdfExporter.literal(m, p, typed(p, one)).asNode();
                        stream.triple(Triple.create(subject, predicate, literal));
                    }
                }
            }
        }
        stream.finish();
        return out.toByteArray();
    }

    /** The namespace prefixes of the ontology that the payload uses, plus rdf and xsd, by prefix. */
    private static Map<String, String> prefixes(Extract.Vocabulary v) {
        Map<String, String> used = new TreeMap<>();
        used.put("rdf", RDF.getURI());
        used.put("xsd", org.apache.jena.vocabulary.XSD.NS);
        List<String> iris = new java.util.ArrayList<>(v.classes());
        v.properties().values().forEach(p -> iris.add(p.iri()));
        v.prefixes().forEach((prefix, ns) -> {
            if (!ns.isEmpty() && !used.containsValue(ns) && iris.stream().anyMatch(i -> i.startsWith(ns)
                    && i.length() > ns.length() && i.substring(ns.length()).matches("[A-Za-z_][A-Za-z0-9_-]*"))) {
                used.putIfAbsent(prefix, ns);
            }
        });
        return used;
    }

    /** The extract's text of a date or date-time back as its {@code java.time} value, so it is typed as XSD. */
    private static Object typed(PropertyDef p, Object value) {
        if (!(value instanceof String s)) {
            return value;
        }
        try {
            return switch (p.datatype()) {
                case "date" -> s.length() == 10 ? LocalDate.parse(s) : s; // a partial date stays text: gYearMonth, gYear
                case "dateTime" -> s.contains("Z") || s.lastIndexOf('+') > 10 || s.lastIndexOf('-') > 10
                        ? ZonedDateTime.parse(s) : LocalDateTime.parse(s);
                default -> s;
            };
        } catch (DateTimeParseException e) {
            return s; // kept as text, as the hub's export keeps an ill-formed value
        }
    }
}
