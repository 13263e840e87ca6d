package io.lipschitz4j.spectral.dense;

import io.lipschitz4j.linalg.Backend;
import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.spectral.Sandwich;

/**
 * Not a unit test: times the certified sandwich on N×N Gaussians (seed 0), to compare with
 * {@code python3 /work/shared/bench/peers.py dense-norm --n N}. Run with OPENBLAS_NUM_THREADS=1:
 * {@code java -cp ... io.lipschitz4j.spectral.dense.DenseSandwichBench 1000 2000 4000}.
 */
public final class DenseSandwichBench {
    public static void main(String[] args) {
        System.out.println("backend: " + Backend.describe());
        for (String a : args) {
            int n = Integer.parseInt(a);
            DenseMatrix w = DenseMatrix.gaussian(n, n, 0);
            DenseSandwich.sandwich(DenseMatrix.gaussian(200, 200, 1), 1e-10); // warm-up
            long best = Long.MAX_VALUE;
            Sandwich s = null;
            for (int r = 0; r < 2; r++) {
                long t0 = System.nanoTime();
                s = DenseSandwich.sandwich(w, 1e-10);
                best = Math.min(best, System.nanoTime() - t0);
            }
            long t0 = System.nanoTime();
            var lz = new LanczosNorm(0, 1e-10, 300).bounds(w);
            long tl = System.nanoTime() - t0;
            System.out.printf("n=%d sandwich %.3f s  lower %.15g upper %.15g gap %.2e  (lanczos part %.3f s, cholesky part %.3f s, upper status %s, cert rel err %.2e); lanczos alone %.3f s%n",
                    n, best / 1e9, s.lower().value(), s.upper().value(), s.relativeGap(), s.lower().time().toNanos() / 1e9,
                    s.upper().time().toNanos() / 1e9, s.upper().status(), s.upper().residual(), tl / 1e9);
        }
    }
}
