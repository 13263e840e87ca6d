package io.lipschitz4j.spectral.conv;

import io.lipschitz4j.linalg.HermitianEigen;
import io.lipschitz4j.linalg.HermitianCholesky;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("bench")
class ProfileBench {
    @Test
    void profile() {
        for (int[] c : new int[][] {{64, 32}, {128, 32}}) {
            int m = c[0], n = c[1];
            Convolution conv = Convolution.circular(ConvSpectrumBench.kernel(m, 3), n, n);
            for (int rep = 0; rep < 4; rep++) {
                long t0 = System.nanoTime();
                TapGrams t = TapGrams.of(conv, 0, 3, 0);
                long t1 = System.nanoTime();
                List<FrequencyGrid.Frequency> cl = FrequencyGrid.halfSpectrum(n, n);
                double[] hr = new double[m * m], hi = new double[m * m], a = new double[m * m], b = new double[m * m];
                long tg = 0, te = 0, tc = 0, ts = 0;
                HermitianEigen eig = new HermitianEigen(m);
                double[] d = new double[m], e = new double[m], c1 = new double[m], c2 = new double[m];
                for (FrequencyGrid.Frequency f : cl) {
                    long s0 = System.nanoTime();
                    t.gramAt(f.g1(), f.g2(), hr, hi);
                    long s1 = System.nanoTime();
                    System.arraycopy(hr, 0, a, 0, m * m); System.arraycopy(hi, 0, b, 0, m * m);
                    eig.tridiagonalizeInPlace(hr, hi, m, d, e);
                    long s2 = System.nanoTime();
                    io.lipschitz4j.linalg.Lapack.tridiagonalEigenvaluesInPlace(d, e, m);
                    long s3 = System.nanoTime();
                    for (int i = 0; i < m; i++) a[i * m + i] = 1e3 - a[i * m + i];
                    HermitianCholesky.factorInPlace(a, b, m, c1, c2);
                    long s4 = System.nanoTime();
                    tg += s1 - s0; te += s2 - s1; ts += s3 - s2; tc += s4 - s3;
                }
                System.out.printf("m=%d n=%d grams %.1f ms, gramAt %.1f ms, tridiag %.1f ms, dsterf %.1f ms, chol %.1f ms%n",
                        m, n, (t1 - t0) * 1e-6, tg * 1e-6, te * 1e-6, ts * 1e-6, tc * 1e-6);
            }
        }
    }
}
