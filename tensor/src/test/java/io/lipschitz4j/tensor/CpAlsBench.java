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
 */
@Tag("bench")
class CpAlsBench {
    @Test void cpAlsIteration() {
        System.out.println("backend: " + Backend.describe());
        run(100, 10, 20);
        run(200, 50, 5);
    }

    static void run(int d, int r, int k) {
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
    }
}
