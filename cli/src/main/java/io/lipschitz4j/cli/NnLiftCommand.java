package io.lipschitz4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lipschitz4j.tensor.CpPower;
import io.lipschitz4j.tensor.NnLift;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lipschitz tensor nn-lift}: first-layer recovery of a planted network, error vs number of samples. */
@Command(name = "nn-lift", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "NN-LIFT's tensor step (Janzamin, Sedghi & Anandkumar 2015). For Gaussian inputs x ~ N(0, I_d) and",
            "a planted network y = a2^T tanh(A1^T x + b1) + noise, Stein's identity makes",
            "  T = E[y S3(x)] = sum_j a2_j E[tanh'''(a1_j^T x + b1_j)] a1_j (x) a1_j (x) a1_j,",
            "S3 the third-order Hermite (score) tensor. The command estimates T and M2 = E[y S2(x)] from n",
            "samples, whitens with the top-k eigenpairs of M2, runs the tensor power method on the k x k x k",
            "whitened tensor, un-whitens, and reports the largest sine of the angle between a true column",
            "of A1 and its matched estimate. Statistics predict error ~ n^(-1/2); the exact population",
            "moments (quadrature, no samples) recover A1 to rounding.",
            "",
            "Cost: one pass over max(--samples) samples per repeat, O(n d^3) flops.",
            "",
            "Example:",
            "  lipschitz tensor nn-lift --dim 10 --hidden 5 --samples 1e3,1e4,1e5,1e6 --out runs/nn-lift"})
final class NnLiftCommand implements Callable<Integer> {
    @Option(names = "--dim", defaultValue = "10", description = "Input dimension d (default ${DEFAULT-VALUE}).")
    int dim;

    @Option(names = "--hidden", defaultValue = "5", description = "Hidden units k <= d (default ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--samples", defaultValue = "1e3,3e3,1e4,3e4,1e5,3e5,1e6", paramLabel = "N1,N2,...",
            description = "Sample sizes (default ${DEFAULT-VALUE}).")
    String samples;

    @Option(names = "--noise", defaultValue = "0.1", description = "Output noise standard deviation (default ${DEFAULT-VALUE}).")
    double noise;

