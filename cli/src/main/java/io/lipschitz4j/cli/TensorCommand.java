package io.lipschitz4j.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code lipschitz tensor}: tensor decompositions and the seed analyses of tensor methods for networks. */
@Command(name = "tensor", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Tensor decompositions of arrays, and four analyses that tie tensors to neural networks.",
            "Each prints a table; --json prints machine-readable results; --out DIR writes index.html,",
            "report.json, CSV tables and PNG plots.",
            "",
            "Analyses:",
            "  decompose         CP / Tucker / TT / hierarchical Tucker of a .npy array (error history, status)",
            "  depth-efficiency  Cohen-Sharir-Shashua 2016: a deep arithmetic circuit's odd/even matricization",
            "                    has rank r^(N/2), so a shallow (CP) model needs that many terms",
            "  haeffele-vidal    variational nuclear norm: certificate ||Y - UV^T||_2 <= lambda of global",
            "                    optimality and the meta-algorithm that grows the rank until it holds",
            "  nn-lift           Janzamin-Sedghi-Anandkumar 2015: first-layer weights of a planted network",
            "                    from E[y S3(x)] by whitening + tensor power method; error vs samples",
            "  spin-glass        Choromanska et al. 2015: minima of the spherical 3-spin glass and test losses",
            "                    of one-hidden-layer networks concentrate as the size grows",
            "",
            "Examples:",
            "  lipschitz tensor depth-efficiency",
            "  lipschitz tensor nn-lift --dim 10 --hidden 5 --out runs/nn-lift",
            "  lipschitz tensor decompose examples/conv3x3.npy --method tt --tol 1e-3"},
        subcommands = {TensorDecomposeCommand.class, DepthEfficiencyCommand.class, HaeffeleVidalCommand.class, NnLiftCommand.class,
            SpinGlassCommand.class})
final class TensorCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "tensor: say which analysis: decompose, depth-efficiency, haeffele-vidal, nn-lift or spin-glass");
    }

    /** Runs a library call and turns its IllegalArgumentException (bad rank, bad shape) into a user error. */
    static <T> T user(String context, Supplier<T> call) {
        try {
            return call.get();
        } catch (IllegalArgumentException e) {
            throw new UserException(context + ": " + e.getMessage(), e);
        }
    }

    /** Comma-separated positive integers, e.g. "10,20,40". */
    static int[] ints(String option, String text, int min) {
        try {
            int[] v = Arrays.stream(text.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
            for (int x : v) if (x < min) throw new UserException(option + ": values must be >= " + min + ", got '" + text + "'");
            if (v.length == 0) throw new UserException(option + ": no values in '" + text + "'");
            return v;
        } catch (NumberFormatException e) {
            throw new UserException(option + ": expected comma-separated integers like 10,20,40, got '" + text + "'");
        }
    }

    /** Comma-separated finite positive numbers, e.g. "0.5,1,2". */
    static double[] positives(String option, String text) {
        try {
            double[] v = Arrays.stream(text.split(",")).map(String::trim).mapToDouble(Double::parseDouble).toArray();
            for (double x : v) if (!(x > 0) || Double.isInfinite(x)) throw new UserException(option + ": values must be finite and > 0, got '" + text + "'");
            if (v.length == 0) throw new UserException(option + ": no values in '" + text + "'");
            return v;
        } catch (NumberFormatException e) {
            throw new UserException(option + ": expected comma-separated numbers like 0.5,1,2, got '" + text + "'");
        }
    }

    /** Comma-separated whole counts that may be written 1e4, sorted ascending without repeats. */
    static long[] counts(String option, String text, long max) {
        long[] v;
        try {
            v = Arrays.stream(text.split(",")).map(String::trim).mapToLong(s -> {
                double d = Double.parseDouble(s);
                if (d != Math.rint(d) || d < 1 || d > max) throw new UserException(option + ": '" + s + "' is not a whole number in [1, " + max + "]");
                return (long) d;
            }).sorted().distinct().toArray();
        } catch (NumberFormatException e) {
            throw new UserException(option + ": expected comma-separated counts like 1e3,1e4,1e5, got '" + text + "'");
        }
        if (v.length == 0) throw new UserException(option + ": no values in '" + text + "'");
        return v;
    }

    static String fmt(double v) { return String.format(Locale.ROOT, "%.4g", v); }
}
