package org.jiedao.hub.graph.rdf;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.apache.jena.riot.RDFFormat;

/**
 * The serialisations an export is written in. Both are RDF 1.1 concrete syntaxes that Jena (and any RDF
 * toolkit) reads back into the same graph; both abbreviate IRIs with the ontology's namespace prefixes.
 */
public enum ExportFormat {
    /** W3C RDF 1.1 Turtle, pretty-printed ({@code text/turtle}). */
    TURTLE("turtle", "text/turtle", RDFFormat.TURTLE_PRETTY),
    /**
     * W3C JSON-LD 1.1 in compacted form, the namespace prefixes as its {@code @context}, nodes in {@code @graph}
     * ({@code application/ld+json}); Jena's JSON-LD 1.1 writer (Titanium).
     */
    JSONLD("jsonld", "application/ld+json", RDFFormat.JSONLD_PRETTY);

    private final String id;
    private final String mediaType;
    private final RDFFormat jena;

    ExportFormat(String id, String mediaType, RDFFormat jena) {
        this.id = id;
        this.mediaType = mediaType;
        this.jena = jena;
    }

    /**
     * @param name {@code turtle} or {@code jsonld}, case-insensitive, surrounding white space ignored
     * @return the format
     * @throws IllegalArgumentException naming the accepted formats if the name is none of them (or null)
     */
    public static ExportFormat of(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (ExportFormat f : values()) {
            if (f.id.equals(n)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown RDF format '" + name + "'; accepted formats: " + names());
    }

    /** @return the accepted names, comma-separated: {@code turtle, jsonld} */
    public static String names() {
        return Arrays.stream(values()).map(ExportFormat::id).collect(Collectors.joining(", "));
    }

    /** @return the name used on the command line and in the API, e.g. {@code jsonld} */
    public String id() {
        return id;
    }

    /** @return the IANA media type, e.g. {@code text/turtle} */
    public String mediaType() {
        return mediaType;
    }

    /** @return the file extension without dot: {@code ttl} or {@code jsonld} */
    public String extension() {
        return this == TURTLE ? "ttl" : "jsonld";
    }

    /** @return Jena's writer format */
    RDFFormat jena() {
        return jena;
    }
}
