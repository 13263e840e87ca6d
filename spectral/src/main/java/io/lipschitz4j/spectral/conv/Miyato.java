package io.lipschitz4j.spectral.conv;

import io.lipschitz4j.linalg.Lapack;
import io.lipschitz4j.spectral.Bound;
import io.lipschitz4j.spectral.BoundKind;
import java.time.Duration;

/**
 * The spectral-normalization number of Miyato et al. (2018, "Spectral Normalization for Generative
 * Adversarial Networks", ICLR): σ₁ of the stored kernel reshaped to [out, (in/groups)·k₁·k₂], as
 * PyTorch's {@code spectral_norm} computes it. Kind ESTIMATE: it is neither an upper nor a lower bound
 * of the convolution's norm in general (the conv norm can exceed it by up to √(k₁k₂), see
 * {@link SinglaFeizi}, and can be below it, e.g. for small zero-padded inputs or strides). Here σ₁ is
 * taken from LAPACK dgesdd (no power iteration), so the number is the definition's, not an iterate.
 * Cost O(out²·in·k₁k₂) (the SVD of the reshape).
 */
final class Miyato {
    private Miyato() {}

    static Bound estimate(Convolution conv) {
        long t0 = System.nanoTime();
        double[] s = Lapack.singularValues(KernelReshapes.miyato(conv.kernel()));
        double v = s.length == 0 ? 0 : s[0];
        return Bound.direct(v, BoundKind.ESTIMATE, 0, "miyato-reshape", Duration.ofNanos(System.nanoTime() - t0));
    }
}
