/**
 * RDF export of the graph (issue 3, item 4): the subgraph around one entity as W3C RDF 1.1, written as Turtle or
 * JSON-LD 1.1, with the ontology's IRIs for classes and properties, {@link org.jiedao.hub.ontology.Iris} for
 * instances, relationship properties as RDF reification, and the source records as W3C PROV-O provenance. An
 * export conforms to the SHACL shapes derived from the ontology
 * ({@link org.jiedao.hub.ontology.shacl.OntologyShapes.Mode#ENTITY}).
 */
package org.jiedao.hub.graph.rdf;
