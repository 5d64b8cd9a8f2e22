package org.jiedao.hub.analytics;

import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;

/**
 * Residents eligible for a public service and not enrolled in it (issue 8, item 3; docs/analytics.md, "Proactive
 * services"), with the facts and source records that make them eligible, by the service's criteria of the catalogue
 * ({@link ServiceCatalogue}). One parameterised statement per service reads every resident of the scope (a person with
 * an ID number; its community is that of the address it {@code RESIDES_AT}) with the values each criterion reads;
 * the criteria are then applied here:
 * <ul>
 *   <li>REGISTRATION: the resident has the path's first relationship (e.g. {@code MEMBER_OF} a household of the
 *       registry) valid on the day ({@code validFrom}/{@code validTo} absent or around the day), to a node holding the
 *       property;</li>
 *   <li>AGE: whole years from the birth date to the day are at least the minimum (ISO calendar; born on 29 February, a
 *       birthday falls on 28 February in other years); a partial birth date ({@code 1950-03}, {@code 1950}) counts from
 *       its last possible day, so a resident is listed only when certainly old enough;</li>
 *   <li>HOLDS: the resident holds a node of the path (e.g. a {@code DisabilityCertificate}) not expired on the day
 *       ({@code expiresOn} absent or not before the day) whose property is one of the values.</li>
 * </ul>
 * Enrolled means holding the enrolment's node valid on the day, or having an application for the service
 * ({@code ServiceApplication} {@code APPLIES_FOR} the service, {@code REPORTED_BY} the resident) with one of the
 * enrolment's decisions. Reads only; thread-safe.
 */
public final class ServiceEligibility {
    private final Reads reads;

    /**
     * @param driver  the hub's driver
     * @param timeout the longest one read may run, or null for the server's default
     */
    public ServiceEligibility(Driver driver, java.time.Duration timeout) {
        this.reads = new Reads(Objects.requireNonNull(driver, "driver"), timeout);
    }

    /**
     * @param service a service of the catalogue
     * @param day     the day criteria and validity are taken on
     * @param scope   the communities read
     * @return the eligible residents not enrolled (by ID number) and the counts
     */
    public ServiceOutreach outreach(PublicServiceDefinition service, LocalDate day, CommunityScope scope) {
        StringBuilder q = new StringBuilder("""
                MATCH (p:Person) WHERE p.idNumber IS NOT NULL
                WITH p, head([(p)-[:RESIDES_AT]->(:Address)-[:IN_COMMUNITY]->(c:Community) | c.code]) AS community
                WHERE $communities IS NULL OR community IN $communities
                WITH p, community
                """);
        List<String> filters = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        params.put("communities", scope.parameter());
        params.put("day", day);
        params.put("service", service.code());
        StringBuilder ret = new StringBuilder("RETURN p.idNumber AS idNumber, p.name AS name, community");
        for (int i = 0; i < service.criteria().size(); i++) {
            PublicServiceDefinition.Criterion c = service.criteria().get(i);
            String filter = switch (c.kind()) {
                case AGE -> null;
                case REGISTRATION -> "(r1.validFrom IS NULL OR r1.validFrom <= $day) AND (r1.validTo IS NULL OR r1.validTo >= $day)";
                case HOLDS -> and(validity(c.path(), "h" + i + "_"), "toString(" + c.path().holder("p", "h" + i + "_") + "."
                        + c.path().property().name() + ") IN $values" + i);
            };
            if (c.kind() == PublicServiceDefinition.Kind.HOLDS) {
                params.put("values" + i, List.copyOf(c.values()));
            }
            ret.append(",\n  ").append(values(c.path(), "h" + i + "_", filter, c.kind() == PublicServiceDefinition.Kind.REGISTRATION))
                    .append(" AS c").append(i);
            if (c.kind() != PublicServiceDefinition.Kind.AGE) {
                filters.add("size(c" + i + ") > 0");
            }
        }
        PublicServiceDefinition.Enrolment e = service.enrolment();
        if (e.holds() != null) {
            ret.append(",\n  ").append(values(e.holds(), "e_", validity(e.holds(), "e_"), false)).append(" AS enrolment");
        } else {
            params.put("decisions", List.copyOf(e.decisions()));
            ret.append(",\n  [(p)<-[:REPORTED_BY]-(a:ServiceApplication)-[:APPLIES_FOR]->(:PublicService {code: $service})"
                    + " WHERE a.decision IN $decisions | a.caseNumber] AS enrolment");
        }
        ret.append(",\n  [(p)<-[:OPTED_OUT_BY]-(o:NoticeOptOut)-[:OPT_OUT_OF]->(:PublicService {code: $service}) | o.optOutId] AS optOuts");
        String statement = q + ret.toString().replaceFirst("^RETURN ", "WITH ")
                + (filters.isEmpty() ? "" : "\nWHERE " + String.join(" AND ", filters))
                + "\nRETURN *";
        List<Record> rows = reads.list(statement, params, r -> r);
        int eligible = 0;
        int enrolled = 0;
        List<EligibleResident> out = new ArrayList<>();
        for (Record r : rows) {
            List<EligibilityFact> facts = new ArrayList<>();
            boolean ok = true;
            for (int i = 0; i < service.criteria().size() && ok; i++) {
                PublicServiceDefinition.Criterion c = service.criteria().get(i);
                List<Value> found = r.get("c" + i).asList(v -> v);
                EligibilityFact fact = null;
                for (Value v : found) {
                    String value = v.get("value").asString();
                    List<String> records = v.get("records").asList(Value::asString).stream().sorted().toList();
                    String detail = switch (c.kind()) {
                        case AGE -> {
                            Integer age = ageOn(value, day);
                            yield age != null && age >= c.minimum() ? "aged " + age + " on " + day : null;
                        }
                        case REGISTRATION -> c.path().steps().getFirst().relationship() + " " + value + " valid on " + day;
                        case HOLDS -> c.path().steps().getLast().target() + " " + c.path().property().name() + " " + value
                                + " valid on " + day;
                    };
                    if (detail != null) {
                        fact = new EligibilityFact(c.code(), c.path().text(), value, detail, records);
                        break;
                    }
                }
                if (fact == null) {
                    ok = false;
                } else {
                    facts.add(fact);
                }
            }
            if (!ok) {
                continue;
            }
            eligible++;
            if (!r.get("enrolment").asList().isEmpty()) {
                enrolled++;
                continue;
            }
            out.add(new EligibleResident(r.get("idNumber").asString(), text(r.get("name")), text(r.get("community")), facts,
                    r.get("optOuts").asList(Value::asString).stream().sorted().toList()));
        }
        out.sort(java.util.Comparator.comparing(EligibleResident::idNumber));
        return new ServiceOutreach(service.code(), day, eligible, enrolled, out);
    }

