package org.jiedao.hub.ontology;

import java.util.List;
import java.util.Optional;

/**
 * A code list of the ontology (a SKOS concept scheme), such as GB/T 2261.1 sex codes. Stored values are the
 * codes' notations; the API shows them as an enum named {@link #enumName()}.
 *
 * @param iri      the scheme's IRI
 * @param enumName GraphQL enum type name ({@code hub:enumName}), e.g. {@code Gender}
 * @param labelZh  Chinese label
 * @param labelEn  English label
 * @param source   the standard it reproduces, e.g. {@code GB/T 2261.1-2003} ({@code dcterms:source}), or null
 * @param codes    its codes in notation order
 */
public record CodeList(String iri, String enumName, String labelZh, String labelEn, String source, List<Code> codes) {

    /**
     * One code.
     *
     * @param notation the stored value ({@code skos:notation}), e.g. {@code 1}
     * @param enumName the API's enum value ({@code hub:enumName}), e.g. {@code MALE}
     * @param labelZh  Chinese label ({@code skos:prefLabel}@zh), e.g. 男
     * @param labelEn  English label
     * @param altLabels other names it goes by ({@code skos:altLabel}), any language
     */
    public record Code(String notation, String enumName, String labelZh, String labelEn, List<String> altLabels) {
    }

    /**
     * Finds a code by any of its names: notation, enum name, Chinese or English label, alternative labels
     * (case-insensitive for the
     * Latin ones). Used to store codes whatever form a department wrote them in.
     *
     * @param value a value as written
     * @return the code, if the value names one
     */
    public Optional<Code> resolve(String value) {
        String v = value.strip();
        return codes.stream().filter(c -> c.notation().equals(v) || c.enumName().equalsIgnoreCase(v)
                || c.labelZh().equals(v) || c.labelEn().equalsIgnoreCase(v)
                || c.altLabels().stream().anyMatch(a -> a.equalsIgnoreCase(v))).findFirst();
    }

    /** @return the code with this notation, if any */
    public Optional<Code> byNotation(String notation) {
        return codes.stream().filter(c -> c.notation().equals(notation)).findFirst();
    }
}
