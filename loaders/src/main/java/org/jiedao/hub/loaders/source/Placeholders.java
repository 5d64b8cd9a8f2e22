package org.jiedao.hub.loaders.source;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${NAME}} and {@code ${NAME:default}} in source definitions from a map of settings (the
 * environment plus the hub's own settings such as {@code HUB_DATA_DIR}), so that connection details stay out of
 * the definitions (12-factor configuration).
 */
public final class Placeholders {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.]+)(?::([^{}]*))?}");
    private final Map<String, String> settings;

    /** @param settings values by name; looked up as given */
    public Placeholders(Map<String, String> settings) {
        this.settings = Map.copyOf(settings);
    }

    /**
     * Placeholders may nest in defaults: {@code ${DB_URL:jdbc:h2:file:${HUB_DATA_DIR:data}/db}}.
     *
     * @param text text with placeholders, or null
     * @return the text with every placeholder replaced; null stays null
     * @throws IllegalArgumentException naming the placeholder when it has no value and no default
     */
    public String resolve(String text) {
        if (text == null) {
            return null;
        }
        String previous;
        String current = text;
        do {
            previous = current;
            current = resolveInnermost(previous);
        } while (!current.equals(previous));
        return current;
    }

    private String resolveInnermost(String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = settings.get(m.group(1));
            if (value == null) {
                value = m.group(2);
            }
            if (value == null) {
                throw new IllegalArgumentException("${" + m.group(1) + "} is not set and has no default");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