    /** @return the validity condition on the day of the node holding a path's property (a certificate's expiry), or null */
    static String validity(PropertyPath path, String prefix) {
        String h = path.holder("p", prefix);
        return path.type().property("expiresOn").isPresent() ? "(" + h + ".expiresOn IS NULL OR " + h + ".expiresOn >= $day)" : null;
    }

    private static String and(String a, String b) {
        return a == null ? b : a + " AND " + b;
    }

    /**
     * A list expression of {@code {value, records}} maps: the values of a path's property reachable from {@code p},
     * each with the uids of the source records that asserted it: for a resolved type (Person) the records whose link
     * carries {@code asserted.<property>} (the writer's survivorship trail), for any other type the records linked
     * ({@code RESOLVES_TO} or {@code MENTIONS}) both to the resident and to the node: those that say this resident has
     * this household, address or certificate.
     */
    static String values(PropertyPath path, String prefix, String filter, boolean nameFirstRelationship) {
        String holder = path.holder("p", prefix);
        String prop = path.property().name();
        // a resolved type (Person) keeps on each record's link what the record asserted; for any other node, the
        // records that link both the resident and that node (the hukou row naming her household, the certificate row)
        String records = path.type().resolved()
                ? "[(rec:SourceRecord)-[l:RESOLVES_TO|MENTIONS]->(" + holder + ") WHERE l.`asserted." + prop + "` IS NOT NULL | rec.uid]"
                : path.steps().isEmpty() ? "[]"
                : "[(p)<-[:RESOLVES_TO|MENTIONS]-(rec:SourceRecord)-[:RESOLVES_TO|MENTIONS]->(" + holder + ") | rec.uid]";
        String item = "{value: toString(" + holder + "." + prop + "), records: " + records + "}";
        if (path.steps().isEmpty()) {
            return "CASE WHEN p." + prop + " IS NULL THEN [] ELSE [" + item + "] END";
        }
        String pattern = path.pattern("p", prefix);
        if (nameFirstRelationship) {
            pattern = pattern.replaceFirst("\\[:", "[r1:");
        }
        String where = holder + "." + prop + " IS NOT NULL" + (filter == null || filter.isBlank() ? "" : " AND (" + filter + ")");
        return "[" + pattern + " WHERE " + where + " | " + item + "]";
    }

    /**
     * @param birth a full ({@code 1950-03-07}) or partial ({@code 1950-03}, {@code 1950}) ISO date
     * @param day   the day
     * @return whole years from the latest day the birth date allows to {@code day}, or null if it is not a date
     */
    static Integer ageOn(String birth, LocalDate day) {
        try {
            LocalDate latest = switch (birth.length()) {
                case 4 -> LocalDate.of(Integer.parseInt(birth), 12, 31);
                case 7 -> YearMonth.parse(birth).atEndOfMonth();
                default -> LocalDate.parse(birth.substring(0, Math.min(10, birth.length())));
            };
            return latest.isAfter(day) ? -1 : Period.between(latest, day).getYears();
        } catch (DateTimeParseException | NumberFormatException e) {
            return null;
        }
    }

    private static String text(Value v) {
        return v.isNull() ? null : v.asString();
    }
}
