package org.jiedao.hub.api.views;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.TypeRuntimeWiring;

import org.jiedao.hub.api.access.Access;
import org.jiedao.hub.api.access.Principal;
import org.jiedao.hub.api.refs.NodeField;
import org.jiedao.hub.api.audit.AuditCollector;
import org.jiedao.hub.api.audit.AuditEvent;
import org.jiedao.hub.api.audit.AuditInstrumentation;
import org.jiedao.hub.api.audit.AuditUnavailableException;
import org.jiedao.hub.api.audit.EntityRef;
import org.jiedao.hub.api.cypher.BadUserInputException;
import org.jiedao.hub.api.errors.ErrorCode;
import org.jiedao.hub.api.query.QueryContext;

/**
 * The graph browser's own fields (issue 9; docs/graphql/views.md): saved views per user ({@code savedViews},
 * {@code savedView}, {@code saveView}, {@code deleteView}, stored by {@link SavedViews}) and the audit record of an
 * export the browser makes ({@code recordExport}, docs/security/audit.md, kind {@code export}). Present in every
 * engine; this class declares the {@code Mutation} type, which entity resolution extends when it is wired
 * ({@link org.jiedao.hub.api.entity.EntityFields}).
 *
 * <p>Every authenticated role may use them: a view holds only its owner's own data, and the owner is always the
 * authenticated principal ({@link Access#principal()}: its role, kind of credential and id), so a caller never sees,
 * replaces or deletes another caller's views, nor the same id's views under another role. The access guard lets them pass for every role ({@link org.jiedao.hub.api.access.AccessGuard}); a role
 * limited to persisted documents ({@code persistedOnly}) reaches them only through a persisted document.
 *
 * <p>Bad arguments are field errors with {@code extensions.code = BAD_USER_INPUT} and a message naming the argument:
 * a name must have 1 to {@value #MAX_NAME_CHARS} characters (code points) after trimming white space and no control
 * characters; a state must be one JSON object (RFC 8259) of at most {@value #MAX_STATE_BYTES} bytes in UTF-8; a user
 * keeps at most {@value SavedViews#MAX_VIEWS_PER_OWNER} views; an export names at most {@value #MAX_EXPORT_ENTITIES}
 * entities, each by its sealed {@code ref} ({@link NodeField#open}: so an export record names only nodes this hub named, never an ID number the caller typed), and {@code 0 <= rows <= entities}. {@code recordExport} answers {@code true} only once its record is written; without
 * an audit trail, or when the record cannot be written, it answers an error with code {@code UNAVAILABLE}, so no
 * export is unaudited. Every call blocks (the driver, the audit file) and runs on the engine's blocking executor.
 */
public final class ViewFields {
    /** The fields of {@code Query} this class adds. */
    public static final Set<String> QUERY_FIELDS = Set.of("savedViews", "savedView");
    /** The fields of {@code Mutation} this class adds. */
    public static final Set<String> MUTATION_FIELDS = Set.of("saveView", "deleteView", "recordExport");
    /** The longest view name, in characters (Unicode code points) after trimming. */
    public static final int MAX_NAME_CHARS = 80;
    /** The largest state, in bytes of UTF-8 (256 KiB). */
    public static final int MAX_STATE_BYTES = 256 * 1024;
    /** The most entities one {@code recordExport} may name. */
    public static final int MAX_EXPORT_ENTITIES = 100_000;

    /** The SDL these fields add: {@code SavedView}, {@code ExportFormat}, their {@code Query} fields and the {@code Mutation} type. */
    public static final String SDL = """
            \"""保存的视图 / a view of the graph browser saved by its user: a named set of entities and their layout\"""
            type SavedView {
              \"""the view's name, unique per user (trimmed, 1 to 80 characters)\"""
              name: String!
              \"""the browser's state as it saved it: a JSON object as text (node handles, positions, pinned, hidden, filters)\"""
              state: String!
              \"""when it was last saved (ISO-8601, UTC)\"""
              savedAt: String!
            }

            \"""the kind of file the graph browser exported\"""
            enum ExportFormat {
              \"""an image of the graph\"""
              PNG
              \"""the table as comma-separated values\"""
              CSV
            }

            extend type Query {
              \"""the caller's own saved views, newest first\"""
              savedViews: [SavedView!]!
              \"""one of the caller's own saved views by name (trimmed), or null\"""
              savedView(name: String!): SavedView
            }

            extend schema { mutation: Mutation }

            \"""changes: the caller's saved views, the audit record of an export and, where wired, entity resolution's decisions\"""
            type Mutation {
              \"""saves a view under a name (trimmed, 1 to 80 characters), replacing the caller's view of that name; state is a JSON object as text, at most 256 KiB; at most 100 views per user\"""
              saveView(name: String!, state: String!): SavedView!
              \"""deletes the caller's view of that name; false if there was none\"""
              deleteView(name: String!): Boolean!
              \"""records in the audit trail, before the browser saves the file, that the caller exports the entities shown (their sealed refs, the `ref` field of each node) of a view (its name, or null for an unsaved one) as a PNG image or a CSV table; rows: the table rows or nodes exported, at most one per entity. true once recorded; UNAVAILABLE when no record can be written: then do not export\"""
              recordExport(format: ExportFormat!, view: String, entities: [String!]!, rows: Int!): Boolean!
            }
            """;

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final QueryContext context;
    private final SavedViews views;

