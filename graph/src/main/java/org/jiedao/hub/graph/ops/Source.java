package org.jiedao.hub.graph.ops;

import org.springframework.data.neo4j.core.schema.Id;
import org.springframework.data.neo4j.core.schema.Node;

/**
 * A declared source in the hub's operational model: ontology class {@code jd:Source}, label {@code Source}, key
 * {@code id} (unique by the ontology-derived constraint {@code Source_id_key}). Property names are the ontology's
 * ({@code jd:sourceId}, {@code jd:sourceName}, {@code jd:sourceKind}, {@code jd:sourceDepartmentName},
 * {@code jd:sourceWatermark}).
 *
 * <p>Saved with Spring Data Neo4j, which merges on the assigned id and sets ({@code +=}) only the mapped properties,
 * so saving never creates a second node for an id nor drops properties other writers put on it.
 */
@Node("Source")
public class Source {
    @Id
    private String id;
    private String name;
    private String kind;
    private String departmentName;
    private String watermark;

    /** For Spring Data. */
    protected Source() {
    }

    /**
     * @param id             the source definition's id, e.g. {@code hukou}
     * @param name           display name, e.g. 户籍登记 (the ontology requires one: the id when the definition has none)
     * @param kind           {@code file}, {@code jdbc}, {@code rest}, {@code amqp} or {@code mqtt} (jd:SourceKindCodes)
     * @param departmentName the department named in the definition, or null
     */
    public Source(String id, String name, String kind, String departmentName) {
        this.id = id;
        this.name = name;
        this.kind = kind;
        this.departmentName = departmentName;
    }

    /** @return the source id */
    public String id() {
        return id;
    }

    /** @return the display name */
    public String name() {
        return name;
    }

    /** @return the kind code */
    public String kind() {
        return kind;
    }

    /** @return the department named in the definition, or null */
    public String departmentName() {
        return departmentName;
    }

    /** @return the JDBC cursor (opaque text written by the routes), or null before the first committed poll */
    public String watermark() {
        return watermark;
    }

    void describe(String name, String kind, String departmentName) {
        this.name = name;
        this.kind = kind;
        this.departmentName = departmentName;
    }

    @Override
    public String toString() {
        return "Source[" + id + ", " + kind + "]";
    }
}
