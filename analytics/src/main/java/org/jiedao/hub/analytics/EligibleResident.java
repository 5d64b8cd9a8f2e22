package org.jiedao.hub.analytics;

import java.util.List;

/**
 * A resident eligible for a service and not enrolled in it.
 *
 * @param idNumber  the resident's 18-character ID number (GB 11643-1999)
 * @param name      the resident's name, or null
 * @param community the 12-digit code of the community of the resident's address, or null
 * @param facts     one fact per criterion, in the catalogue's order
 * @param optOuts   the ids of the resident's opt-outs of notices about this service (empty: notices may be sent)
 */
public record EligibleResident(String idNumber, String name, String community, List<EligibilityFact> facts, List<String> optOuts) {
    /** @return whether the resident asked for no notices about the service */
    public boolean optedOut() {
        return !optOuts.isEmpty();
    }
}
