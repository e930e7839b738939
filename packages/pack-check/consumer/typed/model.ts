// Typed use of core and layers, which every consumer installs: tsc --strict checks it against
// the declarations inside the tarballs (skipLibCheck off, no @types of the workspace).
import { grad, listBackends, matMul, square, sum, tensor, tensor2d, type BackendStatus, type Tensor } from '@tensile/core';
import type { ConformanceOptions } from '@tensile/core/testing';
import { layers, optimizers, sequential, type History, type Sequential } from '@tensile/layers';

export function reasons(): string[] {
  const listed: BackendStatus[] = listBackends();
  return listed.flatMap((b) => (b.error === undefined ? [] : [`${b.name}: ${b.error}`]));
}

export async function compute(): Promise<{ product: number[][]; gradient: number[]; after: number[][]; loss: number[] }> {
  const product = (await matMul(
    tensor2d([
      [1, 2],
      [3, 4],
    ]),
    tensor2d([[5], [6]]),
  ).array()) as number[][];
  const g: Tensor = grad((x: Tensor) => sum(square(x)))(tensor([1, 2, 3]));
  const gradient = (await g.array()) as number[];
  const model: Sequential = sequential([layers.dense({ units: 1, inputShape: [2], kernelInitializer: 'ones', biasInitializer: 'zeros' })]);
  model.compile({ optimizer: optimizers.sgd(0.1), loss: 'meanSquaredError' });
  const x = tensor2d([[1, 2]]);
  const history: History = await model.fit(x, tensor2d([[0]]), { epochs: 1, batchSize: 1, shuffle: false, verbose: 0 });
  const after = (await (model.predict(x) as Tensor).array()) as number[][];
  return { product, gradient, after, loss: history.history.loss ?? [] };
}

export type SuiteOptions = ConformanceOptions;
