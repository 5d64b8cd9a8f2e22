package org.jiedao.hub.graph.feed;

import java.time.Instant;

/**
 * Something an operator should know about now: an ingestion problem, and (issue 8) a crowd density over its
 * threshold. Published with {@link Alerts#publish}.
 *
 * @param id       unique id of this alert (a UUID)
 * @param kind     what happened, in upper snake case: {@code RECORDS_QUARANTINED}, {@code RUN_FAILED},
 *                 {@code FILE_FAILED}; producers may add kinds
 * @param severity how urgent
 * @param message  one line for people, in the hub's language; no stack traces, no internals
 * @param at       when it was raised
 * @param source   the source id or sensor the alert is about, or null
 */
public record Alert(String id, String kind, Severity severity, String message, Instant at, String source) {
    /** How urgent an alert is, least first. */
    public enum Severity {
        /** worth knowing */
        INFO,
        /** needs a look: records were refused */
        WARNING,
        /** something failed: a run, a file */
        ERROR,
        /** act now */
        CRITICAL
    }
}
