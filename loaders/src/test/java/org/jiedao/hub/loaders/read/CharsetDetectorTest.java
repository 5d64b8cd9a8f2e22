package org.jiedao.hub.loaders.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.apache.commons.lang3.ArrayUtils;
import org.junit.jupiter.api.Test;

class CharsetDetectorTest {

    private static final String HEADER = "姓名,公民身份号码\n张三,110102199001010011\n";


    @Test
    void gbkBytesAreDecodedAsGb18030() throws Exception {
        byte[] gbk = HEADER.getBytes(Charset.forName("GBK"));
        CharsetDetector.Decoded d = CharsetDetector.decode(gbk);
        assertThat(d.charset()).isEqualTo(CharsetDetector.GB18030);
        assertThat(d.text()).isEqualTo(HEADER);
        assertThat(d.hadBom()).isFalse();
        assertThat(CharsetDetector.decode("姓名,公民身份号码".getBytes("GBK")).text()).isEqualTo("姓名,公民身份号码");
    }

    @Test
    void gb18030FourByteCharacters() throws Exception {
        String rare = "𠀀䶮,王"; // U+20000 (4 bytes in GB18030) and 䶮 (U+4DAE)
        CharsetDetector.Decoded d = CharsetDetector.decode(rare.getBytes(CharsetDetector.GB18030));
        assertThat(d.charset()).isEqualTo(CharsetDetector.GB18030);
        assertThat(d.text()).isEqualTo(rare);
    }

    @Test
    void utf8WithoutBom() throws Exception {
        CharsetDetector.Decoded d = CharsetDetector.decode(HEADER.getBytes(StandardCharsets.UTF_8));
        assertThat(d.charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(d.text()).isEqualTo(HEADER);
        assertThat(d.hadBom()).isFalse();
    }

    @Test
    void utf8WithBomHasTheBomStripped() throws Exception {
        byte[] bytes = ArrayUtils.addAll(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, HEADER.getBytes(StandardCharsets.UTF_8));
        CharsetDetector.Decoded d = CharsetDetector.decode(bytes);
        assertThat(d.charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(d.text()).isEqualTo(HEADER).doesNotContain("\uFEFF");
        assertThat(d.hadBom()).isTrue();
    }

    @Test
    void utf16Boms() throws Exception {
        byte[] le = ArrayUtils.addAll(new byte[] {(byte) 0xFF, (byte) 0xFE}, HEADER.getBytes(StandardCharsets.UTF_16LE));
        byte[] be = ArrayUtils.addAll(new byte[] {(byte) 0xFE, (byte) 0xFF}, HEADER.getBytes(StandardCharsets.UTF_16BE));
        assertThat(CharsetDetector.decode(le)).isEqualTo(new CharsetDetector.Decoded(StandardCharsets.UTF_16LE, HEADER, true));
        assertThat(CharsetDetector.decode(be)).isEqualTo(new CharsetDetector.Decoded(StandardCharsets.UTF_16BE, HEADER, true));
    }

    @Test
    void asciiAndEmptyAreUtf8() throws Exception {
        assertThat(CharsetDetector.decode(new byte[0])).isEqualTo(new CharsetDetector.Decoded(StandardCharsets.UTF_8, "", false));
        assertThat(CharsetDetector.decode("a,b\n1,2\n".getBytes(StandardCharsets.US_ASCII)).charset())
                .isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void bytesValidInNeitherAreRejectedWhole() throws Exception {
        byte[] good = "姓名,".getBytes(Charset.forName("GBK")); // 5 bytes, valid GBK, invalid UTF-8 at offset 0
        byte[] bad = ArrayUtils.addAll(good, new byte[] {(byte) 0x80, 'a', 'b'}); // 0x80 is not a GB18030 lead byte
        assertThatThrownBy(() -> CharsetDetector.decode(bad))
                .isInstanceOf(CharacterCodingException.class)
                .isInstanceOf(CharsetDetector.UndecodableException.class)
                .hasMessageContaining("neither valid UTF-8")
                .hasMessageContaining("offset 5")
                .hasMessageContaining("rejected whole")
                .satisfies(e -> assertThat(((CharsetDetector.UndecodableException) e).offset()).isEqualTo(5));
        // a lone lead byte at the end: truncated in both encodings
        byte[] truncated = ArrayUtils.addAll("ab".getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0xB0});
        assertThatThrownBy(() -> CharsetDetector.decode(truncated)).hasMessageContaining("offset 2");
        assertThatThrownBy(() -> CharsetDetector.decode(new byte[] {(byte) 0xFF, 'x', 'y'}))
                .isInstanceOf(CharsetDetector.UndecodableException.class);
    }

    @Test
    void utf8BomFollowedByGbkIsRejectedNotGuessed() {
        byte[] bytes = ArrayUtils.addAll(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "姓名".getBytes(Charset.forName("GBK")));
        assertThatThrownBy(() -> CharsetDetector.decode(bytes))
                .hasMessageContaining("byte-order mark")
                .hasMessageContaining("offset 3")
                .hasMessageContaining("rejected whole");
    }

    @Test
    void declaredCharsetIsDecodedStrictly() throws Exception {
        byte[] gbk = HEADER.getBytes(Charset.forName("GBK"));
        assertThat(CharsetDetector.decode(gbk, Charset.forName("GBK")).text()).isEqualTo(HEADER);
        assertThatThrownBy(() -> CharsetDetector.decode(gbk, StandardCharsets.UTF_8))
                .hasMessageContaining("not valid UTF-8")
                .hasMessageContaining("offset 0");
        byte[] bom = ArrayUtils.addAll(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "a".getBytes(StandardCharsets.UTF_8));
        assertThat(CharsetDetector.decode(bom, StandardCharsets.UTF_8))
                .isEqualTo(new CharsetDetector.Decoded(StandardCharsets.UTF_8, "a", true));
    }
}
