package org.hebbian4j.samples.cli;

import org.hebbian4j.samples.bench.BenchCommand;
import org.hebbian4j.samples.bench.ListenerOverheadCommand;
import org.hebbian4j.samples.papers.lagani.LaganiCommand;
import org.hebbian4j.samples.papers.liuson.LiusonCommand;
import org.hebbian4j.samples.papers.zhuliu.ZhuLiuCommand;
import org.hebbian4j.samples.support.Version;

import org.hebbian4j.backend.NativeBackend;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * Entry point of {@code hebbian4j}. Without a sub-command it runs {@code train}.
 *
 * <p>Errors end the tool with exit code 1 and a one-line message on standard error (the stack
 * trace too with {@code --verbose}, which every command has from {@link org.hebbian4j.samples.support.OutputOptions});
 * bad options with exit code 2 and the usage.
 */
@Command(name = "hebbian4j", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Hebbian and competitive local learning in Deeplearning4j.",
        subcommands = {TrainCommand.class, SameDiffTrainCommand.class, TuneCommand.class, BenchCommand.class, RuleStepCommand.class,
                ListenerOverheadCommand.class, LiusonCommand.class, ZhuLiuCommand.class, HomeostasisCommand.class, LaganiCommand.class,
                CommandLine.HelpCommand.class})
public class Hebbian4jCli implements Runnable {

    @Override
    public void run() {
        // No sub-command: the main job.
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the tool and returns its exit code (for tests). */
    public static int execute(String... args) {
        String[] effective = args;
        if (args.length == 0 || args[0].startsWith("-") && !isTopLevelOption(args[0])) {
            effective = new String[args.length + 1];
            effective[0] = "train";
            System.arraycopy(args, 0, effective, 1, args.length);
        }
        // DL4J's own layers (convolution, pooling, batch norm) on oneDNN when the native build has it.
        NativeBackend.useOneDnnLayers();
        CommandLine cli = new CommandLine(new Hebbian4jCli());
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            boolean verbose = parseResult.subcommand() != null && parseResult.subcommand().hasMatchedOption("--verbose");
            PrintWriter err = commandLine.getErr();
            err.println("hebbian4j: error: " + oneLine(ex));
            if (verbose) {
                ex.printStackTrace(err);
            } else {
                err.println("(run with --verbose for the stack trace)");
            }
            err.flush();
            return 1;
        });
        return cli.execute(effective);
    }

    private static boolean isTopLevelOption(String arg) {
        return arg.equals("-h") || arg.equals("--help") || arg.equals("-V") || arg.equals("--version");
    }

    /** The most informative one-line message of an exception chain. */
    static String oneLine(Throwable ex) {
        Throwable t = ex;
        while (t.getCause() != null && t.getCause() != t
                && (t.getMessage() == null || t instanceof RuntimeException && t.getCause().getMessage() != null
                && t.getMessage().contains(t.getCause().getClass().getName()))) {
            t = t.getCause();
        }
        String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return msg.replace('\n', ' ');
    }
}
