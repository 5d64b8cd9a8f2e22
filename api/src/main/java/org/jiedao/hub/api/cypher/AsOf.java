package org.jiedao.hub.api.cypher;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code asOf} argument: a calendar date in the ISO 8601 extended form {@code YYYY-MM-DD} (ISO 8601-1:2019,
 * 5.2.2.1; the same form the API writes dates in), e.g. {@code 2024-03-01}. On a field it applies to that field and
 * to every field nested under it, unless a nested field gives its own {@code asOf}; an explicit {@code asOf: null}
 * asks for the whole history again.
 */
public final class AsOf {
    /** The argument's name. */
    public static final String ARGUMENT = "asOf";
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private AsOf() {
    }

    /**
     * @param arguments the field's arguments (graphql-java's resolved values)
     * @param inherited the day that applies above this field, or null
     * @param field     the field's name, for the error message
     * @return the day that applies to this field and below: its own {@code asOf} if given (null for an explicit
     *         null), else {@code inherited}
     * @throws BadUserInputException when the value is not a valid ISO date
     */
    public static LocalDate resolve(Map<String, Object> arguments, LocalDate inherited, String field) {
        return arguments.containsKey(ARGUMENT) ? parse(arguments.get(ARGUMENT), field) : inherited;
    }

    /**
     * @param value the argument value, or null
     * @param field the field's name, for the error message
     * @return the date, or null for null
     * @throws BadUserInputException when the value is not a valid ISO date {@code YYYY-MM-DD}
     */
    public static LocalDate parse(Object value, String field) {
        if (value == null) {
            return null;
        }
        String text = value.toString().strip();
        if (ISO_DATE.matcher(text).matches()) {
            try {
                return LocalDate.parse(text);
            } catch (DateTimeException e) {
                // a day or month out of range: answered below
            }
        }
        throw new BadUserInputException("%s(asOf: \"%s\"): not a date; write it as YYYY-MM-DD (ISO 8601), e.g. 2024-03-01"
                .formatted(field, shorten(text)));
    }

    private static String shorten(String text) {
        String oneLine = text.replaceAll("\\p{Cntrl}", " ");
        return oneLine.length() <= 40 ? oneLine : oneLine.substring(0, 40) + "...";
    }
}
