package org.jiedao.hub.ontology;

/**
 * A datatype property of the ontology as it lives in the graph.
 *
 * @param iri         the property's IRI
 * @param name        property name in the graph and the API ({@code hub:propertyName}), e.g. {@code idNumber}
 * @param datatype    XSD local name of its range: {@code string}, {@code date}, {@code dateTime}, {@code integer}...
 * @param labelZh     Chinese label
 * @param labelEn     English label
 * @param sensitivity how the API treats its values
 * @param indexed     whether the graph keeps a range index on it
 * @param normaliser  name of the loaders' normaliser giving the canonical form ({@code hub:normaliser}), or null
 */
public record PropertyDef(String iri, String name, String datatype, String labelZh, String labelEn,
                          Sensitivity sensitivity, boolean indexed, String normaliser) {
}
