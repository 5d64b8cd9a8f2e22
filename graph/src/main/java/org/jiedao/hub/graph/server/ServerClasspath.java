package org.jiedao.hub.graph.server;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds the classpath of the Neo4j server process: the jars of the {@code neo4j-server} module (its
 * {@code target/neo4j-server.jar} plus the runtime dependencies copied to {@code target/lib}). The hub never puts
 * these jars on its own classpath (DESIGN.md, decision 1); it passes them to {@code java -cp} of a child process.
 */
public final class ServerClasspath {

    /** System property: a {@link File#pathSeparator}-separated list of jars/directories, or one directory. */
    public static final String PROPERTY = "jiedao.neo4j.classpath";
    /** Environment variable: a directory holding {@code neo4j-server.jar} and {@code lib/}, or a directory of jars. */
    public static final String ENV_HOME = "JIEDAO_NEO4J_HOME";
    /** Environment variable: the repository root, searched (with its ancestors) for the module's build output. */
    public static final String ENV_REPO_ROOT = "JIEDAO_REPO_ROOT";
    /** File name of the launcher jar built by the {@code neo4j-server} module. */
    public static final String LAUNCHER_JAR = "neo4j-server.jar";

    private ServerClasspath() {
    }

    /**
     * Locates the server classpath from this JVM's system property {@value #PROPERTY}, its environment and its
     * working directory; see {@link #locate(String, Map, Path)}.
     *
     * @return the jars, launcher jar first, never empty
     * @throws IllegalStateException if nothing usable is found; the message says to build the module
     */
    public static List<Path> locate() {
        return locate(System.getProperty(PROPERTY), System.getenv(), Path.of("").toAbsolutePath());
    }

    /**
     * Locates the server classpath, first match wins:
     * <ol>
     *   <li>{@code classpathProperty} (the value of {@value #PROPERTY}) if not blank: a path-separator-separated
     *       list of jars and directories (a directory contributes as described for {@value #ENV_HOME}; an entry
     *       ending in {@code /*} contributes the jars of its directory);</li>
     *   <li>{@code env[JIEDAO_NEO4J_HOME]} if set: a directory holding {@code neo4j-server.jar} and {@code lib/*.jar}
     *       (the module's {@code target/} folder or a copy of it), or else a plain directory of jars;</li>
     *   <li>{@code neo4j-server/target/neo4j-server.jar} + {@code neo4j-server/target/lib/*.jar} under
     *       {@code workingDir} or one of its ancestors, then under {@code env[JIEDAO_REPO_ROOT]} or one of its
     *       ancestors.</li>
     * </ol>
     *
     * @param classpathProperty value of the system property, may be null
     * @param env               environment variables (only the two named above are read)
     * @param workingDir        directory to start the upward search from
     * @return absolute paths of the jars (and any directories given explicitly), launcher jar first, never empty
     * @throws IllegalStateException if an explicitly configured location does not exist or holds no jars, or if
     *                               the search finds no build output; the message names what was tried and says
     *                               to build the {@code neo4j-server} module ({@code ./hub build})
     */
    public static List<Path> locate(String classpathProperty, Map<String, String> env, Path workingDir) {
        if (classpathProperty != null && !classpathProperty.isBlank()) {
            List<Path> entries = new ArrayList<>();
            for (String entry : classpathProperty.split(File.pathSeparator)) {
                if (entry.isBlank()) {
                    continue;
                }
                if (entry.endsWith("/*") || entry.endsWith(File.separator + "*")) {
                    entries.addAll(jarsIn(Path.of(entry.substring(0, entry.length() - 2))));
                    continue;
                }
                Path p = Path.of(entry).toAbsolutePath().normalize();
                if (Files.isDirectory(p)) {
                    entries.addAll(fromHome(p));
                } else if (Files.isRegularFile(p)) {
                    entries.add(p);
                } else {
                    throw new IllegalStateException("-D" + PROPERTY + ": " + p + " does not exist");
                }
            }
            return nonEmpty(entries, "-D" + PROPERTY + "=" + classpathProperty);
        }
        String home = env.get(ENV_HOME);
        if (home != null && !home.isBlank()) {
            Path p = Path.of(home).toAbsolutePath().normalize();
            if (!Files.isDirectory(p)) {
                throw new IllegalStateException(ENV_HOME + "=" + home + " is not a directory");
            }
            return nonEmpty(fromHome(p), ENV_HOME + "=" + home);
        }
        Set<Path> tried = new LinkedHashSet<>();
        List<Path> starts = new ArrayList<>();
        starts.add(workingDir);
        String repoRoot = env.get(ENV_REPO_ROOT);
        if (repoRoot != null && !repoRoot.isBlank()) {
            starts.add(Path.of(repoRoot));
        }
        for (Path start : starts) {
            for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
                Path target = dir.resolve("neo4j-server").resolve("target");
                if (!tried.add(target)) {
                    continue;
                }
                Path jar = target.resolve(LAUNCHER_JAR);
                Path lib = target.resolve("lib");
                if (Files.isRegularFile(jar) && Files.isDirectory(lib)) {
                    List<Path> libs = jarsIn(lib);
                    if (!libs.isEmpty()) {
                        List<Path> all = new ArrayList<>(libs.size() + 1);
                        all.add(jar);
                        all.addAll(libs);
                        return List.copyOf(all);
                    }
                }
            }
        }
        throw new IllegalStateException("Neo4j server jars not found: build the neo4j-server module first"
                + " (./hub build, or mvn -f neo4j-server/pom.xml package), or point -D" + PROPERTY + " or "
                + ENV_HOME + " at them. Looked for neo4j-server/target/{" + LAUNCHER_JAR + ",lib/} above "
                + workingDir + (repoRoot == null ? "" : " and " + repoRoot));
    }

    /** {@code dir/neo4j-server.jar} + {@code dir/lib/*.jar} if that layout is present, else the jars of dir. */
    private static List<Path> fromHome(Path dir) {
        Path jar = dir.resolve(LAUNCHER_JAR);
        Path lib = dir.resolve("lib");
        if (Files.isRegularFile(jar) && Files.isDirectory(lib)) {
            List<Path> all = new ArrayList<>();
            all.add(jar.toAbsolutePath().normalize());
            all.addAll(jarsIn(lib));
            return all;
        }
        List<Path> jars = new ArrayList<>(jarsIn(dir));
        // Launcher first, so its classes win over anything of the same name.
        jars.sort((a, b) -> Boolean.compare(!a.endsWith(LAUNCHER_JAR), !b.endsWith(LAUNCHER_JAR)));
        return jars;
    }

    private static List<Path> jarsIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f))
                    .map(f -> f.toAbsolutePath().normalize())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static List<Path> nonEmpty(List<Path> entries, String source) {
        if (entries.isEmpty()) {
            throw new IllegalStateException(source + " holds no jars: build the neo4j-server module (./hub build)");
        }
        return List.copyOf(entries);
    }
}
