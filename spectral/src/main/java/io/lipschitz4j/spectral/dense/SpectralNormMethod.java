package io.lipschitz4j.spectral.dense;

import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.spectral.Bound;
import java.util.List;

/**
 * A way to compute σ₁(W) = ‖W‖₂ of a dense matrix (EJML-style concept interface; implementations are
 * chosen by name with {@link DenseMethod}). Implementations are immutable and thread-safe.
 *
 * @throws IllegalArgumentException (from every method) when W has NaN or infinite entries
 */
public interface SpectralNormMethod {
    /** The method's primary result (its kind says what it is). */
    Bound norm(DenseMatrix w);

    /**
     * All bounds the method produces in one run, primary first; e.g. Lanczos gives an ESTIMATE and a
     * certified LOWER bound from its Ritz vector. Default: just {@link #norm}.
     */
    default List<Bound> bounds(DenseMatrix w) { return List.of(norm(w)); }

    /** The method's name as used by {@link DenseMethod#byName}. */
    String name();
}
