/** The class probabilities for one drawn digit: 784 pixel values 0..255 in, 10 probabilities out. */
import { tensor4d } from '@tensile/core';
import type { Model } from '@tensile/layers';

export async function predictDigit(model: Model, pixels: Float32Array): Promise<Float32Array> {
  if (pixels.length !== 784) throw new Error(`predict: expected 784 pixels (28x28), got ${pixels.length}`);
  const x = tensor4d(pixels, [1, 28, 28, 1]);
  try {
    const out = model.predict(x);
    const probs = Array.isArray(out) ? out[0] : out;
    try {
      return Float32Array.from(await probs.data());
    } finally {
      for (const t of Array.isArray(out) ? out : [out]) t.dispose();
    }
  } finally {
    x.dispose();
  }
}
