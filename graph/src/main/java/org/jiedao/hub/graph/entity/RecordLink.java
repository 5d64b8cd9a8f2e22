package org.jiedao.hub.graph.entity;

import java.time.Instant;
import java.util.Map;

/**
 * A source record's link to the entity it resolves to (DESIGN.md decision 2): {@code RESOLVES_TO} when the record
 * is about the entity, {@code MENTIONS} when it names it (a vehicle's owner, a case's caller), with how the link was
 * decided.
 *
 * @param recordUid  the record's uid ({@code source:recordKey})
 * @param source     the record's source id
 * @param location   where the record was read, e.g. {@code hukou_registry.csv line 17}
 * @param ingestedAt when the record's content was written
 * @param type       {@code RESOLVES_TO} or {@code MENTIONS}
 * @param alias      the name the source's mapping gives the entity in the record, e.g. {@code caller}; null for
 *                   records written before links carried it
 * @param rule       how the link was decided: {@code deterministic:idNumber} (the same canonical ID number),
 *                   {@code weights} (Fellegi-Sunter match weight above the link threshold), {@code new} (no match:
 *                   a new entity), {@code provisional} (not resolved yet), {@code manual:merge},
 *                   {@code manual:review}, {@code manual:unmerge}
 * @param score      1.0 for a deterministic link, the match weight in bits for {@code weights}, else null
 * @param decidedAt  when the link was decided
 * @param evidence   the comparison vector of a probabilistic link as JSON ({@code {"rule", "weight", "fields":
 *                   [{"comparison", "level", "weight"}]}}), or null
 * @param asserted   what the record asserted about the entity, property name to value
 */
public record RecordLink(String recordUid, String source, String location, Instant ingestedAt, String type,
                         String alias, String rule, Double score, Instant decidedAt, String evidence,
                         Map<String, Object> asserted) {
}
