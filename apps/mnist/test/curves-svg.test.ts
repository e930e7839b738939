import { describe, expect, it } from 'vitest';
import { niceTicks, renderCurvesSvg } from '../src/curves-svg.js';

const history = {
  loss: [0.25, 0.07, 0.05],
  accuracy: [0.93, 0.978, 0.985],
  val_loss: [0.09, 0.06, 0.055],
  val_accuracy: [0.972, 0.981, 0.984],
};

function points(svg: string, series: string): number[] {
  return [...svg.matchAll(new RegExp(`<circle data-series="${series}" data-epoch="(\\d+)" data-value="([^"]+)"`, 'g'))].map((m) =>
    Number(m[2]),
  );
}

describe('curves.svg', () => {
  const svg = renderCurvesSvg({ history, title: 'LeNet-5' });

  it('is a standalone SVG document with two panels, axes, ticks and a legend', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('data-metric="loss"');
    expect(svg).toContain('data-metric="accuracy"');
    expect(svg.match(/class="axis"/g)).toHaveLength(4);
    expect(svg.match(/class="xtick"[^>]*>(\d+)</g)?.length).toBe(6); // epochs 1..3 in each panel
    expect((svg.match(/class="ytick"/g) ?? []).length).toBeGreaterThanOrEqual(6);
    expect(svg.match(/class="legend"[^>]*>train</g)).toHaveLength(2);
    expect(svg.match(/class="legend"[^>]*>validation</g)).toHaveLength(2);
    expect(svg).toContain('>LeNet-5</text>');
  });

  it('has one polyline and one point per epoch for each series, carrying the values', () => {
    for (const [key, values] of Object.entries(history)) {
      expect(svg).toContain(`<polyline class="series" data-series="${key}"`);
      expect(points(svg, key)).toEqual(values);
    }
    const poly = /data-series="loss" points="([^"]+)"/.exec(svg)?.[1] ?? '';
    const coords = poly.split(' ').map((p) => p.split(',').map(Number));
    expect(coords).toHaveLength(3);
    // x grows with the epoch; loss falls, so y (downwards in SVG) grows.
    expect(coords[0][0]).toBeLessThan(coords[1][0]);
    expect(coords[0][1]).toBeLessThan(coords[2][1]);
  });

  it('accepts TF.js-style acc/val_acc keys and a single epoch', () => {
    const one = renderCurvesSvg({ history: { loss: [0.3], acc: [0.9] } });
    expect(points(one, 'acc')).toEqual([0.9]);
    expect(one).not.toContain('NaN');
  });

  it('niceTicks covers the range in 1/2/5 steps', () => {
    expect(niceTicks(0.05, 0.25)).toEqual([0.05, 0.1, 0.15, 0.2, 0.25]);
    const t = niceTicks(0.93, 0.985);
    expect(t[0]).toBeLessThanOrEqual(0.93);
    expect(t[t.length - 1]).toBeGreaterThanOrEqual(0.985);
    expect(niceTicks(1, 1).length).toBeGreaterThan(1);
  });
});
