package org.hebbian4j.testutil;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Seeds ND4J's random generator before every test of this module, from the test's unique id: a
 * test that draws {@code Nd4j.rand} data without seeding it sees the same numbers on every run and
 * every machine, so a tolerance that happens to be tight for some draw fails every time or never,
 * not once in a while on CI. A test that sets its own seed overrides this one. Registered for every
 * test by JUnit's extension auto-detection (src/test/resources: junit-platform.properties and
 * META-INF/services).
 */
public final class SeededNd4jRandom implements BeforeEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) {
        Nd4j.getRandom().setSeed(context.getUniqueId().hashCode());
    }
}
