package io.lipschitz4j.nn.data;

import io.lipschitz4j.io.ArrayFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The loader on tiny IDX files written here, and on the real data set when it is installed. */
class FashionMnistTest {

    @TempDir Path dir;

    static byte[] idx(int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.put((byte) 0).put((byte) 0).put((byte) 0x08).put((byte) dims.length);
        for (int d : dims) b.putInt(d);
        return b.put(data).array();
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    /** n images where pixel j of image i is (i + j) mod 256, labels i mod 10; train gzipped, test raw. */
    private void writeFixture(int nTrain, int nTest, int nTrainLabels) throws IOException {
        for (String split : new String[] {"train", "t10k"}) {
            int n = split.equals("train") ? nTrain : nTest;
            byte[] px = new byte[n * 784];
            for (int i = 0; i < n; i++) for (int j = 0; j < 784; j++) px[i * 784 + j] = (byte) (i + j);
            int nl = split.equals("train") ? nTrainLabels : n;
            byte[] lb = new byte[nl];
            for (int i = 0; i < nl; i++) lb[i] = (byte) (i % 10);
            boolean gz = split.equals("train");
            Files.write(dir.resolve(split + "-images-idx3-ubyte" + (gz ? ".gz" : "")), gz ? gzip(idx(new int[] {n, 28, 28}, px)) : idx(new int[] {n, 28, 28}, px));
            Files.write(dir.resolve(split + "-labels-idx1-ubyte" + (gz ? ".gz" : "")), gz ? gzip(idx(new int[] {nl}, lb)) : idx(new int[] {nl}, lb));
        }
    }

    @Test
    void loadsGzipAndRawFilesAndBatches() throws IOException {
        writeFixture(25, 7, 25);
        assertThat(FashionMnist.isAvailable(dir)).isTrue();
        FashionMnist.Split s = FashionMnist.load(dir);
        assertThat(s.train().size()).isEqualTo(25);
        assertThat(s.test().size()).isEqualTo(7);
        assertThat(s.test().name()).isEqualTo("fashion-mnist/test");
        Batch b = s.train().slice(3, 5);
        assertThat(b.x().shape()).containsExactly(2, 1, 28, 28);
        assertThat(b.labels()).containsExactly(3, 4);
        assertThat(b.x().get(1, 0, 1, 2)).isEqualTo(((4 + 30) & 0xff) / 255.0);

        Batches epoch = Batches.shuffled(s.train(), 10, 42, 0, false);
        assertThat(epoch.count()).isEqualTo(3);
        int seen = 0;
        boolean[] hit = new boolean[25];
        for (Batch x : epoch) {
            for (int y : x.labels()) assertThat(y).isBetween(0, 9);
            seen += x.size();
        }
        for (int i : epoch.order()) hit[i] = true;
        assertThat(seen).isEqualTo(25);
        assertThat(hit).containsOnly(true);
        assertThat(Batches.shuffled(s.train(), 10, 42, 0, true).count()).isEqualTo(2);
        // each batch's labels follow the permutation
        int[] order = epoch.order();
        assertThat(epoch.get(1).labels()[0]).isEqualTo(order[10] % 10);
    }

    @Test
    void shufflingDependsOnlyOnSeedAndEpoch() {
        assertThat(Batches.permutation(1000, 7, 3)).containsExactly(Batches.permutation(1000, 7, 3));
        assertThat(Batches.permutation(1000, 7, 3)).isNotEqualTo(Batches.permutation(1000, 7, 4));
        assertThat(Batches.permutation(1000, 7, 3)).isNotEqualTo(Batches.permutation(1000, 8, 3));
        assertThat(Batches.permutation(1000, 7, 3)).containsExactlyInAnyOrder(Batches.permutation(1000, 1, 1));
    }

    @Test
    void missingFilesSayHowToInstall() {
        DataNotFoundException e = catchThrowableOfType(DataNotFoundException.class, () -> FashionMnist.load(dir));
        assertThat(e.getMessage()).contains("train-images-idx3-ubyte[.gz]").contains(dir.toString())
                .contains("--data DIR").contains("dataset-fashion-mnist").doesNotContain("\n");
        assertThat(FashionMnist.isAvailable(dir)).isFalse();
    }

    @Test
    void labelCountMustMatchImages() throws IOException {
        writeFixture(25, 7, 24);
        ArrayFormatException e = catchThrowableOfType(ArrayFormatException.class, () -> FashionMnist.load(dir));
        assertThat(e.file()).contains(dir.resolve("train-labels-idx1-ubyte.gz"));
        assertThat(e.field()).isEqualTo("header.dims");
        assertThat(e.getMessage()).contains("24 labels").contains("expected 25 labels");
    }

    @Test
    void wrongImageSizeAndBadLabels() throws IOException {
        writeFixture(5, 5, 5);
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), idx(new int[] {5, 32, 32}, new byte[5 * 1024]));
        ArrayFormatException e = catchThrowableOfType(ArrayFormatException.class, () -> FashionMnist.load(dir));
        assertThat(e.field()).isEqualTo("header.dims");
        assertThat(e.getMessage()).contains("t10k-images-idx3-ubyte").contains("[5, 32, 32]").contains("[*, 28, 28]");

