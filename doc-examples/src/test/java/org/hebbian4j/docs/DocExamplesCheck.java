package org.hebbian4j.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.hebbian4j.docs.MarkdownJavaBlocks.Block;
import org.hebbian4j.docs.SourceRegions.Region;

/**
 * Checks that every {@code ```java} block of the docs ({@code README.md} and every {@code .md} under
 * {@code docs/}) is, apart from indentation and trailing blanks, the region of the same name in a test
 * source ({@code src/test/java} of any module) or in the client example ({@code client-example/src}),
 * which the build compiles and runs; or is marked as not run. See docs/architecture.md, "Examples in the
 * docs".
 */
final class DocExamplesCheck {

    /** The directory names never searched. */
    private static final Set<String> SKIPPED = Set.of("target", ".git", "node_modules");

    /**
     * What was checked and what is wrong.
     *
     * @param docs     the Markdown files read, relative to the repository
     * @param problems one message per problem, each beginning with the file and line it is about
     */
    record Result(List<String> docs, List<Block> blocks, List<Region> regions, List<String> problems) {
        /** Blocks compared with their region. */
        long checked() {
            return blocks.stream().filter(b -> b.name() != null).count();
        }

        /** Blocks marked as not run. */
        long notRun() {
            return blocks.stream().filter(b -> b.notRunReason() != null).count();
        }

        String summary() {
            Map<String, Long> perDoc = blocks.stream()
                    .collect(Collectors.groupingBy(Block::doc, java.util.TreeMap::new, Collectors.counting()));
            return blocks.size() + " java blocks (" + perDoc + ") in " + docs.size() + " files " + docs + ": "
                    + checked() + " equal to a region of a compiled and run source, " + notRun()
                    + " marked not run; " + regions.size() + " regions; " + problems.size() + " problems";
        }
    }

    private DocExamplesCheck() {
    }

    /** Checks the repository at {@code root}. */
    static Result run(Path root) throws IOException {
        List<String> docs = docs(root);
        List<Block> blocks = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String doc : docs) {
            MarkdownJavaBlocks.Parsed parsed = MarkdownJavaBlocks.parse(doc, Files.readAllLines(root.resolve(doc)));
            blocks.addAll(parsed.blocks());
            problems.addAll(parsed.problems());
        }
        List<Region> regions = new ArrayList<>();
        for (String source : sources(root)) {
            SourceRegions.Parsed parsed = SourceRegions.parse(source, Files.readAllLines(root.resolve(source)));
            regions.addAll(parsed.regions());
            problems.addAll(parsed.problems());
        }
        problems.addAll(compare(blocks, regions));
        return new Result(docs, blocks, regions, problems);
    }

    /** {@code README.md} and every {@code .md} file under {@code docs/}, relative to {@code root}, sorted. */
    static List<String> docs(Path root) throws IOException {
        List<String> docs = new ArrayList<>();
        if (Files.isRegularFile(root.resolve("README.md"))) {
            docs.add("README.md");
        }
        Path dir = root.resolve("docs");
        if (Files.isDirectory(dir)) {
            docs.addAll(files(root, dir).stream().filter(f -> f.endsWith(".md")).sorted().toList());
        }
        return docs;
    }

    /** The Java files whose regions docs may show: test sources of every module, and the client example. */
    static List<String> sources(Path root) throws IOException {
        return files(root, root).stream()
                .filter(f -> f.endsWith(".java"))
                .filter(f -> f.startsWith("client-example/src/") || f.startsWith("src/test/java/")
                        || f.contains("/src/test/java/"))
                .sorted().toList();
    }

    private static List<String> files(Path root, Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .map(root::relativize)
                    .filter(p -> {
                        for (Path part : p) {
                            if (SKIPPED.contains(part.toString())) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .map(p -> p.toString().replace('\\', '/'))
                    .toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    static List<String> compare(List<Block> blocks, List<Region> regions) {
        List<String> problems = new ArrayList<>();
        Map<String, List<Region>> byName = new LinkedHashMap<>();
        for (Region region : regions) {
            byName.computeIfAbsent(region.name(), k -> new ArrayList<>()).add(region);
        }
        for (Map.Entry<String, List<Region>> entry : byName.entrySet()) {
            if (entry.getValue().size() > 1) {
                problems.add(entry.getValue().get(0).where(-1) + ": region " + entry.getKey() + " is defined "
                        + entry.getValue().size() + " times: " + entry.getValue().stream()
                        .map(r -> r.where(-1)).collect(Collectors.joining(", ")));
            }
        }
        Set<String> shown = new TreeSet<>();
        for (Block block : blocks) {
            String at = block.doc() + ":" + block.line();
            if (block.notRunReason() != null) {
                continue;
            }
            if (block.name() == null) {
                problems.add(at + ": ```java block without a marker. Put <!-- example: NAME --> on the line above it "
                        + "and the same code between // doc:begin NAME and // doc:end NAME in a test that runs "
                        + "(docs/architecture.md, \"Examples in the docs\"), or <!-- example-not-run: REASON -->"
                        + identicalRegionHint(block, regions));
                continue;
            }
            shown.add(block.name());
            List<Region> candidates = byName.getOrDefault(block.name(), List.of());
            if (candidates.isEmpty()) {
                problems.add(at + ": example " + block.name() + " has no region: no // doc:begin " + block.name()
                        + " in any src/test/java or client-example/src" + identicalRegionHint(block, regions));
                continue;
            }
            String difference = firstDifference(block, candidates.get(0));
            if (difference != null) {
                problems.add(at + ": example " + block.name() + " is out of sync with its region at "
                        + candidates.get(0).where(-1) + ": " + difference);
            }
        }
        for (Map.Entry<String, List<Region>> entry : byName.entrySet()) {
            if (!shown.contains(entry.getKey())) {
                problems.add(entry.getValue().get(0).where(-1) + ": region " + entry.getKey()
                        + " is shown in no doc (no <!-- example: " + entry.getKey()
                        + " --> above a ```java block); show it or remove its markers");
            }
        }
        return problems;
    }

    /** Null if the block equals the region, else where and how they first differ. */
    static String firstDifference(Block block, Region region) {
        List<String> doc = ExampleText.normalize(block.lines());
        List<String> source = ExampleText.normalize(region.lines());
        int docOffset = ExampleText.leadingBlankLines(block.lines());
        int sourceOffset = ExampleText.leadingBlankLines(region.lines());
        int common = Math.min(doc.size(), source.size());
        for (int k = 0; k <= common; k++) {
            boolean docEnded = k == doc.size();
            boolean sourceEnded = k == source.size();
            if (docEnded && sourceEnded) {
                return null;
            }
            if (docEnded || sourceEnded || !doc.get(k).equals(source.get(k))) {
                return "first at " + block.where(docOffset + k) + " / " + region.where(sourceOffset + k)
                        + "\n      doc:    " + (docEnded ? "(block ends)" : doc.get(k))
                        + "\n      source: " + (sourceEnded ? "(region ends)" : source.get(k))
                        + "\n    (the block must equal the region, apart from an indentation shared by all lines "
                        + "and trailing blanks)";
            }
        }
        return null;
    }

    private static String identicalRegionHint(Block block, List<Region> regions) {
        List<String> text = ExampleText.normalize(block.lines());
        for (Region region : regions) {
            if (ExampleText.normalize(region.lines()).equals(text)) {
                return " (region " + region.name() + " at " + region.where(-1) + " holds this code)";
            }
        }
        return "";
    }
}
