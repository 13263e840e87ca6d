/**
 * Every way to compute or bound ‖W‖₂ = σ₁(W) of a dense matrix: exact SVD, power iteration, ARPACK
 * Lanczos, randomized range finder, alternating least squares, certified Gram iteration and the
 * certified Cholesky upper bound, chosen by name through {@link io.lipschitz4j.spectral.dense.DenseMethod}.
 * {@link io.lipschitz4j.spectral.dense.DenseSandwich} combines a certified lower and upper bound;
 * {@link io.lipschitz4j.spectral.dense.DenseSoundness} checks them on many random and nasty cases.
 *
 * <p>Conventions: every method first scales W by an exact power of two 2^e (max |w| in [1, 2)) and
 * orients it tall ({@link io.lipschitz4j.spectral.dense.Scaled}), so inputs of size 1e±150 neither
 * overflow nor underflow in WᵀW; certified values are unscaled with outward rounding.
 */
package io.lipschitz4j.spectral.dense;
