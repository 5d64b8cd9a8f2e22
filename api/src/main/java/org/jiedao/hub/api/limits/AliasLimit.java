package org.jiedao.hub.api.limits;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationValidationParameters;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.validation.ValidationError;

import org.jiedao.hub.api.errors.ErrorCode;

/**
 * Refuses a document that uses more aliases ({@code a1: person(...) a2: person(...)}) than the limit, with
 * {@link ErrorCode#TOO_MANY_ALIASES}. Aliases are counted where they are written, in operations and fragments
 * alike, after parsing and before validation, so a document built to make validation or execution expensive by
 * repeating a field under many names costs nothing further. (Fields reached through fragment spreads count
 * toward the complexity limit, which follows spreads.)
 */
public final class AliasLimit extends SimplePerformantInstrumentation {
    private final int maxAliases;

    /** @param maxAliases the most aliases a document may use, 0 or more */
    public AliasLimit(int maxAliases) {
        this.maxAliases = maxAliases;
    }

    @Override
    public InstrumentationContext<List<ValidationError>> beginValidation(InstrumentationValidationParameters parameters,
                                                                         InstrumentationState state) {
        int aliases = count(parameters.getDocument());
        if (aliases > maxAliases) {
            throw new LimitExceededException(ErrorCode.TOO_MANY_ALIASES,
                    "the query uses " + aliases + " aliases; the limit is " + maxAliases);
        }
        return super.beginValidation(parameters, state);
    }

    /**
     * @param document a parsed document
     * @return the number of fields written with an alias in it, in all operations and fragments
     */
    public static int count(Document document) {
        Deque<SelectionSet> todo = new ArrayDeque<>();
        for (Definition<?> d : document.getDefinitions()) {
            switch (d) {
                case OperationDefinition o -> todo.push(o.getSelectionSet());
                case FragmentDefinition f -> todo.push(f.getSelectionSet());
                default -> {
                }
            }
        }
        int aliases = 0;
        while (!todo.isEmpty()) {
            SelectionSet set = todo.pop();
            if (set == null) {
                continue;
            }
            for (Selection<?> s : set.getSelections()) {
                switch (s) {
                    case Field f -> {
                        if (f.getAlias() != null) {
                            aliases++;
                        }
                        if (f.getSelectionSet() != null) {
                            todo.push(f.getSelectionSet());
                        }
                    }
                    case InlineFragment i -> todo.push(i.getSelectionSet());
                    default -> {
                    }
                }
            }
        }
        return aliases;
    }
}
