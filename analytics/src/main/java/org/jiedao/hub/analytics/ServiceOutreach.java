package org.jiedao.hub.analytics;

import java.time.LocalDate;
import java.util.List;

/**
 * The residents of a service's reach on a day: how many meet every criterion, how many of those are enrolled, and the
 * eligible residents not enrolled with the facts that make them eligible.
 *
 * @param service     the service code
 * @param day         the day criteria and validity are taken on
 * @param eligible    residents meeting every criterion
 * @param enrolled    of those, residents already enrolled
 * @param notEnrolled the others, by ID number
 */
public record ServiceOutreach(String service, LocalDate day, int eligible, int enrolled, List<EligibleResident> notEnrolled) {
}