    @Option(names = "--repeats", defaultValue = "3", description = "Independent sample streams; the table shows their median (default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--restarts", defaultValue = "20", description = "Random starts per component of the power method (default ${DEFAULT-VALUE}).")
    int restarts;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the planted network and the samples (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--no-progress", description = "No progress bar on stderr.")
    boolean noProgress;

    @Mixin
    OutputOptions output;

    static final int MAX_DIM = 64;

    @Override
    public Integer call() {
        if (dim < 1 || dim > MAX_DIM) throw new UserException("--dim must be in [1, " + MAX_DIM + "] (the d^3 moment tensor), got " + dim);
        if (hidden < 1 || hidden > dim) throw new UserException("--hidden must be in [1, --dim = " + dim + "] (NN-LIFT needs k <= d), got " + hidden);
        if (repeats < 1) throw new UserException("--repeats must be >= 1, got " + repeats);
        if (restarts < 1) throw new UserException("--restarts must be >= 1, got " + restarts);
        if (!(noise >= 0) || Double.isInfinite(noise)) throw new UserException("--noise must be finite and >= 0, got " + noise);
        long[] ns = TensorCommand.counts("--samples", samples, 100_000_000L);
        NnLift.Network net = NnLift.Network.planted(dim, hidden, noise, seed);
        CpPower.Options po = CpPower.Options.defaults().restarts(restarts).seed(seed);
        NnLift.Recovery pop = NnLift.recover(NnLift.populationMoments(net), hidden, po);
        double popError = NnLift.error(net.a1(), pop.a1());

        double[][] err = new double[repeats][ns.length];
        boolean[][] definite = new boolean[repeats][ns.length];
        String[][] status = new String[repeats][ns.length];
        long max = ns[ns.length - 1];
        Progress bar = noProgress ? null : new Progress("nn-lift samples", max * repeats);
        try {
            for (int rep = 0; rep < repeats; rep++) {
                long base = (long) rep * max;
                List<NnLift.Point> pts = NnLift.errorVsSamples(net, ns, seed + 1000L * (rep + 1), po,
                        bar == null ? null : done -> bar.update(base + done, ""));
                for (int i = 0; i < ns.length; i++) {
                    err[rep][i] = pts.get(i).error();
                    definite[rep][i] = pts.get(i).recovery().whiteningDefinite();
                    status[rep][i] = pts.get(i).recovery().status().name();
                }
            }
        } finally {
            if (bar != null) bar.close();
        }
        double[] median = new double[ns.length];
        for (int i = 0; i < ns.length; i++) {
            double[] col = new double[repeats];
            for (int r = 0; r < repeats; r++) col[r] = err[r][i];
            median[i] = io.lipschitz4j.tensor.SpinGlass.quantile(col, 0.5);
        }
        double slope = slope(ns, median);

        ObjectNode json = Json.object();
        json.put("command", "tensor nn-lift").put("dim", dim).put("hidden", hidden).put("noise", noise).put("repeats", repeats).put("seed", seed)
                .put("restarts", restarts);
        Json.putNumber(json, "populationError", popError);
        json.put("populationStatus", pop.status().name()).put("populationWhiteningDefinite", pop.whiteningDefinite());
        Json.putNumber(json, "logLogSlope", slope);
        ArrayNode arr = json.putArray("points");
        for (int i = 0; i < ns.length; i++) {
            ObjectNode o = arr.addObject();
            o.put("samples", ns[i]);
            Json.putNumber(o, "medianError", median[i]);
            ArrayNode e = o.putArray("errors"), d = o.putArray("whiteningDefinite"), s = o.putArray("status");
            for (int r = 0; r < repeats; r++) {
                e.add(err[r][i]); // in [0, 1], never NaN (NnLift.error)
                d.add(definite[r][i]);
                s.add(status[r][i]);
            }
        }
        if (output.json) System.out.print(Json.write(json));
        else print(ns, err, median, definite, status, popError, pop, slope);
        if (output.out != null) {
            java.nio.file.Path index = report(json, ns, err, median, popError, slope).writeTo(output.out);
            if (!output.json) System.out.println("report: " + index);
        }
        return 0;
    }

    /** Least-squares slope of log(error) against log(n); NaN with fewer than two points. */
    static double slope(long[] ns, double[] e) {
        int m = 0;
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (int i = 0; i < ns.length; i++) {
            if (!(e[i] > 0)) continue;
            double x = Math.log(ns[i]), y = Math.log(e[i]);
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
            m++;
        }
        if (m < 2) return Double.NaN;
        return (m * sxy - sx * sy) / (m * sxx - sx * sx);
    }

    private void print(long[] ns, double[][] err, double[] median, boolean[][] definite, String[][] status, double popError, NnLift.Recovery pop, double slope) {
        System.out.printf(Locale.ROOT, "planted network: d = %d, k = %d hidden tanh units, noise %s, seed %d%n", dim, hidden, noise, seed);
        System.out.printf(Locale.ROOT, "population moments (exact, no samples): error %.3e  [%s%s]%n", popError, pop.status(),
                pop.whiteningDefinite() ? "" : ", M2 indefinite: no guarantee");
        System.out.printf("%12s %14s %14s %14s %s%n", "samples", "median error", "min", "max", "  notes");
        for (int i = 0; i < ns.length; i++) {
            double lo = Double.POSITIVE_INFINITY, hi = 0;
            int indefinite = 0, notConv = 0;
            for (int r = 0; r < err.length; r++) {
                lo = Math.min(lo, err[r][i]);
                hi = Math.max(hi, err[r][i]);
                if (!definite[r][i]) indefinite++;
                if (!status[r][i].equals("CONVERGED")) notConv++;
            }
            String note = (indefinite > 0 ? "  M2 indefinite in " + indefinite + "/" + err.length : "")
                    + (notConv > 0 ? "  power method not converged in " + notConv + "/" + err.length : "");
            System.out.printf(Locale.ROOT, "%12d %14.4e %14.4e %14.4e %s%n", ns[i], median[i], lo, hi, note);
        }
        System.out.printf(Locale.ROOT, "log-log slope of the median error: %.3f (statistics predict -0.5)%n", slope);
        System.out.println("error = max over hidden units of sin(angle(true column, matched estimate)), in [0, 1]");
    }

    private Report report(ObjectNode json, long[] ns, double[][] err, double[] median, double popError, double slope) {
        Report rep = new Report("lipschitz tensor nn-lift", json)
                .summary("network", "d = " + dim + ", k = " + hidden + " tanh units, noise " + noise + ", seed " + seed)
                .summary("population-moment error", String.format(Locale.ROOT, "%.3e", popError))
                .summary("log-log slope", String.format(Locale.ROOT, "%.3f (n^-1/2 predicts -0.5)", slope));
        StringBuilder csv = new StringBuilder("samples,repeat,error\n");
        double[] x = new double[ns.length];
        List<Double> px = new ArrayList<>(), py = new ArrayList<>();
        for (int i = 0; i < ns.length; i++) {
            x[i] = ns[i];
            for (int r = 0; r < err.length; r++) {
                csv.append(ns[i]).append(',').append(r).append(',').append(err[r][i]).append('\n');
                px.add((double) ns[i]);
                py.add(err[r][i]);
            }
        }
        rep.csv("errors.csv", csv.toString());
        Map<String, TensorCharts.Series> s = new LinkedHashMap<>();
        s.put("each repeat", TensorCharts.Series.scatter(px.stream().mapToDouble(Double::doubleValue).toArray(), py.stream().mapToDouble(Double::doubleValue).toArray()));
        s.put("median", TensorCharts.Series.line(x, median));
        double c = median[median.length - 1] * Math.sqrt(ns[ns.length - 1]);
        s.put("c / sqrt(n)", TensorCharts.Series.line(x, Arrays.stream(x).map(v -> c / Math.sqrt(v)).toArray()));
        rep.png("error_vs_samples.png", "Recovery error of the first layer against the number of samples (log-log), with the n^(-1/2) reference",
                TensorCharts.xy("NN-LIFT: error vs samples", "samples n", "max sin angle", s, true, true));
        return rep;
    }
}
