package org.jiedao.hub.routes;

/** A page of a REST source could not be fetched: a 4xx other than 429, or retries exhausted. */
final class RestFetchException extends Exception {
    RestFetchException(String message) {
        super(message);
    }
}
