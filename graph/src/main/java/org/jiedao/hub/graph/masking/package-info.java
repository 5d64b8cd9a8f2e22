/**
 * Value masking by the reader's role (docs/security/access-policy.md): {@link org.jiedao.hub.graph.masking.ValueRule}
 * decides clear, masked or hidden by the ontology's sensitivity, {@link org.jiedao.hub.graph.masking.Masks} builds
 * the masks as Cypher expressions. Shared by the GraphQL API and the data exchange so both mask alike.
 */
package org.jiedao.hub.graph.masking;
