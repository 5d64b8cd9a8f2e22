package org.jiedao.hub.api.schema;

import java.util.Locale;

import org.jiedao.hub.ontology.NodeType;

/**
 * The name of a node type's root connection field: the plural of its label in lower camel case, by the regular
 * English rules: {@code Person} → {@code persons}, {@code Address} → {@code addresses}, {@code Community} →
 * {@code communities}, {@code Case} → {@code cases}, {@code EligibilityCriterion} → {@code eligibilityCriteria}.
 * A plural that would equal a key lookup's name (a label that is already plural) gets {@code List} appended.
 */
public final class PluralNames {
    private PluralNames() {
    }

    /**
     * @param type a node type
     * @return its root connection field name
     */
    public static String of(NodeType type) {
        String singular = SchemaBuilder.rootFieldName(type);
        String plural = plural(singular);
        return plural.equals(singular) ? singular + "List" : plural;
    }

    /**
     * @param word a singular English noun (lower camel case allowed; the last word is pluralised)
     * @return its plural
     */
    static String plural(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        if (lower.endsWith("criterion") || lower.endsWith("phenomenon")) {
            return word.substring(0, word.length() - 2) + "a";
        }
        if (lower.endsWith("y") && lower.length() > 1 && "aeiou".indexOf(lower.charAt(lower.length() - 2)) < 0) {
            return word.substring(0, word.length() - 1) + "ies";
        }
        if (lower.endsWith("s") || lower.endsWith("x") || lower.endsWith("z") || lower.endsWith("ch") || lower.endsWith("sh")) {
            return word + "es";
        }
        return word + "s";
    }
}
