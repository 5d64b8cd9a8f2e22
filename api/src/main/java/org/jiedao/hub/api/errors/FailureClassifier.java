package org.jiedao.hub.api.errors;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import graphql.GraphQLError;

import org.jiedao.hub.loaders.normalise.NormalisationException;
import org.neo4j.driver.exceptions.Neo4jException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an exception raised while answering a query into the {@link PublicError} a user sees, and logs the cause
 * under a fresh trace id when the user cannot act on the message alone:
 * <ul>
 * <li>driver {@code ServiceUnavailableException} / {@code SessionExpiredException} (after the driver's retries):
 * {@link ErrorCode#UNAVAILABLE}, logged at WARN;</li>
 * <li>a transaction stopped by its timeout (Neo4j status {@code Neo.ClientError.Transaction.TransactionTimedOut*})
 * or the whole query passing its deadline ({@link TimeoutException}): {@link ErrorCode#TIMEOUT}, naming the limit
 * in seconds, logged at WARN;</li>
 * <li>a value the loaders' normalisers refuse ({@link NormalisationException}): {@link ErrorCode#BAD_USER_INPUT}
 * with the normaliser's message, not logged;</li>
 * <li>an exception that is itself a {@link GraphQLError} carrying {@code extensions.code}: passed on as it is
 * (a deliberate, user-facing error);</li>
 * <li>anything else: {@link ErrorCode#INTERNAL}, "internal error; quote trace id &lt;id&gt;", logged at ERROR with
 * its stack trace.</li>
 * </ul>
 * The cause chain is searched, so wrappers such as {@code CompletionException} do not hide the cause.
 */
public final class FailureClassifier {
    private static final Logger LOG = LoggerFactory.getLogger(FailureClassifier.class);
    private static final int MAX_CAUSES = 32;
    private final Duration timeout;

    /** @param timeout the query time limit, named in TIMEOUT messages */
    public FailureClassifier(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * @param failure the exception, possibly wrapped
     * @param where   where it happened, for the log only (e.g. the result path {@code /person})
     * @return what to tell the user; its cause is logged if the error carries a trace id
     */
    public PublicError classify(Throwable failure, String where) {
        Throwable t = failure;
        for (int i = 0; t != null && i < MAX_CAUSES; i++, t = t.getCause()) {
            if (t instanceof ServiceUnavailableException || t instanceof SessionExpiredException) {
                String id = TraceIds.next();
                LOG.warn("graph database unavailable at {} (trace id {}): {}", where, id, describe(t));
                return new PublicError(ErrorCode.UNAVAILABLE, "the graph database is unavailable; try again later", id);
            }
            if (t instanceof TimeoutException || t instanceof Neo4jException n && n.code() != null
                    && n.code().contains("TransactionTimedOut")) {
                String id = TraceIds.next();
                LOG.warn("query stopped after the time limit of {} s at {} (trace id {}): {}", seconds(timeout), where, id, describe(t));
                return new PublicError(ErrorCode.TIMEOUT, "the query took longer than the limit of " + seconds(timeout)
                        + " s and was stopped; select fewer fields or levels, or narrow the filters", id);
            }
            if (t instanceof NormalisationException) {
                return new PublicError(ErrorCode.BAD_USER_INPUT, t.getMessage(), null);
            }
            if (t instanceof GraphQLError g && g.getExtensions() != null
                    && g.getExtensions().get(ErrorCode.EXTENSION) instanceof String code) {
                return new PublicError(codeOf(code), g.getMessage(), traceIdOf(g.getExtensions()));
            }
        }
        return internal(failure, where);
    }

    /**
     * @param failure an unexpected exception
     * @param where   where it happened, for the log only
     * @return an {@link ErrorCode#INTERNAL} error; the failure is logged at ERROR with the same trace id
     */
    public PublicError internal(Throwable failure, String where) {
        String id = TraceIds.next();
        LOG.error("internal error at {} (trace id {})", where, id, failure);
        return new PublicError(ErrorCode.INTERNAL, "internal error; quote trace id " + id, id);
    }

    /**
     * @param detail what went wrong, for the log only (may name internals)
     * @param where  where it happened, for the log only
     * @return an {@link ErrorCode#INTERNAL} error; the detail is logged at ERROR with the same trace id
     */
    public PublicError internal(String detail, String where) {
        String id = TraceIds.next();
        LOG.error("internal error at {} (trace id {}): {}", where, id, detail);
        return new PublicError(ErrorCode.INTERNAL, "internal error; quote trace id " + id, id);
    }

    /** @return the query time limit */
    public Duration timeout() {
        return timeout;
    }

    /**
     * @param d a duration
     * @return it in seconds as plain decimal text without trailing zeros: {@code 30}, {@code 0.001}
     */
    public static String seconds(Duration d) {
        return BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString();
    }

    private static ErrorCode codeOf(String code) {
        try {
            return ErrorCode.valueOf(code);
        } catch (IllegalArgumentException e) {
            return ErrorCode.BAD_USER_INPUT;
        }
    }

    /** @return the exception for the log, with Neo4j's status code if it has one */
    private static String describe(Throwable t) {
        return t instanceof Neo4jException n && n.code() != null && n.code().startsWith("Neo.") ? t + " [" + n.code() + "]" : t.toString();
    }

    private static String traceIdOf(Map<String, Object> extensions) {
        return extensions.get(ErrorCode.TRACE_ID) instanceof String s ? s : null;
    }
}
