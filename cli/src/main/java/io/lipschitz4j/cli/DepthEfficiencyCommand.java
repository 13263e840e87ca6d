package io.lipschitz4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lipschitz4j.linalg.Tensor;
import io.lipschitz4j.tensor.CPTensor;
import io.lipschitz4j.tensor.CpAls;
import io.lipschitz4j.tensor.DepthEfficiency;
import io.lipschitz4j.tensor.Fit;
import io.lipschitz4j.tensor.Tensors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lipschitz tensor depth-efficiency}: matricization ranks of deep arithmetic circuits and CP fits. */
@Command(name = "depth-efficiency", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Depth efficiency (Cohen, Sharir & Shashua 2016, Thm. 1). A deep convolutional arithmetic circuit",
            "with N inputs, M representation functions, size-2 product pooling and r channels has an order-N",
            "coefficient tensor in hierarchical Tucker form. Its odd/even matricization (rows: modes 0,2,4,...;",
            "columns: modes 1,3,5,...) has rank min(r,M)^(N/2) for almost all weights, while a CP model",
            "(a shallow network) with R terms has matricization rank <= R. So a CP model with fewer terms",
            "misses the tensor by at least (sum_{i>R} s_i^2)^(1/2), s_i the singular values (Eckart-Young).",
            "",
            "For each case: the measured rank against r^(N/2), and for a range of term counts R the",
            "Eckart-Young lower bound and the error CP-ALS actually reaches (both relative to ||A||).",
            "",
            "Examples:",
            "  lipschitz tensor depth-efficiency",
            "  lipschitz tensor depth-efficiency --cases 4,3,2 8,2,2 --out runs/depth"})
final class DepthEfficiencyCommand implements Callable<Integer> {
    @Option(names = "--cases", arity = "1..*", paramLabel = "N,M,r", defaultValue = "4,2,2 8,2,2 8,3,3", split = " ",
            description = "Circuits to analyse: N (a power of two), M, r (default ${DEFAULT-VALUE}).")
    List<String> cases;

