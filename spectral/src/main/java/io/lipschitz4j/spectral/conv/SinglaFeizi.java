package io.lipschitz4j.spectral.conv;

import static io.lipschitz4j.linalg.Rounding.mulUp;
import static io.lipschitz4j.linalg.Rounding.sqrtUp;

import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.spectral.dense.GramIteration;
import io.lipschitz4j.linalg.Tensor;
import io.lipschitz4j.spectral.Bound;
import io.lipschitz4j.spectral.BoundKind;
import java.time.Duration;

/**
 * The "Fantastic Four" bound of Singla &amp; Feizi (ICLR 2021, "Fantastic Four: Differentiable and
 * Efficient Bounds on Singular Values of Convolution Layers", main theorem):
 * <pre>  ‖A‖₂ ≤ √(k₁k₂) · min(‖R‖₂, ‖S‖₂, ‖T‖₂, ‖U‖₂)</pre>
 * with R, S, T, U the four kernel unfoldings of {@link KernelReshapes}.
 *
 * <p>Why it holds (our proof, which covers every geometry this library has): the convolution on ℓ²(ℤ²)
 * with kernel K has symbol P(ω) = Σ_ab K_ab·e^{i(ω₁a d₁ + ω₂b d₂)} and norm sup_ω ‖P(ω)‖₂. With the
 * unimodular vectors α_a = e^{iω₁ad₁}, β_b = e^{iω₂bd₂}, φ = α ⊗ β:
 * P = (φᵀ⊗I)U = T(φ⊗I) = (αᵀ⊗I)R(β⊗I) = (βᵀ⊗I)S(α⊗I), and ‖φ‖ = √(k₁k₂), ‖α‖ = √k₁, ‖β‖ = √k₂.
 * A CIRCULAR convolution on any n has norm max over the grid frequencies ≤ the sup (aliased taps
 * included, dilation included); a ZERO-padded one is a compression (zero extension then restriction)
 * of the ℓ²(ℤ²) one; a strided one is a row subsampling of the stride-1 one; a grouped one is the
 * max over its groups (applied by {@link Groups}). So the bound is an upper bound for all of them.
 *
 * <p>Certified: each ‖·‖₂ is a certified upper bound from {@link GramIteration} (Gram iteration
 * with rounding terms) and the product is rounded up, so the kind is UPPER. Cost: four Gram
 * iterations on matrices of order ≤ max(out, in)·max(k₁, k₂)·…, O(T·(out·k₁k₂)³) at worst.
 */
final class SinglaFeizi {
    /** Certified UPPER bound of each reshaped matrix (Gram iteration with rounding terms). */
    private static final GramIteration RESHAPE_NORM = new GramIteration();

    private SinglaFeizi() {}

    /** The bound for one group (groups = 1 geometry, or any conv if the kernel is treated as a whole). */
    static Bound upper(Convolution conv) {
        long t0 = System.nanoTime();
        Tensor k = conv.kernel();
        double best = Double.POSITIVE_INFINITY;
        for (DenseMatrix m : new DenseMatrix[] {KernelReshapes.rowsByFirstAxis(k), KernelReshapes.rowsBySecondAxis(k),
                KernelReshapes.horizontal(k), KernelReshapes.vertical(k)}) {
            best = Math.min(best, RESHAPE_NORM.norm(m).value());
        }
        int taps = conv.kernelSize(0) * (conv.spatialDims() == 2 ? conv.kernelSize(1) : 1);
        double v = mulUp(sqrtUp(taps), best);
        return Bound.direct(v, BoundKind.UPPER, 0, "singla-feizi", Duration.ofNanos(System.nanoTime() - t0));
    }
}