    /**
     * @param context the engine's context (its ontology, and its blocking executor via {@link QueryContext#cypher()})
     * @param views   where views are stored
     */
    public ViewFields(QueryContext context, SavedViews views) {
        this.context = java.util.Objects.requireNonNull(context, "context");
        this.views = java.util.Objects.requireNonNull(views, "views");
    }

    /**
     * Adds the {@code Query} fields' data fetchers.
     *
     * @param query the engine's wiring of {@code Query}
     * @return it
     */
    public TypeRuntimeWiring.Builder wireQuery(TypeRuntimeWiring.Builder query) {
        query.dataFetcher("savedViews", env -> call(env, () -> views.list(owner(env)).stream().map(ViewFields::map).toList()));
        query.dataFetcher("savedView", env -> call(env, () -> views.get(owner(env), name(env.getArgument("name")))
                .map(ViewFields::map).orElse(null)));
        return query;
    }

    /**
     * Adds the data fetchers of the {@code Mutation} fields this class declares.
     *
     * @param wiring the engine's runtime wiring
     */
    public void wire(RuntimeWiring.Builder wiring) {
        wiring.type("Mutation", m -> m
                .dataFetcher("saveView", env -> call(env, () -> {
                    String name = name(env.getArgument("name"));
                    String state = state(env.getArgument("state"));
                    return map(views.save(owner(env), name, state));
                }))
                .dataFetcher("deleteView", env -> call(env, () -> views.delete(owner(env), name(env.getArgument("name")))))
                .dataFetcher("recordExport", this::recordExport));
    }

    private CompletableFuture<DataFetcherResult<Object>> recordExport(DataFetchingEnvironment env) {
        String format = env.getArgument("format");
        String viewArgument = env.getArgument("view");
        List<String> handles = env.getArgument("entities");
        int rows = env.<Integer>getArgument("rows");
        List<EntityRef> entities = new ArrayList<>();
        String view;
        try {
            view = viewArgument == null ? null : name(viewArgument, "view");
            if (rows < 0 || rows > handles.size()) {
                throw new BadUserInputException("rows must be between 0 and the number of entities (%d); was %d".formatted(handles.size(), rows));
            }
            if (handles.size() > MAX_EXPORT_ENTITIES) {
                throw new BadUserInputException("entities may name at most %d entities; was %d".formatted(MAX_EXPORT_ENTITIES, handles.size()));
            }
            for (int i = 0; i < handles.size(); i++) {
                // only refs the hub sealed: an export record never names an ID number the caller typed
                NodeField.Opened opened = NodeField.open(context, handles.get(i), "entities[%d]".formatted(i));
                entities.add(new EntityRef(opened.merged().label(), opened.key()));
            }
        } catch (BadUserInputException e) {
            return CompletableFuture.completedFuture(e.toResult(env));
        }
        AuditCollector collector = env.getGraphQlContext().get(AuditCollector.CONTEXT_KEY);
        if (collector == null) {
            return CompletableFuture.completedFuture(unavailable(env,
                    "this endpoint keeps no audit trail, so an export cannot be recorded; do not export"));
        }
        AuditEvent.Builder event = AuditInstrumentation.event(AuditEvent.Kind.EXPORT, collector, env.getGraphQlContext())
                .operation(format.toLowerCase(Locale.ROOT))
                .entities(entities)
                .detail("rows", rows)
                .detail("transport", collector.transport())
                .detail("recordedBy", "recordExport");
        if (view != null) {
            Map<String, Object> variables = new LinkedHashMap<>();
            variables.put("view", view); // a name a user typed may hold a personal value: pseudonymised like any variable
            event.variables(variables);
        }
        return context.cypher().blocking(() -> {
            try {
                collector.log().record(event.build());
                return DataFetcherResult.newResult().data((Object) Boolean.TRUE).build();
            } catch (AuditUnavailableException e) {
                org.slf4j.LoggerFactory.getLogger(ViewFields.class).error("export refused: {}", e.getMessage());
                return unavailable(env, "the audit trail cannot be written, so the export is not recorded; do not export, try again later");
            }
        });
    }

