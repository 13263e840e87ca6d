package io.lipschitz4j.nn.data;

import io.lipschitz4j.io.ArrayFormatException;
import io.lipschitz4j.io.NpyWriter;
import io.lipschitz4j.io.NpzWriter;
import io.lipschitz4j.linalg.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class InputFilesTest {
    @TempDir
    Path dir;

    @Test
    void npzWithLabelsIsReshapedToTheModelInput() throws IOException {
        double[] x = new double[3 * 4];
        for (int i = 0; i < x.length; i++) x[i] = i / 10.0;
        Path f = dir.resolve("d.npz");
        NpzWriter.write(f, Map.of("x", new Tensor(new int[] {3, 4}, x), "y", new Tensor(new int[] {3}, new double[] {2, 0, 1})));
        InputFiles in = InputFiles.load(f, 1, 2, 2);
        assertThat(in.x().shape()).containsExactly(3, 1, 2, 2);
        assertThat(in.x().data()).containsExactly(x);
        assertThat(in.labels()).containsExactly(2, 0, 1);
        assertThat(in.size()).isEqualTo(3);
    }

    @Test
    void npyIsUnlabelledAndOneUnbatchedSampleIsAccepted() throws IOException {
        Path f = dir.resolve("one.npy");
        NpyWriter.write(f, new Tensor(new int[] {3, 2, 2}, new double[12]));
        InputFiles in = InputFiles.load(f, 3, 2, 2);
        assertThat(in.x().shape()).containsExactly(1, 3, 2, 2);
        assertThat(in.labels()).isNull();
    }

    @Test
    void idxImagesAreScaledAndFindTheirLabels() throws IOException {
        byte[] pixels = {0, (byte) 255, (byte) 128, 51, 0, 0, 0, (byte) 255};
        Path images = dir.resolve("t10k-images-idx3-ubyte.gz");
        Files.write(images, gzip(idx(0x08, new int[] {2, 2, 2}, pixels)));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), gzip(idx(0x08, new int[] {2}, new byte[] {7, 3})));
        for (Path p : new Path[] {images, dir}) {
            InputFiles in = InputFiles.load(p, 1, 2, 2);
            assertThat(in.x().shape()).containsExactly(2, 1, 2, 2);
            assertThat(in.x().data()[1]).isEqualTo(1.0);
            assertThat(in.x().data()[2]).isCloseTo(128 / 255.0, within(1e-15));
            assertThat(in.labels()).containsExactly(7, 3);
        }
    }

    @Test
    void pngClassDirectoriesGiveLabelsByDirectoryName() throws IOException {
        for (int label : new int[] {4, 9}) {
            Path c = Files.createDirectories(dir.resolve("imgs").resolve(String.valueOf(label)));
            BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY);
            img.getRaster().setSample(2, 1, 0, 255);
            img.getRaster().setSample(0, 0, 0, label * 10);
            ImageIO.write(img, "png", c.resolve("a.png").toFile());
        }
        InputFiles in = InputFiles.load(dir.resolve("imgs"), 1, 2, 3);
        assertThat(in.x().shape()).containsExactly(2, 1, 2, 3);
        assertThat(in.labels()).containsExactly(4, 9);
        assertThat(in.x().data()[5]).isEqualTo(1.0);
        assertThat(in.x().data()[6]).isCloseTo(90 / 255.0, within(1e-15));

        BufferedImage rgb = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(1, 0, 0x00FF0000);
        Path one = dir.resolve("red.png");
        ImageIO.write(rgb, "png", one.toFile());
        InputFiles red = InputFiles.load(one, 3, 1, 2);
        assertThat(red.x().data()).containsExactly(0, 1, 0, 0, 0, 0);
        assertThatThrownBy(() -> InputFiles.load(one, 1, 1, 2)).isInstanceOf(ArrayFormatException.class)
                .hasMessageContaining("red.png").hasMessageContaining("shape");
    }

    @Test
    void badInputIsNamed() throws IOException {
        Path nan = dir.resolve("nan.npy");
        NpyWriter.write(nan, new Tensor(new int[] {1, 2}, new double[] {0, Double.NaN}));
        assertThatThrownBy(() -> InputFiles.load(nan, 2)).isInstanceOf(ArrayFormatException.class)
                .hasMessageContaining("nan.npy").hasMessageContaining("entry 1 is NaN");
        Path lab = dir.resolve("lab.npz");
        NpzWriter.write(lab, Map.of("x", Tensor.zeros(2, 2), "y", new Tensor(new int[] {3}, new double[] {0, 1, 1})));
        assertThatThrownBy(() -> InputFiles.load(lab, 2)).hasMessageContaining("3 labels for 2 inputs");
        Path frac = dir.resolve("frac.npz");
        NpzWriter.write(frac, Map.of("x", Tensor.zeros(1, 2), "y", new Tensor(new int[] {1}, new double[] {0.5})));
        assertThatThrownBy(() -> InputFiles.load(frac, 2)).hasMessageContaining("label 0 is 0.5");
        Path txt = Files.writeString(dir.resolve("data.txt"), "1 2");
        assertThatThrownBy(() -> InputFiles.load(txt, 2)).hasMessageContaining("unknown input format");
        Path notPng = Files.writeString(dir.resolve("bad.png"), "nope");
        assertThatThrownBy(() -> InputFiles.load(notPng, 2)).hasMessageContaining("bad.png").hasMessageContaining("PNG");
    }

    private static byte[] idx(int type, int[] dims, byte[] data) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.write(new byte[] {0, 0, (byte) type, (byte) dims.length});
        for (int v : dims) d.writeInt(v);
        d.write(data);
        return b.toByteArray();
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(b)) {
            g.write(raw);
        }
        return b.toByteArray();
    }
}
