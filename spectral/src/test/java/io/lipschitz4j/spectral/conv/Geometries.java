package io.lipschitz4j.spectral.conv;

import io.lipschitz4j.linalg.Gaussian;
import io.lipschitz4j.linalg.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded random convolution geometries for tests (n ≤ 8, channels ≤ 4, k ∈ {1,2,3,5}). */
final class Geometries {
    private Geometries() {}

    static final int[] KS = {1, 2, 3, 5};

    /** A random valid geometry; everything (paddings, strides, dilations, groups, 1-D/2-D) drawn from the seed. */
    static Convolution random(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        while (true) {
            int sd = 1 + r.nextInt(2);
            int groups = 1 + r.nextInt(2);
            int cinG = 1 + r.nextInt(groups == 1 ? 4 : 2), coutG = 1 + r.nextInt(groups == 1 ? 4 : 2);
            Padding padding = r.nextBoolean() ? Padding.CIRCULAR : Padding.ZERO;
            int[] shape = new int[2 + sd];
            shape[0] = coutG * groups;
            shape[1] = cinG;
            int[] n = new int[sd], p = new int[sd], s = new int[sd], d = new int[sd];
            boolean ok = true;
            for (int a = 0; a < sd; a++) {
                int k = KS[r.nextInt(KS.length)];
                shape[2 + a] = k;
                n[a] = (sd == 1 ? 2 : 2) + r.nextInt(sd == 1 ? 7 : 5);
                s[a] = 1 + r.nextInt(2);
                d[a] = 1 + r.nextInt(2);
                p[a] = r.nextInt(k);
                if (padding == Padding.ZERO && n[a] + 2 * p[a] - d[a] * (k - 1) < 1) ok = false;
            }
            if (!ok) continue;
            double[] data = Gaussian.vector((int) Tensor.sizeOf(shape), r.nextLong());
            return new Convolution(new Tensor(shape, data), n, padding, p, s, d, groups);
        }
    }

    static List<Convolution> many(int count, long seed) {
        List<Convolution> l = new ArrayList<>();
        for (int i = 0; i < count; i++) l.add(random(seed * 1_000_003L + i));
        return l;
    }

    /** The same geometry with another kernel. */
    static Convolution withKernel(Convolution c, Tensor k) {
        return new Convolution(k, c.inputSize(), c.padding(), c.pad(), c.stride(), c.dilation(), c.groups());
    }

    /** The same geometry with the kernel scaled by f (not necessarily a power of two). */
    static Convolution scaled(Convolution c, double f) {
        double[] d = c.kernel().data().clone();
        for (int i = 0; i < d.length; i++) d[i] *= f;
        return withKernel(c, new Tensor(c.kernel().shape(), d));
    }

    static String describe(Convolution c) {
        return "kernel " + java.util.Arrays.toString(c.kernel().shape()) + " n " + java.util.Arrays.toString(c.inputSize())
                + " " + c.padding() + " pad " + java.util.Arrays.toString(c.pad()) + " stride "
                + java.util.Arrays.toString(c.stride()) + " dil " + java.util.Arrays.toString(c.dilation()) + " groups " + c.groups();
    }
}
