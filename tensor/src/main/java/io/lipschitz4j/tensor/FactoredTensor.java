package io.lipschitz4j.tensor;

import io.lipschitz4j.linalg.Tensor;

/**
 * A tensor held in factored form (CP, Tucker, TT, HT): norms and reconstruction errors come from inner
 * products of the factors, ‖Y − X‖² = ‖Y‖² − 2⟨Y, X⟩ + ‖X‖², without forming X — except where that
 * expansion cancels (relative error below 1e-5, i.e. e² below 1e-10·‖Y‖²), where X is densified once so
 * that small errors are reported to full precision.
 */
public interface FactoredTensor {
    /** The full tensor (C order). */
    Tensor toDense();

    /** ⟨X, Y⟩ with a dense Y, without densifying X. */
    double inner(Tensor y);

    /** ⟨X, X⟩ from the factors. */
    double selfInner();

    /** ‖X‖_F from the factors. */
    default double norm() { return Math.sqrt(Math.max(0, selfInner())); }

    /** ‖Y − X‖_F (see the interface comment). */
    default double reconstructionError(Tensor y) {
        double ny = Tensors.norm(y);
        double e2 = ny * ny - 2 * inner(y) + selfInner();
        if (!(e2 > 1e-10 * ny * ny)) return Tensors.distance(y, toDense());
        return Math.sqrt(e2);
    }

    /** ‖Y − X‖_F / ‖Y‖_F; 0 when both are 0, +∞ when only Y is. */
    default double relativeError(Tensor y) {
        double ny = Tensors.norm(y);
        return ny == 0 ? (norm() == 0 ? 0 : Double.POSITIVE_INFINITY) : reconstructionError(y) / ny;
    }
}
