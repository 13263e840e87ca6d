package io.lipschitz4j.spectral.conv;

import io.lipschitz4j.linalg.ComplexBatch;
import io.lipschitz4j.linalg.Fft;
import io.lipschitz4j.linalg.Tensor;
import java.util.Arrays;

/**
 * Singular values of 1-D circular convolutions. Single channel: the n×n circulant built from a filter
 * c (length k ≤ n, any circular shift) is diagonalized by the DFT, so its singular values are
 * |ĉ(f)|, f ∈ [0, n) (Gray, "Toeplitz and circulant matrices", Thm 3.1); computed from the rfft half
 * spectrum, f and n−f counted twice. Cost O(n log n), error O(u·log n·‖c‖₁). Multichannel:
 * {@link SedghiSpectrum} on the 1-D convolution.
 */
public final class CirculantSpectrum {
    private CirculantSpectrum() {}

    /** All n singular values of the circular convolution with filter c on n points, descending. */
    public static double[] singleChannel(double[] c, int n) {
        if (c.length > n) throw new IllegalArgumentException("filter longer than the signal: " + c.length + " > " + n);
        ComplexBatch h = Fft.rfft(c, 1, c.length, n);
        double[] s = new double[n];
        int at = 0;
        for (int f = 0; f <= n / 2; f++) {
            double v = h.abs(0, 0, f);
            s[at++] = v;
            if (f != 0 && 2 * f != n) s[at++] = v;
        }
        Arrays.sort(s);
        for (int i = 0, j = n - 1; i < j; i++, j--) { double x = s[i]; s[i] = s[j]; s[j] = x; }
        return s;
    }

    /** Multichannel 1-D circular convolution, kernel [out, in/groups, k], stride 1. */
    public static ConvSpectrum multiChannel(Tensor kernel, int n) {
        return SedghiSpectrum.compute(Convolution.circular(kernel, n));
    }
}
