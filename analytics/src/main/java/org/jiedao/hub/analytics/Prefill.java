package org.jiedao.hub.analytics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jiedao.hub.ontology.CodeList;
import org.jiedao.hub.ontology.Ontology;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;

/**
 * Prefilled application forms (issue 8, item 3; docs/analytics.md, "Proactive services"): for a resident and a
 * service, every field of the service's form with the value the graph holds for the field's property path and the
 * source records that assert it, or missing; and the share of fields filled per service and overall. A path that
 * reaches several nodes (two certificates) gives the smallest value; a path through a certificate counts only
 * certificates not expired on the day. Reads only; thread-safe.
 */
public final class Prefill {
    private final Reads reads;
    private final Ontology ontology;
    private final ServiceEligibility eligibility;

    /**
     * @param driver   the hub's driver
     * @param ontology the ontology (code labels)
     * @param timeout  the longest one read may run, or null for the server's default
     */
    public Prefill(Driver driver, Ontology ontology, java.time.Duration timeout) {
        this.reads = new Reads(Objects.requireNonNull(driver, "driver"), timeout);
        this.ontology = Objects.requireNonNull(ontology, "ontology");
        this.eligibility = new ServiceEligibility(driver, timeout);
    }

    /**
     * @param service  a service of the catalogue
     * @param idNumber the resident's canonical 18-character ID number
     * @param day      the day certificates must be valid on
     * @param scope    the communities read
     * @return the form, or empty when no resident of the scope has that ID number
     */
    public Optional<PrefilledForm> form(PublicServiceDefinition service, String idNumber, LocalDate day, CommunityScope scope) {
        List<PrefilledForm> forms = forms(service, List.of(idNumber), day, scope);
        return forms.isEmpty() ? Optional.empty() : Optional.of(forms.getFirst());
    }

    /**
     * @param service   a service of the catalogue
     * @param idNumbers canonical ID numbers
     * @param day       the day certificates must be valid on
     * @param scope     the communities read
     * @return the forms of the residents found in the scope, by ID number
     */
    public List<PrefilledForm> forms(PublicServiceDefinition service, List<String> idNumbers, LocalDate day, CommunityScope scope) {
        StringBuilder q = new StringBuilder("""
                UNWIND $ids AS id
                MATCH (p:Person {idNumber: id})
                WITH p, head([(p)-[:RESIDES_AT]->(:Address)-[:IN_COMMUNITY]->(c:Community) | c.code]) AS community
                WHERE $communities IS NULL OR community IN $communities
                RETURN p.idNumber AS idNumber""");
        List<PublicServiceDefinition.FormField> form = service.form();
        for (int i = 0; i < form.size(); i++) {
            PropertyPath path = form.get(i).path();
            if (path != null) {
                q.append(",\n  ").append(ServiceEligibility.values(path, "f" + i + "_",
                        ServiceEligibility.validity(path, "f" + i + "_"), false)).append(" AS f").append(i);
            }
        }
        q.append("\nORDER BY idNumber");
        Map<String, Object> params = new HashMap<>();
        params.put("ids", List.copyOf(idNumbers));
        params.put("communities", scope.parameter());
        params.put("day", day);
        List<PrefilledForm> out = new ArrayList<>();
        for (Record r : reads.list(q.toString(), params, r -> r)) {
            List<PrefilledField> fields = new ArrayList<>();
            for (int i = 0; i < form.size(); i++) {
                PublicServiceDefinition.FormField f = form.get(i);
                if (f.path() == null) {
                    fields.add(new PrefilledField(f.field(), f.label(), null, null, null, List.of()));
                    continue;
                }
                Optional<Value> first = r.get("f" + i).asList(v -> v).stream()
                        .min(Comparator.comparing(v -> v.get("value").asString()));
                if (first.isEmpty()) {
                    fields.add(new PrefilledField(f.field(), f.label(), f.path().text(), null, null, List.of()));
                } else {
                    String value = first.get().get("value").asString();
                    fields.add(new PrefilledField(f.field(), f.label(), f.path().text(), value, text(f.path(), value),
                            first.get().get("records").asList(Value::asString).stream().sorted().toList()));
                }
            }
            out.add(new PrefilledForm(service.code(), r.get("idNumber").asString(), fields));
        }
        return out;
    }

    /**
     * The share of form fields the graph fills for each service's eligible residents not enrolled, and for all
     * services together.
     *
     * @param services the services
     * @param day      the day eligibility and validity are taken on
     * @param scope    the communities read
     * @return one share per service in the given order, then the overall share (service null)
     */
    public List<PrefillShare> shares(List<PublicServiceDefinition> services, LocalDate day, CommunityScope scope) {
        List<PrefillShare> out = new ArrayList<>();
        int residents = 0;
        long fields = 0;
        long filled = 0;
        for (PublicServiceDefinition s : services) {
            List<String> ids = eligibility.outreach(s, day, scope).notEnrolled().stream().map(EligibleResident::idNumber).toList();
            List<PrefilledForm> forms = forms(s, ids, day, scope);
            long f = (long) forms.size() * s.form().size();
            long k = forms.stream().mapToLong(PrefilledForm::filled).sum();
            out.add(new PrefillShare(s.code(), forms.size(), f, k));
            residents += forms.size();
            fields += f;
            filled += k;
        }
        out.add(new PrefillShare(null, residents, fields, filled));
        return out;
    }

    /** @return a code's Chinese label for a coded property, else the value */
    private String text(PropertyPath path, String value) {
        if (path.property().codeList() == null) {
            return value;
        }
        CodeList list = ontology.codeList(path.property().codeList());
        return list.byNotation(value).map(CodeList.Code::labelZh).orElse(value);
    }
}
