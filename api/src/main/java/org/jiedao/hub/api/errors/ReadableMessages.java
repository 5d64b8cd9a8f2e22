package org.jiedao.hub.api.errors;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the Java names that graphql-java puts in some user-facing messages (variable coercion: "... but it was
 * a 'LinkedHashMap'", literals: "'IntValue{value=2147483648}'") into the JSON terms a client knows, so that error
 * messages name no Java class. Other text is left as it is.
 */
public final class ReadableMessages {
    private static final Map<String, String> JSON_TYPES = Map.ofEntries(
            Map.entry("LinkedHashMap", "an object"), Map.entry("HashMap", "an object"), Map.entry("Map", "an object"),
            Map.entry("ArrayList", "a list"), Map.entry("List", "a list"),
            Map.entry("Long", "an integer"), Map.entry("Integer", "an integer"), Map.entry("BigInteger", "an integer"),
            Map.entry("Double", "a number"), Map.entry("Float", "a number"), Map.entry("BigDecimal", "a number"),
            Map.entry("Boolean", "a boolean"), Map.entry("String", "a string"));
    private static final Pattern IT_WAS = Pattern.compile("it was an? '([A-Za-z]+)'");
    private static final Pattern AST_VALUE = Pattern.compile("'?[A-Z][A-Za-z]*Value\\{value=([^}]*)}'?");

    private ReadableMessages() {
    }

    /**
     * @param message a message as graphql-java wrote it, or null
     * @return the same message with Java type names replaced ({@code it was 'Long'} becomes {@code it was an
     *         integer}, {@code 'IntValue{value=5}'} becomes {@code 5}); null stays null
     */
    public static String of(String message) {
        if (message == null) {
            return null;
        }
        Matcher m = IT_WAS.matcher(message);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement("it was " + JSON_TYPES.getOrDefault(m.group(1), "of another type")));
        }
        m.appendTail(out);
        return AST_VALUE.matcher(out).replaceAll(r -> Matcher.quoteReplacement(r.group(1)));
    }
}
