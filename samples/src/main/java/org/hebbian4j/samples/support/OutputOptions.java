package org.hebbian4j.samples.support;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.Map;

/**
 * {@code --json} and {@code --verbose}, which every command has, and the command's {@link RunRecord}.
 * The tool's error handler reads {@code --verbose} by name to add the stack trace.
 */
public final class OutputOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--json", description = "Print the results as one JSON object on the last line of standard "
            + "output, with the run record (command line, version, seed, data, backend, Java, start time) under \"run\".")
    public boolean json;

    @Option(names = "--verbose", description = "Stack traces on errors, and more detail on progress where a command "
            + "has it (train: every checkpoint written).")
    public boolean verbose;

    /** The record of this run, started now: call it first thing. */
    public RunRecord startRun() {
        return RunRecord.start(command);
    }

    /** With {@code --json}, prints {@code results} as one JSON line on standard output. */
    public void print(Map<String, ?> results) {
        if (json) {
            System.out.println(JsonLine.of(results));
        }
    }
}
