package org.jiedao.hub.graph.ops;

import org.springframework.data.neo4j.repository.Neo4jRepository;
import org.springframework.data.neo4j.repository.query.Query;
import org.springframework.data.repository.query.Param;

/** Spring Data repository of {@link Source} nodes, by id. */
interface SourceRepository extends Neo4jRepository<Source, String> {

    /**
     * Sets the watermark only; other properties and relationships are left alone (a whole-entity save would
     * write every mapped property back).
     *
     * @return the number of sources updated (0 if the id is unknown)
     */
    @Query("MATCH (s:Source {id: $id}) SET s.watermark = $watermark RETURN count(s)")
    long setWatermark(@Param("id") String id, @Param("watermark") String watermark);
}
