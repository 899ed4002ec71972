package org.hebbian4j.docs;

import java.util.ArrayList;
import java.util.List;

/** How a doc block and a source region are compared: trailing blanks and a common indentation do not count. */
final class ExampleText {

    private ExampleText() {
    }

    /**
     * {@code lines} without trailing whitespace, without leading and trailing blank lines, and without the
     * indentation that all non-blank lines share.
     */
    static List<String> normalize(List<String> lines) {
        List<String> stripped = new ArrayList<>();
        for (String line : lines) {
            stripped.add(line.stripTrailing());
        }
        int first = 0;
        while (first < stripped.size() && stripped.get(first).isEmpty()) {
            first++;
        }
        int end = stripped.size();
        while (end > first && stripped.get(end - 1).isEmpty()) {
            end--;
        }
        List<String> kept = stripped.subList(first, end);
        int indent = Integer.MAX_VALUE;
        for (String line : kept) {
            if (!line.isEmpty()) {
                indent = Math.min(indent, line.length() - line.stripLeading().length());
            }
        }
        List<String> result = new ArrayList<>();
        for (String line : kept) {
            result.add(line.isEmpty() ? line : line.substring(indent));
        }
        return result;
    }

    /** Leading blank lines of {@code lines} that {@link #normalize} drops. */
    static int leadingBlankLines(List<String> lines) {
        int count = 0;
        while (count < lines.size() && lines.get(count).isBlank()) {
            count++;
        }
        return count;
    }
}
