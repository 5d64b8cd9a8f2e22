package org.jiedao.hub.analytics;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * One public service of the catalogue ({@code config/services/*.yaml}), in the terms of CPSV-AP 3 (the EU Core Public
 * Service Vocabulary Application Profile): the service ({@code cpsv:PublicService}, its {@code dct:identifier},
 * {@code dct:title}, {@code dct:description}), its competent authority ({@code cv:hasCompetentAuthority}), its legal
 * resources ({@code cv:hasLegalResource}), its eligibility criteria ({@code cv:hasCriterion}, all of which must hold),
 * the evidence an applicant supplies ({@code cv:hasInput}), and, beyond CPSV-AP, who already benefits
 * ({@code enrolment}), the application form's fields mapped to ontology properties, and the notice text.
 *
 * @param file               the file it was read from
 * @param code               the service code ({@code PublicService.code} in the graph, e.g. {@code elderly-card})
 * @param name               the service's name
 * @param description        what it gives, or null
 * @param competentAuthority the authority responsible
 * @param legalBasis         the rules it implements, each a citation
 * @param criteria           the eligibility criteria, all required
 * @param evidence           the documents an applicant supplies
 * @param enrolment          how the graph shows that a resident already benefits
 * @param form               the application form's fields, in form order
 * @param noticeTemplate     the notice text with {@code {placeholder}}s ({@link NoticeTemplate}), or null for no notices
 */
public record PublicServiceDefinition(Path file, String code, String name, String description, String competentAuthority,
                                      List<String> legalBasis, List<Criterion> criteria, List<EvidenceItem> evidence,
                                      Enrolment enrolment, List<FormField> form, String noticeTemplate) {

    /** The kinds of criterion. */
    public enum Kind {
        /** the resident's age in whole years on the day, from a date property, is at least {@code minimum} */
        AGE,
        /** the resident has a relationship of the path's first step (e.g. a household-registry membership) valid on the day */
        REGISTRATION,
        /** the resident holds a node of {@code type} (e.g. a certificate) valid on the day whose {@code property} is one of {@code values} */
        HOLDS
    }

    /**
     * An eligibility criterion ({@code cv:Criterion}).
     *
     * @param code                       its code, unique in the service
     * @param description                the rule in words
     * @param kind                       what it checks
     * @param path                       AGE: the birth-date property; REGISTRATION: the relationship to follow
     *                                   (its first step, e.g. {@code Person.household.householdNumber});
     *                                   HOLDS: the property checked, reached from the resident
     *                                   (e.g. {@code Person.certificates[DisabilityCertificate].disabilityLevel})
     * @param minimum                    AGE: the least age in whole years on the day
     * @param values                     HOLDS: the values that qualify (codes of the property's code list)
     */
    public record Criterion(String code, String description, Kind kind, PropertyPath path, Integer minimum, Set<String> values) {
    }

    /**
     * A kind of document the applicant supplies ({@code cv:Evidence}).
     *
     * @param code its code
     * @param name its name
     */
    public record EvidenceItem(String code, String name) {
    }

    /**
     * Who already benefits: a resident holding a node of a type (a card) valid on the day, or with an application for
     * this service (a {@code ServiceApplication} that {@code APPLIES_FOR} the service, {@code REPORTED_BY} the resident)
     * whose decision is one of {@code decisions}.
     *
     * @param holds     the label of what an enrolled resident holds (path from the resident), or null
     * @param decisions the decisions that mean enrolled, when {@code holds} is null
     */
    public record Enrolment(PropertyPath holds, Set<String> decisions) {
    }

    /**
     * A field of the application form.
     *
     * @param field    its name (also the notice template's placeholder)
     * @param label    its label on the form
     * @param path     the ontology property that fills it, or null when the graph cannot fill it (a photo, a bank account)
     */
    public record FormField(String field, String label, PropertyPath path) {
    }
}
