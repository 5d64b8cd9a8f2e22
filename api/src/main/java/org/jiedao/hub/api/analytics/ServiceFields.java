package org.jiedao.hub.api.analytics;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jiedao.hub.analytics.EligibilityFact;
import org.jiedao.hub.analytics.EligibleResident;
import org.jiedao.hub.analytics.Prefill;
import org.jiedao.hub.analytics.PrefillShare;
import org.jiedao.hub.analytics.PrefilledField;
import org.jiedao.hub.analytics.PrefilledForm;
import org.jiedao.hub.analytics.PropertyPath;
import org.jiedao.hub.analytics.PublicServiceDefinition;
import org.jiedao.hub.analytics.ServiceCatalogue;
import org.jiedao.hub.analytics.ServiceEligibility;
import org.jiedao.hub.analytics.ServiceOutreach;
import org.jiedao.hub.api.access.FieldRule;
import org.jiedao.hub.api.query.RootField;
import org.jiedao.hub.graph.masking.Masks;
import org.jiedao.hub.loaders.normalise.IdNumber;
import org.jiedao.hub.loaders.normalise.NormalisationException;
import org.jiedao.hub.ontology.PropertyDef;
import org.neo4j.cypherdsl.core.Cypher;
import org.neo4j.cypherdsl.core.renderer.Renderer;

/**
 * The proactive services' root fields of {@code Query} (issue 8, item 3; docs/analytics.md, "Proactive services"):
 * {@code serviceCatalogue} (the catalogue), {@code eligibleNotEnrolled(service, day)}, {@code prefilledForm(service,
 * idNumber, day)} and {@code prefillShares(day)}. {@code day} is an ISO date, default today in Beijing.
 *
 * <p>Access, by the same policy as every other field ({@link AnalyticsAccess}): the resident fields need a role that
 * reads {@code Person} and every type the service's criteria or form read; a service whose criteria read a
 * special-category property (a disability level) needs a role that reads it in clear, since being listed reveals it.
 * A caseworker sees only residents of her communities. Each value (ID number, name, a fact's or a field's value)
 * follows its property's rule for the role: clear, masked inside Neo4j by the hub's one mask implementation
 * ({@link Masks}: an ID number as {@code 110102********123X}), or null; source-record uids only for a role that reads
 * provenance. Every call is in the audit trail like any query.
 *
 * <p>The catalogue is the hub's, set once at start by {@link #use}; until then it is empty.
 */
public final class ServiceFields {
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final Renderer RENDERER = Renderer.getDefaultRenderer();
    private static volatile ServiceCatalogue catalogue = new ServiceCatalogue(List.of());

    private static final String TYPES = """
            \"""a criterion of a public service (CPSV-AP cv:Criterion): the rule in words and the property it reads\"""
            type ServiceCriterion { code: String! description: String! kind: String! property: String! }
            type ServiceEvidence { code: String! name: String! }
            type ServiceFormField { field: String! label: String! property: String }
            \"""a public service of the catalogue (CPSV-AP cpsv:PublicService)\"""
            type PublicServiceEntry { code: String! name: String! description: String competentAuthority: String! legalBasis: [String!]! criteria: [ServiceCriterion!]! evidence: [ServiceEvidence!]! form: [ServiceFormField!]! }
            \"""a fact that meets a criterion, with the source records asserting it\"""
            type EligibilityFact { criterion: String! property: String! value: String detail: String records: [String!]! }
            type EligibleResident { idNumber: String name: String community: String optedOut: Boolean! facts: [EligibilityFact!]! }
            \"""eligible residents of a service on a day: counts, and those not enrolled\"""
            type ServiceOutreach { service: String! day: String! eligible: Int! enrolled: Int! notEnrolled: Int! residents: [EligibleResident!]! }
            type PrefilledField { field: String! label: String! property: String filled: Boolean! value: String text: String records: [String!]! }
            \"""a service's application form for a resident, every field filled from the graph or missing\"""
            type PrefilledForm { service: String! idNumber: String filled: Int! total: Int! share: Float! fields: [PrefilledField!]! }
            \"""the share of form fields the graph fills for a service's eligible residents not enrolled (service null: all services)\"""
            type PrefillShare { service: String residents: Int! fields: Int! filled: Int! share: Float! }
            """;

    private ServiceFields() {
    }

    /**
     * Sets the catalogue the fields answer from (the hub's, loaded at start).
     *
     * @param services the catalogue
     */
    public static void use(ServiceCatalogue services) {
        catalogue = java.util.Objects.requireNonNull(services, "services");
    }

