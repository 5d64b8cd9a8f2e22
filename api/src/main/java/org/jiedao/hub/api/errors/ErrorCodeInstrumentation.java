package org.jiedao.hub.api.errors;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import graphql.ErrorType;
import graphql.ExceptionWhileDataFetching;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.InvalidSyntaxError;
import graphql.SerializationError;
import graphql.TypeMismatchError;
import graphql.UnresolvedTypeError;
import graphql.execution.NonNullableFieldWasNullError;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.introspection.GoodFaithIntrospection;

/**
 * Gives every error of a result an {@code extensions.code} ({@link ErrorCode}) and masks the ones that would show
 * internals. Errors that already carry a code (limits, {@link MaskingExceptionHandler}) are kept as they are;
 * otherwise, by graphql-java's classification:
 * <ul>
 * <li>syntax errors, including the parser's own limits: {@link ErrorCode#GRAPHQL_PARSE_FAILED}, graphql-java's message;</li>
 * <li>schema validation errors: {@link ErrorCode#GRAPHQL_VALIDATION_FAILED}, graphql-java's message;</li>
 * <li>other validation-classified errors (variable values that cannot be coerced, input too large):
 * {@link ErrorCode#BAD_USER_INPUT}, graphql-java's message;</li>
 * <li>an operation the schema does not support (mutation, unknown operation name): {@link ErrorCode#GRAPHQL_VALIDATION_FAILED};</li>
 * <li>execution aborted by one of graphql-java's own guards (e.g. bad-faith introspection, an introspection
 * query asking for {@code __schema} twice):
 * {@link ErrorCode#QUERY_TOO_COMPLEX}, graphql-java's message;</li>
 * <li>an error a data fetcher returned on purpose ({@code DataFetcherResult} errors, e.g. a refused ID number):
 * {@link ErrorCode#BAD_USER_INPUT}, its message;</li>
 * <li>graphql-java's errors about wrong values from the server (a null in a non-null field, a value that cannot be
 * serialised, an exception that escaped the handler): {@link ErrorCode#INTERNAL}, masked, logged with a trace id.</li>
 * </ul>
 * Rebuilt errors keep graphql-java's {@code classification}, except {@code DataFetchingException} and
 * {@code NullValueInNonNullableField}, which become the code.
 */
public final class ErrorCodeInstrumentation extends SimplePerformantInstrumentation {
    private final FailureClassifier classifier;

    /** @param classifier maps exceptions to what the user sees, logging causes */
    public ErrorCodeInstrumentation(FailureClassifier classifier) {
        this.classifier = classifier;
    }

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result, InstrumentationExecutionParameters parameters,
                                                                        InstrumentationState state) {
        if (result.getErrors().isEmpty()) {
            return CompletableFuture.completedFuture(result);
        }
        List<GraphQLError> errors = new ArrayList<>(result.getErrors().size());
        result.getErrors().forEach(e -> errors.add(withCode(e)));
        return CompletableFuture.completedFuture(result.transform(b -> b.errors(errors)));
    }

    /**
     * @param error an error of a result
     * @return the same error if it has a code, else a copy with its code, or a masked INTERNAL error
     */
    GraphQLError withCode(GraphQLError error) {
        Map<String, Object> extensions = error.getExtensions();
        if (extensions != null && extensions.get(ErrorCode.EXTENSION) != null) {
            return error;
        }
        String where = error.getPath() == null ? "query" : "/" + String.join("/", error.getPath().stream().map(String::valueOf).toList());
        PublicError mapped = switch (error) {
            case ExceptionWhileDataFetching e -> classifier.classify(e.getException(), where);
            case NonNullableFieldWasNullError e -> classifier.internal(e.getMessage(), where);
            case SerializationError e -> classifier.internal(e.getException(), where);
            case TypeMismatchError e -> classifier.internal(e.getMessage(), where);
            case UnresolvedTypeError e -> classifier.internal(e.getException(), where);
            case InvalidSyntaxError e -> new PublicError(ErrorCode.GRAPHQL_PARSE_FAILED, e.getMessage(), null);
            case graphql.validation.ValidationError e -> new PublicError(ErrorCode.GRAPHQL_VALIDATION_FAILED, e.getMessage(), null);
            case GoodFaithIntrospection.BadFaithIntrospectionError e -> new PublicError(ErrorCode.QUERY_TOO_COMPLEX, e.getMessage(), null);
            default -> byClassification(error, where);
        };
        Map<String, Object> merged = new LinkedHashMap<>();
        if (extensions != null && mapped.code() != ErrorCode.INTERNAL) {
            merged.putAll(extensions);
        }
        merged.putAll(mapped.extensions());
        GraphqlErrorBuilder<?> b = GraphqlErrorBuilder.newError().message("%s", ReadableMessages.of(mapped.message())).extensions(merged);
        if (error.getLocations() != null) {
            b.locations(error.getLocations());
        }
        if (error.getPath() != null) {
            b.path(error.getPath());
        }
        // graphql-java's own classifications stay (clients and the HTTP layer may use them), except those that
        // read like Java class names or describe a server fault
        b.errorType(error.getErrorType() == null || error.getErrorType() == ErrorType.DataFetchingException
                || error.getErrorType() == ErrorType.NullValueInNonNullableField || mapped.code() == ErrorCode.INTERNAL
                ? mapped.code() : error.getErrorType());
        return b.build();
    }

    private PublicError byClassification(GraphQLError error, String where) {
        if (!(error.getErrorType() instanceof ErrorType type)) {
            return classifier.internal(error.getMessage(), where);
        }
        return switch (type) {
            case InvalidSyntax -> new PublicError(ErrorCode.GRAPHQL_PARSE_FAILED, error.getMessage(), null);
            case ValidationError -> new PublicError(ErrorCode.BAD_USER_INPUT, error.getMessage(), null);
            case OperationNotSupported -> new PublicError(ErrorCode.GRAPHQL_VALIDATION_FAILED, error.getMessage(), null);
            case ExecutionAborted -> new PublicError(ErrorCode.QUERY_TOO_COMPLEX, error.getMessage(), null);
            case DataFetchingException -> new PublicError(ErrorCode.BAD_USER_INPUT, error.getMessage(), null);
            case NullValueInNonNullableField -> classifier.internal(error.getMessage(), where);
        };
    }
}
