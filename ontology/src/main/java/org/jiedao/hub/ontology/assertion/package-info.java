/**
 * What one source record asserts, in ontology terms: nodes (by type and key) and relationships between them,
 * with the record's provenance. Loaders produce these; the graph module writes them. Both depend only on the
 * ontology, so neither knows the other.
 */
package org.jiedao.hub.ontology.assertion;
