package org.jiedao.hub.analytics;

import java.util.List;

/**
 * One field of a prefilled application form.
 *
 * @param field    the field's name in the catalogue
 * @param label    its label on the form
 * @param property the property path that fills it, or null when the graph cannot fill it
 * @param value    the value as stored (a code for a coded property, ISO 8601 for a date), or null when missing
 * @param text     the value as the form shows it: a code's Chinese label (gender {@code 1} is 男), else the value; null when missing
 * @param records  uids ({@code source:recordKey}) of the source records asserting the value, sorted; empty when missing
 */
public record PrefilledField(String field, String label, String property, String value, String text, List<String> records) {
    /** @return whether the graph filled the field */
    public boolean filled() {
        return value != null;
    }
}
