package org.jiedao.hub.ontology.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.jiedao.hub.ontology.CodeList;
import org.jiedao.hub.ontology.NodeType;
import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.ontology.PropertyDef;
import org.jiedao.hub.ontology.RelationshipType;

/**
 * The ontology as a human-readable Markdown page: classes with their labels, definitions, key, graph label and
 * aligned standard terms; their properties with type, sensitivity and constraints; relationship types; code lists.
 * The build regenerates {@code docs/ontology.md} from the Turtle (ontology module, {@code process-classes}), so the
 * page cannot drift from the vocabulary.
 */
public final class OntologyDocs {
    private OntologyDocs() {
    }

    /**
     * Writes the page.
     *
     * @param args one argument: the output file, e.g. {@code docs/ontology.md}
     * @throws IOException if it cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: OntologyDocs <output.md>");
        }
        Path out = Path.of(args[0]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        String md = markdown(Ontology.bundled());
        if (!Files.exists(out) || !Files.readString(out, StandardCharsets.UTF_8).equals(md)) {
            Files.writeString(out, md, StandardCharsets.UTF_8);
        }
    }

    /**
     * @param ontology the ontology
     * @return the Markdown page (deterministic: same ontology, same bytes)
     */
    public static String markdown(Ontology ontology) {
        StringBuilder md = new StringBuilder();
        md.append("# Jiedao Hub ontology 街道数据枢纽本体\n\n");
        md.append("Generated from `ontology/src/main/resources/org/jiedao/hub/ontology/*.ttl` by the build; do not edit.\n");
        md.append("Namespace `").append(Ontology.NS).append("`. Sensitivity drives masking in the API; constraints are ")
                .append("checked by SHACL shapes derived from the same terms.\n\n");
        md.append("## Classes\n\n| graph label | 中文 | English | key | aligned with |\n|---|---|---|---|---|\n");
        for (NodeType t : ontology.nodeTypes()) {
            md.append("| [").append(t.label()).append("](#").append(t.label().toLowerCase()).append(") | ").append(t.labelZh())
                    .append(" | ").append(t.labelEn()).append(" | `").append(t.key().name()).append("` | ")
                    .append(t.alignments().stream().map(OntologyDocs::curie).collect(Collectors.joining(", "))).append(" |\n");
        }
        for (NodeType t : ontology.nodeTypes()) {
            md.append("\n### ").append(t.label()).append("\n\n");
            md.append("**").append(t.labelZh()).append("** / ").append(t.labelEn()).append(" — `").append(curie(t.iri())).append("`");
            List<String> labels = ontology.labels(t);
            if (labels.size() > 1) {
                md.append(", also labelled ").append(labels.stream().skip(1).map(l -> "`" + l + "`").collect(Collectors.joining(", ")));
            }
            md.append("\n\n");
            if (t.definitionZh() != null) {
                md.append(t.definitionZh()).append("\n");
            }
            if (t.definitionEn() != null) {
                md.append(t.definitionEn()).append("\n");
            }
            md.append("\n| property | 中文 | English | type | sensitivity | constraints |\n|---|---|---|---|---|---|\n");
            for (PropertyDef p : t.properties()) {
                md.append("| `").append(p.name()).append("` | ").append(p.labelZh()).append(" | ").append(p.labelEn()).append(" | ")
                        .append(type(ontology, p)).append(" | ").append(p.sensitivity().name().toLowerCase().replace('_', '-'))
                        .append(" | ").append(constraints(t, p, ontology.derivations(t).get(p))).append(" |\n");
            }
        }
        md.append("\n## Relationship types\n\n| type | 中文 | English | from | to | fields | properties |\n|---|---|---|---|---|---|---|\n");
        for (RelationshipType r : ontology.relationshipTypes()) {
            md.append("| `").append(r.type()).append("` | ").append(r.labelZh()).append(" | ").append(r.labelEn()).append(" | ")
                    .append(r.from().map(NodeType::label).orElse("any")).append(" | ").append(r.to().map(NodeType::label).orElse("any"))
                    .append(" | ").append(r.forwardField() == null ? "" : "`" + r.forwardField() + "`")
                    .append(r.inverseField() == null ? "" : " / `" + r.inverseField() + "`").append(" | ")
                    .append(r.properties().stream().map(p -> "`" + p.name() + "` " + type(ontology, p)).collect(Collectors.joining(", ")))
                    .append(" |\n");
        }
        md.append("\n## Code lists\n");
        for (CodeList c : ontology.codeLists().values()) {
            md.append("\n### ").append(c.enumName()).append(" — ").append(c.labelZh()).append(" / ").append(c.labelEn());
            md.append(c.source() == null ? "" : " (" + c.source() + ")").append("\n\n| code | enum | 中文 | English |\n|---|---|---|---|\n");
            for (CodeList.Code code : c.codes()) {
                md.append("| ").append(code.notation()).append(" | ").append(code.enumName()).append(" | ").append(code.labelZh())
                        .append(" | ").append(code.labelEn()).append(" |\n");
            }
        }
        return md.toString();
    }

    private static String type(Ontology o, PropertyDef p) {
        return p.codeList() == null ? "xsd:" + p.datatype() : "code list " + o.codeList(p.codeList()).enumName();
    }

    private static String constraints(NodeType t, PropertyDef p, PropertyDef derivedFrom) {
        StringBuilder c = new StringBuilder();
        if (derivedFrom != null) {
            c.append("derived from `").append(derivedFrom.name()).append("` (").append(p.normaliser()).append("); ");
        }
        if (p.equals(t.key())) {
            c.append("key, unique; ");
        } else if (p.required()) {
            c.append("required; ");
        }
        if (p.functional()) {
            c.append("single-valued; ");
        }
        if (p.pattern() != null) {
            c.append("pattern `").append(p.pattern().replace("|", "\\|")).append("`; ");
        }
        if (p.fulltext()) {
            c.append("full-text; ");
        }
        if (p.indexed()) {
            c.append("indexed; ");
        }
        return c.toString().strip();
    }

    private static String curie(String iri) {
        return iri.replace(Ontology.NS, "jd:").replace("https://schema.org/", "schema:")
                .replace("http://www.w3.org/ns/prov#", "prov:").replace("http://www.w3.org/ns/org#", "org:")
                .replace("http://www.w3.org/ns/sosa/", "sosa:").replace("http://www.w3.org/ns/person#", "person:")
                .replace("http://www.w3.org/ns/locn#", "locn:").replace("http://purl.org/vocab/cpsv#", "cpsv:")
                .replace("http://www.w3.org/2002/07/owl#", "owl:");
    }
}
