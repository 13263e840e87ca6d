package io.lipschitz4j.linalg;

import org.jtransforms.fft.DoubleFFT_1D;
import org.jtransforms.fft.DoubleFFT_2D;

/**
 * Real-input FFTs of batches over JTransforms 3.2, with NumPy's conventions: the forward transform is
 * X[f] = Σ_j x[j]·e^{−2πi·f·j/n} (no scaling), the inverse carries 1/n, and the real transforms
 * return the half spectrum (last axis n/2+1 entries; the rest follows from X[−f] = conj(X[f])), as
 * {@code numpy.fft.rfft}/{@code rfft2} with an {@code n}/{@code s} argument (zero padding or
 * truncation to the given size).
 *
 * <p>Cost O(n log n) per 1-D signal, O(n₁n₂ log(n₁n₂)) per 2-D signal. Precision: the FFT error is
 * O(u·log n)·‖x‖₂ per coefficient in the 2-norm sense (Higham, <i>Accuracy and Stability</i>, §24.1);
 * certified code does not use these routines (it evaluates the DFT directly with bounded twiddles).
 */
public final class Fft {
    private Fft() {}

    /**
     * rfft of each row of a batch: signals [count, len] (C order), each zero-padded or truncated to n,
     * returns [count, 1, n/2+1].
     */
    public static ComplexBatch rfft(double[] signals, int count, int len, int n) {
        if (n < 1) throw new IllegalArgumentException("FFT size must be >= 1, got " + n);
        if (signals.length != (long) count * len) throw new IllegalArgumentException("signals need count*len values");
        int h = n / 2 + 1;
        ComplexBatch out = ComplexBatch.zeros(count, 1, h);
        DoubleFFT_1D fft = new DoubleFFT_1D(n);
        double[] a = new double[2 * n];
        for (int b = 0; b < count; b++) {
            java.util.Arrays.fill(a, 0);
            System.arraycopy(signals, b * len, a, 0, Math.min(len, n));
            fft.realForwardFull(a);
            for (int f = 0; f < h; f++) out.set(b, 0, f, a[2 * f], a[2 * f + 1]);
        }
        return out;
    }

    /** Inverse of {@link #rfft}: half spectra [count, 1, n/2+1] → real signals [count, n]. */
    public static double[] irfft(ComplexBatch half, int n) {
        int h = n / 2 + 1;
        if (half.rows() != 1 || half.cols() != h) throw new IllegalArgumentException("half spectrum must be [count, 1, " + h + "]");
        double[] out = new double[half.count() * n];
        DoubleFFT_1D fft = new DoubleFFT_1D(n);
        double[] a = new double[2 * n];
        for (int b = 0; b < half.count(); b++) {
            for (int f = 0; f < n; f++) {
                int g = f < h ? f : n - f;
                double s = f < h ? 1 : -1;
                a[2 * f] = half.re(b, 0, g);
                a[2 * f + 1] = s * half.im(b, 0, g);
            }
            fft.complexInverse(a, true);
            for (int j = 0; j < n; j++) out[b * n + j] = a[2 * j];
        }
        return out;
    }

    /**
     * rfft2 of a batch of 2-D signals [count, l₁, l₂], each zero-padded or truncated to n₁×n₂; returns
     * [count, n₁, n₂/2+1] (the half spectrum along the last axis, as {@code numpy.fft.rfft2}).
     */
    public static ComplexBatch rfft2(double[] signals, int count, int l1, int l2, int n1, int n2) {
        if (n1 < 1 || n2 < 1) throw new IllegalArgumentException("FFT sizes must be >= 1");
        if (signals.length != (long) count * l1 * l2) throw new IllegalArgumentException("signals need count*l1*l2 values");
        int h = n2 / 2 + 1;
        ComplexBatch out = ComplexBatch.zeros(count, n1, h);
        DoubleFFT_2D fft = new DoubleFFT_2D(n1, n2);
        double[] a = new double[2 * n1 * n2];
        for (int b = 0; b < count; b++) {
            java.util.Arrays.fill(a, 0);
            for (int i = 0; i < Math.min(l1, n1); i++) {
                System.arraycopy(signals, (b * l1 + i) * l2, a, i * n2, Math.min(l2, n2));
            }
            fft.realForwardFull(a);
            for (int i = 0; i < n1; i++) {
                for (int f = 0; f < h; f++) out.set(b, i, f, a[2 * (i * n2 + f)], a[2 * (i * n2 + f) + 1]);
            }
        }
        return out;
    }

    /** Inverse of {@link #rfft2}: half spectra [count, n₁, n₂/2+1] → real signals [count, n₁, n₂]. */
    public static double[] irfft2(ComplexBatch half, int n1, int n2) {
        int h = n2 / 2 + 1;
        if (half.rows() != n1 || half.cols() != h) throw new IllegalArgumentException("half spectrum must be [count, " + n1 + ", " + h + "]");
        double[] out = new double[half.count() * n1 * n2];
        DoubleFFT_2D fft = new DoubleFFT_2D(n1, n2);
        double[] a = new double[2 * n1 * n2];
        for (int b = 0; b < half.count(); b++) {
            for (int i = 0; i < n1; i++) {
                for (int f = 0; f < n2; f++) {
                    boolean direct = f < h;
                    int ii = direct ? i : (n1 - i) % n1, g = direct ? f : n2 - f;
                    a[2 * (i * n2 + f)] = half.re(b, ii, g);
                    a[2 * (i * n2 + f) + 1] = (direct ? 1 : -1) * half.im(b, ii, g);
                }
            }
            fft.complexInverse(a, true);
            for (int j = 0; j < n1 * n2; j++) out[b * n1 * n2 + j] = a[2 * j];
        }
        return out;
    }
}
