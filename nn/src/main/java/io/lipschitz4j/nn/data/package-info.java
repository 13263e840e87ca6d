/**
 * Data sets and mini-batching: {@link io.lipschitz4j.nn.data.FashionMnist} (IDX files from the Debian
 * package {@code dataset-fashion-mnist} or a given directory), images held as bytes in
 * {@link io.lipschitz4j.nn.data.ImageDataset}, and seeded, resumable epoch orders in
 * {@link io.lipschitz4j.nn.data.Batches}.
 */
package io.lipschitz4j.nn.data;
