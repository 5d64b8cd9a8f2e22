package org.jiedao.hub.loaders.source;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Finds the line of a key in a YAML document, so that a problem found after parsing (a missing connection setting, an
 * unknown ontology class) can name the line as well as the file.
 *
 * <p>Paths are dotted keys with list indexes in brackets, as the definition checks report them:
 * {@code jdbc.pollDelay}, {@code entities.person.properties.idNumber}, {@code relationships[1].type}.
 */
public final class YamlLines {
    private static final YAMLFactory YAML = new YAMLFactory();

    private YamlLines() {
    }

    /**
     * @param yaml the document's text
     * @param path a key path
     * @return the 1-based line of the key at that path or, if it is absent, of its nearest present ancestor; 0 if no
     *         part of the path is present or the text is not YAML
     */
    public static int lineOf(String yaml, String path) {
        return find(yaml, path, false);
    }

    /**
     * @param yaml the document's text
     * @param path a key path
     * @return the 1-based line of the key at exactly that path, 0 if the document has no such key
     */
    public static int lineOfKey(String yaml, String path) {
        return find(yaml, path, true);
    }

    private static int find(String yaml, String path, boolean exact) {
        if (path == null || path.isBlank()) {
            return 0;
        }
        int best = 0;
        int bestDepth = 0;
        try (JsonParser p = YAML.createParser(yaml)) {
            Deque<String> stack = new ArrayDeque<>(); // the path of the current container, one entry per level
            Deque<Integer> index = new ArrayDeque<>(); // next element index of each array level, -1 for objects
            String pending = null; // the field name whose value comes next
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                String here = join(stack);
                if (t == JsonToken.FIELD_NAME) {
                    pending = p.currentName();
                    String full = here.isEmpty() ? pending : here + "." + pending;
                    int depth = matchDepth(path, full);
                    if (depth > bestDepth) {
                        best = p.currentTokenLocation().getLineNr();
                        bestDepth = depth;
                    }
                    continue;
                }
                String element = null;
                if (!index.isEmpty() && index.peek() >= 0 && t != JsonToken.END_ARRAY && t != JsonToken.END_OBJECT) {
                    int i = index.pop();
                    index.push(i + 1);
                    element = (here.isEmpty() ? "" : here) + "[" + i + "]";
                    int depth = matchDepth(path, element);
                    if (depth > bestDepth) {
                        best = p.currentTokenLocation().getLineNr();
                        bestDepth = depth;
                    }
                }
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    String name = element != null ? element : pending == null ? here : here.isEmpty() ? pending : here + "." + pending;
                    stack.push(name);
                    index.push(t == JsonToken.START_ARRAY ? 0 : -1);
                } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    stack.pop();
                    index.pop();
                }
                pending = null;
            }
        } catch (IOException | RuntimeException e) {
            return exact && bestDepth != path.length() + 1 ? 0 : best;
        }
        return exact && bestDepth != path.length() + 1 ? 0 : best;
    }

    /** The container path is kept whole in the top entry. */
    private static String join(Deque<String> stack) {
        return stack.isEmpty() ? "" : stack.peek();
    }

    /** How many characters of {@code path} the candidate covers, if it is the path or an ancestor of it; else 0. */
    private static int matchDepth(String path, String candidate) {
        if (path.equals(candidate)) {
            return candidate.length() + 1;
        }
        if (path.startsWith(candidate) && (path.charAt(candidate.length()) == '.' || path.charAt(candidate.length()) == '[')) {
            return candidate.length();
        }
        return 0;
    }
}
