package io.lipschitz4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.linalg.Lapack;
import io.lipschitz4j.tensor.HaeffeleVidal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lipschitz tensor haeffele-vidal}: the optimality certificate and the rank-growing meta-algorithm. */
@Command(name = "haeffele-vidal", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Global optimality of matrix factorization (Haeffele & Vidal 2015). The non-convex problem",
            "  min_{U,V} 1/2 ||Y - UV^T||^2 + lambda/2 (||U||^2 + ||V||^2)",
            "has the optimum of the convex 1/2 ||Y - X||^2 + lambda ||X||_* (||X||_* = min 1/2(||U||^2 + ||V||^2)",
            "over UV^T = X). A local minimum is global iff the certificate ||Y - UV^T||_2 <= lambda, and a local",
            "minimum with a zero column always passes it. The meta-algorithm descends (ridge ALS), checks",
            "the certificate, and while it fails appends the residual's top singular pair: the rank grows",
            "exactly to the number of singular values of Y above lambda.",
            "",
            "Y is a seeded planted low-rank matrix plus Gaussian noise. For each lambda the table shows the",
            "rank the meta-algorithm ends with, #{s_i(Y) > lambda}, certificate/lambda (<= 1: certified global)",
            "and the gap to the convex optimum; then two local descents at the middle lambda: one with one",
            "column too few (certificate fails) and one with a column to spare (a column goes to zero, passes).",
            "",
            "Example:",
            "  lipschitz tensor haeffele-vidal --lambdas 0.5,1,2,4,8 --out runs/hv"})
final class HaeffeleVidalCommand implements Callable<Integer> {
    @Option(names = "--rows", defaultValue = "30", description = "Rows of Y (default ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--cols", defaultValue = "20", description = "Columns of Y (default ${DEFAULT-VALUE}).")
    int cols;

    @Option(names = "--rank", defaultValue = "4", description = "Planted rank; singular values 10, 8, 6, ... (default ${DEFAULT-VALUE}).")
    int rank;

    @Option(names = "--noise", defaultValue = "0.05", description = "Noise standard deviation (default ${DEFAULT-VALUE}).")
    double noise;

