package io.lipschitz4j.tensor;

import io.lipschitz4j.linalg.Backend;
import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.linalg.Tensor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One CP-ALS sweep (3 modes + relative error) on a D³ planted rank-R tensor plus 0.01·N(0,1) noise, the
 * case of {@code ../shared/bench/peers.py cp-als --dim D --rank R}. Excluded by default; run with
 * <pre>
 *   OPENBLAS_NUM_THREADS=1 mvn -o -q -pl tensor -am test -Dbench.excluded=none -Dgroups=bench \
 *       -Dtest=CpAlsBench -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * Reported time per sweep = (min t(1 + k sweeps) − min t(1 sweep))/k over 7 runs each, so set-up (‖X‖,
 * validation) is not counted; the NumPy peer times its sweep function the same way (best of repeats).
 * The peer runs in the same JVM session, right after each Java case, as a subprocess of Debian's
 * /usr/bin/python3 with one BLAS thread (its JSON line is echoed with a "ratio" line), so both sides see
 * the same machine load. Without python3/NumPy or peers.py the Java numbers are still printed.
 */
@Tag("bench")
class CpAlsBench {
    @Test void cpAlsIteration() {
        System.out.println("backend: " + Backend.describe());
        double t1 = run(100, 10, 20);
        peer(100, 10, t1);
        double t2 = run(200, 50, 5);
        peer(200, 50, t2);
    }

    /** Runs {@code peers.py cp-als --dim D --rank R} and prints its line and ours/peer. */
    static void peer(int d, int r, double ours) {
        java.nio.file.Path script = null;
        for (java.nio.file.Path dir = java.nio.file.Path.of("").toAbsolutePath(); dir != null && script == null; dir = dir.getParent()) {
            for (String rel : new String[] {"../shared/bench/peers.py", "shared/bench/peers.py"}) {
                java.nio.file.Path p = dir.resolve(rel).normalize();
                if (java.nio.file.Files.isRegularFile(p)) script = p;
            }
        }
        if (script == null) {
            System.out.println("peers.py not found: no peer timing");
            return;
        }
        String py = java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        ProcessBuilder pb = new ProcessBuilder(py, script.toString(), "cp-als", "--dim", Integer.toString(d), "--rank", Integer.toString(r),
                "--threads", "1", "--repeats", "5").redirectErrorStream(true);
        pb.environment().put("OPENBLAS_NUM_THREADS", "1");
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.environment().put("MKL_NUM_THREADS", "1");
        try {
            Process proc = pb.start();
            String out = new String(proc.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            proc.waitFor();
            for (String line : out.split("\\n")) {
                System.out.println(line);
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"seconds\": ([0-9.eE+-]+)").matcher(line);
                if (line.startsWith("{") && m.find()) {
                    System.out.printf("ratio lipschitz4j/numpy, %d^3 rank %d: %.3f%n", d, r, ours / Double.parseDouble(m.group(1)));
                }
            }
        } catch (java.io.IOException e) {
            System.out.println("peers.py did not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static double run(int d, int r, int k) {
        CPTensor planted = CPTensor.random(0, r, d, d, d);
        Tensor x = planted.toDense();
        Tensor noise = Tensors.gaussian(1, d, d, d);
        double[] xd = x.data();
        for (int i = 0; i < xd.length; i++) xd[i] += 0.01 * noise.data()[i];
        DenseMatrix[] u = new DenseMatrix[3];
        for (int m = 0; m < 3; m++) u[m] = DenseMatrix.gaussian(d, r, 100 + m);
        CPTensor init = CPTensor.of(u);
        CpAls.Options base = CpAls.Options.defaults().initial(init).tolerance(0);
        for (int w = 0; w < 3; w++) CpAls.decompose(x, r, base.maxIterations(k + 1)); // JIT warm-up
        double best1 = Double.POSITIVE_INFINITY, bestK = Double.POSITIVE_INFINITY;
        double err = 0;
        for (int rep = 0; rep < 7; rep++) {
            long t0 = System.nanoTime();
            CpAls.decompose(x, r, base.maxIterations(1));
            long t1 = System.nanoTime();
            Fit<CPTensor> f = CpAls.decompose(x, r, base.maxIterations(k + 1));
            long t2 = System.nanoTime();
            best1 = Math.min(best1, (t1 - t0) / 1e9);
            bestK = Math.min(bestK, (t2 - t1) / 1e9);
            err = f.relativeError();
        }
        double best = (bestK - best1) / k;
        System.out.printf("{\"case\": \"cp-als\", \"params\": {\"dim\": %d, \"rank\": %d}, \"peer\": \"lipschitz4j.CpAls\", \"seconds\": %.6f, \"value\": %.6g}%n",
                d, r, best, err);
        return best;
    }
}
