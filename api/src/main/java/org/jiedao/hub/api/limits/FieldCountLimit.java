package org.jiedao.hub.api.limits;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationValidationParameters;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.validation.ValidationError;

import org.jiedao.hub.api.errors.ErrorCode;

/**
 * Refuses, after parsing and before validation, a document whose fields, with every fragment spread expanded,
 * outnumber the complexity limit: a few hundred bytes of fragments that each spread the next one ten times
 * ("fragment bomb") expand to a billion fields, which validation, the depth and complexity checks and execution
 * would all walk. The count is computed once per fragment (memoised) and saturates, so it costs time linear in
 * the document's size. Each expanded field costs at least 1 in the complexity measure, so a document refused
 * here would be refused by the complexity limit too, only later: the error is {@link ErrorCode#QUERY_TOO_COMPLEX}.
 * Spreads of unknown fragments and fragment cycles count 0 here and are reported by validation.
 */
public final class FieldCountLimit extends SimplePerformantInstrumentation {
    private final long maxFields;

    /** @param maxFields the most fields a document may expand to, at least 1 */
    public FieldCountLimit(long maxFields) {
        this.maxFields = maxFields;
    }

    @Override
    public InstrumentationContext<List<ValidationError>> beginValidation(InstrumentationValidationParameters parameters,
                                                                         InstrumentationState state) {
        long fields = count(parameters.getDocument());
        if (fields > maxFields) {
            throw new LimitExceededException(ErrorCode.QUERY_TOO_COMPLEX, (fields == Long.MAX_VALUE ? "the query expands"
                    + " to more fields than can be counted" : "the query expands to " + fields + " fields")
                    + " through its fragment spreads; the complexity limit is " + maxFields);
        }
        return super.beginValidation(parameters, state);
    }

    /**
     * @param document a parsed document
     * @return the number of fields of its largest operation with every fragment spread expanded, saturating at
     *         {@link Long#MAX_VALUE}
     */
    public static long count(Document document) {
        Map<String, FragmentDefinition> fragments = new HashMap<>();
        for (Definition<?> d : document.getDefinitions()) {
            if (d instanceof FragmentDefinition f) {
                fragments.put(f.getName(), f);
            }
        }
        Counter counter = new Counter(fragments);
        long most = 0;
        for (Definition<?> d : document.getDefinitions()) {
            if (d instanceof OperationDefinition o) {
                most = Math.max(most, counter.fields(o.getSelectionSet()));
            }
        }
        return most;
    }

    /** Counts expanded fields with one memo per fragment name. */
    private static final class Counter {
        private final Map<String, FragmentDefinition> fragments;
        private final Map<String, Long> memo = new HashMap<>();
        private final Set<String> expanding = new HashSet<>();

        Counter(Map<String, FragmentDefinition> fragments) {
            this.fragments = fragments;
        }

        long fields(SelectionSet set) {
            if (set == null) {
                return 0;
            }
            long total = 0;
            for (Selection<?> s : set.getSelections()) {
                long n = switch (s) {
                    case Field f -> add(1, fields(f.getSelectionSet()));
                    case InlineFragment i -> fields(i.getSelectionSet());
                    case FragmentSpread spread -> fragment(spread.getName());
                    default -> 0;
                };
                total = add(total, n);
            }
            return total;
        }

        private long fragment(String name) {
            Long known = memo.get(name);
            if (known != null) {
                return known;
            }
            FragmentDefinition f = fragments.get(name);
            if (f == null || !expanding.add(name)) {
                return 0; // unknown fragment or a cycle: validation reports it
            }
            long n = fields(f.getSelectionSet());
            expanding.remove(name);
            memo.put(name, n);
            return n;
        }

        private static long add(long a, long b) {
            long sum = a + b;
            return sum < 0 ? Long.MAX_VALUE : sum;
        }
    }
}
