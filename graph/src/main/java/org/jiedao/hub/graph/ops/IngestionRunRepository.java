package org.jiedao.hub.graph.ops;

import java.time.Instant;
import java.util.List;

import org.springframework.data.neo4j.repository.Neo4jRepository;
import org.springframework.data.neo4j.repository.query.Query;
import org.springframework.data.repository.query.Param;

/**
 * Spring Data repository of {@link IngestionRun} nodes. Runs are written with MERGE on their id by the two queries
 * below rather than by saving the entity, because saving a run cascades to its {@link Source} and would write back a
 * stale copy of the source's watermark.
 */
interface IngestionRunRepository extends Neo4jRepository<IngestionRun, String> {

    /** Creates the run (MERGE on its id) linked to an existing source; returns 0 if the source is unknown. */
    @Query("""
            MATCH (s:Source {id: $source})
            MERGE (r:IngestionRun {id: $id})
            ON CREATE SET r.startedAt = $startedAt, r.unit = $unit,
                r.recordsRead = 0, r.recordsWritten = 0, r.recordsUnchanged = 0, r.recordsQuarantined = 0
            MERGE (r)-[:RUN_OF]->(s)
            RETURN count(r)""")
    long start(@Param("id") String id, @Param("source") String source, @Param("unit") String unit,
               @Param("startedAt") Instant startedAt);

    /** Sets the run's end, counts and error; returns 0 if the run is unknown. */
    @Query("""
            MATCH (r:IngestionRun {id: $id})
            SET r.endedAt = $endedAt, r.recordsRead = $read, r.recordsWritten = $written,
                r.recordsUnchanged = $unchanged, r.recordsQuarantined = $quarantined, r.error = $error
            RETURN count(r)""")
    long finish(@Param("id") String id, @Param("endedAt") Instant endedAt, @Param("read") long read,
                @Param("written") long written, @Param("unchanged") long unchanged,
                @Param("quarantined") long quarantined, @Param("error") String error);

    /** The most recent runs of one source (at most {@code limit}, in no particular order), with their source. */
    @Query("""
            MATCH (r:IngestionRun)-[rel:RUN_OF]->(s:Source {id: $source})
            WITH r, rel, s ORDER BY r.startedAt DESC LIMIT $limit
            RETURN r, collect(rel), collect(s)""")
    List<IngestionRun> latestOf(@Param("source") String source, @Param("limit") long limit);
}
