package org.jiedao.hub.api.schema;

import java.util.List;
import java.util.Map;

import org.jiedao.hub.ontology.CodeList;
import org.jiedao.hub.ontology.NodeType;

/**
 * The SDL of querying (docs/graphql/querying.md): per exposed node type {@code T} a root connection field
 * {@code ts(where: TWhere, sort: [TSort!], first: Int = 20, after: String, asOf: String): TConnection!} (name from
 * {@link PluralNames}), the input types {@code TWhere}, {@code TRelationFilter} and {@code TSort}, the Relay types
 * {@code TConnection} and {@code TEdge} (GraphQL Cursor Connections Specification), and the arguments
 * {@code (where, sort, first)} of list relationship fields; shared: {@code StringFilter}, one {@code <Enum>Filter} per
 * code list, {@code SortDirection} and {@code PageInfo}.
 */
public final class QuerySdl {
    /** Page size when {@code first} is not given. */
    public static final int DEFAULT_PAGE_SIZE = 20;

    private QuerySdl() {
    }

    /**
     * @param t a node type
     * @return its root connection field, as a line of {@code type Query}
     */
    public static String rootField(NodeType t) {
        return "  \"\"\"" + t.labelZh() + " / " + t.labelEn().replace("\"", "'") + ": a page of the nodes matching `where`, in `sort` order"
                + " (then by " + t.key().name() + "), after the cursor `after`; `asOf` (YYYY-MM-DD) restricts relationship filters"
                + " to relationships valid on that day\"\"\"\n"
                + "  " + PluralNames.of(t) + "(where: " + t.label() + "Where, sort: [" + t.label() + "Sort!], first: Int = "
                + DEFAULT_PAGE_SIZE + ", after: String, asOf: String): " + t.label() + "Connection!\n";
    }

    /**
     * @param f a field of a generated type
     * @return its arguments in SDL ({@code (where: VehicleWhere, sort: [VehicleSort!], first: Int)} for a list
     *         relationship field), or an empty string
     */
    public static String arguments(SchemaBuilder.Field f) {
        if (f.binding() instanceof FieldBinding.Relationship r && r.many()) {
            String t = r.target().label();
            return "(where: " + t + "Where, sort: [" + t + "Sort!], first: Int)";
        }
        return "";
    }

    /**
     * @param types  the exposed node types
     * @param fields their fields, as {@link SchemaBuilder#fieldsByType()} gives them
     * @param enums  the code lists used by the schema
     * @return the SDL of the filter, sort and connection types
     */
    public static String types(List<NodeType> types, Map<String, List<SchemaBuilder.Field>> fields, List<CodeList> enums) {
        StringBuilder sdl = new StringBuilder();
        sdl.append("""
                \"""Sort direction: nulls come last in ASC and first in DESC order (Neo4j ORDER BY).\"""
                enum SortDirection { ASC DESC }

                \"""Where a page of a connection lies (GraphQL Cursor Connections Specification).\"""
                type PageInfo {
                  hasNextPage: Boolean!
                  \"""true when `after` was given and a node matching the filter comes at or before it\"""
                  hasPreviousPage: Boolean!
                  startCursor: String
                  endCursor: String
                }

                \"""Conditions on a stored value, AND-ed; compared in the stored type (dates YYYY-MM-DD, date-times ISO 8601, numbers). A missing value matches only isNull: true.\"""
                input StringFilter {
                  eq: String
                  ne: String
                  in: [String!]
                  contains: String
                  startsWith: String
                  endsWith: String
                  gt: String
                  gte: String
                  lt: String
                  lte: String
                  isNull: Boolean
                }

                """);
        for (CodeList list : enums) {
            String e = list.enumName();
            sdl.append("\"\"\"Conditions on a ").append(e).append(" value, AND-ed.\"\"\"\n")
                    .append("input ").append(e).append("Filter {\n  eq: ").append(e).append("\n  ne: ").append(e)
                    .append("\n  in: [").append(e).append("!]\n  isNull: Boolean\n}\n\n");
        }
        for (NodeType t : types) {
            String l = t.label();
            sdl.append("\"\"\"Filter on ").append(l).append(": the entries are AND-ed.\"\"\"\n");
            sdl.append("input ").append(l).append("Where {\n  AND: [").append(l).append("Where!]\n  OR: [").append(l)
                    .append("Where!]\n  NOT: ").append(l).append("Where\n");
            for (SchemaBuilder.Field f : fields.get(l)) {
                switch (f.binding()) {
                    case FieldBinding.Property p -> sdl.append("  ").append(f.name()).append(": ")
                            .append(f.type().replace("!", "").equals("String") ? "StringFilter" : f.type().replace("!", "") + "Filter").append('\n');
                    case FieldBinding.Relationship r -> sdl.append("  ").append(f.name()).append(": ")
                            .append(r.target().label()).append("RelationFilter\n");
                    default -> {
                    }
                }
            }
            sdl.append("}\n\n");
            sdl.append("\"\"\"Condition on the ").append(l).append(" nodes related through a field.\"\"\"\n");
            sdl.append("input ").append(l).append("RelationFilter {\n")
                    .append("  \"\"\"at least one related node matches\"\"\"\n  some: ").append(l).append("Where\n")
                    .append("  \"\"\"no related node matches\"\"\"\n  none: ").append(l).append("Where\n")
                    .append("  \"\"\"every related node matches (also true when there is none)\"\"\"\n  all: ").append(l).append("Where\n}\n\n");
            sdl.append("\"\"\"One sort key of ").append(l).append(": name exactly one field per element.\"\"\"\n");
            sdl.append("input ").append(l).append("Sort {\n");
            fields.get(l).stream().filter(f -> f.binding() instanceof FieldBinding.Property)
                    .forEach(f -> sdl.append("  ").append(f.name()).append(": SortDirection\n"));
            sdl.append("}\n\n");
            sdl.append("\"\"\"A page of ").append(l).append(" nodes.\"\"\"\n");
            sdl.append("type ").append(l).append("Connection {\n  \"\"\"all nodes matching the filter, on every page; null when suppressed by k-anonymity\"\"\"\n")
                    .append("  totalCount: Int\n  edges: [").append(l).append("Edge!]!\n  pageInfo: PageInfo!\n}\n\n");
            sdl.append("type ").append(l).append("Edge {\n  \"\"\"pass it as `after` to continue after this node\"\"\"\n")
                    .append("  cursor: String!\n  node: ").append(l).append("!\n}\n\n");
        }
        return sdl.toString();
    }
}
