package io.lipschitz4j.nn;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PhaseIm2col}'s adjoints are adjoints: ⟨P·x, p⟩ = ⟨x, Pᵀ·p⟩ for the phase planes and
 * ⟨C·p, c⟩ = ⟨p, Cᵀ·c⟩ for the columns (in double, exact to float rounding of the data), over strides,
 * padding, dilation, odd sizes, groups and circular padding; {@link PhaseIm2col#planesAdjoint} writes
 * (does not add) and leaves the other samples and groups alone; {@link PhaseIm2col#columnRows} is
 * {@link PhaseIm2col#columns} row by row.
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
    };

    static float[] random(SplittableRandom r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) (2 * r.nextDouble() - 1);
        return a;
    }

    static double dot(float[] a, int aOff, float[] b, int bOff, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) s += (double) a[aOff + i] * b[bOff + i];
        return s;
    }

    @Test
    void planesAndColumnsAdjointsAreAdjoints() {
        SplittableRandom r = new SplittableRandom(3);
        for (Conv2dSpec s : SPECS) {
            for (int[] hw : new int[][] {{7, 6}, {9, 9}, {2, 3}}) {
                if (Conv2dSpec.outSize(hw[0], s.kH(), s.sH(), s.pH(), s.dH()) < 1 || Conv2dSpec.outSize(hw[1], s.kW(), s.sW(), s.pW(), s.dW()) < 1) continue;
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
                    float[] dp = new float[pc.planesSize(count)];
                    pc.columnsAdjointAdd(c, len, count, dp);
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
