package org.hebbian4j.samples.support;

import picocli.CommandLine.IVersionProvider;

/**
 * The Hebbian4j version: the {@code Implementation-Version} of the tool's jar manifest (the Maven
 * project version), or {@code unknown} when the tool runs from classes (tests, an IDE).
 */
public final class Version implements IVersionProvider {

    /** The version, or {@code unknown}. */
    public static String of() {
        String version = Version.class.getPackage().getImplementationVersion();
        return version == null ? "unknown" : version;
    }

    @Override
    public String[] getVersion() {
        return new String[]{"hebbian4j " + of()};
    }
}
