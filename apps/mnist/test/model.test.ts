import '@tensile/backend-cpu';
import { ready } from '@tensile/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { LENET5_PARAMS, lenet5, lenet5Relu } from '../src/model.js';

beforeAll(async () => {
  await ready();
});

describe('LeNet-5', () => {
  it('has the 61,706 parameters of the table, layer by layer', () => {
    const m = lenet5({ seed: 1 });
    expect(m.countParams()).toBe(LENET5_PARAMS);
    expect(m.countParams()).toBe(61_706);
    expect(m.layers.map((l) => l.countParams())).toEqual([156, 0, 2416, 0, 48120, 0, 10164, 850]);
    expect(m.outputShapes[0]).toEqual([null, 10]);
    const lines: string[] = [];
    m.summary({ printFn: (l: string) => lines.push(l) });
    expect(lines.join('\n')).toMatch(/61,?706/);
    m.dispose();
  });

  it('lenet5-relu has the same shape with relu and max pooling', () => {
    const m = lenet5Relu({ seed: 1 });
    expect(m.countParams()).toBe(61_706);
    expect(m.layers.map((l) => l.className)).toContain('MaxPooling2D');
    m.dispose();
  });
});
