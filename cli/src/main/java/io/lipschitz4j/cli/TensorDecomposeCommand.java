package io.lipschitz4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lipschitz4j.linalg.Tensor;
import io.lipschitz4j.tensor.CPTensor;
import io.lipschitz4j.tensor.CpAls;
import io.lipschitz4j.tensor.FactoredTensor;
import io.lipschitz4j.tensor.Fit;
import io.lipschitz4j.tensor.HTTensor;
import io.lipschitz4j.tensor.HierarchicalTucker;
import io.lipschitz4j.tensor.TTTensor;
import io.lipschitz4j.tensor.TensorTrain;
import io.lipschitz4j.tensor.Tucker;
import io.lipschitz4j.tensor.TuckerTensor;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lipschitz tensor decompose}: CP, Tucker, TT or hierarchical Tucker of an array file. */
@Command(name = "decompose", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Decomposes an array (order >= 2, .npy or one member of an .npz) and reports the relative error",
            "||X - X_hat|| / ||X|| (recomputed from the factors), its history per iteration, the status",
            "(CONVERGED, MAX_ITERATIONS, DIVERGED), the ranks and the number of parameters.",
            "",
            "Methods (--method):",
            "  cp      CP-ALS (SVD start), --rank R terms (required)",
            "  tucker  HOOI from the truncated HOSVD; --rank R caps every mode rank, --tol T picks ranks so",
            "          that the HOSVD error is <= T",
            "  tt      TT-SVD (Oseledets 2011); --rank caps every TT rank, --tol T guarantees error <= T",
            "  ht      hierarchical Tucker on the balanced tree (Grasedyck 2010); --rank / --tol as for tt",
            "",
            "Examples:",
            "  lipschitz tensor decompose examples/conv3x3.npy --method cp --rank 4",
            "  lipschitz tensor decompose examples/conv3x3.npy --method tt --tol 1e-3 --out runs/tt"})
