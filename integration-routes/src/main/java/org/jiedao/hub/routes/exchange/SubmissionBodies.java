package org.jiedao.hub.routes.exchange;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Reads the body of a partner's submission, whichever way it came (the REST endpoint or the submission queue): one
 * JSON array of records (RFC 8259), or JSON Lines (one value per line, blank lines skipped). Nothing is written
 * from a body that does not read whole.
 */
public final class SubmissionBodies {
    private static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private SubmissionBodies() {
    }

    /** A body that is not the JSON it claims to be, or holds no record; the message says where and why. */
    public static final class MalformedSubmissionException extends Exception {
        /** @param message where and why, ending in "nothing was written" */
        public MalformedSubmissionException(String message) {
            super(message);
        }
    }

    /**
     * @param body  the request body
     * @param lines true for JSON lines, false for one JSON array
     * @return the records, in order (each a JSON value; non-objects are rejected per record by the mapping)
     * @throws MalformedSubmissionException if the body is not that JSON, or holds no record
     */
    public static List<JsonNode> parse(String body, boolean lines) throws MalformedSubmissionException {
        List<JsonNode> out = new ArrayList<>();
        if (lines) {
            String[] ls = body.split("\r?\n", -1);
            for (int i = 0; i < ls.length; i++) {
                if (ls[i].isBlank()) {
                    continue;
                }
                try {
                    out.add(JSON.readTree(ls[i]));
                } catch (JsonProcessingException e) {
                    throw new MalformedSubmissionException("malformed JSON on line " + (i + 1) + ", column "
                            + (e.getLocation() == null ? "?" : e.getLocation().getColumnNr()) + ": " + e.getOriginalMessage()
                            + "; nothing was written");
                }
            }
        } else {
            JsonNode array;
            try {
                array = JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new MalformedSubmissionException("malformed JSON" + (e.getLocation() == null ? "" : " at line "
                        + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()) + ": "
                        + e.getOriginalMessage() + "; nothing was written");
            } catch (IOException e) {
                throw new MalformedSubmissionException("unreadable body: " + e.getMessage());
            }
            if (array == null || !array.isArray()) {
                throw new MalformedSubmissionException("expected a JSON array of record objects, found "
                        + (array == null || array.isMissingNode() ? "nothing" : array.getNodeType().name().toLowerCase(Locale.ROOT))
                        + "; nothing was written");
            }
            array.forEach(out::add);
        }
        if (out.isEmpty()) {
            throw new MalformedSubmissionException("the submission holds no record; nothing was written");
        }
        return out;
    }
}
