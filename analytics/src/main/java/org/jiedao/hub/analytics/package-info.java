/**
 * Governance analytics over the integrated graph (issue 8; docs/analytics.md): case hotspots ({@link
 * org.jiedao.hub.analytics.CaseHotspots}), patrols ({@link org.jiedao.hub.analytics.Patrols}) and kindergarten places
 * ({@link org.jiedao.hub.analytics.KindergartenForecast}). Each analytic
 * reads the graph with parameterised Cypher through the driver, returns plain records, and gives for every number
 * the keys and source-record uids ({@code source:recordKey}) it counted, so that a user can reach the records behind
 * it. Analytics never write. A {@link org.jiedao.hub.analytics.CommunityScope} limits what is read to some
 * communities (a caseworker's).
 */
package org.jiedao.hub.analytics;
