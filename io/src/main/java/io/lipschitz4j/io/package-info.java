/**
 * Array file formats: reading and writing the files that carry weights and data between
 * lipschitz4j and NumPy/PyTorch. Today: NumPy {@code .npy} ({@link io.lipschitz4j.io.NpyReader},
 * {@link io.lipschitz4j.io.NpyWriter}) and {@code .npz} ({@link io.lipschitz4j.io.NpzReader},
 * {@link io.lipschitz4j.io.NpzWriter}), and IDX, raw or gzip, the format of MNIST and Fashion-MNIST
 * ({@link io.lipschitz4j.io.IdxReader}, read as bytes into an {@link io.lipschitz4j.io.IdxArray}),
 * and safetensors ({@link io.lipschitz4j.io.SafetensorsReader} reads F64/F32/F16/BF16/I64/I32,
 * {@link io.lipschitz4j.io.SafetensorsWriter} writes F64 or F32; header JSON through Jackson).
 *
 * <p>Conventions: arrays load as C-order {@link io.lipschitz4j.linalg.Tensor}s of doubles, so nothing
 * is reshuffled; writers produce little-endian float64 and replace files atomically (temporary file in
 * the same directory, then an atomic rename). Every malformed or unsupported input raises an
 * {@link io.lipschitz4j.io.ArrayFormatException}, a checked {@link java.io.IOException} whose one-line
 * message names the file, the field and what was expected, ready for the command line's "bad input"
 * exit code. {@link io.lipschitz4j.io.Finite#requireFinite} turns NaN or infinite entries into the
 * same kind of error.
 *
 * <p>Depends on {@code io.lipschitz4j.linalg} and Jackson (safetensors headers).
 */
package io.lipschitz4j.io;
