package io.lipschitz4j.spectral.conv;

import io.lipschitz4j.linalg.Tensor;
import java.util.Arrays;

/**
 * A 1-D or 2-D multichannel convolution layer as a linear map, in PyTorch/ONNX conventions
 * (cross-correlation, kernel layout [out, in/groups, k₁(, k₂)], channel-first C-order inputs
 * [in, n₁(, n₂)] and outputs [out, o₁(, o₂)]).
 *
 * <p>Per spatial axis with input size n, kernel size k, stride s, dilation d and padding p:
 * <ul>
 *   <li>{@link Padding#ZERO}: output size o = ⌊(n + 2p − d(k−1) − 1)/s⌋ + 1 and
 *       y[i] = Σ_a K[a]·x[i·s + a·d − p] with x = 0 outside [0, n) (PyTorch {@code Conv2d}).</li>
 *   <li>{@link Padding#CIRCULAR}: output size o = ⌈n/s⌉ and y[i] = Σ_a K[a]·x[(i·s + a·d − p) mod n]
 *       with p = d·⌊k/2⌋, which for stride 1 is the "same"-size circular convolution of Sedghi et
 *       al. (2019). The offset p only relabels the input (an orthogonal shift), so singular values
 *       do not depend on it.</li>
 * </ul>
 * Groups split input and output channels into {@code groups} blocks; block g maps input channels
 * [g·in/groups, (g+1)·in/groups) to output channels [g·out/groups, (g+1)·out/groups).
 *
 * @param kernel    weights [out, in/groups, k₁] (1-D) or [out, in/groups, k₁, k₂] (2-D)
 * @param inputSize spatial input size, one entry per spatial axis
 * @param padding   CIRCULAR or ZERO
 * @param pad       zero-padding amount per axis (ignored for CIRCULAR, where it is d·⌊k/2⌋)
 * @param stride    stride per axis (≥ 1)
 * @param dilation  dilation per axis (≥ 1)
 * @param groups    number of groups (divides in and out channels)
 */
public record Convolution(Tensor kernel, int[] inputSize, Padding padding, int[] pad, int[] stride,
                          int[] dilation, int groups) {

    public Convolution {
        int sd = kernel.rank() - 2;
        if (sd != 1 && sd != 2) {
            throw new IllegalArgumentException("kernel must be [out, in/groups, k] or [out, in/groups, kH, kW], got shape "
                    + Arrays.toString(kernel.shape()));
        }
        inputSize = checkAxes("input size", inputSize, sd, 1);
        pad = checkAxes("padding", pad, sd, 0);
        stride = checkAxes("stride", stride, sd, 1);
        dilation = checkAxes("dilation", dilation, sd, 1);
        if (groups < 1) throw new IllegalArgumentException("groups must be >= 1, got " + groups);
        if (kernel.dim(0) % groups != 0) {
            throw new IllegalArgumentException("output channels " + kernel.dim(0) + " not divisible by groups " + groups);
        }
        for (int a = 0; a < sd; a++) {
            int k = kernel.dim(2 + a);
            if (k < 1) throw new IllegalArgumentException("empty kernel axis " + a);
            if (padding == Padding.ZERO && inputSize[a] + 2 * pad[a] - dilation[a] * (k - 1) < 1) {
                throw new IllegalArgumentException("kernel extent " + (dilation[a] * (k - 1) + 1) + " exceeds padded input "
                        + (inputSize[a] + 2 * pad[a]) + " on spatial axis " + a);
            }
        }
        if (kernel.firstNonFinite() >= 0) {
            throw new IllegalArgumentException("kernel has a NaN or infinite entry at flat index " + kernel.firstNonFinite());
        }
    }

    /** Circular 2-D convolution, stride 1, no dilation, one group: the Sedghi et al. setting. */
    public static Convolution circular(Tensor kernel, int... inputSize) {
        int sd = kernel.rank() - 2;
        return new Convolution(kernel, inputSize, Padding.CIRCULAR, new int[sd], ones(sd), ones(sd), 1);
    }

    /** Zero-padded "same" convolution (p = ⌊(k−1)/2⌋ per axis), stride 1, no dilation, one group. */
    public static Convolution zeroPadded(Tensor kernel, int... inputSize) {
        int sd = kernel.rank() - 2;
        int[] p = new int[sd];
        for (int a = 0; a < sd; a++) p[a] = (kernel.dim(2 + a) - 1) / 2;
        return new Convolution(kernel, inputSize, Padding.ZERO, p, ones(sd), ones(sd), 1);
    }

    public int spatialDims() { return kernel.rank() - 2; }
    public int outChannels() { return kernel.dim(0); }
    public int inChannels() { return kernel.dim(1) * groups; }
    public int kernelSize(int axis) { return kernel.dim(2 + axis); }

    /** Output spatial size along an axis (see the class comment). */
    public int outputSize(int axis) {
        int n = inputSize[axis], s = stride[axis];
        if (padding == Padding.CIRCULAR) return (n + s - 1) / s;
        return (n + 2 * pad[axis] - dilation[axis] * (kernelSize(axis) - 1) - 1) / s + 1;
    }

    /** Left offset p of the input index i·s + a·d − p along an axis. */
    public int offset(int axis) {
        return padding == Padding.CIRCULAR ? dilation[axis] * (kernelSize(axis) / 2) : pad[axis];
    }

    /** Dimension of the input space: in · n₁ (· n₂). */
    public int inputDim() {
        int d = inChannels();
        for (int n : inputSize) d = Math.multiplyExact(d, n);
        return d;
    }

    /** Dimension of the output space: out · o₁ (· o₂). */
    public int outputDim() {
        int d = outChannels();
        for (int a = 0; a < spatialDims(); a++) d = Math.multiplyExact(d, outputSize(a));
        return d;
    }

    /** True for stride 1 everywhere. */
    public boolean unitStride() { return Arrays.stream(stride).allMatch(s -> s == 1); }

    // records copy arrays defensively on the way out too
    @Override public int[] inputSize() { return inputSize.clone(); }
    @Override public int[] pad() { return pad.clone(); }
    @Override public int[] stride() { return stride.clone(); }
    @Override public int[] dilation() { return dilation.clone(); }

    private static int[] checkAxes(String what, int[] v, int sd, int min) {
        if (v == null || v.length != sd) {
            throw new IllegalArgumentException(what + " needs " + sd + " entr" + (sd == 1 ? "y" : "ies") + " for a "
                    + sd + "-D kernel, got " + (v == null ? "none" : Arrays.toString(v)));
        }
        for (int x : v) if (x < min) throw new IllegalArgumentException(what + " must be >= " + min + ", got " + Arrays.toString(v));
        return v.clone();
    }

    private static int[] ones(int n) {
        int[] o = new int[n];
        Arrays.fill(o, 1);
        return o;
    }
}