    /** @return the fields, in schema order (the first carries the types' SDL) */
    public static List<RootField> all() {
        AnalyticsField.Check catalogueRead = (a, env) -> a.reads("PublicService") ? null : "may not read PublicService";
        AnalyticsField.Check residents = (a, env) -> {
            String code = env.getArgument("service");
            PublicServiceDefinition s = code == null ? null : catalogue.services().stream().filter(x -> x.code().equals(code)).findFirst().orElse(null);
            return s == null ? null : refusal(a, s);
        };
        AnalyticsField.Check shares = (a, env) -> {
            for (PublicServiceDefinition s : catalogue.services()) {
                String r = refusal(a, s);
                if (r != null) {
                    return r;
                }
            }
            return null;
        };
        return List.of(
                new AnalyticsField("serviceCatalogue", """
                          \"""the catalogue of public services (config/services)\"""
                          serviceCatalogue: [PublicServiceEntry!]!""", TYPES, catalogueRead, (r, a) -> catalogue.services().stream()
                        .map(ServiceFields::entry).toList()),
                new AnalyticsField("eligibleNotEnrolled", """
                          \"""residents eligible for a service on `day` (ISO date, default today in Beijing) and not enrolled, with the facts that make them eligible\"""
                          eligibleNotEnrolled(service: String!, day: String): ServiceOutreach!""", "", residents, ServiceFields::outreach),
                new AnalyticsField("prefilledForm", """
                          \"""a service's application form for a resident (ID number, 15 or 18 digits), every field the graph can fill with its source records\"""
                          prefilledForm(service: String!, idNumber: String!, day: String): PrefilledForm""", "", residents, ServiceFields::form),
                new AnalyticsField("prefillShares", """
                          \"""per service, then overall (service null): the share of form fields filled for the eligible residents not enrolled\"""
                          prefillShares(day: String): [PrefillShare!]!""", "", shares, ServiceFields::shares));
    }

    /** @return why the role may not see a service's residents, or null */
    private static String refusal(AnalyticsAccess a, PublicServiceDefinition s) {
        if (!a.reads("Person")) {
            return "may not read Person";
        }
        List<PropertyPath> paths = new ArrayList<>();
        s.criteria().forEach(c -> paths.add(c.path()));
        s.form().stream().filter(f -> f.path() != null).forEach(f -> paths.add(f.path()));
        for (PropertyPath p : paths) {
            for (PropertyPath.Step step : p.steps()) {
                if (!a.reads(step.target())) {
                    return "may not read " + step.target() + " (" + s.code() + ")";
                }
            }
        }
        for (PublicServiceDefinition.Criterion c : s.criteria()) {
            if (c.path().property().sensitivity() == org.jiedao.hub.ontology.Sensitivity.SPECIAL_CATEGORY
                    && !a.clear(c.path().type().label(), c.path().property().name())) {
                return "may not read " + c.path().text() + " in clear, which eligibility for " + s.code() + " reveals";
            }
        }
        return null;
    }

    private static PublicServiceDefinition service(AnalyticsField.Request r) {
        return catalogue.service(r.argument("service"));
    }

    private static LocalDate day(AnalyticsField.Request r) {
        String day = r.argument("day");
        try {
            return day == null ? LocalDate.now(BEIJING) : LocalDate.parse(day);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("day: not an ISO date (2026-11-01): " + day, e);
        }
    }

    private static Map<String, Object> entry(PublicServiceDefinition s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", s.code());
        m.put("name", s.name());
        m.put("description", s.description());
        m.put("competentAuthority", s.competentAuthority());
        m.put("legalBasis", s.legalBasis());
        m.put("criteria", s.criteria().stream().map(c -> Map.of("code", c.code(), "description", c.description(),
                "kind", c.kind().name(), "property", c.path().text())).toList());
        m.put("evidence", s.evidence().stream().map(e -> Map.of("code", e.code(), "name", e.name())).toList());
        m.put("form", s.form().stream().map(f -> {
            Map<String, Object> x = new HashMap<>();
            x.put("field", f.field());
            x.put("label", f.label());
            x.put("property", f.path() == null ? null : f.path().text());
            return x;
        }).toList());
        return m;
    }

