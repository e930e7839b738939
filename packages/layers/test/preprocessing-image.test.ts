/**
 * Resizing and CenterCrop. Values follow Keras 3 (half-pixel resize as tf.image.resize, exact
 * centre slices); the oracle is TensorFlow.js 4.22's own `tf.image.resizeBilinear` /
 * `resizeNearestNeighbor` with halfPixelCenters and `tf.slice` on windows computed here. Files
 * move both ways with TF.js 4.22 where its layers compute the same (see the layer files for
 * where they do not).
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import '@tensile/backend-cpu';
import { ArgumentError, ready, ShapeError, tensor } from '@tensile/core';
import { undisposedTensors } from '@tensile/core/testing';
import { input, io, type Layer, layers, loadModel, Resizing, sequential } from '../src/index.js';
import { maxAbsDiff, memorySink, values } from './helpers.js';
import { lcg, tfjsArtifacts } from './helpers/tfjs-twin.js';

beforeAll(async () => {
  await ready();
  await tf.setBackend('cpu');
});

/**
 * TF.js 4.22's Resizing and CenterCrop break inside its own models (Resizing's call gets a list,
 * CenterCrop's output shape overwrites its input's), so the interop checks call the TF.js layer
 * directly: same config; Tensile's file loads in TF.js, whose layer computes the same; TF.js'
 * file (a one-layer Sequential it can build and save) loads in Tensile, whose layer computes the same.
 */
async function interop(ours: Layer, theirs: () => tfl.layers.Layer, shape: number[]): Promise<void> {
  const data = lcg(
    shape.reduce((a, b) => a * b, 1),
    21,
  );
  const reference = theirs();
  const expected = await (reference.apply(tf.tensor(data, shape)) as tf.Tensor).data();
  const { name: _a, ...ourConfig } = ours.getConfig();
  const { name: _b, ...theirConfig } = reference.getConfig();
  expect(ourConfig).toMatchObject(theirConfig);
  const m = sequential([ours]);
  const mine = await values(m.apply(tensor(data, shape)));
  expect(maxAbsDiff(mine, expected)).toBe(0);
  const sink = memorySink();
  await m.save(sink.handler);
  const inTfjs = await tfl.loadLayersModel(tf.io.fromMemory(sink.artifacts() as tf.io.ModelArtifacts));
  const loadedLayer = inTfjs.layers[inTfjs.layers.length - 1];
  expect(loadedLayer.getClassName()).toBe(ours.className);
  expect(maxAbsDiff(await (loadedLayer.apply(tf.tensor(data, shape)) as tf.Tensor).data(), mine)).toBe(0);
  const tfModel = tfl.sequential({ layers: [theirs()] });
  const inTensile = await loadModel(io.fromMemory(await tfjsArtifacts(tfModel)));
  // The layer itself: TF.js' CenterCrop writes its output shape as the model's input shape.
  const loaded = inTensile.layers[inTensile.layers.length - 1];
  expect(loaded.className).toBe(ours.className);
  expect(maxAbsDiff(await values(loaded.apply(tensor(data, shape))), expected)).toBe(0);
}

/** Keras 3's resize of [b, h, w, c] images, computed with TF.js ops. */
function kerasResize(x: tf.Tensor4D, height: number, width: number, interpolation: 'bilinear' | 'nearest', crop: boolean): tf.Tensor {
  let src = x;
  if (crop) {
    const [, h, w] = x.shape;
    const ch = Math.max(Math.min(h, Math.floor((w * height) / width)), 1);
    const cw = Math.max(Math.min(w, Math.floor((h * width) / height)), 1);
    src = tf.slice(x, [0, Math.floor((h - ch) / 2), Math.floor((w - cw) / 2), 0], [-1, ch, cw, -1]);
  }
  return interpolation === 'bilinear'
    ? tf.image.resizeBilinear(src, [height, width], false, true)
    : tf.image.resizeNearestNeighbor(src, [height, width], false, true);
}

