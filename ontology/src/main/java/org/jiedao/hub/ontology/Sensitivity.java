package org.jiedao.hub.ontology;

/**
 * How sensitive a property's values are, from the ontology's {@code hub:sensitivity} annotation. The API masks
 * or hides values by this class (issue 7); the loaders never log values above {@link #PUBLIC}.
 */
public enum Sensitivity {
    /** A value that identifies a person on its own (resident identity number). */
    PERSONAL_ID,
    /** Personal data (name, address, phone, household). */
    PERSONAL,
    /** Special category (health, disability): hidden unless a role is allowed it (PIPL art. 28). */
    SPECIAL_CATEGORY,
    /** Internal to the administration (case handling notes, internal ids), not personal. */
    INTERNAL,
    /** Not personal (codes, categories, timestamps). */
    PUBLIC;

    static Sensitivity fromLocalName(String localName) {
        return switch (localName) {
            case "PersonalId" -> PERSONAL_ID;
            case "Personal" -> PERSONAL;
            case "SpecialCategory" -> SPECIAL_CATEGORY;
            case "Internal" -> INTERNAL;
            case "Public" -> PUBLIC;
            default -> throw new OntologyException("unknown hub:sensitivity " + localName);
        };
    }
}
