package org.hebbian4j.samples.cli;

import org.hebbian4j.data.NpyFile;
import org.hebbian4j.registry.Components;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code hebbian4j rule-step} against an independent NumPy implementation
 * ({@code reference_rules.py}, written from docs/rules.md with per-sample loops): for every rule of
 * the registry, with every competition and homeostasis across the cases, in float64 and float32.
 *
 * <p>Python generates random x, W, b (and state) and computes the reference dW and state in
 * float64 from the values in the files; the command runs in-process on the same files. Tolerance:
 * {@code |java - numpy| <= tol * max(1, max|numpy|)} per array, tol = 1e-12 in float64 and 1e-6 in
 * float32 (float32 inputs are exact in float64, so the float32 error is the command's own rounding).
 */
public class RuleStepNumpyCrossCheckTest {

    private static final double FLOAT64_TOLERANCE = 1e-12;
    private static final double FLOAT32_TOLERANCE = 1e-6;

    /**
     * One comparison.
     *
     * @param seed        of the random arrays
     * @param generator   extra options of reference_rules.py case (sizes, bias mean)
     * @param randomState whether the state before the step is random (else the initial values)
     * @param options     the rule, competition, homeostasis and settings, as both programs take them
     */
    record Case(long seed, List<String> generator, boolean randomState, List<String> options) {

        @Override
        public String toString() {
            return String.join(" ", options) + (generator.isEmpty() ? "" : " [" + String.join(" ", generator) + "]");
        }
    }

    private static Case c(long seed, String generator, boolean randomState, String options) {
        return new Case(seed, generator.isEmpty() ? List.of() : List.of(generator.split(" ")), randomState,
                List.of(options.split(" ")));
    }

    /**
     * Biased down so that some samples have no positive u (power and lateral then reward no neuron,
     * relu-softmax rewards all equally).
     */
    private static final String SOME_SILENT = "--bias-mean -0.3";

    static List<Case> cases() {
        return List.of(
                c(1, "", false, "--rule hebb --competition kwta --set winners=3"),
                c(7, SOME_SILENT, false, "--rule hebb --competition lateral --set power=2"),
                c(2, "", true, "--rule hebb --competition wta --homeostasis threshold --set rate=0.5"),
                c(3, "", false, "--rule oja --competition none"),
                c(4, "", true, "--rule oja --competition softmax --set temperature=0.5 --homeostasis growth "
                        + "--set homeostasis.averageMomentum=0.8"),
                c(5, "", false, "--rule sanger --competition none"),
                c(6, "--n-in 100 --n-out 30 --batch 64", false, "--rule sanger --competition none"),
                c(8, "", false, "--rule sanger --competition lateral --set power=3"),
                c(9, "", false, "--rule instar --competition wta"),
                c(7, SOME_SILENT, false, "--rule instar --competition power --set power=5"),
                c(10, "", false, "--rule instar --competition rank-k --set rankK=3 --set antiHebbianStrength=0.3"),
                c(21, "", false, "--rule mean-instar --competition wta"),
                c(22, "", false, "--rule mean-instar --competition softmax --set temperature=0.5"),
                c(28, "", false, "--rule reward-weighted-instar --competition wta"),
                c(29, "", false, "--rule reward-weighted-instar --competition softmax --set temperature=0.5"),
                c(11, "", false, "--rule softhebb --competition softmax --set temperature=0.5"),
                c(12, "", false, "--rule softhebb-anti --competition softmax"),
                c(13, "", false, "--rule softhebb-anti --competition kwta --set winners=3"),
                c(27, SOME_SILENT, false, "--rule softhebb-anti --competition relu-softmax --set temperature=0.5"),
                c(14, "", false, "--rule krotov --set rankK=3"),
                c(15, "--n-in 50 --n-out 20 --batch 32", false,
                        "--rule krotov --set lebesgueP=2 --set rankK=2 --set antiHebbianStrength=0.2"),
                c(16, "", true, "--rule hebbnet --competition relu --set sparsity=0.5 --set averageMomentum=0.9"),
                c(17, "", false, "--rule hebbnet --competition relu"),
                c(24, "--n-in 30 --n-out 20 --batch 16", true, "--rule hebbnet --competition relu --set level=neuron"),
                c(25, "", true, "--rule hebbnet --competition relu --set level=entry --set sparsity=0.6"),
                c(26, "--n-in 30 --n-out 20 --batch 16", true, "--rule hebbnet --competition relu --set level=activation"),
                c(18, "", true, "--rule liuson --competition relu --set temperature=0.7 --set averageMomentum=0.9"),
                c(19, "--batch 1", true, "--rule liuson --competition relu"),
                c(20, "", false, "--rule supervised-hebb --competition softmax"),
                c(21, "", true, "--rule liuson --competition triangle"),
                c(22, "", false, "--rule hebbian-descent --set activation=sigmoid"),
                c(23, "", true, "--rule hebbian-descent --set activation=tanh --set centering=0.9"));
    }

    static Stream<Arguments> casesInBothPrecisions() {
        return cases().stream().flatMap(c -> Stream.of(Arguments.of(c, "float64"), Arguments.of(c, "float32")));
    }

    @Test
    void theCasesCoverEveryRuleEveryCompetitionAndEveryHomeostasis() {
        Set<String> used = new HashSet<>();
        for (Case c : cases()) {
            for (int i = 0; i + 1 < c.options().size(); i++) {
                String option = c.options().get(i);
                if (option.equals("--rule") || option.equals("--competition") || option.equals("--homeostasis")) {
                    used.add(option.substring(2) + ":" + c.options().get(i + 1));
                }
            }
        }
        for (Components.Kind kind : Components.Kind.values()) {
            for (String name : Components.defaults(kind).keySet()) {
                if (!(kind == Components.Kind.HOMEOSTASIS && name.equals("none"))) {
                    assertTrue(used.contains(kind + ":" + name), kind + " " + name + " is not cross-checked");
                }
            }
        }
    }

    @ParameterizedTest(name = "{1} {0}")
    @MethodSource("casesInBothPrecisions")
    void dwAndStateEqualTheNumpyReference(Case c, String dtype, @TempDir Path dir) throws IOException {
        NumpyReference.assumeAvailable();
        List<String> generate = new ArrayList<>(List.of("case", "--seed", Long.toString(c.seed()), "--dtype", dtype,
                "--dir", dir.toString()));
        generate.addAll(c.generator());
        if (c.randomState()) {
            generate.add("--random-state");
        }
        generate.addAll(c.options());
        String generated = NumpyReference.run(generate.toArray(String[]::new));
        if (c.generator().contains("--bias-mean")) {
            assertSomeButNotAllSamplesSilent(generated);
        }

        List<String> command = new ArrayList<>(List.of("rule-step", "--x", dir.resolve("x.npy").toString(),
                "--w", dir.resolve("w.npy").toString(), "--b", dir.resolve("b.npy").toString(),
                "--dtype", dtype, "--out", dir.resolve("java").toString()));
        if (c.randomState()) {
            command.addAll(List.of("--state-in", dir.resolve("state-in").toString()));
        }
        if (Files.exists(dir.resolve("t.npy"))) {
            command.addAll(List.of("--targets", dir.resolve("t.npy").toString()));
        }
        command.addAll(c.options());
        CliHarness.Run run = CliHarness.run(command.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());

        Set<String> reference = fileNames(dir.resolve("ref"));
        assertTrue(reference.contains("dw.npy"), reference.toString());
        Set<String> written = new java.util.TreeSet<>(fileNames(dir.resolve("java")));
        assertTrue(written.remove("run.json"), "the run record beside the arrays: " + written);
        assertEquals(reference, written, "the command writes dw.npy and exactly the states NumPy has");
        DataType expectedType = dtype.equals("float32") ? DataType.FLOAT : DataType.DOUBLE;
        double tolerance = dtype.equals("float32") ? FLOAT32_TOLERANCE : FLOAT64_TOLERANCE;
        for (String name : reference) {
            INDArray expected = NpyFile.read(dir.resolve("ref").resolve(name));
            INDArray actual = NpyFile.read(dir.resolve("java").resolve(name));
            assertEquals(expectedType, actual.dataType(), name);
            assertArrayEquals(expected.shape(), actual.shape(), name + ": shape");
            double scale = Math.max(1.0, expected.amaxNumber().doubleValue());
            double error = actual.castTo(DataType.DOUBLE).sub(expected).amaxNumber().doubleValue();
            assertTrue(error <= tolerance * scale, name + ": max |java - numpy| = " + error + " > " + tolerance
                    + " * " + scale + "\nnumpy:\n" + expected + "\njava:\n" + actual);
            if (name.equals("dw.npy")) {
                assertTrue(expected.amaxNumber().doubleValue() > 1e-3, "the case must produce an update to compare");
            }
        }
    }

    private static void assertSomeButNotAllSamplesSilent(String generatorOutput) {
        Matcher m = Pattern.compile("samples without a positive u: (\\d+) of (\\d+)").matcher(generatorOutput);
        assertTrue(m.find(), generatorOutput);
        int silent = Integer.parseInt(m.group(1));
        int batch = Integer.parseInt(m.group(2));
        assertTrue(silent > 0 && silent < batch, "the case should mix silent and active samples: " + generatorOutput);
    }

    private static Set<String> fileNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(java.util.TreeSet::new));
        }
    }
}
