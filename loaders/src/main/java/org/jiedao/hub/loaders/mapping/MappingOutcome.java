package org.jiedao.hub.loaders.mapping;

import org.jiedao.hub.loaders.read.RawRecord;
import org.jiedao.hub.ontology.assertion.RecordAssertions;

/** What became of one raw record: assertions to write, or a reason to quarantine it. */
public sealed interface MappingOutcome {
    /** @return the record as read */
    RawRecord raw();

    /**
     * @param raw        the record as read
     * @param assertions what it asserts, in ontology terms
     */
    record Mapped(RawRecord raw, RecordAssertions assertions) implements MappingOutcome {
    }

    /**
     * @param raw    the record as read
     * @param reason why it cannot be written, naming the field and the rule, e.g.
     *               {@code 公民身份号码 (idNumber): check character should be 1 (GB 11643-1999)}
     */
    record Rejected(RawRecord raw, String reason) implements MappingOutcome {
    }
}
