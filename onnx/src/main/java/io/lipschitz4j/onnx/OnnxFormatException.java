package io.lipschitz4j.onnx;

import java.io.IOException;

/**
 * An ONNX file that cannot be imported: not an ONNX model, malformed (a missing initializer, an
 * attribute of the wrong length, a shape that static inference rejects) or using operators this
 * importer does not support. The message is one line naming the file, and where it applies the node,
 * its operator and the field, e.g. {@code model.onnx: node 'Conv_3' (Conv): attribute 'pads' has 3 values, expected 4}.
 */
public class OnnxFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public OnnxFormatException(String message) { super(message); }

    public OnnxFormatException(String message, Throwable cause) { super(message, cause); }
}
