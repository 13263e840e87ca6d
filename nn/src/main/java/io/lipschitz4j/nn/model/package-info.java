/**
 * Model files: weights as safetensors under PyTorch's parameter names plus a JSON architecture
 * ({@link io.lipschitz4j.nn.model.ModelIo}), and the two reference networks of the Fashion-MNIST
 * experiments ({@link io.lipschitz4j.nn.model.Models}).
 */
package io.lipschitz4j.nn.model;
