package org.hebbian4j.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/** Rethrows the failure of a {@link DocExample} test with the doc file and line of the example in front. */
final class DocExampleExtension implements TestExecutionExceptionHandler {

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        DocExample example = context.getRequiredTestMethod().getAnnotation(DocExample.class);
        if (example == null) {
            throw failure;
        }
        throw new AssertionError(shownAt(example.value()) + ": the example " + example.value()
                + " failed when run by " + context.getRequiredTestClass().getSimpleName() + "."
                + context.getRequiredTestMethod().getName() + ": " + failure, failure);
    }

    /** Where the docs show region {@code name}: "README.md:98", several joined by ", ". */
    static String shownAt(String name) {
        try {
            Path root = Repository.root();
            List<String> places = new ArrayList<>();
            for (String doc : DocExamplesCheck.docs(root)) {
                for (MarkdownJavaBlocks.Block block
                        : MarkdownJavaBlocks.parse(doc, Files.readAllLines(root.resolve(doc))).blocks()) {
                    if (name.equals(block.name())) {
                        places.add(doc + ":" + block.line());
                    }
                }
            }
            return places.isEmpty() ? "(no doc shows " + name + ")" : String.join(", ", places);
        } catch (IOException | RuntimeException e) {
            return "(docs unreadable: " + e + ")";
        }
    }
}
