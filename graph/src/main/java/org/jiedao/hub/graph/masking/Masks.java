package org.jiedao.hub.graph.masking;

import java.util.List;

import org.jiedao.hub.ontology.PropertyDef;
import org.jiedao.hub.ontology.Sensitivity;
import org.neo4j.cypherdsl.core.Cypher;
import org.neo4j.cypherdsl.core.Expression;
import org.neo4j.cypherdsl.core.SymbolicName;

/**
 * The masks of {@link ValueRule#MASKED} values, as Cypher expressions evaluated inside the statement, so the clear
 * value never leaves the database (docs/security/access-policy.md, "Mask shapes"). One implementation for every
 * reader: the GraphQL API (its {@code FieldRule.MASKED} fields) and the data exchange's extracts (docs/exchange.md).
 * By the property's range, normaliser and sensitivity, first match wins:
 * <ul>
 *   <li>a date or date-time ({@code xsd:date}, partial dates {@code 1950-03} included, {@code xsd:dateTime}): the year
 *       only, {@code 1949-**-**};</li>
 *   <li>a personal-id value ({@code hub:PersonalId}) of 18 characters (GB 11643-1999): the first 6 (the region of
 *       registration) and the last 4, {@code 110102********123X}; of 15 characters (the old form): the first 6 and the
 *       last 3, {@code 110102******122};</li>
 *   <li>a phone number (normaliser {@code phone}) of 8 characters or more: the first 3 and the last 4,
 *       {@code +86*******5678};</li>
 *   <li>any other text: the first character and one {@code *} per remaining character, {@code 林**}.</li>
 * </ul>
 * A null stays null. Values are read as text ({@code toString}) before masking. Enumerations, numbers and booleans
 * have no mask ({@link #maskable}): a masked field of such a type is hidden instead.
 */
public final class Masks {
    private static final List<String> UNMASKABLE = List.of("integer", "decimal", "int", "long", "short", "double", "float",
            "nonNegativeInteger", "positiveInteger", "negativeInteger", "nonPositiveInteger", "boolean");

    private Masks() {
    }

    /**
     * @param p a stored property
     * @return whether its values can be masked: text and dates, not code lists (enums), numbers or booleans
     */
    public static boolean maskable(PropertyDef p) {
        return p.codeList() == null && !UNMASKABLE.contains(p.datatype());
    }

    /**
     * @param p     the property whose value is masked
     * @param value the stored value (a property of a node or relationship)
     * @return the Cypher expression of the masked value, text or null
     */
    public static Expression mask(PropertyDef p, Expression value) {
        Expression s = Cypher.toString(value);
        Expression masked;
        if (p.datatype().equals("date") || p.datatype().equals("dateTime")) {
            masked = Cypher.left(s, Cypher.literalOf(4)).concat(Cypher.literalOf("-**-**"));
        } else if (p.sensitivity() == Sensitivity.PERSONAL_ID) {
            masked = Cypher.caseExpression(Cypher.size(s))
                    .when(Cypher.literalOf(18)).then(keep(s, 6, 4))
                    .when(Cypher.literalOf(15)).then(keep(s, 6, 3))
                    .elseDefault(keep(s, 1, 0));
        } else if ("phone".equals(p.normaliser())) {
            masked = Cypher.caseExpression().when(Cypher.size(s).gte(Cypher.literalOf(8))).then(keep(s, 3, 4)).elseDefault(keep(s, 1, 0));
        } else {
            masked = keep(s, 1, 0);
        }
        return Cypher.caseExpression().when(value.isNull()).then(Cypher.literalNull()).elseDefault(masked);
    }

    /** @return the first {@code head} and last {@code tail} characters of s, a {@code *} for each one between */
    private static Expression keep(Expression s, int head, int tail) {
        SymbolicName acc = Cypher.name("m_acc");
        SymbolicName i = Cypher.name("m_i");
        Expression stars = Cypher.reduce(i).in(Cypher.range(Cypher.literalOf(1), Cypher.size(s).subtract(Cypher.literalOf(head + tail))))
                .map(acc.concat(Cypher.literalOf("*"))).accumulateOn(acc).withInitialValueOf(Cypher.literalOf(""));
        Expression out = Cypher.left(s, Cypher.literalOf(head)).concat(stars);
        return tail == 0 ? out : out.concat(Cypher.right(s, Cypher.literalOf(tail)));
    }
}
