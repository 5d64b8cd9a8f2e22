package org.jiedao.hub.routes.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hub's exchange key: made once, owner-only, public half for partners, and signatures bound to id and hash. */
class SigningKeyTest {
    @TempDir
    Path secrets;

    private static final byte[] PAYLOAD = "name,gender\r\n石蕾娟,2\r\n".getBytes(StandardCharsets.UTF_8);

    @Test
    void theKeyIsMadeOnFirstUseOwnerOnlyAndReusedAfterwards() throws Exception {
        SigningKey first = SigningKey.loadOrCreate(secrets);
        Path file = secrets.resolve(SigningKey.FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(SigningKey.loadOrCreate(secrets).keyId()).isEqualTo(first.keyId());
        String pub = Files.readString(secrets.resolve(SigningKey.PUBLIC_FILE_NAME));
        assertThat(pub).contains("\"crv\":\"P-256\"").contains(first.keyId()).doesNotContain("\"d\"");
        try (var files = Files.list(secrets)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).as("no temporary file left")
                    .containsExactlyInAnyOrder(SigningKey.FILE_NAME, SigningKey.PUBLIC_FILE_NAME);
        }
    }

    @Test
    void aSignatureVerifiesOnlyForItsPayloadDeliveryIdHashAndKey() throws Exception {
        SigningKey key = SigningKey.loadOrCreate(secrets);
        String sha = DeliveryArchive.sha256(PAYLOAD);
        String jws = key.sign(PAYLOAD, "d-1", sha);
        assertThat(jws).as("detached compact JWS").matches("[A-Za-z0-9_-]+\\.\\.[A-Za-z0-9_-]+");
        assertThat(key.verify(PAYLOAD, jws, "d-1", sha)).isNull();

        byte[] changed = "name,gender\r\n石蕾娟,1\r\n".getBytes(StandardCharsets.UTF_8);
        assertThat(key.verify(changed, jws, "d-1", sha)).contains("does not match");
        assertThat(key.verify(PAYLOAD, jws, "d-2", sha)).contains("for delivery d-1");
        assertThat(key.verify(PAYLOAD, jws, "d-1", DeliveryArchive.sha256(changed))).contains("for content");
        SigningKey other = SigningKey.loadOrCreate(Files.createDirectories(secrets.resolve("other")));
        assertThat(other.verify(PAYLOAD, jws, "d-1", sha)).contains("another key");
        assertThat(key.verify(PAYLOAD, "not a jws", "d-1", sha)).isNotNull();
    }
}
