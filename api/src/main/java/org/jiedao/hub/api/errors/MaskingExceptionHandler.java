package org.jiedao.hub.api.errors;

import java.util.concurrent.CompletableFuture;

import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerParameters;
import graphql.execution.DataFetcherExceptionHandlerResult;

/**
 * graphql-java's hook for exceptions thrown by data fetchers (or futures they return that fail): instead of
 * graphql-java's default error, whose message carries the exception's class name and text, the field gets the
 * error {@link FailureClassifier} describes, with its code (and trace id) in {@code extensions}, its path and
 * location. The field's value becomes null, as the GraphQL spec asks for a field error (section 6.4.4).
 */
public final class MaskingExceptionHandler implements DataFetcherExceptionHandler {
    private final FailureClassifier classifier;

    /** @param classifier maps exceptions to what the user sees, logging causes */
    public MaskingExceptionHandler(FailureClassifier classifier) {
        this.classifier = classifier;
    }

    @Override
    public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(DataFetcherExceptionHandlerParameters parameters) {
        PublicError e = classifier.classify(parameters.getException(), String.valueOf(parameters.getPath()));
        return CompletableFuture.completedFuture(DataFetcherExceptionHandlerResult.newResult()
                .error(GraphqlErrorBuilder.newError().message("%s", e.message()).path(parameters.getPath())
                        .location(parameters.getSourceLocation()).errorType(e.code()).extensions(e.extensions()).build())
                .build());
    }
}
