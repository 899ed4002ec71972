package org.hebbian4j.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code ```java} blocks of a Markdown file with the marker on the line above each:
 * {@code <!-- example: NAME -->} (the block is the source region NAME) or
 * {@code <!-- example-not-run: REASON -->} (deliberately not runnable).
 */
final class MarkdownJavaBlocks {

    /** A fence: indentation, three or more backticks or tildes, an info string. */
    private static final Pattern FENCE = Pattern.compile("^( *)(`{3,}|~{3,})\\s*([^\\s`]*).*$");
    private static final Pattern EXAMPLE = Pattern.compile("^\\s*<!--\\s*example:\\s*(\\S*)\\s*-->\\s*$");
    private static final Pattern NOT_RUN = Pattern.compile("^\\s*<!--\\s*example-not-run:(.*?)-->\\s*$");
    private static final Pattern ANY_MARKER = Pattern.compile("^\\s*<!--\\s*example(-not-run)?\\s*:.*$");

    /**
     * One java block.
     *
     * @param line         1-based line of the opening fence
     * @param name         the region it shows; null if not marked so
     * @param notRunReason the reason given by an example-not-run marker; null if there is none
     * @param lines        the block's lines, the fence's indentation removed
     */
    record Block(String doc, int line, String name, String notRunReason, List<String> lines) {
        /** {@code doc:line} of the block's first line of code plus {@code offset}. */
        String where(int offset) {
            return doc + ":" + (line + 1 + offset);
        }
    }

    /** The blocks of a file and what is wrong with its markers. */
    record Parsed(List<Block> blocks, List<String> problems) {
    }

    private MarkdownJavaBlocks() {
    }

    /**
     * @param doc   the file's name in messages (its path relative to the repository)
     * @param lines the file's lines
     */
    static Parsed parse(String doc, List<String> lines) {
        List<Block> blocks = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            Matcher fence = FENCE.matcher(lines.get(i));
            if (!fence.matches()) {
                if (ANY_MARKER.matcher(lines.get(i)).matches() && !nextIsJavaFence(lines, i)) {
                    problems.add(doc + ":" + (i + 1) + ": example marker not directly followed by a ```java block: "
                            + lines.get(i).strip());
                }
                i++;
                continue;
            }
            int indent = fence.group(1).length();
            String fenceText = fence.group(2);
            boolean java = fence.group(3).equals("java");
            int open = i;
            List<String> content = new ArrayList<>();
            i++;
            while (i < lines.size() && !closes(lines.get(i), fenceText)) {
                content.add(unindent(lines.get(i), indent));
                i++;
            }
            if (i == lines.size()) {
                problems.add(doc + ":" + (open + 1) + ": code block not closed (" + fenceText + ")");
            }
            i++;
            if (java) {
                String marker = open > 0 ? lines.get(open - 1) : "";
                Matcher example = EXAMPLE.matcher(marker);
                Matcher notRun = NOT_RUN.matcher(marker);
                if (example.matches() && example.group(1).matches("[a-z0-9][a-z0-9-]*")) {
                    blocks.add(new Block(doc, open + 1, example.group(1), null, content));
                } else if (notRun.matches() && !notRun.group(1).isBlank()) {
                    blocks.add(new Block(doc, open + 1, null, notRun.group(1).strip(), content));
                } else {
                    if (ANY_MARKER.matcher(marker).matches()) {
                        problems.add(doc + ":" + open + ": malformed example marker " + marker.strip()
                                + " (expected <!-- example: NAME --> with NAME of a-z, 0-9 and -,"
                                + " or <!-- example-not-run: REASON -->)");
                    }
                    blocks.add(new Block(doc, open + 1, null, null, content));
                }
            }
        }
        return new Parsed(blocks, problems);
    }

    private static boolean nextIsJavaFence(List<String> lines, int i) {
        if (i + 1 >= lines.size()) {
            return false;
        }
        Matcher fence = FENCE.matcher(lines.get(i + 1));
        return fence.matches() && fence.group(3).equals("java");
    }

    private static boolean closes(String line, String fence) {
        String stripped = line.strip();
        return stripped.length() >= fence.length() && stripped.chars().allMatch(c -> c == fence.charAt(0));
    }

    /** Removes up to {@code indent} leading spaces (CommonMark: the fence's indentation). */
    private static String unindent(String line, int indent) {
        int cut = 0;
        while (cut < indent && cut < line.length() && line.charAt(cut) == ' ') {
            cut++;
        }
        return line.substring(cut);
    }
}
