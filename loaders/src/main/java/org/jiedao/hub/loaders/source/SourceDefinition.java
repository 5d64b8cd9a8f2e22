package org.jiedao.hub.loaders.source;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A departmental source, declared in YAML (DESIGN.md, decision 5): where its records come from, how they are
 * encoded, and how their fields map onto the ontology. Read with {@link SourceDefinitions}; one file per source.
 *
 * <pre>{@code
 * id: hukou                      # unique, [a-z0-9-]+; becomes the provenance source id
 * name: 户籍登记                   # for people
 * department: 派出所户籍室
 * kind: file                     # file | jdbc | rest | amqp | mqtt | inbound
 * file: {directory: ..., include: '.*\.csv', doneMarker: false}
 * format: csv                    # csv | json (array or JSON Lines) | xlsx | xml
 * encoding: auto                 # auto (BOM, strict UTF-8, else GB18030) or a charset name
 * zone: Asia/Shanghai            # zone of timestamps written without an offset
 * errorPolicy: {onBadRecord: quarantine, retries: 5, backoff: 1s}
 * recordKey: "{householdNumber}-{idNumber}"
 * fields:   {idNumber: {from: 公民身份号码, normalise: idNumber, required: true}, ...}
 * entities: {person: {type: Person, primary: true, mode: authoritative, properties: {idNumber: idNumber}}, ...}
 * relationships: [{type: MEMBER_OF, from: person, to: household, properties: {relationToHead: relation}}]
 * }</pre>
 *
 * @param id            the source id
 * @param name          display name
 * @param department    the department that owns the system
 * @param kind          how records are fetched
 * @param file          options for {@link SourceKind#FILE}
 * @param jdbc          options for {@link SourceKind#JDBC}
 * @param rest          options for {@link SourceKind#REST}
 * @param amqp          options for {@link SourceKind#AMQP}
 * @param mqtt          options for {@link SourceKind#MQTT}
 * @param inbound       options for {@link SourceKind#INBOUND}: who may submit
 * @param format        record format for files: {@code csv}, {@code json}, {@code xlsx} or {@code xml}; messages of
 *                      AMQP/MQTT and REST responses are {@code json}
 * @param encoding      {@code auto} or a charset name, for files
 * @param zone          IANA zone in which timestamps without an offset are read; default {@code Asia/Shanghai}
 * @param errorPolicy   what happens to bad records and failing fetches; defaults as in {@link ErrorPolicy}
 * @param recordKey     template over field names in braces giving a key that is stable across re-exports; for
 *                      event feeds (AMQP, MQTT) it is the event id, so a redelivered event is recognised
 * @param fields        named, normalised values read from each record, in declaration order
 * @param entities      nodes each record asserts, by alias
 * @param relationships relationships between those nodes
 */
public record SourceDefinition(
        String id,
        String name,
        String department,
        SourceKind kind,
        FileOptions file,
        JdbcOptions jdbc,
        RestOptions rest,
        AmqpOptions amqp,
        MqttOptions mqtt,
        InboundOptions inbound,
        String format,
        String encoding,
        String zone,
        ErrorPolicy errorPolicy,
        String recordKey,
        LinkedHashMap<String, FieldSpec> fields,
        LinkedHashMap<String, EntitySpec> entities,
        List<RelationshipSpec> relationships) {

    public SourceDefinition {
        fields = fields == null ? new LinkedHashMap<>() : fields;
        entities = entities == null ? new LinkedHashMap<>() : entities;
        relationships = relationships == null ? List.of() : List.copyOf(relationships);
        encoding = encoding == null ? "auto" : encoding;
        zone = zone == null ? "Asia/Shanghai" : zone;
        errorPolicy = errorPolicy == null ? ErrorPolicy.DEFAULT : errorPolicy;
    }

    /**
     * @return the declared zone
     * @throws java.time.DateTimeException if it is not a zone id (refused when the definition is read)
     */
    public java.time.ZoneId zoneId() {
        return java.time.ZoneId.of(zone);
    }

    /** The kinds of source this version of the hub can consume. */
    public enum SourceKind {
        /** Files dropped into a directory. */
        @JsonProperty("file") FILE,
        /** Rows of a relational table polled over JDBC. */
        @JsonProperty("jdbc") JDBC,
        /** Pages of a REST API, polled. */
        @JsonProperty("rest") REST,
        /** Messages of a RabbitMQ queue (AMQP 0-9-1), one event each. */
        @JsonProperty("amqp") AMQP,
        /** Messages of an MQTT topic, one event each. */
        @JsonProperty("mqtt") MQTT,
        /** Records a partner agency submits to the hub's REST endpoint {@code POST /exchange/submissions/<id>}. */
        @JsonProperty("inbound") INBOUND
    }

    /**
     * Who may submit records to an {@link SourceKind#INBOUND} source, e.g. {@code inbound: {roles: [partner:civil-affairs]}}.
     * Partners submit over the REST endpoint; when the source also has {@code amqp} options, a partner may publish its
     * submissions to that queue too, and they are attributed to {@code queueRole}.
     *
     * @param roles     the roles of the access policy allowed to submit, each {@code partner:<name>}; at least one
     * @param queueRole the role a submission on the source's {@code amqp.queue} is attributed to (the broker's
     *                  permissions decide who may publish there); one of {@code roles}; may be omitted when
     *                  {@code roles} has one entry
     */
    public record InboundOptions(List<String> roles, String queueRole) {
        /** Copies the list; null becomes empty (refused when the definition is checked). */
        public InboundOptions {
            roles = roles == null ? List.of() : List.copyOf(roles);
        }

        /**
         * @param roles the roles allowed to submit over REST
         */
        public InboundOptions(List<String> roles) {
            this(roles, null);
        }

        /** @return the role of queue submissions: {@code queueRole}, else the only role, else null */
        public String effectiveQueueRole() {
            return queueRole != null ? queueRole : roles.size() == 1 ? roles.getFirst() : null;
        }
    }

    /**
     * @param directory     directory watched for new files
     * @param include       regular expression over file names; default by format
     * @param doneMarker    if true a file is taken only once a marker {@code <file name>.done} exists beside it (the
     *                      marker is removed with the file); if false, once its size has been stable for a second
     * @param sheet         for {@code xlsx}: the sheet to read, by name; default the first
     * @param recordElement for {@code xml}: the element name of one record, e.g. {@code row}
     */
    public record FileOptions(String directory, String include, Boolean doneMarker, String sheet, String recordElement) {
        /** @return whether a done-marker is required */
        public boolean requiresDoneMarker() {
            return Boolean.TRUE.equals(doneMarker);
        }
    }

    /**
     * @param url       JDBC URL (H2, PostgreSQL, MariaDB)
     * @param user      user name
     * @param password  password
     * @param table     the table polled
     * @param keyColumn a column identifying a row, for ordering and for the location of a row in reports
     * @param watermarkColumn an update-time or increasing key column; only rows above the stored watermark are
     *                  read, and the watermark advances after their batch commits. Absent: the whole table each poll
     * @param query     optional SELECT replacing {@code SELECT * FROM table ORDER BY keyColumn}
     * @param pollDelay delay between polls, e.g. {@code 10s}, {@code 500ms}, {@code 5m}
     * @param batchRows at most this many rows per poll (default 10,000)
     */
    public record JdbcOptions(String url, String user, String password, String table, String keyColumn,
                              String watermarkColumn, String query, String pollDelay, Integer batchRows) {
    }

    /**
     * A paged REST API answering JSON.
     *
     * @param url         the first page's URL
     * @param items       dotted path of the record array in a response (empty: the response is the array)
     * @param pagination  {@code page} (page number parameter), {@code cursor} (next cursor from the response) or
     *                    {@code none}
     * @param pageParam   query parameter of the page number or cursor, e.g. {@code page} or {@code cursor}
     * @param sizeParam   query parameter of the page size, e.g. {@code size}
     * @param pageSize    records per page asked for
     * @param nextCursor  for {@code cursor}: dotted path of the next cursor in a response (absent or null: last page)
     * @param pollDelay   delay between complete reads of the API
     * @param rateLimit   at most this many requests per second
     * @param headers     extra request headers (e.g. an API key)
     */
    public record RestOptions(String url, String items, String pagination, String pageParam, String sizeParam,
                              Integer pageSize, String nextCursor, String pollDelay, Double rateLimit,
                              Map<String, String> headers) {
    }

    /**
     * A RabbitMQ queue (AMQP 0-9-1). Messages are JSON events, acknowledged only after their write commits.
     *
     * @param host        broker host
     * @param port        broker port (default 5672)
     * @param username    user
     * @param password    password
     * @param virtualHost virtual host (default /)
     * @param exchange    exchange the queue is bound to
     * @param queue       the queue consumed
     * @param routingKey  binding key
     */
    public record AmqpOptions(String host, Integer port, String username, String password, String virtualHost,
                              String exchange, String queue, String routingKey) {
    }

    /**
     * An MQTT topic. Messages are JSON events, acknowledged only after their write commits (QoS 1 or 2).
     *
     * @param broker   broker URL, e.g. {@code tcp://127.0.0.1:1883}
     * @param topic    topic filter, e.g. {@code sensors/parking/#}
     * @param qos      quality of service (default 1)
     * @param clientId client id; also names the persistent session (default {@code jiedao-hub-<source id>})
     * @param username user (optional)
     * @param password password (optional)
     */
    public record MqttOptions(String broker, String topic, Integer qos, String clientId, String username,
                              String password) {
    }

    /**
     * What happens when things go wrong.
     *
     * @param onBadRecord {@code quarantine} (default: the record goes to quarantine and the rest of its unit goes on)
     *                    or {@code rejectUnit} (one bad record rejects its file or poll whole, into quarantine)
     * @param retries     attempts for a failing fetch or write before the unit is given up (default 5)
     * @param backoff     first wait between attempts, doubled each time (default {@code 1s})
     */
    public record ErrorPolicy(String onBadRecord, Integer retries, String backoff) {
        /** Quarantine bad records, retry 5 times from 1 s. */
        public static final ErrorPolicy DEFAULT = new ErrorPolicy("quarantine", 5, "1s");

        public ErrorPolicy {
            onBadRecord = onBadRecord == null ? "quarantine" : onBadRecord;
            retries = retries == null ? 5 : retries;
            backoff = backoff == null ? "1s" : backoff;
        }

        /** @return true if one bad record rejects its whole unit */
        public boolean rejectsUnit() {
            return "rejectUnit".equals(onBadRecord);
        }
    }

    /**
     * @param from      column name (CSV header, table column, case-insensitive for JDBC) or dotted JSON path
     * @param normalise normaliser name (see the loaders' {@code Normalisers}); default {@code text}
     * @param required  a record without a value for this field is quarantined
     */
    public record FieldSpec(String from, String normalise, boolean required) {
    }

    /**
     * @param type       node label of an ontology class, e.g. {@code Person}
     * @param primary    the node the record is about (exactly one per source)
     * @param mode       {@code authoritative}, {@code fill} (default) or {@code reference}
     * @param properties graph property name -> field name; must include the type's key
     */
    public record EntitySpec(String type, boolean primary, String mode, Map<String, String> properties) {
    }

    /**
     * @param type       relationship type from the ontology, e.g. {@code OWNS}
     * @param from       alias of the start entity
     * @param to         alias of the end entity
     * @param properties relationship property name -> field name
     */
    public record RelationshipSpec(String type, String from, String to, Map<String, String> properties) {
    }
}
