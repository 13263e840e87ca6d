package io.lipschitz4j.spectral.conv;

import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.spectral.Bound;
import io.lipschitz4j.spectral.BoundKind;
import io.lipschitz4j.spectral.Status;
import io.lipschitz4j.spectral.dense.CholeskyCertificate;
import java.time.Duration;

/**
 * 1×1 (pointwise) convolutions. Each output pixel reads at most one input pixel and each input pixel
 * is read by at most one output pixel (one kernel tap), so with any stride, dilation, padding and input
 * size the operator is, up to permutations, (selection of pixels) ⊗ blockdiag_g(W_g), where W_g is the
 * (m_out/G)×(m_in/G) channel matrix of group g: ‖·‖₂ ≤ max_g ‖W_g‖₂, with equality as soon as one
 * output pixel reads an input pixel (always, unless the padding swallows every output). The channel
 * norms are certified by {@link CholeskyCertificate}, so this is an UPPER at the cost of one small
 * dense certificate instead of one per frequency.
 */
final class Pointwise {
    private Pointwise() {}

    static boolean applies(Convolution c) {
        for (int a = 0; a < c.spatialDims(); a++) if (c.kernelSize(a) != 1) return false;
        return true;
    }

    /** Certified UPPER max_g ‖W_g‖₂; relTol as in {@link CertifiedConvNorm#certifiedSigmaMax(Convolution, double)}. */
    static Bound upper(Convolution c, double relTol) {
        long t0 = System.nanoTime();
        int groups = c.groups(), og = c.outChannels() / groups, ig = c.kernel().dim(1);
        double[] k = c.kernel().data(); // [out, in/G, 1, …]: group g's rows are contiguous
        CholeskyCertificate method = new CholeskyCertificate(0, Math.min(relTol, 1e-6), 6);
        double value = 0, err = 0;
        int iterations = 0;
        Status status = Status.CONVERGED;
        for (int g = 0; g < groups; g++) {
            double[] w = java.util.Arrays.copyOfRange(k, g * og * ig, (g + 1) * og * ig);
            Bound b = method.norm(new DenseMatrix(og, ig, w));
            value = Math.max(value, b.value());
            err = Math.max(err, b.errorTerm());
            iterations += b.iterations();
            if (b.status() != Status.CONVERGED) status = b.status();
        }
        return new Bound(value, BoundKind.UPPER, err, "pointwise 1x1: cholesky-certificate of the channel matrices", iterations,
                status, relTol, Duration.ofNanos(System.nanoTime() - t0));
    }
}
