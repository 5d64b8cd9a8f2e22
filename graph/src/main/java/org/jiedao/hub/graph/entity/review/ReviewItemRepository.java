package org.jiedao.hub.graph.entity.review;

import java.util.List;

import org.springframework.data.neo4j.repository.Neo4jRepository;

/** Spring Data repository of {@link ReviewItem}s. */
interface ReviewItemRepository extends Neo4jRepository<ReviewItem, String> {

    /** @return the items with the status, oldest first */
    List<ReviewItem> findByStatusOrderByCreatedAtAsc(String status);

    /** @return the items about the entity with the status */
    List<ReviewItem> findByEntityIdAndStatus(String entityId, String status);
}
