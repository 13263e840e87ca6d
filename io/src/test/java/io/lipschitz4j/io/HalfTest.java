package io.lipschitz4j.io;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HalfTest {

    private static double h(int bits) { return Half.toDouble((short) bits); }

    @Test
    void decodesNormalsSubnormalsZerosAndSpecials() {
        assertThat(h(0x3c00)).isEqualTo(1.0);
        assertThat(h(0xc000)).isEqualTo(-2.0);
        assertThat(h(0x3555)).isEqualTo(0x555 * Math.scalb(1.0, -10 - 2));   // 0.333251953125
        assertThat(h(0x7bff)).isEqualTo(65504.0);                           // largest half
        assertThat(h(0x0400)).isEqualTo(Math.scalb(1.0, -14));              // smallest normal
        assertThat(h(0x0001)).isEqualTo(Math.scalb(1.0, -24));              // smallest subnormal
        assertThat(h(0x03ff)).isEqualTo(1023 * Math.scalb(1.0, -24));       // largest subnormal
        assertThat(Double.doubleToRawLongBits(h(0x8000))).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(h(0x0000)).isEqualTo(0.0);
        assertThat(h(0x7c00)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(h(0xfc00)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(h(0x7e00)).isNaN();
    }

    @Test
    void unsigned64RoundsToNearest() {
        assertThat(NpyDtype.unsignedToDouble(-1L)).isEqualTo(0x1p64);
        assertThat(NpyDtype.unsignedToDouble(Long.MIN_VALUE)).isEqualTo(0x1p63);
        assertThat(NpyDtype.unsignedToDouble(Long.MIN_VALUE + 1025)).isEqualTo(0x1p63 + 2048); // above the halfway point
        assertThat(NpyDtype.unsignedToDouble(Long.MIN_VALUE + 1024)).isEqualTo(0x1p63);        // tie to even
        assertThat(NpyDtype.unsignedToDouble(42)).isEqualTo(42.0);
    }
}
