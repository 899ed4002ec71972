package org.hebbian4j.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The regions of a Java source file between {@code // doc:begin NAME} and {@code // doc:end NAME}. */
final class SourceRegions {

    private static final Pattern BEGIN = Pattern.compile("^\\s*//\\s*doc:begin\\s+(\\S+)\\s*$");
    private static final Pattern END = Pattern.compile("^\\s*//\\s*doc:end\\s+(\\S+)\\s*$");
    private static final Pattern ANY = Pattern.compile("^\\s*//\\s*doc:.*$");

    /**
     * One region.
     *
     * @param file  the file's path relative to the repository
     * @param line  1-based line of its {@code doc:begin} comment
     * @param lines the lines between the two comments
     */
    record Region(String file, String name, int line, List<String> lines) {
        /** {@code file:line} of the region's first line of code plus {@code offset}. */
        String where(int offset) {
            return file + ":" + (line + 1 + offset);
        }
    }

    /** The regions of a file and what is wrong with its markers. */
    record Parsed(List<Region> regions, List<String> problems) {
    }

    private SourceRegions() {
    }

    static Parsed parse(String file, List<String> lines) {
        List<Region> regions = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String open = null;
        int openLine = 0;
        List<String> content = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher begin = BEGIN.matcher(line);
            Matcher end = END.matcher(line);
            if (begin.matches()) {
                if (open != null) {
                    problems.add(file + ":" + (i + 1) + ": doc:begin " + begin.group(1) + " inside region " + open
                            + " (begun at line " + openLine + "); regions do not nest");
                    continue;
                }
                if (!begin.group(1).matches("[a-z0-9][a-z0-9-]*")) {
                    problems.add(file + ":" + (i + 1) + ": region name " + begin.group(1)
                            + " is not made of a-z, 0-9 and -");
                }
                open = begin.group(1);
                openLine = i + 1;
                content = new ArrayList<>();
            } else if (end.matches()) {
                if (open == null) {
                    problems.add(file + ":" + (i + 1) + ": doc:end " + end.group(1) + " without doc:begin");
                } else if (!open.equals(end.group(1))) {
                    problems.add(file + ":" + (i + 1) + ": doc:end " + end.group(1) + " closes region " + open
                            + " (begun at line " + openLine + ")");
                    open = null;
                } else {
                    regions.add(new Region(file, open, openLine, content));
                    open = null;
                }
            } else if (ANY.matcher(line).matches()) {
                problems.add(file + ":" + (i + 1) + ": malformed marker " + line.strip()
                        + " (expected // doc:begin NAME or // doc:end NAME)");
            } else if (open != null) {
                content.add(line);
            }
        }
        if (open != null) {
            problems.add(file + ":" + openLine + ": region " + open + " has no // doc:end " + open);
        }
        return new Parsed(regions, problems);
    }
}
