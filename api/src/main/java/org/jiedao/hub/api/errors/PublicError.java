package org.jiedao.hub.api.errors;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a user is told about a failure: a code, a message free of internals (no Cypher, host names, ports, stack
 * traces or Java class names) and, for failures whose cause was logged, the trace id of that log line.
 *
 * @param code    the error's kind
 * @param message the text for the user
 * @param traceId the id under which the cause was logged, or null when nothing was logged
 */
public record PublicError(ErrorCode code, String message, String traceId) {

    /** @return the error's {@code extensions}: {@code code} and, if set, {@code traceId} */
    public Map<String, Object> extensions() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(ErrorCode.EXTENSION, code.name());
        if (traceId != null) {
            out.put(ErrorCode.TRACE_ID, traceId);
        }
        return out;
    }
}
