package io.lipschitz4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lipschitz4j.linalg.Backend;
import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.linalg.Tensor;
import io.lipschitz4j.spectral.Bound;
import io.lipschitz4j.spectral.Sandwich;
import io.lipschitz4j.spectral.dense.DenseMethod;
import io.lipschitz4j.spectral.dense.DenseSandwich;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lipschitz norm}: the spectral norm of a matrix by a chosen method, or the certified sandwich. */
@Command(name = "norm", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Spectral norm ‖W‖₂ = σ₁(W) of a matrix (the Lipschitz constant of a dense layer y = Wx + b).",
            "",
            "Methods (--method):",
            "  sandwich              certified [lower, upper] with relative gap <= --tol (default)",
            "  svd                   exact, LAPACK dgesdd: O(mn·min(m,n))",
            "  power                 power iteration on WᵀW: certified LOWER bound",
            "  lanczos               ARPACK Lanczos: ESTIMATE, plus a certified LOWER bound",
            "  randomized            randomized range finder (Halko et al. 2011): ESTIMATE + LOWER",
            "  als                   alternating least squares for min ‖W − UVᵀ‖_F: ESTIMATE",
            "  gram                  Gram iteration (Delattre et al. 2023): certified UPPER bound",
            "  cholesky-certificate  Cholesky of μI − WᵀW with rounding-error terms: certified UPPER",
            "  all                   every method above",
            "",
            "Examples:",
            "  lipschitz norm examples/dense64x32.npy",
            "  lipschitz norm --random 1000 --seed 0 --method all --json"})
final class NormCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "MATRIX", description = "A 2-D array in a .npy or .npz file (row-major [out, in], as PyTorch stores Linear.weight).")
    Path file;

    @Option(names = "--key", paramLabel = "NAME", description = "Array name inside an .npz archive.")
    String key;

    @Option(names = "--random", paramLabel = "N|MxN", description = "Use a seeded Gaussian matrix of this size instead of a file.")
    String random;

    @Option(names = "--seed", defaultValue = "0", description = "Seed for --random and for randomized methods (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--method", defaultValue = "sandwich", paramLabel = "NAME", description = "See the list above (default ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--tol", defaultValue = "1e-10", description = "Relative gap asked of the sandwich (default ${DEFAULT-VALUE}).")
    double tol;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        DenseMatrix w = matrix();
        String source = file != null ? file.toString() : "random " + w.rows() + "x" + w.cols() + " (seed " + seed + ")";
        List<String> names = method.equals("all") ? allMethods() : List.of(method);
        for (String n : names) if (!n.equals("sandwich")) methodByName(n);
        List<Bound> bounds = new ArrayList<>();
        Sandwich sandwich = null;
        for (String n : names) {
            if (n.equals("sandwich")) {
                if (!(tol > 0)) throw new UserException("--tol must be > 0, got " + tol);
                sandwich = DenseSandwich.sandwich(w, tol, seed);
            } else {
                bounds.addAll(methodByName(n).create().bounds(w));
            }
        }
        ObjectNode json = Json.object();
        json.put("input", source);
        json.putArray("shape").add(w.rows()).add(w.cols());
        json.put("blas", Backend.describe());
        ArrayNode arr = json.putArray("bounds");
        bounds.forEach(b -> arr.add(Json.bound(b)));
        if (sandwich != null) {
            ObjectNode s = json.putObject("sandwich");
            s.set("lower", Json.bound(sandwich.lower()));
            s.set("upper", Json.bound(sandwich.upper()));
            Json.putNumber(s, "relativeGap", sandwich.relativeGap());
        }
        if (output.json) {
            System.out.print(Json.write(json));
        } else {
            System.out.println(source + ": " + w.rows() + "x" + w.cols() + " matrix · BLAS " + Backend.describe());
            for (Bound b : bounds) System.out.println(Formats.bound("‖W‖₂", b));
            if (sandwich != null) {
                System.out.println(Formats.bound("‖W‖₂", sandwich.lower()));
                System.out.println(Formats.bound("‖W‖₂", sandwich.upper()));
                System.out.printf("relative gap   %.3e (asked %.1e)%n", sandwich.relativeGap(), tol);
            }
        }
        if (output.out != null) {
            Report r = new Report("lipschitz norm: " + source, json).summary("matrix", source).summary("shape", w.rows() + "x" + w.cols());
            bounds.forEach(b -> r.summary(b.method() + " (" + b.kind() + ")", String.format("%.12g", b.value())));
            if (sandwich != null) {
                r.summary("sandwich", String.format("[%.12g, %.12g], gap %.2e", sandwich.lower().value(), sandwich.upper().value(), sandwich.relativeGap()));
            }
            Path index = r.writeTo(output.out);
            if (!output.json) System.out.println("report: " + index);
        }
        return 0;
    }

    private DenseMatrix matrix() {
        if ((file == null) == (random == null)) throw new UserException("give a MATRIX file or --random N, not both or neither");
        if (random != null) {
            int[] mn = Inputs.size("--random", random, 2);
            return DenseMatrix.gaussian(mn[0], mn[1], seed);
        }
        Tensor t = Inputs.load(file, key, 2);
        if (t.rank() != 2) throw new UserException(file + ": shape " + Arrays.toString(t.shape()) + " is not a matrix (expected 2-D)");
        return t.asMatrix();
    }

    private static DenseMethod methodByName(String n) {
        try {
            return DenseMethod.byName(n);
        } catch (IllegalArgumentException e) {
            throw new UserException("--method: " + e.getMessage() + ", 'sandwich' or 'all'");
        }
    }

    private static List<String> allMethods() {
        List<String> l = new ArrayList<>();
        for (DenseMethod m : DenseMethod.values()) l.add(m.id());
        l.add("sandwich");
        return l;
    }
}
