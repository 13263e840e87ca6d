/**
 * Convolution layers as linear maps and bounds on their spectral norm. {@link io.lipschitz4j.spectral.conv.Convolution}
 * fixes the geometry (PyTorch semantics), {@link io.lipschitz4j.spectral.conv.ConvOperator} applies it and its
 * adjoint, and {@link io.lipschitz4j.spectral.conv.ConvBounds} is the one entry point per method: Miyato (ESTIMATE),
 * Singla–Feizi and spatial Gram iteration (certified UPPER), power iteration (certified LOWER), with
 * {@link io.lipschitz4j.spectral.conv.Groups} (max over groups) and {@link io.lipschitz4j.spectral.conv.Strides} /
 * {@link io.lipschitz4j.spectral.conv.Polyphase} for grouped and strided layers.
 */
package io.lipschitz4j.spectral.conv;
