package org.jiedao.hub.api.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jiedao.hub.ontology.PropertyDef;

/**
 * One kind of dated event of a node's {@code timeline} field, derived from the ontology (nothing is listed by name of
 * a type or relationship). For each relationship field of the node's type:
 * <ul>
 *   <li>when the relationship type has {@code xsd:date} or {@code xsd:dateTime} properties (e.g. {@code validFrom} and
 *       {@code validTo} of {@code MEMBER_OF}, {@code RESIDES_AT}, {@code OWNS}), each of them dates an event, on the
 *       relationship itself: joining and leaving a household, moving in and out, acquiring and selling a vehicle;</li>
 *   <li>otherwise, when the other node points at this one (an inverse field: the node is the relationship's range, as
 *       a person is of {@code REPORTED_BY}, {@code HELD_BY}, {@code OPTED_OUT_BY}, {@code PERMIT_HELD_BY}), each date
 *       property of the other node dates an event: a case's {@code reportedAt} and {@code closedAt}, a certificate's
 *       {@code issuedOn} and {@code expiresOn}, an opt-out's {@code optedOutOn}. The ontology models events and
 *       documents as the subjects of relationships to their participants, so a forward field (a person's household,
 *       a case's reporter) never dates her by the other node's own dates (a reporter's birth date is not an event of
 *       the case).</li>
 * </ul>
 * The kind is {@code START} or {@code END} for the bounds of a validity window ({@link Validity}: the relationship's
 * {@code validFrom}/{@code validTo}, a certificate's {@code issuedOn}/{@code expiresOn}, a permit's
 * {@code validFrom}/{@code validTo}), else {@code EVENT}.
 *
 * @param field        the relationship field of the node's type, e.g. {@code household}
 * @param relationship its binding (relationship type, direction, declared target type)
 * @param date         the date or date-time property that dates the event
 * @param onRelationship true when {@code date} is a property of the relationship, false when of the other node
 * @param kind         {@code START}, {@code END} or {@code EVENT}
 */
public record TimelineSource(SchemaBuilder.Field field, FieldBinding.Relationship relationship, PropertyDef date,
                             boolean onRelationship, String kind) {

    /** Kind of the first day of a validity window. */
    public static final String START = "START";
    /** Kind of the end of a validity window. */
    public static final String END = "END";
    /** Kind of any other dated property. */
    public static final String EVENT = "EVENT";

    /**
     * @param fields the fields of one node type, as {@link SchemaBuilder#fieldsByType()} gives them
     * @return the dated events its relationship fields give, in field order; empty when none is dated
     */
    public static List<TimelineSource> of(List<SchemaBuilder.Field> fields) {
        List<TimelineSource> out = new ArrayList<>();
        for (SchemaBuilder.Field f : fields) {
            if (!(f.binding() instanceof FieldBinding.Relationship r)) {
                continue;
            }
            List<PropertyDef> onRelationship = r.type().properties().stream().filter(TimelineSource::dated).toList();
            if (!onRelationship.isEmpty()) {
                Optional<Validity.Window> window = Validity.of(r).flatMap(v -> v.windows().stream().filter(Validity.Window::onRelationship).findFirst());
                onRelationship.forEach(p -> out.add(new TimelineSource(f, r, p, true, kind(window, p))));
            } else if (!r.forward()) {
                Optional<Validity.Window> window = Validity.ofNodes(r.target()).map(v -> v.windows().getFirst());
                r.target().properties().stream().filter(TimelineSource::dated)
                        .forEach(p -> out.add(new TimelineSource(f, r, p, false, kind(window, p))));
            }
        }
        return out;
    }

    private static boolean dated(PropertyDef p) {
        return p.datatype().equals("date") || p.datatype().equals("dateTime");
    }

    private static String kind(Optional<Validity.Window> window, PropertyDef p) {
        if (window.isPresent() && window.get().start().equals(p.name())) {
            return START;
        }
        if (window.isPresent() && window.get().end().equals(p.name())) {
            return END;
        }
        return EVENT;
    }
}
