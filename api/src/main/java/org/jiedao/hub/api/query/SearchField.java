package org.jiedao.hub.api.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.SelectedField;

import org.jiedao.hub.api.access.Access;
import org.jiedao.hub.api.access.FieldRule;
import org.jiedao.hub.graph.masking.Masks;
import org.jiedao.hub.api.cypher.RowScope;
import org.jiedao.hub.api.cypher.SelectionTranslator;
import org.jiedao.hub.graph.schema.FulltextIndex;
import org.jiedao.hub.graph.schema.GraphSchema;
import org.jiedao.hub.api.schema.SchemaBuilder;
import org.jiedao.hub.ontology.NodeType;
import org.jiedao.hub.ontology.PropertyDef;
import org.neo4j.cypherdsl.core.Case;
import org.neo4j.cypherdsl.core.Cypher;
import org.neo4j.cypherdsl.core.Expression;
import org.neo4j.cypherdsl.core.Node;
import org.neo4j.cypherdsl.core.Statement;
import org.neo4j.cypherdsl.core.SymbolicName;
import org.neo4j.cypherdsl.core.renderer.Renderer;

/**
 * The root field {@code search(text, types, first)}: full-text search over names and addresses, by Chinese
 * characters and by pinyin, across the node types that have full-text indexes ({@link GraphSchema#fulltextIndexes()}).
 *
 * <p>Text with Han characters searches the types' {@code <Label>_fulltext} indexes (CJK analyzer: every word as a
 * phrase, as typed or simplified); text with Latin letters or digits searches the {@code <Label>_pinyin} indexes
 * (every token required, {@link FulltextQueries#pinyin(String)}); mixed text searches both. Hits are ranked by their
 * best Lucene score, ties broken by element id. The whole answer, the nodes with the selection of each
 * {@code SearchHit} type field included, is one Cypher statement: {@code UNWIND} over the chosen indexes, one
 * {@code db.index.fulltext.queryNodes} call per index, and the map projections of {@link
 * org.jiedao.hub.api.cypher.SelectionTranslator#projection}. With a row-level scope ({@link RowScope}), only hits in
 * the caller's scope are kept, inside the statement, before the best {@code first} are taken; the projections are
 * scoped too.
 *
 * <p>Access (docs/security/access-policy.md): a role searches only the types it may search
 * ({@link #searchableBy}): types it reads whose full-text properties it reads in clear (searching names a role sees
 * masked would disclose them); {@code types} naming another type is refused before execution
 * ({@code org.jiedao.hub.api.access.AccessGuard}). A hit's {@code key} is masked when the role does not read the
 * type's key in clear, while its {@code ref} ({@link org.jiedao.hub.api.refs.NodeRefs}) names the node all the same; the node fields are projected for the role like every other field.
 *
 * <p>Errors ({@code BAD_USER_INPUT}): {@code first} outside 1..{@value #MAX_FIRST}, text longer than
 * {@value #MAX_TEXT} characters. Text without letters or digits gives an empty list without a query.
 */
public final class SearchField implements RootField {
    /** Most hits one search returns. */
    public static final int MAX_FIRST = 100;
    /** Longest accepted search text, in characters. */
    public static final int MAX_TEXT = 200;
    private static final Renderer RENDERER = Renderer.getDefaultRenderer();

    @Override
    public String name() {
        return "search";
    }

    @Override
    public String fieldSdl(QueryContext context) {
        return """
                  \"""全文检索 / full-text search of names and addresses by Chinese characters (林晓雨, 晓雨) or pinyin \
                (linxiaoyu, lin xiao yu, Lin Xiaoyu, initials lxy); best first. first: 1..%d\"""
                  search(text: String!, types: [SearchableType!], first: Int = 10): [SearchHit!]!""".formatted(MAX_FIRST);
    }

