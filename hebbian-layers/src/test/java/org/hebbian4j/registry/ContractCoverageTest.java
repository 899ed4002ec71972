package org.hebbian4j.registry;

import org.hebbian4j.competition.Competition;
import org.hebbian4j.competition.CompetitionContract;
import org.hebbian4j.rules.LearningRule;
import org.hebbian4j.rules.LearningRuleContract;
import org.hebbian4j.rules.StatefulRule;
import org.hebbian4j.rules.StatefulRuleContract;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every {@link LearningRule} and {@link Competition} of the library has a test that implements its
 * contract ({@link LearningRuleContract}, {@link CompetitionContract}), and is registered in
 * {@link Components}. The implementations are found by scanning the library's compiled classes (every
 * concrete class under {@code org/hebbian4j} implementing the interface) and by {@link Components}'
 * listing; the contract tests by scanning the compiled test classes and asking each which instances it
 * checks ({@code instancesUnderTest()}).
 */
class ContractCoverageTest {

    /** Concrete classes under {@code org/hebbian4j} in the directory (or jar's directory) {@code type} was loaded from. */
    private static Set<Class<?>> concreteClasses(Class<?> loadedFrom, Class<?> type) throws IOException, URISyntaxException {
        Path root = Path.of(loadedFrom.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isDirectory(root), "classes are scanned in a directory (target/classes), not " + root);
        Set<Class<?>> found = new TreeSet<>((a, b) -> a.getName().compareTo(b.getName()));
        try (Stream<Path> files = Files.walk(root.resolve("org/hebbian4j"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> c;
                try {
                    c = Class.forName(name, false, loadedFrom.getClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    throw new AssertionError("cannot load " + name, e);
                }
                if (type.isAssignableFrom(c) && !c.isInterface() && !Modifier.isAbstract(c.getModifiers())) {
                    found.add(c);
                }
            }
        }
        return found;
    }

    private static Object instantiate(Class<?> test) throws ReflectiveOperationException {
        Constructor<?> constructor = test.getDeclaredConstructor();
        constructor.setAccessible(true);
        return constructor.newInstance();
    }

    private static Set<Class<?>> registeredClasses(Components.Kind kind) {
        return Components.defaults(kind).values().stream().map(Object::getClass).collect(Collectors.toSet());
    }

    private static String names(Set<Class<?>> classes) {
        return classes.stream().map(Class::getSimpleName).sorted().collect(Collectors.joining(", "));
    }

    /** Test class -> the classes of the instances it checks. */
    private static Map<String, Set<Class<?>>> covered(Class<?> contract, Class<?> component) throws Exception {
        Map<String, Set<Class<?>>> covered = new TreeMap<>();
        for (Class<?> test : concreteClasses(ContractCoverageTest.class, contract)) {
            Object instance = instantiate(test);
            List<?> instances = instance instanceof LearningRuleContract<?> rules ? rules.instancesUnderTest()
                    : ((CompetitionContract<?>) instance).instancesUnderTest();
            Set<Class<?>> classes = new TreeSet<>((a, b) -> a.getName().compareTo(b.getName()));
            for (Object o : instances) {
                assertTrue(component.isInstance(o), test.getSimpleName() + " checks " + o + ", not a " + component.getSimpleName());
                classes.add(o.getClass());
                if (o instanceof StatefulRule) {
                    assertTrue(instance instanceof StatefulRuleContract<?>, test.getSimpleName() + " checks the stateful rule "
                            + o + ": it extends StatefulRuleContract, which checks the state's change");
                }
            }
            covered.put(test.getSimpleName(), classes);
        }
        return covered;
    }

    private static void assertEveryImplementationIsRegisteredAndHasAContractTest(Class<?> component, Components.Kind kind,
                                                                                 Class<?> contract) throws Exception {
        Set<Class<?>> implementations = concreteClasses(component, component);
        Set<Class<?>> registered = registeredClasses(kind);
        assertTrue(implementations.size() >= registered.size() && implementations.size() >= 5,
                "the scan finds the " + component.getSimpleName() + " implementations: " + names(implementations));
        assertEquals(names(implementations), names(registered),
                "every " + component.getSimpleName() + " implementation is registered in Components, and only those");

        Map<String, Set<Class<?>>> covered = covered(contract, component);
        Set<Class<?>> untested = new TreeSet<>((a, b) -> a.getName().compareTo(b.getName()));
        untested.addAll(implementations);
        untested.addAll(registered);
        covered.values().forEach(untested::removeAll);
        assertTrue(untested.isEmpty(), "without a test that extends " + contract.getSimpleName() + ": " + names(untested)
                + " (contract tests: " + covered + ")");
    }

    @Test
    void everyLearningRuleIsRegisteredAndHasATestImplementingTheRuleContract() throws Exception {
        assertEveryImplementationIsRegisteredAndHasAContractTest(LearningRule.class, Components.Kind.RULE,
                LearningRuleContract.class);
    }

    @Test
    void everyCompetitionIsRegisteredAndHasATestImplementingTheCompetitionContract() throws Exception {
        assertEveryImplementationIsRegisteredAndHasAContractTest(Competition.class, Components.Kind.COMPETITION,
                CompetitionContract.class);
    }

    /** The scan itself: it sees the contract tests of this module, one per class at least. */
    @Test
    void theScanFindsTheContractTests() throws Exception {
        List<String> tests = new ArrayList<>(covered(LearningRuleContract.class, LearningRule.class).keySet());
        tests.addAll(covered(CompetitionContract.class, Competition.class).keySet());
        assertTrue(tests.contains("HebbRuleTest") && tests.contains("HardWtaTest") && tests.contains("HebbNetRuleTest"),
                "found " + tests);
    }
}
