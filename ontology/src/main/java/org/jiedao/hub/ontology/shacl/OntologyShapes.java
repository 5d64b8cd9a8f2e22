package org.jiedao.hub.ontology.shacl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.RDFList;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.XSD;
import org.jiedao.hub.ontology.CodeList;
import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.ontology.PropertyDef;

/**
 * SHACL shapes (W3C SHACL, validated with Apache Jena SHACL) derived from the ontology, so that validation cannot
 * drift from the vocabulary (DESIGN.md, decision 3). For every class with datatype properties there is a node
 * shape targeting it; because validation data carries the ontology's {@code rdfs:subClassOf} triples, a shape
 * on a superclass applies to instances of its subclasses. Per property it derives:
 * <ul>
 * <li>{@code sh:datatype} from {@code rdfs:range}; for an {@code xsd:date} property marked {@code hub:partialDate true},
 *     {@code sh:or} of {@code xsd:date}, {@code xsd:gYearMonth} and {@code xsd:gYear};</li>
 * <li>{@code sh:maxCount 1} for functional properties;</li>
 * <li>{@code sh:pattern} from {@code hub:pattern};</li>
 * <li>{@code sh:in} of the notations of its {@code hub:codeList};</li>
 * <li>{@code sh:minCount 1} for the class's key and {@code hub:required} properties ({@link Mode#ENTITY} only:
 *     one record may assert a person without a name another source supplies).</li>
 * </ul>
 * Each constraint is its own property shape with a message in Chinese and English naming the property (with its
 * labels) and the rule. Thread-safe once built.
 */
public final class OntologyShapes {
    /** Namespace of the derived shapes. */
    public static final String SHAPES = "https://w3id.org/jiedao/shapes#";
    private static final String SH = "http://www.w3.org/ns/shacl#";

    /** Which checks apply. */
    public enum Mode {
        /** Checks one record's assertions: values only, no required properties except keys. */
        RECORD,
        /** Checks whole entities (exports): values and required properties. */
        ENTITY
    }

    private final Ontology ontology;
    private final Model shapesModel;
    private final Shapes shapes;
    private final Map<String, String[]> messages = new HashMap<>();
    private final Map<String, String> propertyNames = new HashMap<>();

    /**
     * @param ontology the ontology to derive from
     * @param mode     which checks to derive
     */
    public OntologyShapes(Ontology ontology, Mode mode) {
        this.ontology = ontology;
        this.shapesModel = derive(mode);
        this.shapes = Shapes.parse(shapesModel.getGraph());
    }

    /** @return the derived shapes as RDF (for export and documentation) */
    public Model model() {
        return shapesModel;
    }

    /**
     * Validates instance data. The ontology's class hierarchy is added to a copy of the data first.
     *
     * @param data instance data using the ontology's IRIs
     * @return the violations, empty when the data conforms
     */
    public List<Violation> validate(Model data) {
        Model withHierarchy = ModelFactory.createDefaultModel().add(data);
        ontology.model().listStatements(null, RDFS.subClassOf, (RDFNode) null).forEachRemaining(withHierarchy::add);
        return validate(withHierarchy.getGraph());
    }

    private List<Violation> validate(Graph data) {
        ValidationReport report = ShaclValidator.get().validate(shapes, data);
        List<Violation> out = new ArrayList<>();
        for (ReportEntry e : report.getEntries()) {
            Node source = e.source();
            String key = source == null || !source.isURI() ? "" : source.getURI();
            String[] msg = messages.getOrDefault(key, new String[] {e.message(), e.message()});
            Node value = e.value();
            out.add(new Violation(e.focusNode().toString(), propertyNames.getOrDefault(key, String.valueOf(e.resultPath())),
                    value == null ? null : value.isLiteral() ? value.getLiteralLexicalForm() : value.toString(), msg[0], msg[1]));
        }
        return out;
    }

