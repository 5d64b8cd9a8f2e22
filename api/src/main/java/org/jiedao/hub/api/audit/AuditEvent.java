package org.jiedao.hub.api.audit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jiedao.hub.api.access.Principal;

/**
 * What happened, as the recording point knows it, in clear: {@link AuditLog#record(AuditEvent)} pseudonymises the
 * personal parts (variables, literals, entity keys) and adds sequence number, time and chain hashes. Build one with
 * {@link #builder(Kind)}.
 *
 * @param kind            what was served
 * @param principal       who: the principal's id, {@value #ANONYMOUS} when the request carried none
 * @param role            the role it acted in, {@value #ANONYMOUS} when none
 * @param authenticatedBy how it proved who it is ({@code jwt}, {@code api-key}, {@code mtls}, {@code internal}),
 *                        {@code none} when it did not
 * @param purpose         the stated purpose of use, or null
 * @param operation       the GraphQL operation name; for an export its format; for a delivery the agreement or
 *                        route; null when none was given
 * @param documentHash    SHA-256 of the GraphQL document (64 hex digits), or null
 * @param variables       the request's variables in clear (strings are pseudonymised when recorded)
 * @param literals        string literals of the document's arguments in clear (pseudonymised when recorded)
 * @param entities        the entities returned, in clear (recorded as pseudonymous refs)
 * @param subject         the entity a request was about (an export's root), or null
 * @param resultBytes     size of the response body in bytes (UTF-8 JSON, before compression), or of the delivered
 *                        payload
 * @param errors          error codes of the response ({@code extensions.code}, in order, distinct); empty when it
 *                        succeeded
 * @param traceId         the trace id tying the record to the log (an error's {@code traceId}), or null
 * @param details         further facts without personal values (transport, HTTP status, export depth...), names
 *                        to strings, integers or booleans
 */
public record AuditEvent(Kind kind, String principal, String role, String authenticatedBy, String purpose,
                         String operation, String documentHash, Map<String, Object> variables, List<String> literals,
                         Set<EntityRef> entities, EntityRef subject, long resultBytes, List<String> errors,
                         String traceId, Map<String, Object> details) {
    /** Principal and role recorded for a request that carried no authenticated principal. */
    public static final String ANONYMOUS = "anonymous";

    /** What a record is about. */
    public enum Kind {
        /** A GraphQL operation over HTTP or WebSocket. */
        GRAPHQL,
        /** An RDF export ({@code GET /export}). */
        EXPORT,
        /** A data-exchange delivery to a partner agency. */
        DELIVERY,
        /** Records a partner agency submitted ({@code POST /exchange/submissions/<source>}). */
        SUBMISSION,
        /** A partner agency's acknowledgement of a delivery ({@code POST /exchange/deliveries/<id>/acknowledgement}). */
        ACKNOWLEDGEMENT,
        /** An alert the hub raised on its own, such as a crowd-density alert (issue 8; docs/analytics.md). */
        ALERT,
        /** A proactive-service notice sent to a resident (docs/analytics.md, "Proactive services"). */
        NOTICE;

        /**
         * @return the name in the record: {@code graphql}, {@code export}, {@code delivery}, {@code submission},
         *         {@code acknowledgement}, {@code alert}, {@code notice}
         */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * @throws NullPointerException if kind, principal, role or authenticatedBy is null
     */
    public AuditEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(authenticatedBy, "authenticatedBy");
        variables = variables == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        literals = literals == null ? List.of() : List.copyOf(literals);
        entities = entities == null ? Set.of() : java.util.Collections.unmodifiableSet(new LinkedHashSet<>(entities));
        errors = errors == null ? List.of() : List.copyOf(new LinkedHashSet<>(errors));
        details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /**
     * @param kind what is recorded
     * @return a builder for an anonymous event of that kind
     */
    public static Builder builder(Kind kind) {
        return new Builder(kind);
    }

    /** Builds an {@link AuditEvent}; every setter returns the builder. */
    public static final class Builder {
        private final Kind kind;
        private String principal = ANONYMOUS;
        private String role = ANONYMOUS;
        private String authenticatedBy = "none";
        private String purpose;
        private String operation;
        private String documentHash;
        private Map<String, Object> variables;
        private final List<String> literals = new ArrayList<>();
        private final Set<EntityRef> entities = new LinkedHashSet<>();
        private EntityRef subject;
        private long resultBytes;
        private final List<String> errors = new ArrayList<>();
        private String traceId;
        private final Map<String, Object> details = new LinkedHashMap<>();

        private Builder(Kind kind) {
            this.kind = Objects.requireNonNull(kind, "kind");
        }

        /**
         * @param p the authenticated principal, or null to stay anonymous
         * @return this builder with its id, role, way of authentication and purpose
         */
        public Builder principal(Principal p) {
            if (p != null) {
                principal = p.id();
                role = p.role();
                authenticatedBy = p.authenticatedBy();
                purpose = p.purpose() == null ? purpose : p.purpose();
            }
            return this;
        }

        /** @param purpose the stated purpose of use, or null; @return this builder */
        public Builder purpose(String purpose) {
            this.purpose = purpose;
            return this;
        }

        /** @param operation operation name, export format or delivery agreement; @return this builder */
        public Builder operation(String operation) {
            this.operation = operation;
            return this;
        }

        /** @param sha256 the document's SHA-256, 64 hex digits; @return this builder */
        public Builder documentHash(String sha256) {
            this.documentHash = sha256;
            return this;
        }

        /** @param variables the request's variables, in clear; @return this builder */
        public Builder variables(Map<String, Object> variables) {
            this.variables = variables;
            return this;
        }

        /** @param literals string literals of the document, in clear; @return this builder */
        public Builder literals(Collection<String> literals) {
            this.literals.addAll(literals);
            return this;
        }

        /** @param entities entities returned, in clear; @return this builder */
        public Builder entities(Collection<EntityRef> entities) {
            this.entities.addAll(entities);
            return this;
        }

        /** @param subject the entity the request was about; @return this builder */
        public Builder subject(EntityRef subject) {
            this.subject = subject;
            return this;
        }

        /** @param bytes size of the response or payload in bytes; @return this builder */
        public Builder resultBytes(long bytes) {
            this.resultBytes = bytes;
            return this;
        }

        /** @param codes error codes of the response; @return this builder */
        public Builder errors(Collection<String> codes) {
            this.errors.addAll(codes);
            return this;
        }

        /** @param traceId the trace id, or null; @return this builder */
        public Builder traceId(String traceId) {
            this.traceId = traceId;
            return this;
        }

        /**
         * @param name  a detail's name, e.g. {@code transport}
         * @param value a string, integer or boolean without personal values
         * @return this builder
         */
        public Builder detail(String name, Object value) {
            if (value != null) {
                details.put(name, value);
            }
            return this;
        }

        /** @return the event */
        public AuditEvent build() {
            return new AuditEvent(kind, principal, role, authenticatedBy, purpose, operation, documentHash, variables,
                    literals, entities, subject, resultBytes, errors, traceId, details);
        }
    }
}
