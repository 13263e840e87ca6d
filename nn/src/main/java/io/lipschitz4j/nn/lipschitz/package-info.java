/**
 * Lipschitz control of training: hooks that constrain the weights after each optimizer step and
 * penalties added to the loss, chosen by name with {@link io.lipschitz4j.nn.lipschitz.Controls#byName}:
 * <ul>
 *   <li>{@link io.lipschitz4j.nn.lipschitz.Projection} — Gouk, Frank, Pfahringer and Cree, "Regularisation
 *       of neural networks by enforcing Lipschitz continuity", Machine Learning 110 (2021), Alg. 1:
 *       π_λ(W) = W / max(1, ‖W‖₂/λ);</li>
 *   <li>{@link io.lipschitz4j.nn.lipschitz.SpectralNormalization} — Miyato, Kataoka, Koyama and Yoshida,
 *       "Spectral normalization for generative adversarial networks", ICLR 2018, Alg. 1: W/σ̂ with one
 *       persistent power-iteration step per update;</li>
 *   <li>{@link io.lipschitz4j.nn.lipschitz.SingularValueClipping} — Sedghi, Gupta and Long, "The singular
 *       values of convolutional layers", ICLR 2019, Alg. 1 (frequency-domain clipping, then projection
 *       onto the k×k support);</li>
 *   <li>{@link io.lipschitz4j.nn.lipschitz.OrthogonalityPenalty} — λ‖WᵀW − I‖²_F.</li>
 * </ul>
 * Per-layer norms come from the spectral engine ({@code io.lipschitz4j.spectral}):
 * {@link io.lipschitz4j.nn.lipschitz.LayerNorms} maps a {@link io.lipschitz4j.nn.Conv2d} with its real
 * geometry (input size, padding, stride, dilation, groups) to a spectral {@code Convolution} and gives
 * certified upper bounds. Depends on {@code spectral} (DESIGN: spectral ← nn).
 */
package io.lipschitz4j.nn.lipschitz;
