package org.jiedao.hub.ontology;

/**
 * A datatype property of the ontology as it lives in the graph.
 *
 * @param iri          the property's IRI
 * @param name         property name in the graph and the API ({@code hub:propertyName}), e.g. {@code idNumber}
 * @param datatype     XSD local name of its range: {@code string}, {@code date}, {@code dateTime}, {@code integer}...
 * @param labelZh      Chinese label
 * @param labelEn      English label
 * @param sensitivity  how the API treats its values
 * @param indexed      whether the graph keeps a range index on it
 * @param normaliser   name of the loaders' normaliser giving the canonical form ({@code hub:normaliser}), or null
 * @param definitionZh Chinese definition ({@code skos:definition}), or null
 * @param definitionEn English definition, or null
 * @param required     every node of the class must have it ({@code hub:required}; the key always is)
 * @param functional   at most one value ({@code owl:FunctionalProperty})
 * @param pattern      regular expression its values match ({@code hub:pattern}, SHACL/XPath syntax), or null
 * @param codeList     IRI of the code list (SKOS concept scheme) whose notations are its only values, or null
 * @param fulltext     whether it is part of its label's full-text index ({@code hub:fulltext})
 */
public record PropertyDef(String iri, String name, String datatype, String labelZh, String labelEn,
                          Sensitivity sensitivity, boolean indexed, String normaliser,
                          String definitionZh, String definitionEn, boolean required, boolean functional,
                          String pattern, String codeList, boolean fulltext) {
}
