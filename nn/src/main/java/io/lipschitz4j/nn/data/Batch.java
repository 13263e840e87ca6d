package io.lipschitz4j.nn.data;

import io.lipschitz4j.linalg.Tensor;

import java.util.Arrays;

/**
 * One mini-batch: inputs x, batch first (images: [B, C, H, W] in [0, 1]), and B class labels.
 *
 * <p>A batch of an {@link ImageDataset} keeps the indices of its images and builds the float64 x on
 * the first {@link #x()}; {@link #xFloat32} reads the pixel bytes straight into a float buffer instead,
 * which is what the float32 training path uses ({@code Sequential.forward(Batch)}): a float64 copy of a
 * batch of 128 Fashion-MNIST images is 800 KB, above G1's humongous-object threshold with the default
 * 1 MB regions, and allocating and converting it cost up to a sixth of an MLP epoch. Not thread-safe.
 */
public final class Batch {
    private final int[] shape;
    private final int[] labels;
    private Tensor x; // built on demand for a batch of a data set
    private final ImageDataset source; // null when x was given
    private final int[] indices;

    /** A batch of the given inputs (shared, not copied) and labels. */
    public Batch(Tensor x, int[] labels) {
        if (x == null || labels == null) throw new IllegalArgumentException("batch needs inputs and labels");
        this.shape = x.shape();
        this.labels = labels;
        this.x = x;
        this.source = null;
        this.indices = null;
    }

    /** Images {@code indices} of {@code source} (the array is kept, not copied). */
    Batch(ImageDataset source, int[] indices) {
        this.shape = new int[] {indices.length, source.channels(), source.height(), source.width()};
        this.source = source;
        this.indices = indices;
        this.labels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) labels[i] = source.labels()[indices[i]];
    }

    /** The inputs as float64, x[i] = pixel/255 for images (built once, on the first call). */
    public Tensor x() {
        if (x == null) {
            int per = source.sampleSize();
            double[] d = new double[indices.length * per];
            byte[] px = source.pixels();
            for (int i = 0; i < indices.length; i++) {
                int o = i * per, s = indices[i] * per;
                for (int j = 0; j < per; j++) d[o + j] = ImageDataset.SCALED[px[s + j] & 0xFF];
            }
            x = new Tensor(shape.clone(), d);
        }
        return x;
    }

    /**
     * The inputs rounded to float32, exactly {@code (float) x().data()[i]}, into {@code reuse} when it
     * has room (else into a new array); for a batch of images straight from the pixel bytes, with no
     * float64 copy. The array may be longer than {@link #sampleCount()}·sample size.
     */
    public float[] xFloat32(float[] reuse) {
        int n = Math.toIntExact(Tensor.sizeOf(shape));
        float[] f = reuse != null && reuse.length >= n ? reuse : new float[n];
        if (x != null) {
            double[] d = x.data();
            for (int i = 0; i < n; i++) f[i] = (float) d[i];
        } else {
            int per = source.sampleSize();
            byte[] px = source.pixels();
            for (int i = 0; i < indices.length; i++) {
                int o = i * per, s = indices[i] * per;
                // (float) v / 255f is the correctly rounded quotient, equal to (float) (v / 255.0) for every
                // byte v (checked for all 256 in FashionMnistTest), and the JIT vectorizes it
                for (int j = 0; j < per; j++) f[o + j] = (px[s + j] & 0xFF) / 255f;
            }
        }
        return f;
    }

    /** The shape of x, batch first. */
    public int[] shape() { return shape.clone(); }

    public int[] labels() { return labels; }

    public int size() { return labels.length; }

    /** Number of samples (the first axis of x; equals {@link #size()}). */
    public int sampleCount() { return shape[0]; }

    @Override public String toString() { return "Batch" + Arrays.toString(shape); }
}