final class TensorDecomposeCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "Array in a .npy or .npz file.")
    Path file;

    @Option(names = "--key", paramLabel = "NAME", description = "Array name inside an .npz archive.")
    String key;

    @Option(names = "--method", required = true, paramLabel = "cp|tucker|tt|ht", description = "Decomposition (see above).")
    String method;

    @Option(names = "--rank", paramLabel = "R", description = "Number of CP terms, or the cap on every Tucker/TT/HT rank.")
    Integer rank;

    @Option(names = "--tol", paramLabel = "T", description = "Relative error target for tucker, tt, ht.")
    Double tol;

    @Option(names = "--max-iterations", defaultValue = "200", description = "Sweep cap for cp and tucker (default ${DEFAULT-VALUE}).")
    int maxIterations;

    @Option(names = "--seed", defaultValue = "0", description = "Seed for CP-ALS (default ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        String m = method.toLowerCase(Locale.ROOT);
        if (!Arrays.asList("cp", "tucker", "tt", "ht").contains(m)) throw new UserException("--method: expected cp, tucker, tt or ht, got '" + method + "'");
        if ((rank == null) == (tol == null)) throw new UserException("give exactly one of --rank R or --tol T");
        if (m.equals("cp") && rank == null) throw new UserException("--method cp needs --rank R (CP has no tolerance-driven rank)");
        if (rank != null && rank < 1) throw new UserException("--rank must be >= 1, got " + rank);
        if (tol != null && (!(tol >= 0) || tol >= 1)) throw new UserException("--tol must be in [0, 1), got " + tol);
        if (maxIterations < 1) throw new UserException("--max-iterations must be >= 1, got " + maxIterations);
        Tensor x = Inputs.load(file, key);
        if (x.rank() < 2) throw new UserException(file + ": a decomposition needs an array of order >= 2, got shape " + Arrays.toString(x.shape()));
        if (x.size() == 0) throw new UserException(file + ": the array is empty, shape " + Arrays.toString(x.shape()));
        String ctx = file + " (--method " + m + ")";
        long t0 = System.nanoTime();
        Fit<? extends FactoredTensor> fit = TensorCommand.user(ctx, () -> switch (m) {
            case "cp" -> CpAls.decompose(x, rank, CpAls.Options.defaults().maxIterations(maxIterations).seed(seed));
            case "tucker" -> rank != null ? Tucker.hooi(x, capped(x.shape(), rank), maxIterations, 1e-10) : Tucker.hooi(x, tol);
            case "tt" -> rank != null ? TensorTrain.decompose(x, rank) : TensorTrain.decompose(x, tol);
            default -> HierarchicalTucker.decompose(x, tol != null ? tol : 0.0, rank != null ? rank : Integer.MAX_VALUE);
        });
        double seconds = (System.nanoTime() - t0) / 1e9;
        FactoredTensor model = fit.model();
        double err = model.relativeError(x);
        String ranks = ranks(model);
        long params = parameters(model);

        ObjectNode json = Json.object();
        json.put("command", "tensor decompose").put("file", file.toString()).put("method", m);
        ArrayNode sh = json.putArray("shape");
        for (int d : x.shape()) sh.add(d);
        if (rank != null) json.put("rank", rank);
        if (tol != null) json.put("tol", tol);
        json.put("ranks", ranks).put("parameters", params).put("entries", x.size()).put("status", fit.status().name()).put("iterations", fit.iterations());
        Json.putNumber(json, "relativeError", err);
        json.put("seconds", seconds);
        ArrayNode h = json.putArray("errorHistory");
        for (double v : fit.errorHistory()) {
            if (Double.isFinite(v)) h.add(v);
            else h.addNull();
        }
        if (output.json) {
            System.out.print(Json.write(json));
        } else {
            System.out.printf(Locale.ROOT, "%s: shape %s, %s%n", file, Arrays.toString(x.shape()), model);
            System.out.printf(Locale.ROOT, "method %s, ranks %s, %d parameters for %d entries (%.3gx compression)%n", m, ranks, params, x.size(),
                    (double) x.size() / params);
            System.out.printf(Locale.ROOT, "relative error %.6e, status %s after %d iteration(s), %s%n", err, fit.status(), fit.iterations(), Formats.seconds(seconds));
            double[] eh = fit.errorHistory();
            if (eh.length > 1) {
                System.out.print("error history:");
                int step = Math.max(1, eh.length / 10);
                for (int i = 0; i < eh.length; i += step) System.out.printf(Locale.ROOT, " %d:%.3e", i + 1, eh[i]);
                if ((eh.length - 1) % step != 0) System.out.printf(Locale.ROOT, " %d:%.3e", eh.length, eh[eh.length - 1]);
                System.out.println();
            }
            if (fit.status() != io.lipschitz4j.tensor.Status.CONVERGED) {
                System.out.println("note: not converged; the model is the last iterate (raise --max-iterations)");
            }
        }
        if (output.out != null) {
            Report rep = new Report("lipschitz tensor decompose: " + file.getFileName(), json).summary("file", file.toString())
                    .summary("shape", Arrays.toString(x.shape())).summary("method", m).summary("ranks", ranks)
                    .summary("parameters", params + " (" + x.size() + " entries)").summary("relative error", String.format(Locale.ROOT, "%.6e", err))
                    .summary("status", fit.status() + " after " + fit.iterations() + " iteration(s)");
            double[] eh = fit.errorHistory(), it = new double[eh.length];
            StringBuilder csv = new StringBuilder("iteration,relative_error\n");
            for (int i = 0; i < eh.length; i++) {
                it[i] = i + 1;
                csv.append(i + 1).append(',').append(eh[i]).append('\n');
            }
            rep.csv("error_history.csv", csv.toString());
            Map<String, TensorCharts.Series> s = new LinkedHashMap<>();
            s.put("relative error", TensorCharts.Series.line(it, eh));
            rep.png("error_history.png", "Relative error per iteration (" + m + ")", TensorCharts.xy("Error history", "iteration", "||X - X_hat|| / ||X||", s, false, true));
            Path index = rep.writeTo(output.out);
            if (!output.json) System.out.println("report: " + index);
        }
        return 0;
    }

    private static int[] capped(int[] shape, int r) {
        int[] c = new int[shape.length];
        for (int k = 0; k < shape.length; k++) c[k] = Math.min(r, shape[k]);
        return c;
    }

    private static String ranks(FactoredTensor t) {
        if (t instanceof CPTensor c) return Integer.toString(c.rank());
        if (t instanceof TuckerTensor u) return Arrays.toString(u.ranks());
        if (t instanceof TTTensor tt) return Arrays.toString(tt.ranks());
        if (t instanceof HTTensor ht) return Arrays.toString(ht.ranks());
        return "?";
    }

    private static long parameters(FactoredTensor t) {
        if (t instanceof CPTensor c) {
            long p = c.rank();
            for (int d : c.shape()) p += (long) d * c.rank();
            return p;
        }
        if (t instanceof TuckerTensor u) {
            long p = Tensor.sizeOf(u.ranks());
            int[] s = u.shape(), r = u.ranks();
            for (int k = 0; k < s.length; k++) p += (long) s[k] * r[k];
            return p;
        }
        if (t instanceof TTTensor tt) return tt.parameterCount();
        if (t instanceof HTTensor ht) return ht.parameterCount();
        throw new IllegalStateException("unknown model " + t);
    }
}
