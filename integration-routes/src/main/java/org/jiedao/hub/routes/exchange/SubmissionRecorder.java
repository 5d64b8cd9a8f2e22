package org.jiedao.hub.routes.exchange;

/**
 * Told of each submission taken from a partner's queue before anything of it is written (the app's audit trail). If
 * it throws, nothing is written and the message is delivered again later.
 */
@FunctionalInterface
public interface SubmissionRecorder {
    /** Records nothing (tests of the route alone). */
    SubmissionRecorder NONE = (source, role, principal, receiptId, records, bytes) -> { };

    /**
     * @param source    the inbound source id
     * @param role      the role the submission is attributed to
     * @param principal the submitting credential: the broker-validated AMQP {@code user-id}, else {@code amqp:<queue>}
     * @param receiptId the receipt id it will be stored under
     * @param records   the number of records read from it (0 if it could not be read)
     * @param bytes     the body's size in bytes
     */
    void record(String source, String role, String principal, String receiptId, int records, long bytes);
}