    @Option(names = "--cp-iterations", defaultValue = "100", description = "CP-ALS sweeps per term count (default ${DEFAULT-VALUE}).")
    int cpIterations;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the circuit weights and CP-ALS (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--no-progress", description = "No progress bar on stderr.")
    boolean noProgress;

    @Mixin
    OutputOptions output;

    /** Largest M^N densified. */
    static final long MAX_ENTRIES = 1L << 22;

    record CpPoint(int terms, double lowerBound, double alsError, String status) {}

    record Case(DepthEfficiency.Report report, List<CpPoint> cp) {}

    @Override
    public Integer call() {
        if (cpIterations < 1) throw new UserException("--cp-iterations must be >= 1, got " + cpIterations);
        List<int[]> parsed = new ArrayList<>();
        for (String c : cases) {
            int[] v = TensorCommand.ints("--cases", c, 1);
            if (v.length != 3) throw new UserException("--cases: each case is N,M,r (three integers), got '" + c + "'");
            if (v[0] < 2 || Integer.bitCount(v[0]) != 1) throw new UserException("--cases " + c + ": N must be a power of two >= 2 (size-2 pooling), got " + v[0]);
            if (Math.pow(v[1], v[0]) > MAX_ENTRIES) throw new UserException("--cases " + c + ": M^N = " + (long) Math.pow(v[1], v[0]) + " entries is above " + MAX_ENTRIES);
            parsed.add(v);
        }
        List<Case> results = new ArrayList<>();
        int totalFits = 0;
        List<int[]> grids = new ArrayList<>();
        for (int[] c : parsed) {
            int[] g = termGrid(c);
            grids.add(g);
            totalFits += g.length;
        }
        Progress bar = noProgress ? null : new Progress("depth-efficiency", totalFits);
        int done = 0;
        try {
            for (int ci = 0; ci < parsed.size(); ci++) {
                int[] c = parsed.get(ci);
                Tensor a = DepthEfficiency.convolutionalArithmeticCircuit(c[0], c[1], c[2], seed).toDense();
                DepthEfficiency.Report rep = DepthEfficiency.analyze(c[0], c[1], c[2], seed);
                double na = Tensors.norm(a);
                List<CpPoint> cp = new ArrayList<>();
                for (int terms : grids.get(ci)) {
                    double lb = DepthEfficiency.cpErrorLowerBound(a, terms) / na;
                    Fit<CPTensor> f = CpAls.decompose(a, terms, CpAls.Options.defaults().maxIterations(cpIterations).tolerance(1e-12).seed(seed)
                            .init(io.lipschitz4j.tensor.CpAls.Init.RANDOM));
                    cp.add(new CpPoint(terms, lb, f.relativeError(), f.status().name()));
                    if (bar != null) bar.update(++done, "N=" + c[0] + " M=" + c[1] + " r=" + c[2] + " R=" + terms);
                }
                results.add(new Case(rep, cp));
            }
        } finally {
            if (bar != null) bar.close();
        }
        ObjectNode json = json(results);
        if (output.json) System.out.print(Json.write(json));
        else print(results);
        if (output.out != null) {
            java.nio.file.Path index = report(json, results).writeTo(output.out);
            if (!output.json) System.out.println("report: " + index);
        }
        return 0;
    }

    /** 1, 2, 4, … below the bound, then bound − 1 and the bound itself (capped by the largest CP rank). */
    private static int[] termGrid(int[] c) {
        long bound = (long) Math.pow(Math.min(c[1], c[2]), c[0] / 2);
        long maxCp = (long) Math.pow(c[1], c[0] - 1);
        TreeSet<Integer> s = new TreeSet<>();
        for (long t = 1; t < bound; t *= 2) s.add((int) t);
        if (bound > 1) s.add((int) (bound - 1));
        s.add((int) Math.min(bound, maxCp));
        return s.stream().mapToInt(Integer::intValue).filter(t -> t <= maxCp).toArray();
    }

    private static String label(DepthEfficiency.Report r) { return "N=" + r.n() + " M=" + r.m() + " r=" + r.r(); }

    private void print(List<Case> results) {
        System.out.println("Odd/even matricization rank of the deep circuit's coefficient tensor (Cohen-Sharir-Shashua Thm. 1):");
        System.out.printf("%-16s %10s %10s %8s%n", "case", "rank", "r^(N/2)", "equal");
        for (Case c : results) {
            DepthEfficiency.Report r = c.report();
            System.out.printf(Locale.ROOT, "%-16s %10d %10d %8s%n", label(r), r.matricizationRank(), r.bound(), r.matricizationRank() == r.bound() ? "yes" : "NO");
        }
        System.out.println();
        System.out.println("CP model with R terms: relative error >= Eckart-Young bound (exact, from the singular values); CP-ALS reaches:");
        System.out.printf("%-16s %6s %14s %14s %16s%n", "case", "R", "lower bound", "CP-ALS error", "CP-ALS status");
        for (Case c : results) {
            for (CpPoint p : c.cp()) {
                System.out.printf(Locale.ROOT, "%-16s %6d %14.4e %14.4e %16s%n", label(c.report()), p.terms(), p.lowerBound(), p.alsError(), p.status());
            }
        }
    }

    private ObjectNode json(List<Case> results) {
        ObjectNode json = Json.object();
        json.put("command", "tensor depth-efficiency").put("seed", seed).put("cpIterations", cpIterations);
        ArrayNode arr = json.putArray("cases");
        for (Case c : results) {
            DepthEfficiency.Report r = c.report();
            ObjectNode o = arr.addObject();
            o.put("N", r.n()).put("M", r.m()).put("r", r.r()).put("matricizationRank", r.matricizationRank()).put("bound", r.bound())
                    .put("rankEqualsBound", r.matricizationRank() == r.bound());
            ArrayNode sv = o.putArray("singularValues");
            for (double v : r.singularValues()) sv.add(v);
            ArrayNode cp = o.putArray("cp");
            for (CpPoint p : c.cp()) {
                ObjectNode q = cp.addObject();
                q.put("terms", p.terms());
                Json.putNumber(q, "lowerBound", p.lowerBound());
                Json.putNumber(q, "alsError", p.alsError());
                q.put("alsStatus", p.status());
            }
        }
        return json;
    }

    private Report report(ObjectNode json, List<Case> results) {
        Report rep = new Report("lipschitz tensor depth-efficiency", json).summary("seed", Long.toString(seed))
                .summary("CP-ALS sweeps per fit", Integer.toString(cpIterations));
        StringBuilder ranks = new StringBuilder("N,M,r,matricization_rank,bound\n");
        StringBuilder cpCsv = new StringBuilder("N,M,r,terms,lower_bound,cp_als_error,cp_als_status\n");
        Map<String, TensorCharts.Series> svs = new LinkedHashMap<>(), cps = new LinkedHashMap<>();
        double[] bx = new double[results.size()], by = new double[results.size()];
        for (int i = 0; i < results.size(); i++) {
            Case c = results.get(i);
            DepthEfficiency.Report r = c.report();
            rep.summary(label(r), "rank " + r.matricizationRank() + " vs r^(N/2) = " + r.bound());
            ranks.append(r.n()).append(',').append(r.m()).append(',').append(r.r()).append(',').append(r.matricizationRank()).append(',').append(r.bound()).append('\n');
            double[] s = r.singularValues(), idx = new double[s.length];
            for (int k = 0; k < s.length; k++) {
                idx[k] = k + 1;
                s[k] /= r.singularValues()[0];
            }
            svs.put(label(r), TensorCharts.Series.line(idx, s));
            bx[i] = r.bound();
            by[i] = r.matricizationRank();
            int n = c.cp().size();
            double[] t = new double[n], lb = new double[n], als = new double[n];
            for (int k = 0; k < n; k++) {
                CpPoint p = c.cp().get(k);
                t[k] = p.terms();
                lb[k] = p.lowerBound();
                als[k] = p.alsError();
                cpCsv.append(r.n()).append(',').append(r.m()).append(',').append(r.r()).append(',').append(p.terms()).append(',').append(p.lowerBound())
                        .append(',').append(p.alsError()).append(',').append(p.status()).append('\n');
            }
            cps.put(label(r) + " lower bound", TensorCharts.Series.line(t, lb));
            cps.put(label(r) + " CP-ALS", TensorCharts.Series.scatter(t, als));
        }
        rep.csv("ranks.csv", ranks.toString()).csv("cp_fit.csv", cpCsv.toString());
        Map<String, TensorCharts.Series> rk = new LinkedHashMap<>();
        double max = 1;
        for (double b : bx) max = Math.max(max, b);
        rk.put("rank = r^(N/2)", TensorCharts.Series.line(new double[] {1, max}, new double[] {1, max}));
        rk.put("measured", TensorCharts.Series.scatter(bx, by));
        rep.png("ranks.png", "Matricization rank against the bound r^(N/2) of Thm. 1 (points on the line: equal)",
                TensorCharts.xy("Odd/even matricization rank", "r^(N/2)", "numerical rank", rk, true, true));
        rep.png("singular_values.png", "Singular values of the odd/even matricization, divided by the largest: the drop to rounding level at index r^(N/2)",
                TensorCharts.xy("Singular values of [A]", "index", "s_i / s_1", svs, true, true));
        rep.png("cp_fit.png", "CP model with R terms: Eckart-Young lower bound on the relative error and the error CP-ALS reaches",
                TensorCharts.xy("CP fit of the deep circuit's tensor", "terms R", "relative error", cps, true, true));
        return rep;
    }
}