        writeFixture(5, 5, 5);
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), idx(new int[] {5}, new byte[] {1, 2, 10, 3, 4}));
        e = catchThrowableOfType(ArrayFormatException.class, () -> FashionMnist.load(dir));
        assertThat(e.getMessage()).contains("label 10 at index 2");
    }

    @Test
    void realFashionMnistWhenInstalled() throws IOException {
        assumeTrue(FashionMnist.isAvailable(null),
                "Fashion-MNIST not installed in " + FashionMnist.DEFAULT_DIR + " (apt-get install dataset-fashion-mnist); skipping");
        FashionMnist.Split s = FashionMnist.load(null);
        assertThat(s.train().size()).isEqualTo(60_000);
        assertThat(s.test().size()).isEqualTo(10_000);
        int[] train = new int[10], test = new int[10];
        for (int y : s.train().labels()) train[y]++;
        for (int y : s.test().labels()) test[y]++;
        assertThat(train).containsOnly(6000);
        assertThat(test).containsOnly(1000);
        assertThat(s.train().labels()[0]).isEqualTo(9); // the first training image is an ankle boot
        Batch b = Batches.shuffled(s.train(), 128, 1, 0, false).get(0);
        assertThat(b.x().shape()).containsExactly(128, 1, 28, 28);
        double min = 1, max = 0;
        for (double v : b.x().data()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertThat(min).isEqualTo(0.0);
        assertThat(max).isEqualTo(1.0);
    }

    /** The float32 batch read straight from the bytes has exactly the values of the float64 batch, rounded. */
    @Test
    void float32BatchIsTheRoundedFloat64Batch() {
        byte[] px = new byte[4 * 8 * 8]; // every byte value once
        for (int v = 0; v < px.length; v++) px[v] = (byte) v;
        ImageDataset d = new ImageDataset("all-bytes", px, new int[] {0, 1, 2, 3}, 1, 8, 8, 4);
        int[] order = {2, 0, 3, 1};
        float[] direct = d.batch(order, 1, 4).xFloat32(null);
        Batch b = d.batch(order, 1, 4);
        double[] x = b.x().data();
        assertThat(b.shape()).containsExactly(3, 1, 8, 8);
        assertThat(b.labels()).containsExactly(0, 3, 1);
        float[] viaDouble = b.xFloat32(new float[1000]); // from the float64 x now that it exists, into a longer buffer
        for (int i = 0; i < x.length; i++) {
            assertThat(direct[i]).isEqualTo((float) x[i]);
            assertThat(viaDouble[i]).isEqualTo((float) x[i]);
        }
        assertThat(x[0]).isEqualTo(0.0); // the batch starts with image 0, bytes 0..63
        assertThat(x[63]).isEqualTo(63 / 255.0);
        assertThat(x[64]).isEqualTo(192 / 255.0); // then image 3
    }
}
