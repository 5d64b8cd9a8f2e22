package org.jiedao.hub.loaders.read;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Decodes the bytes of a departmental file whose encoding is not declared, without ever guessing wrong
 * silently.
 *
 * <ol>
 *   <li>A byte-order mark decides: {@code EF BB BF} is UTF-8, {@code FE FF} UTF-16BE, {@code FF FE} UTF-16LE;
 *       the mark is removed from the text.</li>
 *   <li>Otherwise the bytes are decoded as strict UTF-8 (malformed or unmappable input is an error, not a
 *       replacement character). Text in GBK or GB18030 is practically never valid UTF-8.</li>
 *   <li>If that fails, as strict GB18030 (GB 18030-2022, a superset of GBK and GB 2312).</li>
 *   <li>If that also fails, {@link UndecodableException} is thrown: the whole file is rejected and nothing is
 *       decoded with replacement characters.</li>
 * </ol>
 * The methods are thread-safe.
 */
public final class CharsetDetector {

    /** GB 18030, a superset of GBK and GB 2312. */
    public static final Charset GB18030 = Charset.forName("GB18030");

    private CharsetDetector() {
    }

    /**
     * The result of decoding.
     *
     * @param charset the charset the bytes were decoded with: UTF-8, UTF-16BE, UTF-16LE or GB18030
     * @param text    the decoded text, without the byte-order mark
     * @param hadBom  whether the bytes began with a byte-order mark
     */
    public record Decoded(Charset charset, String text, boolean hadBom) {
        /**
         * Checks the components are present.
         *
         * @param charset the charset
         * @param text    the text
         * @param hadBom  whether there was a BOM
         */
        public Decoded {
            Objects.requireNonNull(charset, "charset");
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * The bytes could not be decoded; the message says with which charsets, at which byte offset, and that the
     * file is rejected whole.
     */
    public static final class UndecodableException extends CharacterCodingException {

        private static final long serialVersionUID = 1L;

        /** The user-facing reason. */
        private final String message;
        /** The byte offset of the first undecodable byte. */
        private final long offset;

        /**
         * Creates the exception.
         *
         * @param message the user-facing reason
         * @param offset  the byte offset (from the start of the input, BOM included) of the first byte that could
         *                not be decoded with the last charset tried
         */
        public UndecodableException(String message, long offset) {
            this.message = Objects.requireNonNull(message, "message");
            this.offset = offset;
        }

        @Override
        public String getMessage() {
            return message;
        }

        /**
         * The byte offset of the first undecodable byte.
         *
         * @return the offset from the start of the input
         */
        public long offset() {
            return offset;
        }
    }

    /**
     * Detects the encoding and decodes the whole input (see the class description for the order of tries).
     *
     * @param bytes the complete file content; must not be {@code null}
     * @return the charset used, the text (BOM removed) and whether a BOM was present
     * @throws UndecodableException if a BOM is present but the rest is not valid in its encoding, or the bytes
     *         are valid in neither UTF-8 nor GB18030; the message gives the byte offset and says the file is
     *         rejected whole
     */
    public static Decoded decode(byte[] bytes) throws UndecodableException {
        Objects.requireNonNull(bytes, "bytes");
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            return withBom(bytes, 3, StandardCharsets.UTF_8);
        }
        if (startsWith(bytes, 0xFE, 0xFF)) {
            return withBom(bytes, 2, StandardCharsets.UTF_16BE);
        }
        if (startsWith(bytes, 0xFF, 0xFE)) {
            return withBom(bytes, 2, StandardCharsets.UTF_16LE);
        }
        Attempt utf8 = tryDecode(bytes, 0, StandardCharsets.UTF_8);
        if (utf8.text != null) {
            return new Decoded(StandardCharsets.UTF_8, utf8.text, false);
        }
        Attempt gb = tryDecode(bytes, 0, GB18030);
        if (gb.text != null) {
            return new Decoded(GB18030, gb.text, false);
        }
        throw new UndecodableException("the input is neither valid UTF-8 (first invalid byte at offset "
                + utf8.errorOffset + ": " + hexAround(bytes, utf8.errorOffset) + ") nor valid GB18030/GBK (first"
                + " invalid byte at offset " + gb.errorOffset + ": " + hexAround(bytes, gb.errorOffset)
                + "); the file is rejected whole, nothing was decoded", gb.errorOffset);
    }

    /**
     * Decodes the whole input strictly in a declared charset (for sources whose encoding is configured). A
     * leading byte-order mark of that charset, if any, is removed.
     *
     * @param bytes    the complete file content
     * @param declared the configured charset
     * @return the decoded text; {@code hadBom} tells whether a BOM was removed
     * @throws UndecodableException if the bytes are not valid in the declared charset; the message gives the byte
     *         offset and says the file is rejected whole
     */
    public static Decoded decode(byte[] bytes, Charset declared) throws UndecodableException {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(declared, "declared");
        int bom = 0;
        if (declared.equals(StandardCharsets.UTF_8) && startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            bom = 3;
        } else if (declared.equals(StandardCharsets.UTF_16BE) && startsWith(bytes, 0xFE, 0xFF)
                || declared.equals(StandardCharsets.UTF_16LE) && startsWith(bytes, 0xFF, 0xFE)) {
            bom = 2;
        }
        if (bom > 0) {
            return withBom(bytes, bom, declared);
        }
        Attempt a = tryDecode(bytes, 0, declared);
        if (a.text == null) {
            throw new UndecodableException("the input is not valid " + declared.name() + " (first invalid byte at"
                    + " offset " + a.errorOffset + ": " + hexAround(bytes, a.errorOffset) + "); the file is rejected"
                    + " whole, nothing was decoded", a.errorOffset);
        }
        return new Decoded(declared, a.text, false);
    }

    private static Decoded withBom(byte[] bytes, int bomLength, Charset charset) throws UndecodableException {
        Attempt a = tryDecode(bytes, bomLength, charset);
        if (a.text == null) {
            throw new UndecodableException("the input starts with a " + charset.name() + " byte-order mark but is not"
                    + " valid " + charset.name() + " (first invalid byte at offset " + a.errorOffset + ": "
                    + hexAround(bytes, a.errorOffset) + "); the file is rejected whole, nothing was decoded",
                    a.errorOffset);
        }
        return new Decoded(charset, a.text, true);
    }

    private record Attempt(String text, long errorOffset) {
    }

    private static Attempt tryDecode(byte[] bytes, int start, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 16L,
                (long) ((bytes.length - start) * (double) decoder.maxCharsPerByte()) + 16));
        CoderResult r = decoder.decode(in, out, true);
        if (r.isUnderflow()) {
            r = decoder.flush(out);
        }
        if (r.isError()) {
            return new Attempt(null, in.position());
        }
        if (r.isOverflow()) {
            throw new IllegalStateException("output buffer too small"); // cannot happen: sized by maxCharsPerByte
        }
        return new Attempt(out.flip().toString(), -1);
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String hexAround(byte[] bytes, long offset) {
        StringBuilder b = new StringBuilder();
        int from = (int) Math.max(0, offset);
        int to = Math.min(bytes.length, from + 4);
        for (int i = from; i < to; i++) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(String.format("%02X", bytes[i] & 0xFF));
        }
        return b.length() == 0 ? "end of input" : "bytes " + b;
    }
}
