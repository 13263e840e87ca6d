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
 * </ul>
 *
 * <p>Depends on nn (the layers) and spectral (certified operator norms, {@code Bound}).
 */
package io.lipschitz4j.certify;
