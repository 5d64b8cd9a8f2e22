package org.jiedao.hub.api.http;

import java.util.Locale;
import java.util.Optional;

/**
 * The media types a GraphQL response is served in (GraphQL over HTTP, draft 2025, section "Media Types" and
 * "Accept"), and the choice between them from a request's {@code Accept} header (RFC 9110, section 12.5.1).
 */
public enum GraphQLMediaType {
    /** {@code application/graphql-response+json}: request errors get 4xx statuses. Preferred. */
    GRAPHQL_RESPONSE_JSON("application/graphql-response+json"),
    /** {@code application/json}: the legacy type; every well-formed request gets 200. */
    JSON("application/json");

    private final String name;

    GraphQLMediaType(String name) {
        this.name = name;
    }

    /** @return the media type's name, e.g. {@code application/json} */
    public String mediaType() {
        return name;
    }

    /** @return the {@code Content-Type} header value, with {@code charset=utf-8} */
    public String contentType() {
        return name + "; charset=utf-8";
    }

    /**
     * Picks the response type. No {@code Accept} header means {@code application/json} (the spec's legacy
     * default); wildcards ({@code *}{@code /*}, {@code application/*}) also get {@code application/json}; of two
     * explicitly accepted types the higher {@code q} wins, {@code application/graphql-response+json} on a tie.
     *
     * @param accept the header value, or null
     * @return the type to answer in, or empty if the client accepts neither (the server answers 406)
     */
    public static Optional<GraphQLMediaType> negotiate(String accept) {
        if (accept == null || accept.isBlank()) {
            return Optional.of(JSON);
        }
        double graphql = 0;
        double json = 0;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].strip().toLowerCase(Locale.ROOT);
            double q = 1;
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].strip();
                if (p.length() > 2 && (p.startsWith("q=") || p.startsWith("Q="))) {
                    try {
                        q = Math.max(0, Math.min(1, Double.parseDouble(p.substring(2).strip())));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            switch (type) {
                case "application/graphql-response+json" -> graphql = Math.max(graphql, q);
                case "application/json", "application/*", "*/*" -> json = Math.max(json, q);
                default -> {
                    // not a type we serve
                }
            }
        }
        if (graphql > 0 && graphql >= json) {
            return Optional.of(GRAPHQL_RESPONSE_JSON);
        }
        return json > 0 ? Optional.of(JSON) : Optional.empty();
    }
}