    private static Object outreach(AnalyticsField.Request r, AnalyticsAccess a) {
        PublicServiceDefinition s = service(r);
        ServiceOutreach o = new ServiceEligibility(r.context().cypher().driver(), r.context().cypher().timeout())
                .outreach(s, day(r), a.scope());
        Masker masker = new Masker(r, a);
        PropertyDef id = a.ontology().nodeType("Person").property("idNumber").orElseThrow();
        PropertyDef name = a.ontology().nodeType("Person").property("name").orElseThrow();
        List<String> ids = masker.apply("Person", id, o.notEnrolled().stream().map(EligibleResident::idNumber).toList());
        List<String> names = masker.apply("Person", name, o.notEnrolled().stream().map(EligibleResident::name).toList());
        List<List<String>> factValues = new ArrayList<>();
        for (int c = 0; c < s.criteria().size(); c++) {
            int k = c;
            PropertyPath p = s.criteria().get(c).path();
            factValues.add(masker.apply(p.type().label(), p.property(), o.notEnrolled().stream().map(x -> x.facts().get(k).value()).toList()));
        }
        List<Map<String, Object>> residents = new ArrayList<>();
        for (int i = 0; i < o.notEnrolled().size(); i++) {
            EligibleResident x = o.notEnrolled().get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("idNumber", ids.get(i));
            m.put("name", names.get(i));
            m.put("community", x.community());
            m.put("optedOut", x.optedOut());
            List<Map<String, Object>> facts = new ArrayList<>();
            for (int c = 0; c < x.facts().size(); c++) {
                EligibilityFact f = x.facts().get(c);
                Map<String, Object> fm = new LinkedHashMap<>();
                fm.put("criterion", f.criterion());
                fm.put("property", f.property());
                String value = factValues.get(c).get(i);
                fm.put("value", value);
                fm.put("detail", value == null || !value.equals(f.value()) ? null : f.detail());
                fm.put("records", a.provenance() ? f.records() : List.of());
                facts.add(fm);
            }
            m.put("facts", facts);
            residents.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("service", o.service());
        out.put("day", o.day().toString());
        out.put("eligible", o.eligible());
        out.put("enrolled", o.enrolled());
        out.put("notEnrolled", o.notEnrolled().size());
        out.put("residents", residents);
        return out;
    }

    private static Object form(AnalyticsField.Request r, AnalyticsAccess a) {
        PublicServiceDefinition s = service(r);
        String id;
        try {
            id = IdNumber.parse(r.argument("idNumber")).value();
        } catch (NormalisationException e) {
            throw new IllegalArgumentException("idNumber: " + e.getMessage(), e);
        }
        PrefilledForm form = new Prefill(r.context().cypher().driver(), a.ontology(), r.context().cypher().timeout())
                .form(s, id, day(r), a.scope()).orElse(null);
        if (form == null) {
            return null;
        }
        Masker masker = new Masker(r, a);
        List<Map<String, Object>> fields = new ArrayList<>();
        for (int i = 0; i < form.fields().size(); i++) {
            PrefilledField f = form.fields().get(i);
            PublicServiceDefinition.FormField def = s.form().get(i);
            String value = f.value();
            String text = f.text();
            if (def.path() != null && value != null) {
                String shown = masker.apply(def.path().type().label(), def.path().property(), java.util.Arrays.asList(value)).getFirst();
                text = value.equals(shown) ? text : shown;
                value = shown;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("field", f.field());
            m.put("label", f.label());
            m.put("property", f.property());
            m.put("filled", f.filled());
            m.put("value", value);
            m.put("text", text);
            m.put("records", a.provenance() ? f.records() : List.of());
            fields.add(m);
        }
        PropertyDef idDef = a.ontology().nodeType("Person").property("idNumber").orElseThrow();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("service", s.code());
        out.put("idNumber", masker.apply("Person", idDef, List.of(form.idNumber())).getFirst());
        out.put("filled", form.filled());
        out.put("total", form.fields().size());
        out.put("share", form.share());
        out.put("fields", fields);
        return out;
    }

    private static Object shares(AnalyticsField.Request r, AnalyticsAccess a) {
        List<PrefillShare> shares = new Prefill(r.context().cypher().driver(), a.ontology(), r.context().cypher().timeout())
                .shares(catalogue.services(), day(r), a.scope());
        return shares.stream().map(s -> {
            Map<String, Object> m = new HashMap<>();
            m.put("service", s.service());
            m.put("residents", s.residents());
            m.put("fields", s.fields());
            m.put("filled", s.filled());
            m.put("share", s.share());
            return m;
        }).toList();
    }

    /**
     * Applies a property's rule for the caller to values: clear as they are, masked by {@link Masks} inside Neo4j (one
     * statement per property and call), else null.
     */
    private record Masker(AnalyticsField.Request request, AnalyticsAccess access) {
        List<String> apply(String label, PropertyDef p, List<String> values) {
            FieldRule rule = access.reads(label) && access.access().role().readsField(label, p.name())
                    ? access.access().stored(p) : FieldRule.HIDDEN;
            if (rule == FieldRule.CLEAR) {
                return values;
            }
            if (rule != FieldRule.MASKED || !Masks.maskable(p) || values.isEmpty()) {
                return values.stream().map(v -> (String) null).toList();
            }
            String cypher = RENDERER.render(Cypher.unwind(Cypher.parameter("values")).as("v")
                    .returning(Masks.mask(p, Cypher.name("v")).as("m")).build());
            return request.context().cypher().readNow(cypher, Map.of("values", values)).stream()
                    .map(row -> (String) row.get("m")).toList();
        }
    }
}
