/**
 * Evaluation of trained networks in float64: accuracy, per-layer and product Lipschitz bounds
 * ({@link io.lipschitz4j.nn.eval.LipschitzBounds}, certified UPPER from the spectral engine),
 * certified radii r = margin/(√2·L) and certified accuracy at ℓ₂ radii
 * ({@link io.lipschitz4j.nn.eval.Evaluation}), and an ℓ₂ PGD attack ({@link io.lipschitz4j.nn.eval.Pgd})
 * that checks no certified input is broken. Entry point: {@link io.lipschitz4j.nn.eval.Evaluation#run}.
 */
package io.lipschitz4j.nn.eval;
