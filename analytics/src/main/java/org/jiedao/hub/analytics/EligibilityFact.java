package org.jiedao.hub.analytics;

import java.util.List;

/**
 * One fact that meets a criterion: the value the graph holds and the source records that assert it.
 *
 * @param criterion the criterion's code
 * @param property  the property path read, e.g. {@code Person.birthDate}
 * @param value     the value as stored (a code for a coded property, ISO 8601 for a date), as text
 * @param detail    what it means for the criterion, e.g. {@code aged 76 on 2026-11-01}
 * @param records   uids ({@code source:recordKey}) of the source records asserting the value, sorted
 */
public record EligibilityFact(String criterion, String property, String value, String detail, List<String> records) {
}
