package org.jiedao.hub.ontology;

/** The ontology is inconsistent with what the hub needs (a missing key, an unknown term). Unchecked: a broken
 * ontology is a build defect, found by the ontology's own tests. */
public class OntologyException extends RuntimeException {
    /** @param message what is wrong, naming the term's IRI or name */
    public OntologyException(String message) {
        super(message);
    }
}
