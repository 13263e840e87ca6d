/** placeholder */
package io.lipschitz4j.onnx;
