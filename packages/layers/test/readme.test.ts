/** The README's examples, compiled and run. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import '@tensile/backend-cpu';
import { mul, ready, randomNormal, randomUniform, tensor2d, type Tensor } from '@tensile/core';
import { Layer, layers, loadModel, registerLayer, sequential, type ConfigDict } from '../src/index.js';

class Scale extends Layer {
  static override readonly className = 'Scale';
  constructor(readonly args: { factor: number; name?: string }) { super(args); }
  call(x: Tensor): Tensor { return mul(x, this.args.factor); }
  override getConfig(): ConfigDict { return { factor: this.args.factor, ...super.getConfig() }; }
  static override fromConfig(c: ConfigDict): Scale { return new Scale({ factor: Number(c.factor), name: String(c.name) }); }
}
registerLayer(Scale);

it('the quick start and the custom layer run', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tensile-readme-'));
  await ready();
  const model = sequential([layers.dense({ units: 16, activation: 'relu', inputShape: [4] }), layers.dense({ units: 3, activation: 'softmax' })]);
  model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  await model.fit(randomNormal([64, 4]), randomUniform([64], 0, 3, 'int32'), { epochs: 5, verbose: 0 });
  model.summary({ printFn: () => {} });
  model.add(new Scale({ factor: 2 }));
  await model.save(`file://${join(dir, 'my-model')}`);
  const copy = await loadModel(`file://${join(dir, 'my-model')}`);
  const x = tensor2d([[1, 2, 3, 4]]);
  const sum = Array.from(await (copy.apply(x) as Tensor).data()).reduce((a, b) => a + b, 0);
  expect(sum).toBeCloseTo(2, 5);
  await rm(dir, { recursive: true, force: true });
});
