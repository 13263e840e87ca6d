package io.lipschitz4j.cli;

import io.lipschitz4j.linalg.Tensor;
import io.lipschitz4j.spectral.conv.Convolution;
import io.lipschitz4j.spectral.conv.Padding;
import java.nio.file.Path;
import java.util.Arrays;

/** Builds a {@link Convolution} from a kernel file and the geometry flags, with messages that name the file and the flag. */
final class Geometry {
    private Geometry() {}

    static Convolution of(Path file, Tensor kernel, String input, Padding padding, String pad, String stride,
                          String dilation, int groups) {
        int sd = kernel.rank() - 2;
        if (sd != 1 && sd != 2) {
            throw new UserException(file + ": kernel shape " + Arrays.toString(kernel.shape())
                    + " is not a convolution kernel (expected [out, in/groups, k] or [out, in/groups, kH, kW])");
        }
        if (groups < 1) throw new UserException("--groups must be >= 1, got " + groups);
        if (kernel.dim(0) % groups != 0) {
            throw new UserException(file + ": kernel shape " + Arrays.toString(kernel.shape()) + " does not match --groups "
                    + groups + ": " + kernel.dim(0) + " output channels are not divisible by " + groups);
        }
        int[] n = Inputs.size("--input", input, sd);
        int[] s = stride == null ? ones(sd) : Inputs.size("--stride", stride, sd);
        int[] d = dilation == null ? ones(sd) : Inputs.size("--dilation", dilation, sd);
        int[] p = new int[sd];
        for (int a = 0; a < sd; a++) p[a] = d[a] * (kernel.dim(2 + a) - 1) / 2;
        if (pad != null) {
            if (padding != Padding.ZERO) throw new UserException("--pad only applies to --padding zero");
            String[] parts = pad.split("[x×,]");
            for (int a = 0; a < sd; a++) {
                try {
                    p[a] = Integer.parseInt(parts[parts.length == 1 ? 0 : Math.min(a, parts.length - 1)].trim());
                } catch (NumberFormatException e) {
                    throw new UserException("--pad: expected a number like 1 or 1x1, got '" + pad + "'");
                }
                if (p[a] < 0) throw new UserException("--pad must be >= 0, got '" + pad + "'");
            }
        }
        try {
            return new Convolution(kernel, n, padding, p, s, d, groups);
        } catch (IllegalArgumentException e) {
            throw new UserException(file + ": kernel shape " + Arrays.toString(kernel.shape()) + " does not fit the flags: " + e.getMessage());
        }
    }

    /** One line describing the layer, e.g. "conv 8→16, 3x3 kernel, input 32x32, circular padding, stride 1". */
    static String describe(Convolution c) {
        StringBuilder b = new StringBuilder();
        b.append("conv ").append(c.inChannels()).append("→").append(c.outChannels()).append(" channels, ");
        for (int a = 0; a < c.spatialDims(); a++) b.append(a > 0 ? "x" : "").append(c.kernelSize(a));
        b.append(" kernel, input ");
        for (int a = 0; a < c.spatialDims(); a++) b.append(a > 0 ? "x" : "").append(c.inputSize()[a]);
        b.append(", ").append(c.padding().name().toLowerCase()).append(" padding");
        if (c.padding() == Padding.ZERO) b.append(" ").append(Arrays.toString(c.pad()));
        b.append(", stride ").append(joined(c.stride())).append(", dilation ").append(joined(c.dilation()));
        if (c.groups() > 1) b.append(", ").append(c.groups()).append(" groups");
        return b.toString();
    }

    private static String joined(int[] v) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < v.length; i++) b.append(i > 0 ? "x" : "").append(v[i]);
        return b.toString();
    }

    private static int[] ones(int n) {
        int[] o = new int[n];
        Arrays.fill(o, 1);
        return o;
    }
}
