package org.jiedao.hub.api.limits;

import graphql.ExecutionInput;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.parser.ParserOptions;

/**
 * Sets graphql-java's parser limits for every request explicitly (through the request's {@code GraphQLContext},
 * key {@code ParserOptions.class}, which graphql-java's {@code ParseAndValidate.parse} reads), so that a document
 * of thousands of nested braces or a flood of tokens is refused by the parser with a syntax error
 * ({@code GRAPHQL_PARSE_FAILED}) instead of exhausting the stack or the CPU:
 * <ul>
 * <li>{@value #MAX_RULE_DEPTH} nested grammar rules (a selection level takes about 3, so far above any depth the
 * depth limit accepts);</li>
 * <li>{@value #MAX_TOKENS} tokens and {@value #MAX_WHITESPACE_TOKENS} whitespace tokens;</li>
 * <li>{@value #MAX_CHARACTERS} characters (the HTTP body limit is 1 MiB as well).</li>
 * </ul>
 */
public final class ParserLimits extends SimplePerformantInstrumentation {
    /** Deepest nesting of grammar rules. */
    public static final int MAX_RULE_DEPTH = 300;
    /** Most tokens in a document (names, punctuation, values). */
    public static final int MAX_TOKENS = 15_000;
    /** Most whitespace and comment tokens in a document. */
    public static final int MAX_WHITESPACE_TOKENS = 200_000;
    /** Longest document in characters. */
    public static final int MAX_CHARACTERS = 1024 * 1024;
    /** The options set on every request. */
    public static final ParserOptions OPTIONS = ParserOptions.getDefaultOperationParserOptions().transform(b -> b
            .maxRuleDepth(MAX_RULE_DEPTH).maxTokens(MAX_TOKENS).maxWhitespaceTokens(MAX_WHITESPACE_TOKENS)
            .maxCharacters(MAX_CHARACTERS));

    @Override
    public ExecutionInput instrumentExecutionInput(ExecutionInput input, InstrumentationExecutionParameters parameters,
                                                   InstrumentationState state) {
        input.getGraphQLContext().put(ParserOptions.class, OPTIONS);
        return input;
    }
}
