package io.lipschitz4j.spectral.conv;

import io.lipschitz4j.spectral.Bound;

/**
 * All singular values of a circular convolution and where they come from.
 *
 * @param values          all min(rows, cols) singular values of the operator, descending, with
 *                        multiplicity
 * @param perFrequencyMax σ_max of the block at each output frequency (g₁, g₂), C-order o₁×o₂ grid
 *                        (largest over groups), for plots
 * @param grid1           o₁ (1 for a 1-D convolution)
 * @param grid2           o₂
 * @param sigmaMax        the largest value as an EXACT bound whose error term is the stated tolerance
 * @param refined         number of frequency classes recomputed with the accurate (non-Gram) SVD
 *                        because small singular values there would lose accuracy through the Gram
 */
public record ConvSpectrum(double[] values, double[] perFrequencyMax, int grid1, int grid2, Bound sigmaMax, int refined) {
    /** σ_max at output frequency (g1, g2). */
    public double maxAt(int g1, int g2) { return perFrequencyMax[g1 * grid2 + g2]; }
}
