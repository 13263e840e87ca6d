package io.lipschitz4j.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code lipschitz} command. */
@Command(name = "lipschitz", mixinStandardHelpOptions = true, versionProvider = Lipschitz.Version.class,
        description = {
            "Computes, bounds and controls Lipschitz constants of neural-network layers.",
            "Every number printed says what it is: EXACT, a certified UPPER or LOWER bound (rounding errors",
            "included), or an ESTIMATE with no guarantee.",
            "",
            "Start with:",
            "  lipschitz spectrum examples/conv3x3.npy --input 32x32      all singular values of a conv",
            "  lipschitz norm --random 500 --seed 1 --method sandwich     certified [lower, upper] for a matrix",
            "  lipschitz soundness --cases 1000                           self-check of every certified bound",
            "",
            "Exit codes: 0 ok, 1 user error (bad file or argument), 2 internal error."},
        subcommands = {NormCommand.class, SpectrumCommand.class, SoundnessCommand.class, BenchCommand.class, TrainCommand.class, EvaluateCommand.class,
            TensorCommand.class, CertifyCommand.class, ExportCommand.class, CommandLine.HelpCommand.class})
public final class Lipschitz implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Held so the configured level sticks (java.util.logging keeps loggers weakly). */
    private static final java.util.logging.Logger NETLIB_LOG = java.util.logging.Logger.getLogger("dev.ludovic.netlib");

    static {
        // netlib logs which implementation it loaded at INFO on stderr; --version reports that instead.
        NETLIB_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (tests call this). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Lipschitz());
        cl.setUsageHelpWidth(110); // descriptions are laid out for 100 columns; picocli's 80 would re-wrap them
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("lipschitz: " + ex.getMessage());
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return 1;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            Throwable user = userError(ex);
            if (user != null) {
                err.println("lipschitz: " + user.getMessage());
                return 1;
            }
            err.println("lipschitz: internal error: " + ex);
            if (System.getenv("LIPSCHITZ_DEBUG") != null) ex.printStackTrace(err);
            else err.println("(set LIPSCHITZ_DEBUG=1 for the stack trace, and please report it)");
            return 2;
        });
        return cl;
    }

    /** The user-facing cause of a failure, or null when it is an internal error. */
    static Throwable userError(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof UserException) return t;
            if (t instanceof io.lipschitz4j.io.ArrayFormatException) return t;
            if (t instanceof io.lipschitz4j.onnx.OnnxFormatException) return t;
            if (t instanceof NoSuchFileException) return new UserException(t.getMessage() + ": no such file");
            if (t instanceof AccessDeniedException) return new UserException(t.getMessage() + ": permission denied");
            if (t instanceof UncheckedIOException && t.getMessage() != null && t.getMessage().startsWith("cannot write")) return t;
        }
        return null;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Lipschitz.class.getPackage().getImplementationVersion();
            return new String[] {"lipschitz4j " + (v == null ? "dev" : v),
                "BLAS/LAPACK: " + io.lipschitz4j.linalg.Backend.describe()};
        }
    }
}
