package org.jiedao.hub.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jiedao.hub.api.access.AccessPolicy;
import org.jiedao.hub.api.auth.ApiKeyFile;
import org.jiedao.hub.api.auth.AuthSettings;

/**
 * The embedded default's credentials: when no credential is configured (none of HUB_JWT_HS256_SECRET_FILE,
 * HUB_JWT_RS256_PUBLIC_KEY_FILE, HUB_API_KEYS_FILE), the hub keeps its own under {@code <HUB_DATA_DIR>/secrets}
 * (mode 700), made on first start and reused afterwards:
 * <ul>
 * <li>{@value #HS256_SECRET}: a random 256-bit HS256 signing secret (base64url text, mode 600), which
 *     {@code hub token issue} signs with;</li>
 * <li>{@value #API_KEYS}: the API key file ({@link ApiKeyFile}, mode 600) with an {@code admin} key (role admin),
 *     stored as its hash;</li>
 * <li>{@value #ADMIN_KEY}: the clear admin key (mode 600), to send as {@code X-API-Key}.</li>
 * </ul>
 * There is never a fixed default credential.
 */
final class LocalCredentials {
    static final String DIR = "secrets";
    static final String HS256_SECRET = "jwt-hs256.secret";
    static final String API_KEYS = "api-keys.yaml";
    static final String ADMIN_KEY = "admin-api-key";
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    /**
     * @param auth          the settings to use
     * @param adminKeyFile  the file with the clear admin key, when the hub made it
     */
    record Resolved(AuthSettings auth, Optional<Path> adminKeyFile) {
    }

    private LocalCredentials() {
    }

    /** @return the folder of the hub's own credentials */
    static Path dir(HubSettings settings) {
        return settings.dataDir().resolve(DIR);
    }

    /**
     * @param settings the hub's settings
     * @return the configured credentials as they are, or, when none is configured, the hub's own (made now if absent)
     * @throws IOException if the secrets folder or a file cannot be written
     */
    static Resolved resolve(HubSettings settings) throws IOException {
        AuthSettings auth = settings.auth();
        if (auth.hasCredentials()) {
            return new Resolved(auth, Optional.empty());
        }
        Path dir = dir(settings);
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir.getParent());
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
        }
        Files.setPosixFilePermissions(dir, OWNER_ONLY_DIR);
        Path secret = dir.resolve(HS256_SECRET);
        if (!Files.exists(secret)) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            writeOwnerOnly(secret, Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\n");
        }
        Path keys = dir.resolve(API_KEYS);
        Path adminKey = dir.resolve(ADMIN_KEY);
        if (ApiKeyFile.read(keys).apiKeys().stream().noneMatch(e -> e.name().equals(AccessPolicy.ADMIN))) {
            String key = ApiKeyFile.createKey(keys, AccessPolicy.ADMIN, AccessPolicy.ADMIN, Map.of());
            Files.deleteIfExists(adminKey);
            writeOwnerOnly(adminKey, key + "\n");
        }
        return new Resolved(auth.withHs256SecretFile(secret).withApiKeysFile(keys),
                Files.exists(adminKey) ? Optional.of(adminKey) : Optional.empty());
    }

    /** The file of the HS256 secret {@code hub token issue} signs with: the configured one, else the hub's own. */
    static Path hs256Secret(HubSettings settings) {
        Path configured = settings.auth().hs256SecretFile();
        return configured != null ? configured : dir(settings).resolve(HS256_SECRET);
    }

    /** The API key file {@code hub apikey create} writes to: the configured one, else the hub's own. */
    static Path apiKeys(HubSettings settings) {
        Path configured = settings.auth().apiKeysFile();
        return configured != null ? configured : dir(settings).resolve(API_KEYS);
    }

    private static void writeOwnerOnly(Path file, String text) throws IOException {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
