package org.jiedao.hub.loaders.source;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${NAME}} and {@code ${NAME:default}} in source definitions from a map of settings (the
 * environment plus the hub's own settings such as {@code HUB_DATA_DIR}), so that connection details stay out of
 * the definitions (12-factor configuration).
 *
 * <p>A setting's value is used as it is: placeholder syntax inside a value (a password containing {@code ${}) is
 * not expanded again. A default is only resolved when the setting is absent, so a default that refers to another
 * placeholder does not need that one to be set when the outer setting is.
 */
public final class Placeholders {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.]+");
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
     * @throws IllegalArgumentException naming the placeholder when it has no value and no default, or when a
     *                                  {@code ${} is not closed or holds no valid name
     */
    public String resolve(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        resolve(text, 0, false, out);
        return out.toString();
    }

    /**
     * Copies {@code text} from {@code start}, replacing placeholders, into {@code out}; with a null {@code out}
     * only finds the end (a default that is not used: its placeholders need no value).
     *
     * @param inDefault true when reading a default: stops at its closing brace
     * @return the index of the closing brace of the default, or the text's length
     */
    private int resolve(String text, int start, boolean inDefault, StringBuilder out) {
        int i = start;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '}' && inDefault) {
                return i;
            }
            if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                i = placeholder(text, i, out);
            } else {
                if (out != null) {
                    out.append(c);
                }
                i++;
            }
        }
        if (inDefault) {
            throw new IllegalArgumentException("placeholder '" + text.substring(start) + "' in '" + text
                    + "' is not closed with '}'");
        }
        return i;
    }

    /** Resolves the placeholder starting at {@code dollar}; returns the index after its closing brace. */
    private int placeholder(String text, int dollar, StringBuilder out) {
        int nameStart = dollar + 2;
        int nameEnd = nameStart;
        while (nameEnd < text.length() && text.charAt(nameEnd) != '}' && text.charAt(nameEnd) != ':') {
            nameEnd++;
        }
        if (nameEnd == text.length()) {
            throw new IllegalArgumentException("placeholder '" + text.substring(dollar) + "' in '" + text
                    + "' is not closed with '}'");
        }
        String name = text.substring(nameStart, nameEnd);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("placeholder '${" + name + "' in '" + text
                    + "' needs a name of letters, digits, '_' and '.'");
        }
        String value = settings.get(name);
        if (text.charAt(nameEnd) == '}') {
            if (value == null && out != null) {
                throw new IllegalArgumentException("${" + name + "} is not set and has no default");
            }
            if (out != null) {
                out.append(value);
            }
            return nameEnd + 1;
        }
        // a default follows the ':'; resolve it only if the setting is absent, but always find where it ends
        int close = resolve(text, nameEnd + 1, true, value == null ? out : null);
        if (value != null && out != null) {
            out.append(value);
        }
        return close + 1;
    }
}