    @Option(names = "--lambdas", defaultValue = "0.5,1,2,3,5,7,9,12", paramLabel = "L1,L2,...", description = "Regularization weights (default ${DEFAULT-VALUE}).")
    String lambdas;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of Y and of the starts (default ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    OutputOptions output;

    record Row(double lambda, int rank, int above, double certificate, double objective, double convex, String status, int[] ranks, double[] certs) {}

    @Override
    public Integer call() {
        if (rows < 1 || cols < 1) throw new UserException("--rows and --cols must be >= 1");
        if (rank < 1 || rank > Math.min(rows, cols)) throw new UserException("--rank must be in [1, min(rows, cols) = " + Math.min(rows, cols) + "], got " + rank);
        if (!(noise >= 0) || Double.isInfinite(noise)) throw new UserException("--noise must be finite and >= 0, got " + noise);
        double[] ls = TensorCommand.positives("--lambdas", lambdas);
        DenseMatrix y = planted();
        double[] s = Lapack.singularValues(y);
        List<Row> out = new ArrayList<>();
        int maxOuter = Math.min(rows, cols) + 1;
        for (double l : ls) {
            HaeffeleVidal.Result r = HaeffeleVidal.solve(y, l, 1, seed, maxOuter, 5000, 1e-14, 1e-6);
            int above = 0;
            double convex = 0;
            for (double v : s) {
                if (v > l) above++;
                convex += v > l ? 0.5 * l * l + l * (v - l) : 0.5 * v * v;
            }
            out.add(new Row(l, effectiveRank(r), above, r.certificate(), r.objective(), convex, r.status().name(), r.rankHistory(), r.certificateHistory()));
        }
        double mid = ls[ls.length / 2];
        int aboveMid = 0;
        for (double v : s) if (v > mid) aboveMid++;
        HaeffeleVidal.Result tooFew = aboveMid > 1
                ? HaeffeleVidal.localDescent(y, mid, DenseMatrix.gaussian(rows, aboveMid - 1, seed + 10), DenseMatrix.gaussian(cols, aboveMid - 1, seed + 11), 20000, 1e-15)
                : null;
        HaeffeleVidal.Result spare = HaeffeleVidal.localDescent(y, mid, DenseMatrix.gaussian(rows, aboveMid + 1, seed + 12),
                DenseMatrix.gaussian(cols, aboveMid + 1, seed + 13), 20000, 1e-15);

        ObjectNode json = Json.object();
        json.put("command", "tensor haeffele-vidal").put("rows", rows).put("cols", cols).put("plantedRank", rank).put("noise", noise).put("seed", seed);
        ArrayNode sv = json.putArray("singularValues");
        for (double v : s) sv.add(v);
        ArrayNode arr = json.putArray("lambdas");
        for (Row r : out) {
            ObjectNode o = arr.addObject();
            o.put("lambda", r.lambda()).put("rank", r.rank()).put("singularValuesAboveLambda", r.above());
            Json.putNumber(o, "certificate", r.certificate());
            Json.putNumber(o, "objective", r.objective());
            Json.putNumber(o, "convexOptimum", r.convex());
            o.put("status", r.status());
            ArrayNode rh = o.putArray("rankHistory"), ch = o.putArray("certificateHistory");
            for (int v : r.ranks()) rh.add(v);
            for (double v : r.certs()) ch.add(v);
        }
        ObjectNode loc = json.putObject("localMinima");
        loc.put("lambda", mid);
        if (tooFew != null) localJson(loc.putObject("oneColumnTooFew"), tooFew);
        localJson(loc.putObject("oneColumnToSpare"), spare);

        if (output.json) System.out.print(Json.write(json));
        else print(out, mid, tooFew, spare);
        if (output.out != null) {
            java.nio.file.Path index = report(json, out, mid).writeTo(output.out);
            if (!output.json) System.out.println("report: " + index);
        }
        return 0;
    }

    /** Y = Σ_i σ_i u_i v_iᵀ (σ = 10, 8, 6, …, floored at 1; seeded orthonormal u, v) + noise·N(0, 1). */
    private DenseMatrix planted() {
        Lapack.Svd qu = Lapack.svd(DenseMatrix.gaussian(rows, rank, seed)), qv = Lapack.svd(DenseMatrix.gaussian(cols, rank, seed + 1));
        DenseMatrix u = qu.u().copy();
        for (int i = 0; i < rows; i++) for (int j = 0; j < rank; j++) u.set(i, j, u.get(i, j) * Math.max(1, 10 - 2 * j));
        DenseMatrix y = u.times(qv.u().transpose());
        DenseMatrix e = DenseMatrix.gaussian(rows, cols, seed + 2);
        for (int i = 0; i < y.data().length; i++) y.data()[i] += noise * e.data()[i];
        return y;
    }

    /**
     * Numerical rank of U·Vᵀ, through U (singular values above 1e-6·‖Y‖-scale): F is invariant under
     * (U, V) → (UQ, VQ), so "a zero column" shows up as a rank-deficient U, not as a column of zeros.
     */
    private static int effectiveRank(HaeffeleVidal.Result r) {
        if (r.u().cols() == 0) return 0;
        double[] s = Lapack.singularValues(r.product());
        int k = 0;
        for (double v : s) if (v > 1e-6 * Math.max(1, s[0])) k++;
        return k;
    }

    private static void localJson(ObjectNode o, HaeffeleVidal.Result r) {
        o.put("columns", r.u().cols()).put("rankOfProduct", effectiveRank(r));
        Json.putNumber(o, "certificate", r.certificate());
        Json.putNumber(o, "objective", r.objective());
        o.put("certified", r.certificate() <= r.lambda() * (1 + 1e-6)).put("status", r.status().name()).put("iterations", r.iterations());
    }

    private void print(List<Row> out, double mid, HaeffeleVidal.Result tooFew, HaeffeleVidal.Result spare) {
        System.out.printf(Locale.ROOT, "Y: %dx%d, planted rank %d, noise %s, seed %d%n", rows, cols, rank, noise, seed);
        System.out.println("Meta-algorithm (start rank 1; grow while ||Y - UV^T||_2 > lambda):");
        System.out.printf("%8s %6s %12s %10s %14s %12s %10s  %s%n", "lambda", "rank", "#s_i>lambda", "cert/lam", "objective", "gap", "status", "rank growth");
        for (Row r : out) {
            System.out.printf(Locale.ROOT, "%8.3g %6d %12d %10.6f %14.8g %12.2e %10s  %s%n", r.lambda(), r.rank(), r.above(), r.certificate() / r.lambda(),
                    r.objective(), r.objective() - r.convex(), r.status(), java.util.Arrays.toString(r.ranks()));
        }
        System.out.printf(Locale.ROOT, "Local minima at lambda = %s:%n", TensorCommand.fmt(mid));
        if (tooFew != null) printLocal("one column too few", tooFew);
        printLocal("one column to spare", spare);
    }

    private static void printLocal(String what, HaeffeleVidal.Result r) {
        boolean ok = r.certificate() <= r.lambda() * (1 + 1e-6);
        System.out.printf(Locale.ROOT, "  %-20s %d columns (UV^T of rank %d): certificate/lambda = %.6f -> %s%n", what, r.u().cols(), effectiveRank(r),
                r.certificate() / r.lambda(), ok ? "globally optimal (certified)" : "NOT globally optimal");
    }

    private Report report(ObjectNode json, List<Row> out, double mid) {
        Report rep = new Report("lipschitz tensor haeffele-vidal", json).summary("Y", rows + "x" + cols + ", planted rank " + rank + ", noise " + noise)
                .summary("seed", Long.toString(seed));
        int n = out.size();
        double[] l = new double[n], ratio = new double[n], rk = new double[n], above = new double[n];
        StringBuilder csv = new StringBuilder("lambda,rank,singular_values_above_lambda,certificate,objective,convex_optimum,status\n");
        for (int i = 0; i < n; i++) {
            Row r = out.get(i);
            l[i] = r.lambda();
            ratio[i] = r.certificate() / r.lambda();
            rk[i] = r.rank();
            above[i] = r.above();
            csv.append(r.lambda()).append(',').append(r.rank()).append(',').append(r.above()).append(',').append(r.certificate()).append(',')
                    .append(r.objective()).append(',').append(r.convex()).append(',').append(r.status()).append('\n');
            rep.summary("lambda = " + TensorCommand.fmt(r.lambda()), "rank " + r.rank() + " (#s_i > lambda: " + r.above() + "), certificate/lambda "
                    + String.format(Locale.ROOT, "%.6f", ratio[i]));
        }
        rep.csv("lambdas.csv", csv.toString());
        Map<String, TensorCharts.Series> c = new LinkedHashMap<>();
        c.put("certificate / lambda", TensorCharts.Series.line(l, ratio));
        c.put("1 (certified global)", TensorCharts.Series.line(new double[] {l[0], l[n - 1]}, new double[] {1, 1}));
        rep.png("certificate.png", "Final certificate ||Y - UV^T||_2 / lambda per lambda (<= 1 certifies a global optimum)",
                TensorCharts.xy("Optimality certificate", "lambda", "||Y - UV^T||_2 / lambda", c, true, false));
        Map<String, TensorCharts.Series> r = new LinkedHashMap<>();
        r.put("rank found", TensorCharts.Series.scatter(l, rk));
        r.put("#{s_i(Y) > lambda}", TensorCharts.Series.line(l, above));
        rep.png("rank.png", "Rank the meta-algorithm ends with against the number of singular values of Y above lambda",
                TensorCharts.xy("Rank vs lambda", "lambda", "rank", r, true, false));
        Row m = out.stream().filter(x -> x.lambda() == mid).findFirst().orElse(out.get(0));
        double[] gx = new double[m.ranks().length], gy = m.certs().clone();
        StringBuilder g = new StringBuilder("outer_step,rank,certificate\n");
        for (int i = 0; i < gx.length; i++) {
            gx[i] = m.ranks()[i];
            g.append(i).append(',').append(m.ranks()[i]).append(',').append(m.certs()[i]).append('\n');
        }
        rep.csv("growth.csv", g.toString());
        Map<String, TensorCharts.Series> gr = new LinkedHashMap<>();
        gr.put("certificate after descent", TensorCharts.Series.line(gx, gy));
        gr.put("lambda", TensorCharts.Series.line(new double[] {gx[0], gx[gx.length - 1]}, new double[] {mid, mid}));
        rep.png("growth.png", "Meta-algorithm at lambda = " + TensorCommand.fmt(mid) + ": certificate after each local descent as the rank grows",
                TensorCharts.xy("Growth of r", "columns r", "||Y - UV^T||_2", gr, false, false));
        return rep;
    }
}
