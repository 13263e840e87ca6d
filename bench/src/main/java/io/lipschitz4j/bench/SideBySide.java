package io.lipschitz4j.bench;

import io.lipschitz4j.linalg.Backend;
import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.linalg.Gaussian;
import io.lipschitz4j.linalg.Lapack;
import io.lipschitz4j.linalg.Tensor;
import io.lipschitz4j.spectral.Bound;
import io.lipschitz4j.spectral.Sandwich;
import io.lipschitz4j.spectral.conv.CertifiedConvNorm;
import io.lipschitz4j.spectral.conv.ConvBounds;
import io.lipschitz4j.spectral.conv.Convolution;
import io.lipschitz4j.spectral.conv.SedghiSpectrum;
import io.lipschitz4j.spectral.dense.DenseSandwich;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The side-by-side benchmark: for each case of {@code peers.py} (dense-norm, conv-exact, conv-power)
 * time lipschitz4j and the peers in one run and report ours/peer time ratios (below 1 means we are
 * faster). Random inputs are drawn from the same distributions as peers.py but not the same numbers
 * (NumPy's PCG64 stream is not reproduced), so values are compared loosely and times by ratio.
 */
public final class SideBySide {
    /** One row of the result table. */
    public record Row(String caseName, String params, String ours, double ourSeconds, double ourValue,
                      String peer, double peerSeconds, double peerValue) {
        public double ratio() { return ourSeconds / peerSeconds; }
    }

    /** Warm-up runs before timing the conv cases (JIT compilation of the hot loops). */
    static final int CONV_WARMUPS = 5;
    /**
     * Warm-up runs of the dense sandwich: its Java loops (scaling, the certificate's shift and |R̃|, the
     * Collatz–Wielandt steps) reach compiled speed only after a few runs; with one warm-up the n = 1000
     * case measured 0.126 s against 0.07 s in steady state.
     */
    static final int DENSE_WARMUPS = 4;

    private final Peers peers;
    private final int repeats;
    private final Consumer<String> log;

    public SideBySide(Path peersScript, int repeats, Consumer<String> log) {
        this.peers = new Peers(peersScript, 1);
        this.repeats = repeats;
        this.log = log;
    }

    /** Runs the named cases ("dense-norm", "conv-exact", "conv-power") and returns all rows. */
    public List<Row> run(List<String> cases, List<Integer> denseSizes, List<int[]> convShapes) {
        List<Row> rows = new ArrayList<>();
        for (String c : cases) {
            switch (c) {
                case "dense-norm" -> denseSizes.forEach(n -> rows.addAll(denseNorm(n)));
                case "conv-exact" -> convShapes.forEach(s -> rows.addAll(convExact(s[0], s[1], s[2])));
                case "conv-power" -> convShapes.forEach(s -> rows.addAll(convPower(s[0], s[1], s[2])));
                default -> throw new IllegalArgumentException("unknown case '" + c + "', expected dense-norm, conv-exact or conv-power");
            }
        }
        return rows;
    }

    List<Row> denseNorm(int n) {
        log.accept("dense-norm n=" + n + ": lipschitz4j");
        DenseMatrix w = DenseMatrix.gaussian(n, n, 0);
        Timing.Timed<Sandwich> sw = Timing.best(() -> DenseSandwich.sandwich(w, 1e-10, 0), DENSE_WARMUPS, repeats);
        String ours = String.format("sandwich (gap %.1e, %s)", sw.value().relativeGap(), sw.value().upper().status());
        List<Row> rows = new ArrayList<>();
        Timing.Timed<double[]> svd = n <= 2000 ? Timing.best(() -> Lapack.singularValues(w), 0, 1) : null;
        log.accept("dense-norm n=" + n + ": peers");
        for (PeerResult p : peerRun("dense-norm", List.of("--n", Integer.toString(n), "--repeats", Integer.toString(repeats)))) {
            if (p.peer().equals("numpy.linalg.svd") && svd != null) {
                rows.add(new Row("dense-norm", "n=" + n, "exact SVD (LAPACK dgesdd)", svd.seconds(), svd.value()[0], p.peer(), p.seconds(), p.value()));
            } else if (!p.peer().equals("numpy.linalg.svd")) {
                rows.add(new Row("dense-norm", "n=" + n, ours, sw.seconds(), sw.value().upper().value(), p.peer(), p.seconds(), p.value()));
            }
        }
        if (rows.isEmpty()) rows.add(new Row("dense-norm", "n=" + n, ours, sw.seconds(), sw.value().upper().value(), "-", Double.NaN, Double.NaN));
        return rows;
    }

    /** Kernel [m, m, k, k] with N(0, 1/(k²m)) entries, as peers.py's conv_kernel. */
    static Tensor kernel(int k, int m) {
        double[] d = Gaussian.vector(m * m * k * k, 0);
        double s = 1 / Math.sqrt(k * k * m);
        for (int i = 0; i < d.length; i++) d[i] *= s;
        return new Tensor(new int[] {m, m, k, k}, d);
    }

    List<Row> convExact(int k, int m, int n) {
        String params = "k=" + k + " m=" + m + " n=" + n;
        log.accept("conv-exact " + params + ": lipschitz4j");
        Convolution conv = Convolution.circular(kernel(k, m), n, n);
        // warm-up runs let the JIT compile the per-frequency loops: the steady state is what a long run sees
        Timing.Timed<Bound> ex = Timing.best(() -> SedghiSpectrum.compute(conv).sigmaMax(), CONV_WARMUPS, repeats);
        Timing.Timed<Bound> cert = Timing.best(() -> CertifiedConvNorm.certifiedSigmaMax(conv), CONV_WARMUPS, repeats);
        String certName = String.format("certified UPPER σ_max (%.1e above exact)", cert.value().value() / ex.value().value() - 1);
        log.accept("conv-exact " + params + ": peers");
        List<Row> rows = new ArrayList<>();
        for (PeerResult p : peerRun("conv-exact", convArgs(k, m, n))) {
            rows.add(new Row("conv-exact", params, "exact spectrum (Sedghi, half spectrum)", ex.seconds(), ex.value().value(), p.peer(), p.seconds(), p.value()));
            if (p.peer().equals("numpy.rfft2+svd")) {
                rows.add(new Row("conv-certified", params, certName, cert.seconds(), cert.value().value(), p.peer(), p.seconds(), p.value()));
            }
        }
        if (rows.isEmpty()) rows.add(new Row("conv-exact", params, "exact spectrum", ex.seconds(), ex.value().value(), "-", Double.NaN, Double.NaN));
        return rows;
    }

    List<Row> convPower(int k, int m, int n) {
        String params = "k=" + k + " m=" + m + " n=" + n;
        log.accept("conv-power " + params + ": lipschitz4j");
        Convolution conv = Convolution.circular(kernel(k, m), n, n);
        // exactly 50 iterations like the peer: tolerance 0 never stops early
        Timing.Timed<Bound> pw = Timing.best(() -> ConvBounds.powerIteration(conv, 1, 0.0, 50), CONV_WARMUPS, repeats);
        log.accept("conv-power " + params + ": peers");
        List<Row> rows = new ArrayList<>();
        for (PeerResult p : peerRun("conv-power", convArgs(k, m, n))) {
            rows.add(new Row("conv-power", params, "power iteration, 50 it (certified LOWER)", pw.seconds(), pw.value().value(), p.peer(), p.seconds(), p.value()));
        }
        if (rows.isEmpty()) rows.add(new Row("conv-power", params, "power iteration, 50 it", pw.seconds(), pw.value().value(), "-", Double.NaN, Double.NaN));
        return rows;
    }

    private List<String> convArgs(int k, int m, int n) {
        return List.of("--k", Integer.toString(k), "--m", Integer.toString(m), "--n", Integer.toString(n), "--repeats", Integer.toString(repeats));
    }

    private List<PeerResult> peerRun(String c, List<String> args) {
        Peers.Run r = peers.run(c, args, 1800);
        if (r.problem() != null) log.accept("  peers: " + r.problem());
        return r.results();
    }

    /** The table as Markdown, with the machine and thread settings. */
    public static String markdown(List<Row> rows) {
        StringBuilder b = new StringBuilder();
        b.append("BLAS: ").append(Backend.describe()).append("; peers: OPENBLAS/OMP/MKL threads = 1, torch.set_num_threads(1)\n\n");
        b.append("| case | params | lipschitz4j | ours (s) | peer | peer (s) | ours/peer | our value | peer value |\n");
        b.append("|---|---|---|---:|---|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            b.append(String.format("| %s | %s | %s | %.4f | %s | %s | %s | %.6g | %s |%n", r.caseName(), r.params(), r.ours(), r.ourSeconds(), r.peer(),
                    Double.isNaN(r.peerSeconds()) ? "-" : String.format("%.4f", r.peerSeconds()),
                    Double.isNaN(r.peerSeconds()) ? "-" : String.format("%.3f", r.ratio()), r.ourValue(),
                    Double.isNaN(r.peerValue()) ? "-" : String.format("%.6g", r.peerValue())));
        }
        return b.toString();
    }
}
