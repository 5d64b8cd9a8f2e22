package org.jiedao.hub.graph.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerClasspathTest {

    @TempDir
    Path dir;

    @Test
    void propertyListsJarsAndDirectories() throws IOException {
        Path a = touch(dir.resolve("x/a.jar"));
        Path b = touch(dir.resolve("y/b.jar"));
        touch(dir.resolve("y/c.jar"));
        List<Path> cp = ServerClasspath.locate(a + File.pathSeparator + dir.resolve("y"), Map.of(), dir);
        assertThat(cp).containsExactly(a, b, dir.resolve("y/c.jar"));
    }

    @Test
    void propertyPointingNowhereFailsClearly() {
        assertThatThrownBy(() -> ServerClasspath.locate(dir.resolve("missing").toString(), Map.of(), dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(ServerClasspath.PROPERTY)
                .hasMessageContaining("missing");
    }

    @Test
    void homeWithTheModuleLayoutPutsTheLauncherFirst() throws IOException {
        Path home = dir.resolve("home");
        Path launcher = touch(home.resolve("neo4j-server.jar"));
        Path lib = touch(home.resolve("lib/neo4j-2026.08.1.jar"));
        List<Path> cp = ServerClasspath.locate(null, Map.of(ServerClasspath.ENV_HOME, home.toString()), dir);
        assertThat(cp).containsExactly(launcher, lib);
    }

    @Test
    void findsTheBuildOutputAboveTheWorkingDirectoryOrUnderTheRepoRoot() throws IOException {
        Path repo = dir.resolve("repo");
        Path launcher = touch(repo.resolve("neo4j-server/target/neo4j-server.jar"));
        Path lib = touch(repo.resolve("neo4j-server/target/lib/neo4j-2026.08.1.jar"));
        Path module = Files.createDirectories(repo.resolve("api/src"));
        assertThat(ServerClasspath.locate(null, Map.of(), module)).containsExactly(launcher, lib);

        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        assertThat(ServerClasspath.locate(null, Map.of(ServerClasspath.ENV_REPO_ROOT, repo.toString()), elsewhere))
                .containsExactly(launcher, lib);
    }

    @Test
    void saysToBuildTheModuleWhenNothingIsFound() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> ServerClasspath.locate(null, Map.of(), empty))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("neo4j-server")
                .hasMessageContaining("./hub build");
    }

    @Test
    void locatesThisRepositorysBuild() {
        // Surefire runs in graph/ with JIEDAO_REPO_ROOT set; neo4j-server is built before graph.
        assertThat(ServerClasspath.locate())
                .first().satisfies(p -> assertThat(p.getFileName().toString()).isEqualTo("neo4j-server.jar"));
    }

    private static Path touch(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, new byte[0]).toAbsolutePath().normalize();
    }
}
