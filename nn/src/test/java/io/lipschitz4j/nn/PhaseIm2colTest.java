package io.lipschitz4j.nn;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PhaseIm2col}'s adjoints are adjoints: ⟨P·x, p⟩ = ⟨x, Pᵀ·p⟩ for the phase planes and
 * ⟨C·p, c⟩ = ⟨p, Cᵀ·c⟩ for the columns (in double, exact to float rounding of the data), over strides,
 * padding, dilation, odd sizes, groups and circular padding; {@link PhaseIm2col#planesAdjoint} and
 * {@link PhaseIm2col#columnsAdjoint} write (do not add), the former leaving the other samples and groups
 * alone; {@link PhaseIm2col#columnRows} is {@link PhaseIm2col#columns} row by row; the planes hold the
 * padded input by phase.
 */
class PhaseIm2colTest {

    static final Conv2dSpec[] SPECS = {
        Conv2dSpec.of(2, 3, 3).withPadding(1),
        Conv2dSpec.of(3, 4, 3).withStride(2).withPadding(1),
        Conv2dSpec.of(2, 3, 3).withStride(3).withPadding(2),
        Conv2dSpec.of(2, 2, 3).withDilation(2).withPadding(2).withStride(2),
        Conv2dSpec.of(2, 2, 3).withKernel(2, 3).withStride(2, 1).withPadding(0, 1),
        Conv2dSpec.of(4, 6, 3).withGroups(2).withPadding(1).withStride(2),
        Conv2dSpec.of(2, 3, 3).withPadding(1).withStride(2).withMode(PaddingMode.CIRCULAR),
        Conv2dSpec.of(2, 4, 3).withGroups(2).withPadding(3).withMode(PaddingMode.CIRCULAR),
        Conv2dSpec.of(2, 3, 3).withStride(2),                          // width stride 2, no padding
        Conv2dSpec.of(2, 3, 2).withStride(2).withPadding(3),           // odd padding > 1, kernel 2
        Conv2dSpec.of(2, 3, 3).withStride(1, 2).withPadding(2, 1),     // stride 2 in width only
        Conv2dSpec.of(2, 3, 3).withStride(3, 2).withPadding(1, 2),
    };

    static float[] random(SplittableRandom r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) (2 * r.nextDouble() - 1);
        return a;
    }

    /** Whether the kernel fits the padded input (the geometry throws otherwise). */
    static boolean fits(Conv2dSpec s, int h, int w) {
        try {
            ConvGeometry.of(s, h, w);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static double dot(float[] a, int aOff, float[] b, int bOff, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) s += (double) a[aOff + i] * b[bOff + i];
        return s;
    }

    /**
     * The planes against their definition P[c][py·sW + px][u][v] = x_pad[u·sH + py][v·sW + px] (zero
     * outside the input for zero padding, wrapped for circular padding within the padded extent).
     */
    @Test
    void planesHoldThePaddedInputByPhase() {
        SplittableRandom r = new SplittableRandom(4);
        for (Conv2dSpec s : SPECS) {
            for (int[] hw : new int[][] {{7, 6}, {9, 9}, {2, 3}, {28, 28}}) {
                int h = hw[0], w = hw[1];
                if (!fits(s, h, w)) continue;
                ConvGeometry g = ConvGeometry.of(s, h, w);
                PhaseIm2col pc = new PhaseIm2col(g);
                int cg = g.inPerGroup(), inSample = s.inChannels() * h * w, phases = s.sH() * s.sW(), ps = pc.planeRows * pc.planeCols;
                float[] x = random(r, 2 * inSample);
                for (int group = 0; group < s.groups(); group++) {
                    float[] planes = random(r, pc.planesSize(1)); // stale contents must be overwritten
                    pc.planes(x, 1, 1, group, planes, 0);
                    for (int c = 0; c < cg; c++) for (int py = 0; py < s.sH(); py++) for (int px = 0; px < s.sW(); px++) {
                        for (int u = 0; u < pc.planeRows; u++) for (int v = 0; v < pc.planeCols; v++) {
                            int up = u * s.sH() + py, vp = v * s.sW() + px, ih = up - s.pH(), iw = vp - s.pW();
                            float want;
                            if (s.mode() == PaddingMode.CIRCULAR) {
                                boolean inPad = up < h + 2 * s.pH() && vp < w + 2 * s.pW();
                                want = inPad ? x[inSample + (group * cg + c) * h * w + Math.floorMod(ih, h) * w + Math.floorMod(iw, w)] : 0f;
                            } else {
                                boolean in = ih >= 0 && ih < h && iw >= 0 && iw < w;
                                want = in ? x[inSample + (group * cg + c) * h * w + ih * w + iw] : 0f;
                            }
                            float got = planes[(c * phases + py * s.sW() + px) * ps + u * pc.planeCols + v];
                            assertThat(got).as("%s %dx%d c=%d phase (%d,%d) (%d,%d)", s, h, w, c, py, px, u, v).isEqualTo(want);
                        }
                    }
                }
            }
        }
    }

    @Test
    void planesAndColumnsAdjointsAreAdjoints() {
        SplittableRandom r = new SplittableRandom(3);
        for (Conv2dSpec s : SPECS) {
            for (int[] hw : new int[][] {{7, 6}, {9, 9}, {2, 3}}) {
                if (!fits(s, hw[0], hw[1])) continue;
                ConvGeometry g = ConvGeometry.of(s, hw[0], hw[1]);
                PhaseIm2col pc = new PhaseIm2col(g);
                int n = 3, s0 = 1, count = 2, inSample = s.inChannels() * hw[0] * hw[1], cg = g.inPerGroup(), plane = hw[0] * hw[1];
                for (int group = 0; group < s.groups(); group++) {
                    float[] x = random(r, n * inSample), p = random(r, pc.planesSize(count) + 5);
                    float[] px = new float[pc.planesSize(count) + 5];
                    pc.planes(x, s0, count, group, px, 5);
                    float[] dx = random(r, n * inSample), before = dx.clone();
                    pc.planesAdjoint(p, s0, count, group, dx);
                    double lhs = dot(px, 5, p, 0, pc.planesSize(count)), rhs = 0;
                    for (int m = s0; m < s0 + count; m++) rhs += dot(x, m * inSample + group * cg * plane, dx, m * inSample + group * cg * plane, cg * plane);
                    assertThat(rhs).as("%s %dx%d planes", s, hw[0], hw[1]).isCloseTo(lhs, org.assertj.core.data.Offset.offset(1e-4 * (1 + Math.abs(lhs))));
                    for (int i = 0; i < dx.length; i++) {
                        int m = i / inSample, c = i % inSample / plane;
                        boolean written = m >= s0 && m < s0 + count && c / cg == group;
                        if (!written) assertThat(dx[i]).as("untouched entry %d", i).isEqualTo(before[i]);
                    }

                    int len = count * pc.outCols, rows = g.colRows();
                    float[] cols = new float[rows * len], c = random(r, rows * len);
                    pc.columns(px, 5, count, cols, len);
                    float[] dp = random(r, pc.planesSize(count)); // written, not added to
                    pc.columnsAdjoint(c, len, count, dp);
                    assertThat(dot(px, 5, dp, 0, dp.length))
                            .as("%s %dx%d columns", s, hw[0], hw[1])
                            .isCloseTo(dot(cols, 0, c, 0, cols.length), org.assertj.core.data.Offset.offset(1e-4 * (1 + Math.abs(dot(cols, 0, c, 0, cols.length)))));

                    float[][] byRow = new float[rows][len];
                    pc.columnRows(px, 5, count, byRow);
                    for (int q = 0; q < rows; q++) {
                        assertThat(byRow[q]).as("row %d", q).containsExactly(java.util.Arrays.copyOfRange(cols, q * len, (q + 1) * len));
                    }
                }
            }
        }
    }
}
