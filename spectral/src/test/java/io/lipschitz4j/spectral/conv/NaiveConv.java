package io.lipschitz4j.spectral.conv;

/** Independent reference: the javadoc formula of {@link Convolution} as plain nested loops, one output at a time. */
final class NaiveConv {
    private NaiveConv() {}

    static double[] apply(Convolution c, double[] x) {
        int sd = c.spatialDims();
        int out = c.outChannels(), cinG = c.kernel().dim(1), coutG = out / c.groups();
        int n1 = c.inputSize()[0], n2 = sd == 2 ? c.inputSize()[1] : 1;
        int o1 = c.outputSize(0), o2 = sd == 2 ? c.outputSize(1) : 1;
        int k1 = c.kernelSize(0), k2 = sd == 2 ? c.kernelSize(1) : 1;
        int s1 = c.stride()[0], s2 = sd == 2 ? c.stride()[1] : 1;
        int d1 = c.dilation()[0], d2 = sd == 2 ? c.dilation()[1] : 1;
        int p1 = c.offset(0), p2 = sd == 2 ? c.offset(1) : 0;
        boolean circ = c.padding() == Padding.CIRCULAR;
        double[] K = c.kernel().data();
        double[] y = new double[out * o1 * o2];
        for (int o = 0; o < out; o++) {
            int g = o / coutG;
            for (int i1 = 0; i1 < o1; i1++) {
                for (int i2 = 0; i2 < o2; i2++) {
                    double acc = 0;
                    for (int cl = 0; cl < cinG; cl++) {
                        int ci = g * cinG + cl;
                        for (int a = 0; a < k1; a++) {
                            for (int b = 0; b < k2; b++) {
                                int j1 = i1 * s1 + a * d1 - p1, j2 = i2 * s2 + b * d2 - p2;
                                if (circ) {
                                    j1 = Math.floorMod(j1, n1);
                                    j2 = Math.floorMod(j2, n2);
                                } else if (j1 < 0 || j1 >= n1 || j2 < 0 || j2 >= n2) {
                                    continue;
                                }
                                acc += K[((o * cinG + cl) * k1 + a) * k2 + b] * x[(ci * n1 + j1) * n2 + j2];
                            }
                        }
                    }
                    y[(o * o1 + i1) * o2 + i2] = acc;
                }
            }
        }
        return y;
    }
}
