/**
 * Graph-level certified Lipschitz bounds of {@code io.lipschitz4j.nn} networks, lower bounds, and
 * certified robustness radii.
 *
 * <p>Public API (all results are immutable records):
 * <ul>
 *   <li>{@link io.lipschitz4j.certify.GraphBound#of} — certified ℓ₂ UPPER bound of a Sequential, Graph
 *       or nested network: a {@link io.lipschitz4j.certify.NetworkBound} with one
 *       {@link io.lipschitz4j.certify.NodeBound} per node (name, op, output shape, method, kind, local
 *       constants per input, cumulative bound, error term, seconds, loose flag, notes), configured by
 *       {@link io.lipschitz4j.certify.CertifyOptions} (conv tolerance, input box, merging).</li>
 *   <li>{@link io.lipschitz4j.certify.LinearChainMerger} — the linear-chain merging step on its own
 *       (folded BatchNorm, multiplied Dense chains), returning an nn Graph with the same function.</li>
 *   <li>{@link io.lipschitz4j.certify.ActivationConstants} — exact constants of activations, derived in
 *       its javadoc.</li>
 *   <li>{@link io.lipschitz4j.certify.IntervalPropagation} — sound interval enclosures of every node
 *       over an {@link io.lipschitz4j.certify.InputBox} (used for products and for rounding-safe
 *       margins).</li>
 *   <li>{@link io.lipschitz4j.certify.JacobianLowerBound} — certified LOWER bound (sampled Jacobians,
 *       local search, difference-quotient ascent, enclosure-checked); compare with the upper bound
 *       through {@code Result.ratioTo(upper)}.</li>
 *   <li>{@link io.lipschitz4j.certify.CertifiedRadius} — per-input certified radii (global and
 *       per-logit-pair forms) and certified-accuracy curves.</li>
 *   <li>{@link io.lipschitz4j.certify.ExactReluLipschitz} — exact constant of small ReLU networks on a
 *       box (test oracle; ojalgo LPs).</li>
 *   <li>{@link io.lipschitz4j.certify.Resnet18} — a seeded ResNet-18 graph (example and benchmark).</li>
 * </ul>
 *
 * <p>Node names are '/'-joined paths through nested Sequential (by position) and Graph (by name)
 * networks; merged linear chains join names with '+'. Bounds are ℓ₂ → ℓ₂ and certified in floating
 * point; a product of two varying values has no global constant and makes the bound +∞ unless an input
 * box is given (then the bound holds on the box only, and the notes say so).
 *
 * <p>Depends on nn (the layers) and spectral (certified operator norms, {@code Bound}).
 */
package io.lipschitz4j.certify;
