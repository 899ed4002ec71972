package org.hebbian4j.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check itself, on small repositories written here. */
class DocExamplesCheckTest {

    @TempDir
    Path root;

    private static final String SOURCE = """
            class ExampleTest {
                void example() {
                    // DOC:begin sum
                    int a = 1;
                    int b = a + 1;   // two
                    // DOC:end sum
                }
            }
            """;

    /**
     * Writes a file of the small repository. The Java sources here spell their markers "// DOC:begin" so that
     * the check of the real repository does not take them for regions of this file; written, they are "// doc:".
     */
    private void write(String path, String text) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, path.endsWith(".java") ? text.replace("// DOC:", "// doc:") : text);
    }

    private DocExamplesCheck.Result check() throws IOException {
        return DocExamplesCheck.run(root);
    }

    private static void assertOneProblem(DocExamplesCheck.Result result, String... parts) {
        assertEquals(1, result.problems().size(), String.join("\n", result.problems()));
        for (String part : parts) {
            assertTrue(result.problems().get(0).contains(part), "\"" + part + "\" in: " + result.problems().get(0));
        }
    }

    @Test
    void aBlockEqualToItsRegionPassesWhateverTheIndentation() throws IOException {
        write("module/src/test/java/ExampleTest.java", SOURCE);
        write("README.md", """
                # Title

                1. In a list item:
                   <!-- example: sum -->
                   ```java
                   int a = 1;
                   int b = a + 1;   // two
                   ```
                """);
        DocExamplesCheck.Result result = check();
        assertEquals(List.of(), result.problems());
        assertEquals(1, result.checked());
        assertEquals(1, result.regions().size());
    }

    @Test
    void aChangedLineIsReportedWithTheDocAndSourceLines() throws IOException {
        write("module/src/test/java/ExampleTest.java", SOURCE);
        write("docs/guide.md", """
                Text.

                <!-- example: sum -->
                ```java
                int a = 1;
                int b = a + 2;   // two
                ```
                """);
        assertOneProblem(check(), "docs/guide.md:4: example sum is out of sync",
                "module/src/test/java/ExampleTest.java:3", "first at docs/guide.md:6 / module/src/test/java/ExampleTest.java:5",
                "doc:    int b = a + 2;", "source: int b = a + 1;");
    }

    @Test
    void aBlockShorterThanItsRegionIsReported() throws IOException {
        write("module/src/test/java/ExampleTest.java", SOURCE);
        write("README.md", """
                <!-- example: sum -->
                ```java
                int a = 1;
                ```
                """);
        assertOneProblem(check(), "README.md:2: example sum is out of sync", "(block ends)");
    }

    @Test
    void anUnmarkedBlockFailsAndNamesARegionWithTheSameCode() throws IOException {
        write("module/src/test/java/ExampleTest.java", SOURCE);
        write("README.md", """
                <!-- example: sum -->
                ```java
                int a = 1;
                int b = a + 1;   // two
                ```

                Again:

                ```java
                  int a = 1;
                  int b = a + 1;   // two
                ```
                """);
        assertOneProblem(check(), "README.md:9: ```java block without a marker",
                "region sum at module/src/test/java/ExampleTest.java:3 holds this code");
    }

    @Test
    void aBlockMarkedNotRunIsCountedAndOtherLanguagesAreIgnored() throws IOException {
        write("README.md", """
                <!-- example-not-run: a fragment of the configuration above -->
                ```java
                .layer(somewhere)
                ```

                ```xml
                <dependency/>
                ```
                ```
                plain
                ```
                """);
        DocExamplesCheck.Result result = check();
        assertEquals(List.of(), result.problems());
        assertEquals(1, result.notRun());
        assertEquals(0, result.checked());
    }

    @Test
    void aMissingRegionAndAnUnshownRegionAreReported() throws IOException {
        write("module/src/test/java/ExampleTest.java", SOURCE);
        write("README.md", """
                <!-- example: product -->
                ```java
                int a = 1;
                ```
                """);
        DocExamplesCheck.Result result = check();
        assertEquals(2, result.problems().size(), String.join("\n", result.problems()));
        assertTrue(result.problems().get(0).startsWith("README.md:2: example product has no region"), result.problems().get(0));
        assertTrue(result.problems().get(1).startsWith("module/src/test/java/ExampleTest.java:3: region sum is shown in no doc"),
                result.problems().get(1));
    }

    @Test
    void regionsOnlyCountInTestSourcesAndTheClientExample() throws IOException {
        write("module/src/main/java/Example.java", SOURCE);
        write("module/target/test-classes/ExampleTest.java", SOURCE);
        write("client-example/src/main/java/Main.java", SOURCE.replace("sum", "client"));
        write("README.md", """
                <!-- example: client -->
                ```java
                int a = 1;
                int b = a + 1;   // two
                ```
                <!-- example: sum -->
                ```java
                int a = 1;
                int b = a + 1;   // two
                ```
                """);
        assertOneProblem(check(), "README.md:7: example sum has no region");
    }

    @Test
    void malformedMarkersAreReported() throws IOException {
        write("module/src/test/java/ExampleTest.java", """
                // DOC:begin one
                // DOC:begin two
                int a;
                // DOC:end two
                // DOC:begin Three
                // DOC:end three
                // DOC:begin four
                """);
        write("README.md", """
                <!-- example: one -->
                Text in between.
                ```java
                int a;
                ```
                <!-- example: Bad_Name -->
                ```java
                int b;
                ```
                """);
        List<String> problems = check().problems();
        String all = String.join("\n", problems);
        assertTrue(all.contains("README.md:1: example marker not directly followed by a ```java block"), all);
        assertTrue(all.contains("README.md:6: malformed example marker"), all);
        assertTrue(all.contains("ExampleTest.java:2: doc:begin two inside region one"), all);
        assertTrue(all.contains("ExampleTest.java:4: doc:end two closes region one"), all);
        assertTrue(all.contains("ExampleTest.java:5: region name Three is not made of"), all);
        assertTrue(all.contains("ExampleTest.java:7: region four has no // doc:end four"), all);
    }

    @Test
    void aRegionDefinedTwiceIsReported() throws IOException {
        write("a/src/test/java/ExampleTest.java", SOURCE);
        write("b/src/test/java/ExampleTest.java", SOURCE);
        write("README.md", """
                <!-- example: sum -->
                ```java
                int a = 1;
                int b = a + 1;   // two
                ```
                """);
        assertOneProblem(check(), "region sum is defined 2 times", "a/src/test/java/ExampleTest.java:3",
                "b/src/test/java/ExampleTest.java:3");
    }

    @Test
    void theDocsAreTheReadmeAndEveryMarkdownFileUnderDocs() throws IOException {
        write("README.md", "x");
        write("docs/guide.md", "x");
        write("docs/results/run.md", "x");
        write("docs/notes.txt", "x");
        write("other/README.md", "x");
        assertEquals(List.of("README.md", "docs/guide.md", "docs/results/run.md"), DocExamplesCheck.docs(root));
    }
}
