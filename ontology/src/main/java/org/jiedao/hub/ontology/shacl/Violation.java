package org.jiedao.hub.ontology.shacl;

/**
 * One SHACL constraint a record or an export violates, told so that a clerk understands it.
 *
 * @param focus     IRI of the node that violates it
 * @param property  graph name of the property concerned, e.g. {@code idNumber}
 * @param value     the offending value, or null (for a missing value)
 * @param messageZh what is wrong, in Chinese, naming the property and the rule
 * @param messageEn the same in English
 */
public record Violation(String focus, String property, String value, String messageZh, String messageEn) {
    /** @return {@code "中文 / English"}, the form used for quarantine reasons */
    public String message() {
        return messageZh + " / " + messageEn;
    }
}
