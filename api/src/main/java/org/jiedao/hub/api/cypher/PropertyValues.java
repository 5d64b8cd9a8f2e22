package org.jiedao.hub.api.cypher;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import org.jiedao.hub.loaders.normalise.Normalisers;
import org.jiedao.hub.ontology.PropertyDef;

/**
 * Reads a value that the API received as text (a filter operand, a cursor entry) as the Java value the driver
 * sends in the property's stored type, so that Cypher compares like with like: {@code xsd:date} as a
 * {@link LocalDate} (ISO 8601 {@code YYYY-MM-DD}), {@code xsd:integer} as a {@link Long}, {@code xsd:decimal} as a
 * {@link Double}, {@code xsd:boolean} as a {@link Boolean}, anything else as the text itself. Date-times
 * ({@code xsd:dateTime}) are handled by {@link #dateTime(String, String)}.
 */
public final class PropertyValues {
    private PropertyValues() {
    }

    /** Kinds of stored values, from the property's XSD datatype. */
    enum Kind { STRING, DATE, DATE_TIME, INTEGER, DECIMAL, BOOLEAN }

    /**
     * @param p an ontology property
     * @return how its values are stored
     */
    static Kind kind(PropertyDef p) {
        return switch (p.datatype() == null ? "string" : p.datatype()) {
            case "date" -> Kind.DATE;
            case "dateTime", "dateTimeStamp" -> Kind.DATE_TIME;
            case "integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger" -> Kind.INTEGER;
            case "decimal", "double", "float" -> Kind.DECIMAL;
            case "boolean" -> Kind.BOOLEAN;
            default -> Kind.STRING;
        };
    }

    /**
     * @param p     the property the value is compared with
     * @param field the argument path, for the error message, e.g. {@code where.birthDate.gt}
     * @param text  the value as given
     * @return the value in the property's stored type (never for date-times: see {@link #dateTime(String, String)})
     * @throws BadUserInputException if the text does not parse in that type
     */
    static Object parse(PropertyDef p, String field, String text) {
        try {
            return switch (kind(p)) {
                case DATE -> LocalDate.parse(text.strip());
                case INTEGER -> Long.parseLong(text.strip());
                case DECIMAL -> new BigDecimal(text.strip()).doubleValue();
                case BOOLEAN -> switch (text.strip()) {
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    default -> throw new NumberFormatException();
                };
                case STRING, DATE_TIME -> text;
            };
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new BadUserInputException("%s: '%s' is not %s".formatted(field, text, describe(kind(p))));
        }
    }

    /**
     * A date-time operand, in both forms the graph may hold: loaders store instants (with offset), older data may
     * hold local date-times. Comparing one form with the other gives null in Cypher, so a predicate compares with
     * both and exactly one of them decides.
     *
     * @param zoned the instant (a value without offset is read in {@link Normalisers#DEFAULT_ZONE}, China Standard Time)
     * @param local the same instant as a local date-time in that zone
     */
    record DateTime(OffsetDateTime zoned, LocalDateTime local) {
    }

    /**
     * @param field the argument path, for the error message
     * @param text  ISO 8601 date-time, with or without offset ({@code 2026-03-14T09:21:05}, {@code 2026-03-14T09:21:05+08:00})
     *              or a date alone (the start of that day)
     * @return both forms of the instant
     * @throws BadUserInputException if the text is no ISO 8601 date-time
     */
    static DateTime dateTime(String field, String text) {
        String t = text.strip();
        try {
            OffsetDateTime zoned;
            if (t.length() == 10) {
                zoned = LocalDate.parse(t).atStartOfDay(Normalisers.DEFAULT_ZONE).toOffsetDateTime();
            } else if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                zoned = OffsetDateTime.parse(t);
            } else {
                zoned = LocalDateTime.parse(t).atZone(Normalisers.DEFAULT_ZONE).toOffsetDateTime();
            }
            return new DateTime(zoned, zoned.atZoneSameInstant(Normalisers.DEFAULT_ZONE).toLocalDateTime());
        } catch (DateTimeParseException e) {
            throw new BadUserInputException("%s: '%s' is not %s".formatted(field, text, describe(Kind.DATE_TIME)));
        }
    }

    private static String describe(Kind kind) {
        return switch (kind) {
            case DATE -> "a date (YYYY-MM-DD)";
            case DATE_TIME -> "a date-time (ISO 8601, e.g. 2026-03-14T09:21:05 or 2026-03-14T09:21:05+08:00)";
            case INTEGER -> "a whole number";
            case DECIMAL -> "a number";
            case BOOLEAN -> "true or false";
            case STRING -> "text";
        };
    }
}
