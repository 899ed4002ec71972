package org.hebbian4j.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.junit.jupiter.api.Test;

/** The repository's docs: every java block is a region of a source that the build compiles and runs. */
class DocExamplesInSyncTest {

    @Test
    void everyJavaBlockOfTheDocsEqualsARegionOfACompiledAndRunSource() throws IOException {
        DocExamplesCheck.Result result = DocExamplesCheck.run(Repository.root());
        System.out.println("doc examples: " + result.summary());
        assertTrue(result.docs().contains("README.md") && result.docs().contains("docs/user-guide.md"),
                "README.md and docs/user-guide.md are read: " + result.docs());
        assertTrue(result.checked() > 0, "no java block was checked: " + result.summary());
        assertTrue(result.problems().isEmpty(), result.problems().size() + " problem(s) with the java blocks of the docs "
                + "and the code that runs them:\n  " + String.join("\n  ", result.problems()));
    }
}
