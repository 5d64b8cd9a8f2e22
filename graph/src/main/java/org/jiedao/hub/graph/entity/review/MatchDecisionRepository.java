package org.jiedao.hub.graph.entity.review;

import java.util.List;

import org.springframework.data.neo4j.repository.Neo4jRepository;

/** Spring Data repository of {@link MatchDecision}s, by {@code recordUid|entityId}. */
interface MatchDecisionRepository extends Neo4jRepository<MatchDecision, String> {

    /** @return the decisions about records in the list */
    List<MatchDecision> findByRecordUidIn(java.util.Collection<String> recordUids);
}