    private Model derive(Mode mode) {
        Model m = ModelFactory.createDefaultModel();
        m.setNsPrefix("sh", SH);
        m.setNsPrefix("shape", SHAPES);
        Model o = ontology.model();
        Map<String, PropertyDef> byIri = new HashMap<>();
        ontology.nodeTypes().forEach(t -> t.properties().forEach(p -> byIri.put(p.iri(), p)));
        Map<String, List<PropertyDef>> byDomain = new LinkedHashMap<>();
        for (Resource p : o.listSubjectsWithProperty(RDF.type, OWL.DatatypeProperty).toList()) {
            Resource domain = p.getPropertyResourceValue(RDFS.domain);
            if (domain != null && domain.isURIResource()) {
                PropertyDef def = byIri.get(p.getURI());
                if (def != null) {
                    byDomain.computeIfAbsent(domain.getURI(), d -> new ArrayList<>()).add(def);
                }
            }
        }
        for (Map.Entry<String, List<PropertyDef>> e : byDomain.entrySet()) {
            String cls = e.getKey();
            Resource node = m.createResource(SHAPES + local(cls)).addProperty(RDF.type, m.createResource(SH + "NodeShape"))
                    .addProperty(m.createProperty(SH, "targetClass"), m.createResource(cls));
            for (PropertyDef p : e.getValue()) {
                String zh = p.labelZh() + "（" + p.name() + "）";
                String en = p.labelEn() + " (" + p.name() + ")";
                if ("date".equals(p.datatype()) && partialDate(o, p)) {
                    // hub:partialDate: a full date, or a year-month or year kept at its precision (ISO 8601)
                    RDFList alternatives = m.createList(java.util.stream.Stream.of("date", "gYearMonth", "gYear")
                            .map(t -> (RDFNode) m.createResource().addProperty(m.createProperty(SH, "datatype"),
                                    m.createResource(XSD.NS + t))).iterator());
                    constraint(m, node, p, "datatype", m.createProperty(SH, "or"), alternatives,
                            zh + "必须是日期（如 1985-03-07）、年月（如 1985-03）或年份（如 1985）",
                            en + " must be a date (e.g. 1985-03-07), a year and month (e.g. 1985-03) or a year (e.g. 1985)");
                } else {
                    constraint(m, node, p, "datatype", m.createProperty(SH, "datatype"), m.createResource(XSD.NS + p.datatype()),
                            zh + "必须是" + datatypeZh(p.datatype()), en + " must be a " + datatypeEn(p.datatype()));
                }
                if (p.functional()) {
                    constraint(m, node, p, "maxCount", m.createProperty(SH, "maxCount"), m.createTypedLiteral(1),
                            zh + "只能有一个值", en + " must have a single value");
                }
                if (p.pattern() != null) {
                    constraint(m, node, p, "pattern", m.createProperty(SH, "pattern"), m.createLiteral(p.pattern()),
                            zh + "的格式不正确（应符合 " + p.pattern() + "）", en + " is not in the expected form (" + p.pattern() + ")");
                }
                if (p.codeList() != null) {
                    CodeList list = ontology.codeList(p.codeList());
                    RDFList values = m.createList(list.codes().stream().map(c -> (RDFNode) m.createLiteral(c.notation())).iterator());
                    String source = list.source() == null ? "" : "，" + list.source();
                    String sourceEn = list.source() == null ? "" : ", " + list.source();
                    constraint(m, node, p, "in", m.createProperty(SH, "in"), values,
                            zh + "必须是《" + list.labelZh() + "》" + source + "中的代码：" + codes(list, true),
                            en + " must be a code of the " + list.labelEn() + sourceEn + ": " + codes(list, false));
                }
                // the key of a mapped class, declared here or on a superclass (District's code is AdministrativeDivision's)
                // (not for a resolved type such as Person: a record may lack the key, entity resolution then decides)
                boolean key = ontology.nodeTypes().stream().anyMatch(t -> t.key().iri().equals(p.iri())
                        && (t.iri().equals(cls) || t.superClasses().contains(cls)) && !t.resolved());
                if (key || (mode == Mode.ENTITY && p.required())) {
                    constraint(m, node, p, "minCount", m.createProperty(SH, "minCount"), m.createTypedLiteral(1),
                            zh + "不能为空", en + " is required");
                }
            }
        }
        return m;
    }


    private void constraint(Model m, Resource nodeShape, PropertyDef p, String kind,
                            org.apache.jena.rdf.model.Property parameter, RDFNode value, String zh, String en) {
        String iri = nodeShape.getURI() + "-" + p.name() + "-" + kind;
        Resource ps = m.createResource(iri).addProperty(m.createProperty(SH, "path"), m.createResource(p.iri()))
                .addProperty(parameter, value)
                .addProperty(m.createProperty(SH, "message"), m.createLiteral(zh, "zh"))
                .addProperty(m.createProperty(SH, "message"), m.createLiteral(en, "en"));
        nodeShape.addProperty(m.createProperty(SH, "property"), ps);
        messages.put(iri, new String[] {zh, en});
        propertyNames.put(iri, p.name());
    }

    /** Whether the ontology marks the property {@code hub:partialDate true}. */
    private static boolean partialDate(Model o, PropertyDef p) {
        return o.getResource(p.iri()).hasLiteral(o.createProperty("https://w3id.org/jiedao/hub#", "partialDate"), true);
    }

    private static String codes(CodeList list, boolean zh) {
        return list.codes().stream().map(c -> c.notation() + " " + (zh ? c.labelZh() : c.labelEn()))
                .collect(Collectors.joining(zh ? "、" : ", "));
    }

    private static String local(String iri) {
        int i = Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/'));
        return iri.substring(i + 1);
    }

    private static String datatypeZh(String xsd) {
        return switch (xsd) {
            case "date" -> "日期（如 1985-03-07）";
            case "dateTime" -> "日期时间（如 2026-03-14T09:21:05）";
            case "integer", "int", "long", "nonNegativeInteger" -> "整数";
            case "decimal", "double" -> "数字";
            case "boolean" -> "是/否";
            default -> "文本";
        };
    }

    private static String datatypeEn(String xsd) {
        return switch (xsd) {
            case "date" -> "date (e.g. 1985-03-07)";
            case "dateTime" -> "date and time (e.g. 2026-03-14T09:21:05)";
            case "integer", "int", "long", "nonNegativeInteger" -> "whole number";
            case "decimal", "double" -> "number";
            case "boolean" -> "yes/no value";
            default -> "text";
        };
    }

}
