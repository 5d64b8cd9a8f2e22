package org.jiedao.hub.analytics;

import java.util.List;

/**
 * A service's application form for one resident, with every field the graph can fill.
 *
 * @param service  the service code
 * @param idNumber the resident's ID number
 * @param fields   every field of the form, in form order, filled or not
 */
public record PrefilledForm(String service, String idNumber, List<PrefilledField> fields) {
    /** @return the number of fields filled */
    public int filled() {
        return (int) fields.stream().filter(PrefilledField::filled).count();
    }

    /** @return filled fields over all fields, 0 to 1 (0 for a form without fields) */
    public double share() {
        return fields.isEmpty() ? 0 : (double) filled() / fields.size();
    }
}