    @Override
    public String typesSdl(QueryContext context) {
        StringBuilder sdl = new StringBuilder();
        sdl.append("\"\"\"可检索的类型 / the node types search covers (node labels)\"\"\"\nenum SearchableType {\n");
        for (NodeType t : searchable(context)) {
            sdl.append("  \"\"\"").append(t.labelZh()).append(" / ").append(t.labelEn()).append("\"\"\"\n  ").append(t.label()).append('\n');
        }
        sdl.append("}\n\n\"\"\"检索结果 / a search hit: the node found, and the field of its type set to it\"\"\"\ntype SearchHit {\n");
        sdl.append("  \"\"\"node label, e.g. Person\"\"\"\n  type: String!\n");
        sdl.append("  \"\"\"the node's key, e.g. its ID number\"\"\"\n  key: String!\n");
        sdl.append("  \"\"\"what the node is called: a name or address text, else its key\"\"\"\n  label: String!\n");
        sdl.append("  \"\"\"relevance (Lucene score); higher is better, comparable within one search only\"\"\"\n  score: Float!\n");
        sdl.append("  \"\"\"").append(SchemaBuilder.REF_DESCRIPTION).append("\"\"\"\n  ref: ID\n");
        for (NodeType t : searchable(context)) {
            sdl.append("  \"\"\"the ").append(t.label()).append(" found, or null when the hit is of another type\"\"\"\n  ")
                    .append(SchemaBuilder.rootFieldName(t)).append(": ").append(t.label()).append('\n');
        }
        return sdl.append("}\n").toString();
    }

    @Override
    public DataFetcher<?> fetcher(QueryContext context) {
        List<FulltextIndex> indexes = indexes(context);
        List<NodeType> searchable = searchable(context);
        Map<String, PropertyDef> labels = labelProperties(context);
        return env -> {
            Access access = Access.of(env);
            String text = env.getArgument("text");
            List<String> types = env.getArgument("types");
            Integer first = env.getArgument("first");
            if (first == null || first < 1 || first > MAX_FIRST) {
                return UserInput.rejected(env, "search: first must be between 1 and %d, was %s".formatted(MAX_FIRST, first));
            }
            if (text.length() > MAX_TEXT) {
                return UserInput.rejected(env, "search: text is longer than %d characters".formatted(MAX_TEXT));
            }
            List<Map<String, Object>> queries = new ArrayList<>();
            boolean han = FulltextQueries.hasHan(text);
            boolean latin = FulltextQueries.hasLatinOrDigit(text);
            String hanQuery = FulltextQueries.han(text);
            String pinyinQuery = FulltextQueries.pinyin(text);
            for (FulltextIndex index : indexes) {
                if (types != null && !types.contains(index.label()) || !searchableBy(access, context, index.label())) {
                    continue;
                }
                boolean digitsOnly = !han && latin && text.codePoints().noneMatch(Character::isLetter);
                if (index.script() == FulltextIndex.Script.HAN && (han || digitsOnly) && hanQuery != null) {
                    queries.add(Map.of("index", index.name(), "type", index.label(), "query", hanQuery));
                } else if (index.script() == FulltextIndex.Script.LATIN && latin && pinyinQuery != null) {
                    queries.add(Map.of("index", index.name(), "type", index.label(), "query", pinyinQuery));
                }
            }
            if (queries.isEmpty()) {
                return CompletableFuture.completedFuture(DataFetcherResult.newResult().data(List.of()).build());
            }
            Statement statement = statement(context, searchable, labels, env, queries, first, access);
            return context.cypher().read(RENDERER.render(statement), statement.getCatalog().getParameters())
                    .thenApply(rows -> DataFetcherResult.newResult().data(rows.stream().map(r -> r.get("hit")).toList()).build());
        };
    }

