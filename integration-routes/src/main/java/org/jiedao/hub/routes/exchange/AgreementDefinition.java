package org.jiedao.hub.routes.exchange;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnore;

import org.jiedao.hub.ontology.Sensitivity;

/**
 * A data-sharing agreement as declared in YAML ({@code config/agreements/<id>.yaml}, read by
 * {@link AgreementDefinitions}; format in docs/exchange.md). Values are as written in the file, placeholders
 * resolved; dates are ISO-8601 days ({@code 2026-01-01}).
 *
 * @param id         agreement id, {@code [a-z0-9][a-z0-9-]*}
 * @param name       display name, or null
 * @param partner    the partner's role in the access policy, {@code partner:<name>}
 * @param purpose    the purpose of use
 * @param legalBasis the legal basis
 * @param entity     an ontology node label, e.g. {@code Person}
 * @param fields     ontology property names of that label, shared in this order; nothing else ever leaves
 * @param filter     which entities are shared; null shares every entity of the label
 * @param schedule   how often a scheduled extract runs, a duration such as {@code 1d} or {@code 6h}
 * @param channel    {@code file}, {@code amqp}, {@code webhook} or {@code sftp}
 * @param file       the file drop (channel file)
 * @param amqp       the broker, exchange and routing key (channel amqp)
 * @param webhook    the partner's HTTPS endpoint and the certificate it is trusted by (channel webhook)
 * @param sftp       the partner's SFTP server, login and folder (channel sftp)
 * @param format     {@code json}, {@code csv} or {@code rdf} (Turtle)
 * @param encoding   {@code utf-8-bom} or {@code gb18030} for CSV (default {@code utf-8-bom}); JSON is always UTF-8
 * @param validity   the validity period; extracts run only within it
 * @param retry      the outbox's retry policy; null for the defaults
 * @param mode       {@code snapshot} (default: every extract carries every entity the filter selects) or
 *                   {@code changes} (only those created or changed since the previous delivery)
 * @param settle     changes mode only: how old a change must be before it is delivered, a duration (default
 *                   {@value #DEFAULT_SETTLE}); a write that commits later than this after it began may be missed
 * @param partnerClear not read from YAML: the sensitivities the partner's role reads in clear, set when the
 *                   agreement is checked against the access policy ({@link AgreementDefinitions}); null when it was
 *                   not, and then only public values are shared in clear
 */
public record AgreementDefinition(String id, String name, String partner, String purpose, String legalBasis,
                                  String entity, List<String> fields, Filter filter, String schedule, String channel,
                                  FileDrop file, Amqp amqp, Webhook webhook, Sftp sftp, String format, String encoding,
                                  Validity validity, Retry retry, String mode, String settle,
                                  @JsonIgnore Set<Sensitivity> partnerClear) {
    /** Default of {@code settle}. */
    public static final String DEFAULT_SETTLE = "1m";

    /** Normalises absent lists to empty ones. */
    public AgreementDefinition {
        fields = fields == null ? List.of() : List.copyOf(fields);
        partnerClear = partnerClear == null ? null : Set.copyOf(partnerClear);
    }

    /** @return whether only changes since the previous delivery are delivered ({@code mode: changes}) */
    public boolean changesOnly() {
        return "changes".equals(mode);
    }

    /** @return how old a change must be before a changes extract delivers it */
    public Duration settleTime() {
        return AgreementDefinitions.parseDuration(settle == null ? DEFAULT_SETTLE : settle);
    }

    /** @return the sensitivities the partner reads in clear; only public when the agreement was not checked */
    public Set<Sensitivity> clearSensitivities() {
        return partnerClear == null ? Set.of(Sensitivity.PUBLIC) : partnerClear;
    }

    /**
     * @param communities community division codes (12 digits); an entity is shared only if its path reaches one of
     *                    them, with every relationship on the path valid today
     * @param path        relationship types from the entity to its {@code Community}, {@code <TYPE} against the
     *                    direction; default {@code [RESIDES_AT, IN_COMMUNITY]} (a Person's residence)
     */
    public record Filter(List<String> communities, List<String> path) {
        /** Normalises absent lists. */
        public Filter {
            communities = communities == null ? List.of() : List.copyOf(communities);
            path = path == null ? List.of("RESIDES_AT", "IN_COMMUNITY") : List.copyOf(path);
        }
    }

    /** @param directory the partner's drop folder (relative paths against the hub's working directory) */
    public record FileDrop(String directory) {
    }

    /**
     * @param host        broker host
     * @param port        broker port, default 5672
     * @param username    default guest
     * @param password    default guest
     * @param virtualHost default {@code /}
     * @param exchange    the exchange published to (must exist; the hub does not declare the partner's exchange)
     * @param routingKey  routing key, default the agreement id
     */
    public record Amqp(String host, Integer port, String username, String password, String virtualHost,
                       String exchange, String routingKey) {
    }

    /**
     * @param url     the partner's endpoint, an {@code https://} URL (RFC 9110); each delivery is POSTed to it
     * @param trust   a PEM file (RFC 7468) with the partner's certificate or the CA that issued it; nothing else is
     *                trusted for this endpoint, and its host name (or IP address) must match the certificate
     * @param timeout how long to wait to connect and for the whole answer, a duration such as {@code 30s}; default
     *                {@code 30s}
     */
    public record Webhook(String url, String trust, String timeout) {
    }

    /**
     * The partner's SFTP server ({@link SftpChannel}). Relative {@code privateKey} and {@code knownHosts} paths are
     * resolved against the hub's working directory.
     *
     * @param host       server host name or address
     * @param port       server port, default 22
     * @param username   the login
     * @param privateKey the hub's private key file for that login (OpenSSH or PEM format, unencrypted, owner-only)
     * @param knownHosts an OpenSSH {@code known_hosts} file holding the server's host key; any other key is refused
     * @param directory  the folder on the server the files go into (must exist; relative to the login's home)
     */
    public record Sftp(String host, Integer port, String username, String privateKey, String knownHosts,
                       String directory) {
        /** @return the port, 22 when not given */
        public int effectivePort() {
            return port == null ? 22 : port;
        }
    }

    /**
     * @param from  first valid day, inclusive
     * @param until last valid day, inclusive; null for open-ended
     */
    public record Validity(String from, String until) {
    }

    /**
     * @param backoff     the first retry's delay, a duration such as {@code 30s}; doubled at each attempt
     * @param maxBackoff  the longest delay between attempts
     * @param maxAttempts attempts before the delivery is marked FAILED
     */
    public record Retry(String backoff, String maxBackoff, Integer maxAttempts) {
    }

    /** @return the first valid day */
    public LocalDate validFrom() {
        return LocalDate.parse(validity.from());
    }

    /** @return the last valid day, or null */
    public LocalDate validUntil() {
        return validity.until() == null ? null : LocalDate.parse(validity.until());
    }

    /**
     * @param day a day
     * @return whether the agreement is valid on it
     */
    public boolean validOn(LocalDate day) {
        LocalDate until = validUntil();
        return !day.isBefore(validFrom()) && (until == null || !day.isAfter(until));
    }

    /** @return the CSV encoding, or {@code utf-8} for JSON */
    public String effectiveEncoding() {
        return "csv".equals(format) ? (encoding == null ? "utf-8-bom" : encoding) : "utf-8";
    }

    /** @return the communities of the filter (empty: none) */
    public List<String> communities() {
        return filter == null ? List.of() : filter.communities();
    }
}
