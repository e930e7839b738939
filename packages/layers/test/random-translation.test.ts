/**
 * RandomTranslation (Keras 3; not in TF.js 4.22). With equal lower and upper factors the shift is
 * fixed, so every fill mode and interpolation is compared with TensorFlow's ImageProjectiveTransform
 * kernel transcribed below in float64 JavaScript; with random factors each image must be its input
 * shifted by whole pixels within the factors (nearest interpolation, constant fill); inference
 * passes inputs through unchanged.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import '@tensile/backend-cpu';
import { ArgumentError, ready, tensor } from '@tensile/core';
import { undisposedTensors } from '@tensile/core/testing';
import { io, layers, loadModel, type RandomTranslation, sequential } from '../src/index.js';
import { maxAbsDiff, memorySink, values } from './helpers.js';
import { lcg } from './helpers/tfjs-twin.js';

beforeAll(async () => {
  await ready();
});

type Mode = 'reflect' | 'wrap' | 'constant' | 'nearest';
const [B, H, W, C] = [2, 5, 6, 2];
const data = lcg(B * H * W * C, 23);

/** tensorflow/core/kernels/image/image_ops.h: map_coordinate. */
function mapCoordinate(c: number, len: number, mode: Mode): number {
  let v = c;
  if (mode === 'reflect') {
    if (v < 0) {
      if (len <= 1) v = 0;
      else {
        const sz2 = 2 * len;
        if (v < sz2) v = sz2 * Math.trunc(-v / sz2) + v;
        v = v < -len ? v + sz2 : -v - 1;
      }
    } else if (v > len - 1) {
      if (len <= 1) v = 0;
      else {
        const sz2 = 2 * len;
        v -= sz2 * Math.trunc(v / sz2);
        if (v >= len) v = sz2 - v - 1;
      }
    }
  } else if (mode === 'wrap') {
    if (v < 0) {
      if (len <= 1) v = 0;
      else v += len * (Math.trunc(-v / len) + 1);
    } else if (v > len - 1) {
      if (len <= 1) v = 0;
      else v -= len * Math.trunc(v / len);
    }
  } else if (mode === 'nearest') {
    v = Math.min(Math.max(v, 0), len - 1);
  }
  return mode === 'constant' ? v : Math.min(Math.max(v, 0), len - 1);
}

const roundHalfAway = (v: number) => Math.sign(v) * Math.round(Math.abs(v));

/** The kernel's read_with_fill_value, nearest and bilinear interpolation, for a translation. */
function tfTranslate(x: Float32Array, dy: number, dx: number, mode: Mode, interp: 'bilinear' | 'nearest', fill: number): number[] {
  const read = (b: number, y: number, xx: number, c: number) =>
    y >= 0 && y < H && xx >= 0 && xx < W ? x[((b * H + y) * W + xx) * C + c] : fill;
  const out: number[] = [];
  for (let b = 0; b < B; b++)
    for (let y = 0; y < H; y++)
      for (let xx = 0; xx < W; xx++)
        for (let c = 0; c < C; c++) {
          const my = mapCoordinate(y - dy, H, mode);
          const mx = mapCoordinate(xx - dx, W, mode);
          if (interp === 'nearest') {
            out.push(read(b, roundHalfAway(my), roundHalfAway(mx), c));
            continue;
          }
          const [y0, x0] = [Math.floor(my), Math.floor(mx)];
          const [y1, x1] = [y0 + 1, x0 + 1];
          const top = (x1 - mx) * read(b, y0, x0, c) + (mx - x0) * read(b, y0, x1, c);
          const bottom = (x1 - mx) * read(b, y1, x0, c) + (mx - x0) * read(b, y1, x1, c);
          out.push((y1 - my) * top + (my - y0) * bottom);
        }
  return out;
}

