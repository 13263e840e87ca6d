package io.lipschitz4j.spectral.conv;

import io.lipschitz4j.linalg.Lapack;

/** Reference σ_max of a small convolution: LAPACK SVD of the dense matrix built from impulses. */
final class Exact {
    private Exact() {}

    /**
     * LAPACK's σ₁ carries a relative error of a modest multiple of u; a certified bound that is tight
     * may land on the other side of it by that much, so comparisons allow this relative slack.
     */
    static final double LAPACK_REL = 1e-13;

    static double sigmaMax(Convolution c) {
        double[] s = Lapack.singularValues(new ConvOperator(c).toDense());
        return s.length == 0 ? 0 : s[0];
    }
}
