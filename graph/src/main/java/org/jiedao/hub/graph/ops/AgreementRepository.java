package org.jiedao.hub.graph.ops;

import org.springframework.data.neo4j.repository.Neo4jRepository;

/** Spring Data repository of {@link Agreement} nodes, by id. */
interface AgreementRepository extends Neo4jRepository<Agreement, String> {
}