    private Statement statement(QueryContext context, List<NodeType> searchable, Map<String, PropertyDef> labels,
                                DataFetchingEnvironment env, List<Map<String, Object>> queries, int first, Access access) {
        RowScope scope = RowScope.of(access);
        SelectionTranslator translator = context.translator().scoped(scope);
        SymbolicName q = Cypher.name("q");
        SymbolicName score = Cypher.name("score");
        SymbolicName type = Cypher.name("type");
        Node node = Cypher.anyNode("node");
        Map<String, List<SelectedField>> selected = new LinkedHashMap<>();
        for (SelectedField f : env.getSelectionSet().getImmediateFields()) {
            selected.computeIfAbsent(f.getName(), n -> new ArrayList<>()).addAll(f.getSelectionSet().getImmediateFields());
        }
        List<Object> hit = new ArrayList<>(List.of("type", type, "score", score));
        Case key = Cypher.caseExpression(type);
        Case label = Cypher.caseExpression(type);
        Case refLabel = Cypher.caseExpression(type);
        Case refKey = Cypher.caseExpression(type); // the clear key, for the audit trail's pseudonym only
        for (NodeType t : searchable) {
            Expression shownKey = access.role().readsField(t.label(), t.key().name()) && access.stored(t.key()) == FieldRule.CLEAR
                    ? Cypher.toString(node.property(t.key().name())) : Masks.mask(t.key(), node.property(t.key().name()));
            key = key.when(Cypher.literalOf(t.label())).then(shownKey);
            refKey = refKey.when(Cypher.literalOf(t.label())).then(Cypher.toString(node.property(t.key().name())));
            refLabel = refLabel.when(Cypher.literalOf(t.label())).then(Cypher.literalOf(context.ontology().mergeType(t).label()));
            label = label.when(Cypher.literalOf(t.label())).then(labels.containsKey(t.label())
                    ? Cypher.coalesce(node.property(labels.get(t.label()).name()), shownKey) : shownKey);
            String field = SchemaBuilder.rootFieldName(t);
            if (selected.containsKey(field)) {
                hit.add(field);
                hit.add(Cypher.caseExpression().when(type.isEqualTo(Cypher.literalOf(t.label())))
                        .then(translator.projection(node, t, selected.get(field), "s" + hit.size() + "_", access)));
            }
        }
        hit.add("key");
        hit.add(key);
        hit.add(org.jiedao.hub.api.audit.EntityRefs.KEY); // the hit's entity, for the audit trail
        hit.add(Cypher.listOf(refLabel, refKey));
        hit.add("label");
        hit.add(label);
        // with a scope, the index's best hits may all be out of scope: take every hit, keep those in scope, then limit
        var hits = Cypher.unwind(Cypher.anonParameter(queries)).as(q)
                .call("db.index.fulltext.queryNodes")
                .withArgs(Cypher.property(q, "index"), Cypher.property(q, "query"),
                        scope.isNone() ? Cypher.mapOf("limit", Cypher.anonParameter(first)) : Cypher.mapOf())
                .yield("node", "score");
        return (scope.isNone() ? hits : hits.where(scope.anyNode(node.getRequiredSymbolicName())))
                .with(node.getRequiredSymbolicName(), Cypher.property(q, "type").as(type), Cypher.max(score).as(score))
                .orderBy(score.descending(), Cypher.elementId(node).ascending())
                .limit(Cypher.anonParameter(first))
                .returning(Cypher.mapOf(hit.toArray()).as("hit"))
                .build();
    }

    /**
     * @param access  the caller's access
     * @param context the ontology and schema
     * @param label   a node label with full-text indexes
     * @return whether the caller may search it: it reads the type, and every property of the type's full-text
     *         indexes in clear, and its row-level scope can reach the type ({@link Access#inScopeReach})
     */
    public static boolean searchableBy(Access access, QueryContext context, String label) {
        if (!access.role().readsType(label)) {
            return false;
        }
        NodeType t = context.ontology().nodeType(label);
        if (!access.inScopeReach(t)) {
            return false;
        }
        return indexes(context).stream().filter(i -> i.label().equals(label)).flatMap(i -> i.properties().stream())
                .allMatch(p -> access.role().readsField(label, p) && t.property(p).map(access::stored).orElse(FieldRule.HIDDEN) == FieldRule.CLEAR);
    }

    /** @return the exposed node types with a full-text index, in label order */
    static List<NodeType> searchable(QueryContext context) {
        List<String> labels = indexes(context).stream().map(FulltextIndex::label).distinct().toList();
        return context.schema().exposedTypes().stream().filter(t -> labels.contains(t.label())).toList();
    }

    private static List<FulltextIndex> indexes(QueryContext context) {
        List<String> exposed = context.schema().exposedTypes().stream().map(NodeType::label).toList();
        return new GraphSchema(context.ontology()).fulltextIndexes().stream().filter(i -> exposed.contains(i.label())).toList();
    }

    /**
     * The property that says what a node is called: its type's first Han full-text property (a name, an address).
     *
     * @return by node label, for the types that have one
     */
    static Map<String, PropertyDef> labelProperties(QueryContext context) {
        return org.jiedao.hub.api.schema.DisplayLabels.of(context.ontology());
    }
}
