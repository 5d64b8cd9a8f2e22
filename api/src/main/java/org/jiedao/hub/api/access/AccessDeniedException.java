package org.jiedao.hub.api.access;

/**
 * A request the caller's role does not allow: a refused field, a filter or sort on a field the role may not read,
 * a missing or unknown purpose of use, an unknown role. Answered with {@code extensions.code = FORBIDDEN} (GraphQL)
 * or HTTP 403; the message names what was refused, never a value.
 */
public class AccessDeniedException extends RuntimeException {
    /** @param message what was refused, e.g. {@code Person.idNumber: role analyst may not filter on it} */
    public AccessDeniedException(String message) {
        super(message);
    }
}
