/**
 * Spectral norms ‖W‖₂ = σ₁(W) and whole singular spectra of dense matrices
 * ({@code io.lipschitz4j.spectral.dense}) and convolutions ({@code io.lipschitz4j.spectral.conv}).
 * Every method returns a {@link io.lipschitz4j.spectral.Bound} that says what its number is: EXACT,
 * a certified UPPER or LOWER bound (certified in floating point, rounding included), or an ESTIMATE.
 */
package io.lipschitz4j.spectral;
