package io.lipschitz4j.nn;

/**
 * Hyper-parameters of a {@link Conv2d}, as PyTorch's {@code nn.Conv2d} takes them. Build with
 * {@link #of} and the {@code with…} methods:
 * {@code Conv2dSpec.of(16, 32, 3).withStride(2).withPadding(1)}.
 *
 * @param inChannels  C (divisible by groups)
 * @param outChannels O (divisible by groups)
 * @param kH          kernel height
 * @param kW          kernel width
 * @param sH          stride along H (≥ 1)
 * @param sW          stride along W (≥ 1)
 * @param pH          padding along H on each side (≥ 0)
 * @param pW          padding along W on each side (≥ 0)
 * @param dH          dilation along H (≥ 1)
 * @param dW          dilation along W (≥ 1)
 * @param groups      number of groups
 * @param mode        zero or circular padding
 * @param bias        whether the layer has a bias [O]
 */
public record Conv2dSpec(int inChannels, int outChannels, int kH, int kW, int sH, int sW, int pH, int pW,
                         int dH, int dW, int groups, PaddingMode mode, boolean bias) {

    public Conv2dSpec {
        if (inChannels < 1 || outChannels < 1 || kH < 1 || kW < 1 || sH < 1 || sW < 1 || dH < 1 || dW < 1
                || pH < 0 || pW < 0 || groups < 1) {
            throw new IllegalArgumentException("invalid Conv2d hyper-parameters " + this);
        }
        if (inChannels % groups != 0 || outChannels % groups != 0) {
            throw new IllegalArgumentException("channels " + inChannels + " -> " + outChannels + " not divisible by groups " + groups);
        }
        if (mode == null) throw new IllegalArgumentException("padding mode is null");
    }

    /** Square kernel k, stride 1, no padding, no dilation, one group, zero padding mode, with bias. */
    public static Conv2dSpec of(int in, int out, int k) {
        return new Conv2dSpec(in, out, k, k, 1, 1, 0, 0, 1, 1, 1, PaddingMode.ZEROS, true);
    }

    public Conv2dSpec withKernel(int kh, int kw) { return new Conv2dSpec(inChannels, outChannels, kh, kw, sH, sW, pH, pW, dH, dW, groups, mode, bias); }
    public Conv2dSpec withStride(int s) { return withStride(s, s); }
    public Conv2dSpec withStride(int sh, int sw) { return new Conv2dSpec(inChannels, outChannels, kH, kW, sh, sw, pH, pW, dH, dW, groups, mode, bias); }
    public Conv2dSpec withPadding(int p) { return withPadding(p, p); }
    public Conv2dSpec withPadding(int ph, int pw) { return new Conv2dSpec(inChannels, outChannels, kH, kW, sH, sW, ph, pw, dH, dW, groups, mode, bias); }
    public Conv2dSpec withDilation(int d) { return withDilation(d, d); }
    public Conv2dSpec withDilation(int dh, int dw) { return new Conv2dSpec(inChannels, outChannels, kH, kW, sH, sW, pH, pW, dh, dw, groups, mode, bias); }
    public Conv2dSpec withGroups(int g) { return new Conv2dSpec(inChannels, outChannels, kH, kW, sH, sW, pH, pW, dH, dW, g, mode, bias); }
    public Conv2dSpec withMode(PaddingMode m) { return new Conv2dSpec(inChannels, outChannels, kH, kW, sH, sW, pH, pW, dH, dW, groups, m, bias); }
    public Conv2dSpec withBias(boolean b) { return new Conv2dSpec(inChannels, outChannels, kH, kW, sH, sW, pH, pW, dH, dW, groups, mode, b); }

    /** Output size along one axis: ⌊(n + 2p − d(k−1) − 1)/s⌋ + 1 (both padding modes, as in PyTorch). */
    public static int outSize(int n, int k, int s, int p, int d) {
        int span = n + 2 * p - d * (k - 1) - 1;
        if (span < 0) throw new IllegalArgumentException("kernel extent " + (d * (k - 1) + 1) + " exceeds padded input " + (n + 2 * p));
        return span / s + 1;
    }
}
