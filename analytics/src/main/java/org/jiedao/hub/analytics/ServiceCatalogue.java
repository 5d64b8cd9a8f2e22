package org.jiedao.hub.analytics;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.jiedao.hub.ontology.CodeList;
import org.jiedao.hub.ontology.Ontology;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The catalogue of public services: one YAML file per service in a directory ({@code config/services/*.yaml}, the
 * environment variable {@code HUB_SERVICES_DIR}), read and checked against the ontology when the hub starts. The
 * format is in docs/analytics.md ("Proactive services"); {@link PublicServiceDefinition} gives its CPSV-AP reading.
 *
 * <p>Checks: every key is known and every required one present; each property path names a type, relationship field
 * and property of the ontology and starts at {@code Person}; an age criterion reads a date property; a criterion's
 * values are codes of the property's code list; a notice template uses only the form's fields; service codes are
 * unique. The first problem stops the load with a {@link ServiceCatalogueException} that names the file and line.
 *
 * @param services the services, in file-name order
 */
public record ServiceCatalogue(List<PublicServiceDefinition> services) {
    /** The root type of every path: services are for residents. */
    static final String RESIDENT = "Person";

    /** Copies the list. */
    public ServiceCatalogue {
        services = List.copyOf(services);
    }

    /**
     * @param code a service code
     * @return the service
     * @throws IllegalArgumentException if the catalogue has no such service (the message lists the codes)
     */
    public PublicServiceDefinition service(String code) {
        return services.stream().filter(s -> s.code().equals(code)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "no service '" + code + "' in the catalogue; known: " + services.stream().map(PublicServiceDefinition::code).toList()));
    }

    /**
     * Reads every {@code *.yaml} and {@code *.yml} file of a directory.
     *
     * @param directory the directory; a missing directory gives an empty catalogue
     * @param ontology  the ontology names are checked against
     * @return the catalogue
     * @throws ServiceCatalogueException at the first problem, naming file and line
     */
    public static ServiceCatalogue load(Path directory, Ontology ontology) {
        if (!Files.isDirectory(directory)) {
            return new ServiceCatalogue(List.of());
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(directory)) {
            files = s.filter(f -> f.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
        } catch (IOException e) {
            throw new ServiceCatalogueException(directory, 0, "cannot list the directory: " + e.getMessage());
        }
        List<PublicServiceDefinition> out = new ArrayList<>();
        Map<String, Path> codes = new LinkedHashMap<>();
        for (Path f : files) {
            PublicServiceDefinition d = read(f, ontology);
            Path before = codes.putIfAbsent(d.code(), f);
            if (before != null) {
                throw new ServiceCatalogueException(f, 0, "service code '" + d.code() + "' is already defined in " + before);
            }
            out.add(d);
        }
        return new ServiceCatalogue(out);
    }

    /**
     * Reads one service definition.
     *
     * @param file     the YAML file
     * @param ontology the ontology
     * @return the definition
     * @throws ServiceCatalogueException if it cannot be read or is wrong, naming the line
     */
    public static PublicServiceDefinition read(Path file, Ontology ontology) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ServiceCatalogueException(file, 0, "cannot read: " + e.getMessage());
        }
        Node root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(text));
        } catch (org.yaml.snakeyaml.error.MarkedYAMLException e) {
            throw new ServiceCatalogueException(file, e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1,
                    "not YAML: " + e.getProblem() + " (a value holding [ ] { } or , inside {...} needs quotes)");
        } catch (RuntimeException e) {
            throw new ServiceCatalogueException(file, 0, "not YAML: " + e.getMessage());
        }
        return new Reader(file, ontology).service(root);
    }

    /** Reads the node tree, keeping each node's line for messages. */
    private record Reader(Path file, Ontology ontology) {
        private static final Set<String> SERVICE_KEYS = Set.of("code", "name", "description", "competentAuthority", "legalBasis",
                "criteria", "evidence", "enrolment", "form", "notice");

        PublicServiceDefinition service(Node root) {
            Map<String, Node> m = map(root, "the service", SERVICE_KEYS);
            String code = text(m, root, "code", true);
            List<PublicServiceDefinition.Criterion> criteria = new ArrayList<>();
            for (Node c : list(m, root, "criteria", true)) {
                criteria.add(criterion(c));
            }
            if (criteria.isEmpty()) {
                throw error(m.get("criteria"), "a service needs at least one criterion");
            }
            Set<String> criterionCodes = new LinkedHashSet<>();
            for (int i = 0; i < criteria.size(); i++) {
                PublicServiceDefinition.Criterion c = criteria.get(i);
                if (!criterionCodes.add(c.code())) {
                    throw error(list(m, root, "criteria", true).get(i), "criterion code '" + c.code() + "' appears twice");
                }
            }
            List<PublicServiceDefinition.EvidenceItem> evidence = new ArrayList<>();
            for (Node e : list(m, root, "evidence", false)) {
                Map<String, Node> em = map(e, "an evidence item", Set.of("code", "name"));
                evidence.add(new PublicServiceDefinition.EvidenceItem(text(em, e, "code", true), text(em, e, "name", true)));
            }
            List<PublicServiceDefinition.FormField> form = new ArrayList<>();
            Set<String> fieldNames = new LinkedHashSet<>();
            for (Node f : list(m, root, "form", true)) {
                Map<String, Node> fm = map(f, "a form field", Set.of("field", "label", "property"));
                String name = text(fm, f, "field", true);
                if (!fieldNames.add(name)) {
                    throw error(f, "form field '" + name + "' appears twice");
                }
                String property = text(fm, f, "property", false);
                form.add(new PublicServiceDefinition.FormField(name, text(fm, f, "label", true),
                        property == null ? null : path(fm.get("property"), property)));
            }
            String template = null;
            Node notice = m.get("notice");
            if (notice != null) {
                Map<String, Node> nm = map(notice, "notice", Set.of("template"));
                template = text(nm, notice, "template", true);
                try {
                    NoticeTemplate.check(template, fieldNames);
                } catch (IllegalArgumentException e) {
                    throw error(nm.get("template"), e.getMessage());
                }
            }
            List<String> legal = new ArrayList<>();
            for (Node l : list(m, root, "legalBasis", false)) {
                legal.add(scalar(l, "a legal basis"));
            }
            return new PublicServiceDefinition(file, code, text(m, root, "name", true), text(m, root, "description", false),
                    text(m, root, "competentAuthority", true), legal, criteria, evidence, enrolment(m.get("enrolment"), root), form, template);
        }

        private PublicServiceDefinition.Enrolment enrolment(Node node, Node parent) {
            if (node == null) {
                throw error(parent, "missing 'enrolment' (who already benefits: holds: <path> or applications: {decisions: [...]})");
            }
            Map<String, Node> m = map(node, "enrolment", Set.of("holds", "applications"));
            if (m.containsKey("holds") == m.containsKey("applications")) {
                throw error(node, "enrolment needs exactly one of 'holds' and 'applications'");
            }
            if (m.containsKey("holds")) {
                return new PublicServiceDefinition.Enrolment(path(m.get("holds"), scalar(m.get("holds"), "holds")), Set.of());
            }
            Node a = m.get("applications");
            Map<String, Node> am = map(a, "applications", Set.of("decisions"));
            Set<String> decisions = new LinkedHashSet<>();
            for (Node d : list(am, a, "decisions", true)) {
                decisions.add(scalar(d, "a decision"));
            }
            return new PublicServiceDefinition.Enrolment(null, decisions);
        }

        private PublicServiceDefinition.Criterion criterion(Node node) {
            Map<String, Node> m = map(node, "a criterion", Set.of("code", "description", "age", "registration", "holds"));
            String code = text(m, node, "code", true);
            String description = text(m, node, "description", true);
            long kinds = Stream.of("age", "registration", "holds").filter(m::containsKey).count();
            if (kinds != 1) {
                throw error(node, "criterion '" + code + "' needs exactly one of 'age', 'registration' and 'holds'");
            }
            if (m.containsKey("age")) {
                Node a = m.get("age");
                Map<String, Node> am = map(a, "age", Set.of("property", "minimum"));
                PropertyPath p = path(am.get("property"), text(am, a, "property", true));
                if (!p.property().datatype().equals("date")) {
                    throw error(am.get("property"), "an age criterion needs a date property, not " + p.property().datatype() + " " + p.text());
                }
                return new PublicServiceDefinition.Criterion(code, description, PublicServiceDefinition.Kind.AGE, p,
                        integer(am, a, "minimum", true), Set.of());
            }
            if (m.containsKey("registration")) {
                Node r = m.get("registration");
                Map<String, Node> rm = map(r, "registration", Set.of("path"));
                PropertyPath p = path(rm.get("path"), text(rm, r, "path", true));
                if (p.steps().isEmpty()) {
                    throw error(rm.get("path"), "a registration criterion follows a relationship: " + p.text());
                }
                return new PublicServiceDefinition.Criterion(code, description, PublicServiceDefinition.Kind.REGISTRATION, p,
                        null, Set.of());
            }
            Node h = m.get("holds");
            Map<String, Node> hm = map(h, "holds", Set.of("property", "in"));
            PropertyPath p = path(hm.get("property"), text(hm, h, "property", true));
            if (p.steps().isEmpty()) {
                throw error(hm.get("property"), "a holds criterion follows a relationship: " + p.text());
            }
            Set<String> values = new LinkedHashSet<>();
            for (Node v : list(hm, h, "in", true)) {
                String value = scalar(v, "a value");
                if (p.property().codeList() != null) {
                    CodeList list = ontology.codeList(p.property().codeList());
                    Optional<CodeList.Code> c = list.byNotation(value);
                    if (c.isEmpty()) {
                        throw error(v, "'" + value + "' is not a code of " + list.labelEn() + " (" + p.text() + "); codes: "
                                + list.codes().stream().map(CodeList.Code::notation).toList());
                    }
                }
                values.add(value);
            }
            return new PublicServiceDefinition.Criterion(code, description, PublicServiceDefinition.Kind.HOLDS, p, null, values);
        }

        private PropertyPath path(Node node, String text) {
            PropertyPath p;
            try {
                p = PropertyPath.parse(ontology, text);
            } catch (IllegalArgumentException e) {
                throw error(node, e.getMessage());
            }
            if (!p.root().label().equals(RESIDENT)) {
                throw error(node, "property path '" + text + "' must start at " + RESIDENT);
            }
            return p;
        }

        private Map<String, Node> map(Node node, String what, Set<String> keys) {
            if (!(node instanceof MappingNode mn)) {
                throw error(node, what + " must be a mapping of keys to values");
            }
            Map<String, Node> m = new LinkedHashMap<>();
            for (NodeTuple t : mn.getValue()) {
                String key = scalar(t.getKeyNode(), "a key");
                if (!keys.contains(key)) {
                    throw error(t.getKeyNode(), "unknown key '" + key + "' in " + what + "; known: " + keys.stream().sorted().toList());
                }
                m.put(key, t.getValueNode());
            }
            return m;
        }

        private List<Node> list(Map<String, Node> m, Node parent, String key, boolean required) {
            Node n = m.get(key);
            if (n == null) {
                if (required) {
                    throw error(parent, "missing '" + key + "'");
                }
                return List.of();
            }
            if (!(n instanceof SequenceNode s)) {
                throw error(n, "'" + key + "' must be a list");
            }
            return s.getValue();
        }

        private String text(Map<String, Node> m, Node parent, String key, boolean required) {
            Node n = m.get(key);
            if (n == null || n instanceof ScalarNode s && s.getValue().isBlank()) {
                if (required) {
                    throw error(n == null ? parent : n, "missing '" + key + "'");
                }
                return null;
            }
            return scalar(n, "'" + key + "'");
        }

        private Integer integer(Map<String, Node> m, Node parent, String key, boolean required) {
            String t = text(m, parent, key, required);
            if (t == null) {
                return null;
            }
            try {
                return Integer.valueOf(t);
            } catch (NumberFormatException e) {
                throw error(m.get(key), "'" + key + "' must be a whole number, not '" + t + "'");
            }
        }

        private String scalar(Node n, String what) {
            if (!(n instanceof ScalarNode s)) {
                throw error(n, what + " must be a single value");
            }
            return s.getValue().trim();
        }

        private ServiceCatalogueException error(Node node, String message) {
            return new ServiceCatalogueException(file, node == null ? 0 : node.getStartMark().getLine() + 1, message);
        }
    }
}