describe('Resizing', () => {
  const cases: [number[], number, number, 'bilinear' | 'nearest', boolean][] = [
    [[2, 5, 7, 3], 9, 4, 'bilinear', false],
    [[2, 5, 7, 3], 3, 3, 'bilinear', true],
    [[1, 8, 4, 2], 6, 9, 'nearest', false],
    [[1, 8, 4, 2], 5, 5, 'nearest', true],
  ];
  for (const [shape, height, width, interpolation, crop] of cases) {
    it(`[${shape}] -> ${height}x${width} ${interpolation}${crop ? ', cropToAspectRatio' : ''} is Keras 3's resize`, async () => {
      const data = lcg(
        shape.reduce((a, b) => a * b, 1),
        5,
      );
      const layer = layers.resizing({ height, width, interpolation, cropToAspectRatio: crop });
      const ours = layer.apply(tensor(data, shape));
      const expected = kerasResize(tf.tensor4d(data, shape as [number, number, number, number]), height, width, interpolation, crop);
      expect(ours.shape).toEqual(expected.shape);
      expect(maxAbsDiff(await values(ours), await expected.data())).toBeLessThanOrEqual(1e-5);
      // One image of rank 3 gives the first image of the batch.
      const one = layer.apply(tensor(data.slice(0, shape[1] * shape[2] * shape[3]), shape.slice(1)));
      expect(one.shape).toEqual(expected.shape.slice(1));
      expect(maxAbsDiff(await values(one), (await expected.data()).slice(0, one.size))).toBeLessThanOrEqual(1e-5);
    });
  }

  it('int32 pixels come out float32; symbolic shapes; no tensors left per call', () => {
    const r = layers.resizing({ height: 4, width: 6 });
    const x = tensor(
      Int32Array.from({ length: 2 * 3 * 3 }, (_, i) => i),
      [1, 3, 3, 2],
      'int32',
    );
    r.apply(x).dispose();
    const before = undisposedTensors();
    const y = r.apply(x);
    expect(y.dtype).toBe('float32');
    y.dispose();
    expect(undisposedTensors()).toBe(before);
    expect(layers.resizing({ height: 4, width: 6 }).apply(input({ shape: [28, 28, 1] })).shape).toEqual([null, 4, 6, 1]);
  });

  it('with TF.js 4.22: same config, and files both ways where both compute the same (nearest, 2x)', async () => {
    const args = { inputShape: [3, 3, 2], height: 6, width: 6, interpolation: 'nearest', cropToAspectRatio: true } as const;
    await interop(
      layers.resizing({ ...args, inputShape: [3, 3, 2] }),
      () => tfl.layers.resizing({ ...args, inputShape: [3, 3, 2] }),
      [2, 3, 3, 2],
    );
  });

  it('misuse names the layer', () => {
    expect(() => layers.resizing({ height: 0, width: 3, name: 'rz' })).toThrow('rz: height must be a positive integer, got 0');
    expect(() => layers.resizing({ height: 2, width: 3, interpolation: 'bicubic' as 'nearest', name: 'rz2' })).toThrow(ArgumentError);
    expect(() => layers.resizing({ height: 2, width: 3, name: 'rz3' }).apply(tensor([1, 2, 3, 4], [2, 2]))).toThrow(
      'rz3: expected images of rank 4 [batch, height, width, channels] or rank 3 [height, width, channels], got shape (2, 2)',
    );
    expect(() => Resizing.fromConfig({ name: 'x', width: 3 })).toThrow("Resizing: config field 'height' must be a number");
  });
});

describe('CenterCrop', () => {
  it('is the exact centre slice (floor((size - target) / 2)), float32 out', async () => {
    for (const [h, w, ch, cw] of [
      [8, 8, 4, 4],
      [7, 5, 4, 4],
      [5, 6, 5, 1],
    ]) {
      const data = Int32Array.from(lcg(2 * h * w, 3), (v) => Math.round(v * 100));
      const y = layers.centerCrop({ height: ch, width: cw }).apply(tensor(data, [2, h, w, 1], 'int32'));
      expect(y.dtype).toBe('float32');
      const expected = await tf
        .slice(tf.tensor(data, [2, h, w, 1], 'int32'), [0, Math.floor((h - ch) / 2), Math.floor((w - cw) / 2), 0], [-1, ch, cw, -1])
        .data();
      expect(await values(y)).toEqual(Array.from(expected));
    }
  });

  it('an image smaller than the target is cropped to the aspect ratio and resized (Keras 3 smart_resize)', async () => {
    const data = lcg(3 * 5 * 2, 9);
    const y = layers.centerCrop({ height: 4, width: 6 }).apply(tensor(data, [1, 3, 5, 2]));
    const expected = kerasResize(tf.tensor4d(data, [1, 3, 5, 2]), 4, 6, 'bilinear', true);
    expect(maxAbsDiff(await values(y), await expected.data())).toBeLessThanOrEqual(1e-5);
  });

  it('with TF.js 4.22: same outputs, config and files both ways (8x8 -> 4x4)', async () => {
    await interop(
      layers.centerCrop({ inputShape: [8, 8, 2], height: 4, width: 4 }),
      () => tfl.layers.centerCrop({ inputShape: [8, 8, 2], height: 4, width: 4 }),
      [2, 8, 8, 2],
    );
  });

  it('misuse names the layer', () => {
    expect(() => layers.centerCrop({ height: 2, width: -1, name: 'cc' })).toThrow('cc: width must be a positive integer, got -1');
    expect(() => layers.centerCrop({ height: 2, width: 2, name: 'cc2' }).apply(input({ shape: [4] }))).toThrow(ShapeError);
  });
});
