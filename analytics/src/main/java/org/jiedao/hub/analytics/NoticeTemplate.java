package org.jiedao.hub.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The notice text rule: a template is plain text in which {@code {name}} is replaced by the value of the form field
 * {@code name} prefilled for the resident ({@link Prefill}), and {@code {service}} by the service's name. {@code {{}
 * and {@code }}} write literal braces. A placeholder that is not a form field is refused when the catalogue loads; a
 * field the graph cannot fill for a resident renders as the empty string. Nothing else is interpreted (no
 * expressions, no loops), so a template cannot reach data beyond the form.
 */
public final class NoticeTemplate {
    /** The placeholder of the service's name. */
    public static final String SERVICE = "service";
    private static final Pattern TOKEN = Pattern.compile("\\{\\{|}}|\\{([A-Za-z][A-Za-z0-9_]*)}|[{}]");

    private NoticeTemplate() {
    }

    /**
     * @param template a template
     * @param fields   the form's field names
     * @throws IllegalArgumentException naming an unknown placeholder or a stray brace
     */
    public static void check(String template, Set<String> fields) {
        for (String name : placeholders(template)) {
            if (!name.equals(SERVICE) && !fields.contains(name)) {
                throw new IllegalArgumentException("notice template: unknown placeholder {" + name + "}; the form's fields are "
                        + fields + " and {service}");
            }
        }
    }

    /**
     * @param template a template
     * @return its placeholder names, in order
     * @throws IllegalArgumentException at a lone brace
     */
    public static List<String> placeholders(String template) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(template);
        while (m.find()) {
            if (m.group(1) != null) {
                out.add(m.group(1));
            } else if (m.group().length() == 1) {
                throw new IllegalArgumentException("notice template: a lone '" + m.group() + "' at character " + m.start()
                        + " (write {{ or }} for a brace)");
            }
        }
        return out;
    }

    /**
     * @param template a checked template
     * @param values   values by placeholder name; a missing or null value renders as the empty string
     * @return the text
     */
    public static String render(String template, Map<String, String> values) {
        Matcher m = TOKEN.matcher(template);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String token = m.group();
            String replacement = token.equals("{{") ? "{" : token.equals("}}") ? "}"
                    : m.group(1) != null ? java.util.Objects.toString(values.get(m.group(1)), "") : token;
            m.appendReplacement(b, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(b);
        return b.toString();
    }
}
