package org.hebbian4j.docs;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's root directory, whose README.md and docs/ the tests read. */
final class Repository {

    /** System property naming the root; the module's pom sets it to the parent directory. */
    static final String ROOT_PROPERTY = "hebbian4j.repositoryRoot";

    private Repository() {
    }

    /**
     * The directory named by {@value #ROOT_PROPERTY}, else the first directory upwards from the working
     * directory that holds both README.md and docs/.
     *
     * @throws IllegalStateException if there is none
     */
    static Path root() {
        String property = System.getProperty(ROOT_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("docs"))) {
                return dir;
            }
        }
        throw new IllegalStateException("repository root not found: set -D" + ROOT_PROPERTY
                + "=DIR or run from inside the repository");
    }
}