describe('RandomTranslation', () => {
  it('passes inputs through unchanged at inference', async () => {
    const t = layers.randomTranslation({ heightFactor: 0.5, widthFactor: 0.5 });
    expect(await values(t.apply(tensor(data, [B, H, W, C])))).toEqual(Array.from(data));
  });

  for (const mode of ['reflect', 'wrap', 'constant', 'nearest'] as const) {
    for (const interpolation of ['bilinear', 'nearest'] as const) {
      it(`fixed shift, fillMode ${mode}, ${interpolation}: as TensorFlow's kernel`, async () => {
        for (const [fh, fw] of [
          // Shifts off the .5 ties, where rounding conventions differ (TF: half away from zero).
          [0.33, -0.43],
          [-0.87, 0.71],
        ]) {
          const t = layers.randomTranslation({
            heightFactor: [fh, fh],
            widthFactor: [fw, fw],
            fillMode: mode,
            interpolation,
            fillValue: 0.5,
          });
          const out = await values(t.apply(tensor(data, [B, H, W, C]), { training: true }));
          const expected = tfTranslate(data, fh * H, fw * W, mode, interpolation, 0.5);
          expect(maxAbsDiff(out, expected)).toBeLessThanOrEqual(1e-5);
        }
      });
    }
  }

  it('random shifts: each image is its input moved by whole pixels within the factors', async () => {
    const n = 16;
    const x = lcg(n * H * W * C, 5);
    const t = layers.randomTranslation({
      heightFactor: 0.4,
      widthFactor: [-0.5, 0],
      fillMode: 'constant',
      interpolation: 'nearest',
      fillValue: 9,
      seed: 4,
    });
    const out = await values(t.apply(tensor(x, [n, H, W, C]), { training: true }));
    const shifts = new Set<string>();
    for (let b = 0; b < n; b++) {
      const at = (y: number, xx: number, c: number) => (y >= 0 && y < H && xx >= 0 && xx < W ? x[((b * H + y) * W + xx) * C + c] : 9);
      const matches = (sy: number, sx: number) => {
        for (let y = 0; y < H; y++)
          for (let xx = 0; xx < W; xx++)
            for (let c = 0; c < C; c++) if (out[((b * H + y) * W + xx) * C + c] !== at(y - sy, xx - sx, c)) return false;
        return true;
      };
      let found: string | undefined;
      for (let sy = -2; sy <= 2 && !found; sy++) for (let sx = -3; sx <= 0 && !found; sx++) if (matches(sy, sx)) found = `${sy},${sx}`;
      expect(found, `image ${b} is its input shifted by whole pixels`).toMatch(/^-?[0-9],-?[0-9]$/);
      shifts.add(found as string);
    }
    expect(shifts.size).toBeGreaterThan(3);
  });

  it('round-trips its config; rank-3 images; no leaks; misuse names the layer', async () => {
    const m = sequential([
      layers.randomTranslation({ inputShape: [H, W, C], heightFactor: [-0.2, 0.3], widthFactor: 0.1, fillMode: 'wrap', seed: 2 }),
    ]);
    const sink = memorySink();
    await m.save(sink.handler);
    const saved = JSON.parse(JSON.stringify(sink.artifacts().modelTopology)).config.layers.at(-1);
    expect(saved).toMatchObject({
      class_name: 'RandomTranslation',
      config: { height_factor: [-0.2, 0.3], width_factor: 0.1, fill_mode: 'wrap', interpolation: 'bilinear', seed: 2, fill_value: 0 },
    });
    const loaded = await loadModel(io.fromMemory(sink.artifacts()));
    const l = loaded.layers.at(-1) as RandomTranslation;
    expect([l.heightFactor, l.widthFactor, l.fillMode, l.seed]).toEqual([[-0.2, 0.3], 0.1, 'wrap', 2]);
    const one = layers
      .randomTranslation({ heightFactor: 0.2, widthFactor: 0.2 })
      .apply(tensor(data.slice(0, H * W * C), [H, W, C]), { training: true });
    expect(one.shape).toEqual([H, W, C]);
    const x = tensor(data, [B, H, W, C]);
    l.apply(x, { training: true }).dispose();
    const before = undisposedTensors();
    l.apply(x, { training: true }).dispose();
    expect(undisposedTensors()).toBe(before);
    expect(() => layers.randomTranslation({ heightFactor: 1.5, widthFactor: 0, name: 'rt' })).toThrow(
      'rt: heightFactor must be a fraction in [0, 1] or a pair [lower, upper] within [-1, 1], got 1.5',
    );
    expect(() => layers.randomTranslation({ heightFactor: 0.1, widthFactor: 0.1, fillMode: 'mirror' as 'wrap', name: 'rt2' })).toThrow(
      ArgumentError,
    );
  });
});
