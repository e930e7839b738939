/**
 * The drawing pad's preprocessing (web/src/digit-pixels.ts), the part that runs without a
 * canvas: finding the ink, fitting it in 20x20 and centring it by mass as MNIST's digits are.
 * Checked against MNIST itself: its test digits are already centred, so centring one moves it
 * by at most a pixel and keeps every bit of ink.
 */
import { describe, expect, it } from 'vitest';
import { centreByMass, fitBox, inkBox, inkOf, SIDE } from '../web/src/digit-pixels.js';
import { loadMnistRaw, PIXELS } from '../src/data.js';

function image(points: [number, number][], value = 255): Float32Array {
  const img = new Float32Array(SIDE * SIDE);
  for (const [x, y] of points) img[y * SIDE + x] = value;
  return img;
}

function mass(img: Float32Array): { total: number; x: number; y: number } {
  let total = 0;
  let x = 0;
  let y = 0;
  img.forEach((v, i) => {
    total += v;
    x += v * (i % SIDE);
    y += v * Math.floor(i / SIDE);
  });
  return { total, x: x / total, y: y / total };
}

describe('digit pixels', () => {
  it('reads ink from the red channel of RGBA', () => {
    const rgba = new Uint8ClampedArray([255, 255, 255, 255, 0, 0, 0, 255, 128, 128, 128, 255]);
    expect([...inkOf(rgba, 3, 1)]).toEqual([255, 0, 128]);
  });

  it('finds the box around the ink, or null when nothing is drawn', () => {
    expect(inkBox(new Float32Array(SIDE * SIDE), SIDE, SIDE)).toBeNull();
    expect(
      inkBox(
        image([
          [3, 5],
          [10, 7],
          [6, 20],
        ]),
        SIDE,
        SIDE,
      ),
    ).toEqual({ x: 3, y: 5, w: 8, h: 16 });
    // Faint ink below the threshold is paper.
    expect(inkBox(image([[1, 1]], 10), SIDE, SIDE)).toBeNull();
  });

  it('scales the longer side to 20 pixels and keeps the aspect', () => {
    expect(fitBox({ x: 0, y: 0, w: 100, h: 200 })).toEqual({ x: 9, y: 4, w: 10, h: 20 });
    expect(fitBox({ x: 7, y: 9, w: 50, h: 50 })).toEqual({ x: 4, y: 4, w: 20, h: 20 });
    // A thin stroke (a '1') keeps at least one pixel of width.
    expect(fitBox({ x: 0, y: 0, w: 1, h: 280 }).w).toBe(1);
  });

  it('moves the centre of mass to the middle of the image', () => {
    const corner = image([
      [0, 0],
      [1, 0],
      [0, 1],
      [1, 1],
    ]);
    const m = mass(centreByMass(corner));
    expect(m.total).toBe(4 * 255);
    expect(Math.abs(m.x - 13.5)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(m.y - 13.5)).toBeLessThanOrEqual(0.5);
  });

  it('leaves MNIST test digits (already centred by mass) within a pixel, ink kept', () => {
    const test = loadMnistRaw('test', { limit: 50 });
    for (let i = 0; i < test.n; i++) {
      const img = Float32Array.from(test.pixels.subarray(i * PIXELS, (i + 1) * PIXELS));
      const before = mass(img);
      const after = mass(centreByMass(img));
      expect(after.total).toBe(before.total);
      expect(Math.abs(after.x - before.x)).toBeLessThanOrEqual(1.01);
      expect(Math.abs(after.y - before.y)).toBeLessThanOrEqual(1.01);
    }
  });
});
