/**
 * RandomFlip (Keras 3; not in TF.js 4.22): inference passes inputs through unchanged; training
 * turns each image into either itself or its exact mirror along the configured axes (checked
 * pixel by pixel in plain JavaScript), about half of them flipped; seeds reproduce; configs
 * round-trip.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import '@tensile/backend-cpu';
import { ArgumentError, ModelFormatError, ready, tensor } from '@tensile/core';
import { undisposedTensors } from '@tensile/core/testing';
import { io, layers, loadModel, RandomFlip, sequential } from '../src/index.js';
import { memorySink, values } from './helpers.js';
import { lcg } from './helpers/tfjs-twin.js';

beforeAll(async () => {
  await ready();
});

const [B, H, W, C] = [64, 3, 4, 2];
const data = lcg(B * H * W * C, 13);
const at = (v: ArrayLike<number>, b: number, h: number, w: number, c: number) => v[((b * H + h) * W + w) * C + c];

/** Whether image b of `out` equals image b of the input mirrored as (flipH, flipV). */
function isImage(out: ArrayLike<number>, b: number, flipH: boolean, flipV: boolean): boolean {
  for (let h = 0; h < H; h++)
    for (let w = 0; w < W; w++)
      for (let c = 0; c < C; c++) {
        if (at(out, b, h, w, c) !== at(data, b, flipV ? H - 1 - h : h, flipH ? W - 1 - w : w, c)) return false;
      }
  return true;
}

describe('RandomFlip', () => {
  it('passes inputs through unchanged at inference', async () => {
    const f = layers.randomFlip({ seed: 1 });
    expect(await values(f.apply(tensor(data, [B, H, W, C])))).toEqual(Array.from(data));
    expect(await values(f.apply(tensor(data, [B, H, W, C]), { training: false }))).toEqual(Array.from(data));
  });

  const modes = [
    ['horizontal', true, false],
    ['vertical', false, true],
    ['horizontal_and_vertical', true, true],
  ] as const;
  for (const [mode, h, v] of modes) {
    it(`${mode}: in training each image is itself or its exact mirror, about half flipped`, async () => {
      const out = await values(layers.randomFlip({ mode, seed: 7 }).apply(tensor(data, [B, H, W, C]), { training: true }));
      let flipped = 0;
      for (let b = 0; b < B; b++) {
        const same = isImage(out, b, false, false);
        const mirror = isImage(out, b, h, v);
        expect(same || mirror).toBe(true);
        if (mirror) flipped++;
      }
      // Binomial(64, 1/2): outside [16, 48] has probability < 1e-4.
      expect(flipped).toBeGreaterThanOrEqual(16);
      expect(flipped).toBeLessThanOrEqual(48);
    });
  }

  it('the same seed draws the same flips, successive calls draw new ones; rank-3 images; no leaks', async () => {
    const x = tensor(data, [B, H, W, C]);
    const a = layers.randomFlip({ seed: 3 });
    const b = layers.randomFlip({ seed: 3 });
    const first = await values(a.apply(x, { training: true }));
    expect(await values(b.apply(x, { training: true }))).toEqual(first);
    expect(await values(a.apply(x, { training: true }))).not.toEqual(first);
    const one = await values(
      layers.randomFlip({ mode: 'horizontal' }).apply(tensor(data.slice(0, H * W * C), [H, W, C]), { training: true }),
    );
    expect(isImage(one, 0, false, false) || isImage(one, 0, true, false)).toBe(true);
    a.apply(x, { training: true }).dispose();
    const before = undisposedTensors();
    a.apply(x, { training: true }).dispose();
    expect(undisposedTensors()).toBe(before);
  });

  it('round-trips through a saved model; misuse names the layer', async () => {
    const m = sequential([layers.randomFlip({ inputShape: [H, W, C], mode: 'vertical', seed: 5 })]);
    const sink = memorySink();
    await m.save(sink.handler);
    const saved = JSON.parse(JSON.stringify(sink.artifacts().modelTopology)).config.layers[0];
    expect(saved.class_name).toBe('RandomFlip');
    expect(saved.config).toMatchObject({ mode: 'vertical', seed: 5 });
    const loaded = await loadModel(io.fromMemory(sink.artifacts()));
    const flip = loaded.layers[loaded.layers.length - 1] as RandomFlip;
    expect([flip.mode, flip.seed]).toEqual(['vertical', 5]);
    expect(() => layers.randomFlip({ mode: 'diagonal' as 'vertical', name: 'rf' })).toThrow(
      "rf: mode must be one of 'horizontal', 'vertical', 'horizontal_and_vertical', got \"diagonal\"",
    );
    expect(() => layers.randomFlip({ seed: 0.5, name: 'rf2' })).toThrow(ArgumentError);
    expect(() => RandomFlip.fromConfig({ name: 'x', data_format: 'channels_first', dataFormat: 'channels_first' })).toThrow(
      ModelFormatError,
    );
  });
});