    /**
     * @return the owner of the views the caller reads and writes: its role, how it authenticated and its id
     *         ({@code caseworker:api-key:wang.li}). A view shows names and keys as its owner's role read them, so the same
     *         id under another role (a token issued for the analyst role) or another kind of credential never sees it.
     */
    private static String owner(DataFetchingEnvironment env) {
        Principal p = Access.of(env).principal();
        return p.role() + ":" + p.authenticatedBy() + ":" + p.id();
    }

    private static String name(String raw) {
        return name(raw, "name");
    }

    /**
     * @param raw      the name as sent
     * @param argument the argument's name, for the message
     * @return it trimmed
     * @throws BadUserInputException if it is empty or longer than {@value #MAX_NAME_CHARS} characters after trimming,
     *                               or holds a control character
     */
    static String name(String raw, String argument) {
        String name = raw.strip();
        int chars = name.codePointCount(0, name.length());
        if (chars < 1 || chars > MAX_NAME_CHARS) {
            throw new BadUserInputException("%s must have 1 to %d characters after trimming white space; it has %d"
                    .formatted(argument, MAX_NAME_CHARS, chars));
        }
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            throw new BadUserInputException(argument + " must not contain control characters (line breaks, tabs)");
        }
        return name;
    }

    /**
     * @param state the state as sent
     * @return it unchanged
     * @throws BadUserInputException if it is longer than {@value #MAX_STATE_BYTES} bytes in UTF-8 or not one JSON object
     */
    static String state(String state) {
        int bytes = state.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_STATE_BYTES) {
            throw new BadUserInputException("state must be at most %d bytes (256 KiB) of UTF-8; it has %d".formatted(MAX_STATE_BYTES, bytes));
        }
        JsonNode parsed;
        try {
            parsed = JSON.readTree(state);
        } catch (JsonProcessingException e) {
            // the location only: the parser's message quotes the text, which may hold personal values
            var at = e.getLocation();
            throw new BadUserInputException("state is not valid JSON" + (at == null ? ""
                    : " (line %d, column %d)".formatted(at.getLineNr(), at.getColumnNr())));
        }
        if (parsed == null || !parsed.isObject()) {
            throw new BadUserInputException("state must be a JSON object ({...}); it is " + (parsed == null || parsed.isMissingNode()
                    ? "empty" : "a JSON " + parsed.getNodeType().name().toLowerCase(Locale.ROOT)));
        }
        return state;
    }

    private static Map<String, Object> map(SavedViews.View v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", v.name());
        m.put("state", v.state());
        m.put("savedAt", v.savedAt().toString());
        return m;
    }

    /**
     * Validates and runs a call on the blocking executor; bad input and too many views become {@code BAD_USER_INPUT}
     * field errors, anything else goes to the engine's exception handler (masked, with its code).
     */
    private CompletableFuture<DataFetcherResult<Object>> call(DataFetchingEnvironment env, Supplier<Object> task) {
        return context.cypher().blocking(task).handle((value, failure) -> {
            if (failure == null) {
                return DataFetcherResult.newResult().data(value).build();
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof BadUserInputException e) {
                return e.toResult(env);
            }
            if (cause instanceof SavedViews.TooManyViewsException e) {
                return new BadUserInputException(e.getMessage()).toResult(env);
            }
            throw cause instanceof CompletionException c ? c : new CompletionException(cause);
        });
    }

    private static DataFetcherResult<Object> unavailable(DataFetchingEnvironment env, String message) {
        return DataFetcherResult.newResult().error(GraphqlErrorBuilder.newError(env).message("%s", message)
                .errorType(ErrorCode.UNAVAILABLE).extensions(Map.of(ErrorCode.EXTENSION, ErrorCode.UNAVAILABLE.name())).build()).build();
    }
}
