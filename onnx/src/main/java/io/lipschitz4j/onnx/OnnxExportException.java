package io.lipschitz4j.onnx;

/**
 * A model that {@link OnnxExport} cannot write as ONNX, e.g. a layer without an ONNX operator
 * ({@code MaxMin}, {@code GroupSort}) or a convolution with circular padding. The message names the layer.
 */
public class OnnxExportException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public OnnxExportException(String message) { super(message); }
}
