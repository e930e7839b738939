/** The `image` namespace of ops, as TensorFlow.js' `tf.image`. */
export { resizeBilinear } from './resize-bilinear.js';
export { resizeNearestNeighbor } from './resize-nearest-neighbor.js';
