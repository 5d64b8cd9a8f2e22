package org.jiedao.hub.api.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The file of partner credentials (setting {@code HUB_API_KEYS_FILE}): API keys, stored only as their SHA-256
 * (FIPS 180-4) in hexadecimal, and client certificates, known by the SHA-256 fingerprint of their DER encoding (what
 * {@code openssl x509 -noout -fingerprint -sha256} prints; colons and case are ignored). Each entry names a caller, its
 * role in the access policy and its attributes (e.g. the communities a row-level scope allows):
 *
 * <pre>{@code
 * apiKeys:
 *   - name: admin
 *     role: admin
 *     sha256: 5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8
 * clientCertificates:
 *   - name: civil-affairs-gateway
 *     role: partner:civil-affairs
 *     sha256: 3F:A2:...:9C
 *     attributes: { communities: [110102001004] }
 * }</pre>
 *
 * Names are unique within each list. A key is {@value #KEY_PREFIX} and 43 base64url characters (256 random bits);
 * its clear text is shown once, when {@link #createKey} makes it. The file is written with mode 600.
 */
public final class ApiKeyFile {
    /** Start of every key the hub creates, so that secret scanners recognise a leaked one. */
    public static final String KEY_PREFIX = "hub_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final YAMLMapper YAML = new YAMLMapper();

    /**
     * One registered caller.
     *
     * @param name       its name, the principal's id (e.g. {@code civil-affairs-gateway})
     * @param role       its role in the access policy
     * @param sha256     the SHA-256 of its key (UTF-8) or of its certificate's DER encoding, 32 bytes
     * @param attributes its principal attributes
     */
    public record Entry(String name, String role, byte[] sha256, Map<String, List<String>> attributes) {
        /** @throws IllegalArgumentException if the name or role is blank or the hash is not 32 bytes */
        public Entry {
            if (name == null || name.isBlank() || role == null || role.isBlank()) {
                throw new IllegalArgumentException("an entry needs a name and a role");
            }
            if (sha256 == null || sha256.length != 32) {
                throw new IllegalArgumentException(name + ": sha256 must be 64 hexadecimal digits");
            }
            sha256 = sha256.clone();
            attributes = Map.copyOf(attributes);
        }
    }

    /**
     * @param apiKeys            the API keys
     * @param clientCertificates the client certificates
     */
    public record Contents(List<Entry> apiKeys, List<Entry> clientCertificates) {
        /** Nothing registered. */
        public static final Contents EMPTY = new Contents(List.of(), List.of());

        /** Copies the lists. */
        public Contents {
            apiKeys = List.copyOf(apiKeys);
            clientCertificates = List.copyOf(clientCertificates);
        }
    }

    private ApiKeyFile() {
    }

    /**
     * @param file the file
     * @return its entries; {@link Contents#EMPTY} if it does not exist
     * @throws IllegalArgumentException naming the file and the malformed or duplicated entry
     */
    public static Contents read(Path file) {
        if (!Files.exists(file)) {
            return Contents.EMPTY;
        }
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read the API key file: " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return Contents.EMPTY;
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException(file + ": expected a map with apiKeys and clientCertificates");
        }
        return new Contents(entries(root.path("apiKeys"), file + ": apiKeys"),
                entries(root.path("clientCertificates"), file + ": clientCertificates"));
    }

    private static List<Entry> entries(JsonNode list, String at) {
        List<Entry> out = new ArrayList<>();
        if (list.isMissingNode() || list.isNull()) {
            return out;
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException(at + ": expected a list of entries");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode n = list.get(i);
            String where = at + "[" + i + "]";
            Map<String, List<String>> attributes = new LinkedHashMap<>();
            n.path("attributes").properties().forEach(e -> {
                List<String> values = new ArrayList<>();
                if (e.getValue().isArray()) {
                    e.getValue().forEach(v -> values.add(v.asText()));
                } else {
                    values.add(e.getValue().asText());
                }
                attributes.put(e.getKey(), List.copyOf(values));
            });
            Entry entry;
            try {
                entry = new Entry(n.path("name").asText(null), n.path("role").asText(null), hash(n.path("sha256").asText("")), attributes);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
            if (out.stream().anyMatch(x -> x.name().equals(entry.name()))) {
                throw new IllegalArgumentException(where + ": the name " + entry.name() + " is used twice");
            }
            out.add(entry);
        }
        return out;
    }

    private static byte[] hash(String hex) {
        String digits = hex.replace(":", "").strip().toLowerCase(Locale.ROOT);
        if (!digits.matches("[0-9a-f]{64}")) {
            return null;
        }
        return HexFormat.of().parseHex(digits);
    }

    /**
     * Creates a key for a new caller, stores its hash in the file (created with mode 600 if absent) and returns the
     * clear key, which is kept nowhere else.
     *
     * @param file       the API key file
     * @param name       the caller's name, unique in the file
     * @param role       its role in the access policy
     * @param attributes its attributes
     * @return the clear key
     * @throws IllegalArgumentException if the name is taken or the file is malformed
     * @throws IOException              if the file cannot be written
     */
    public static synchronized String createKey(Path file, String name, String role, Map<String, List<String>> attributes)
            throws IOException {
        Contents contents = read(file);
        if (contents.apiKeys().stream().anyMatch(e -> e.name().equals(name))) {
            throw new IllegalArgumentException(file + ": an API key named " + name + " exists already");
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String key = KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        List<Entry> keys = new ArrayList<>(contents.apiKeys());
        keys.add(new Entry(name, role, sha256(key.getBytes(StandardCharsets.UTF_8)), attributes));
        write(file, new Contents(keys, contents.clientCertificates()));
        return key;
    }

    /**
     * @param file     the API key file
     * @param contents what it holds from now on
     * @throws IOException if it cannot be written (it is replaced atomically where the file system allows)
     */
    public static void write(Path file, Contents contents) throws IOException {
        ObjectNode root = YAML.createObjectNode();
        root.set("apiKeys", nodes(contents.apiKeys()));
        root.set("clientCertificates", nodes(contents.clientCertificates()));
        String text = "# Jiedao Hub credentials of partner systems (docs/security/authentication.md).\n"
                + "# API keys are stored as SHA-256 hashes; client certificates by their SHA-256 fingerprint.\n"
                + YAML.writeValueAsString(root).replaceFirst("^---\\s*\n", "");
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".api-keys", ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static ArrayNode nodes(List<Entry> entries) {
        ArrayNode list = YAML.createArrayNode();
        for (Entry e : entries) {
            ObjectNode n = list.addObject().put("name", e.name()).put("role", e.role()).put("sha256", HexFormat.of().formatHex(e.sha256()));
            if (!e.attributes().isEmpty()) {
                ObjectNode a = n.putObject("attributes");
                e.attributes().forEach((k, v) -> v.forEach(a.putArray(k)::add));
            }
        }
        return list;
    }

    /**
     * @param bytes any bytes
     * @return their SHA-256
     */
    public static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * @param certificate a certificate
     * @return the SHA-256 of its DER encoding, as lower-case hexadecimal without colons
     */
    public static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(sha256(certificate.getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("the certificate cannot be encoded", e);
        }
    }
}
