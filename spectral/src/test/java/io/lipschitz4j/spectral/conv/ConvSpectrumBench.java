package io.lipschitz4j.spectral.conv;

import io.lipschitz4j.linalg.Backend;
import io.lipschitz4j.linalg.Gaussian;
import io.lipschitz4j.linalg.Tensor;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Timings for the conv-exact case of {@code /work/shared/bench/peers.py} (k = 3, m→m channels, n×n,
 * kernel N(0,1)/√(k²m)). Run: {@code OPENBLAS_NUM_THREADS=1 mvn -o -q -pl spectral -am test
 * -Dtest=ConvSpectrumBench -Dbench.excluded=none -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("bench")
class ConvSpectrumBench {
    static Tensor kernel(int m, int k) {
        SplittableRandom r = new SplittableRandom(0);
        Tensor t = Tensor.zeros(m, m, k, k);
        double s = 1 / Math.sqrt(k * k * m);
        for (int i = 0; i < t.size(); i++) t.data()[i] = s * Gaussian.next(r);
        return t;
    }

    /** Best wall time of {@code repeats} runs; {@link #lastCpu} gets the best thread CPU time (robust on a loaded machine). */
    static double best(int repeats, Supplier<Object> f) {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        double b = Double.POSITIVE_INFINITY, c = Double.POSITIVE_INFINITY;
        for (int i = 0; i < repeats; i++) {
            long c0 = mx.getCurrentThreadCpuTime(), t0 = System.nanoTime();
            f.get();
            b = Math.min(b, (System.nanoTime() - t0) * 1e-9);
            c = Math.min(c, (mx.getCurrentThreadCpuTime() - c0) * 1e-9);
        }
        lastCpu = c;
        return b;
    }

    static double lastCpu;

    @Test
    void convExact() {
        System.out.println("backend " + Backend.describe());
        for (int[] c : new int[][] {{64, 32}, {128, 32}, {64, 64}}) {
            int m = c[0], n = c[1];
            Convolution conv = Convolution.circular(kernel(m, 3), n, n);
            best(8, () -> SedghiSpectrum.compute(conv)); // warm-up (C2 needs a few runs for the vectorized loops)
            ConvSpectrum s = SedghiSpectrum.compute(conv);
            double t = best(5, () -> SedghiSpectrum.compute(conv));
            System.out.printf("conv-exact k=3 m=%d n=%d sedghi-gram-tridiagonal %.4f s (cpu %.4f s)  sigmaMax=%.15g refined=%d%n",
                    m, n, t, lastCpu, s.sigmaMax().value(), s.refined());
            best(2, () -> CertifiedConvNorm.certifiedSigmaMax(conv));
            io.lipschitz4j.spectral.Bound u = CertifiedConvNorm.certifiedSigmaMax(conv);
            double tc = best(5, () -> CertifiedConvNorm.certifiedSigmaMax(conv));
            System.out.printf("conv-certified k=3 m=%d n=%d sedghi-cholesky %.4f s (cpu %.4f s)  upper=%.15g (upper/exact-1 = %.2e, raises %d)%n",
                    m, n, tc, lastCpu, u.value(), u.value() / s.sigmaMax().value() - 1, u.iterations());
        }
    }
}
