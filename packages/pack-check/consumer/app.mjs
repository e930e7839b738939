// An application that installed @tensile/core, @tensile/layers and one backend from their
// tarballs, as ES modules: every import goes through the packages' "import" export conditions.
// Prints one JSON line for the test to check.
//   node app.mjs <cpu|wasm|webgpu>
import { getBackend, grad, listBackends, matMul, setBackend, square, sum, tensor, tensor2d } from '@tensile/core';
import { runConformanceSuite } from '@tensile/core/testing';
import { layers, optimizers, sequential } from '@tensile/layers';

const name = process.argv[2];
const backend = await import(`@tensile/backend-${name}`);

try {
  await setBackend(name);
} catch (err) {
  // A consumer without the backend's driver (webgpu without Dawn or a Vulkan driver) learns why
  // from listBackends(); the error thrown is for the call that asked.
  const listed = listBackends().find((b) => b.name === name);
  console.log(JSON.stringify({ backend: name, unavailable: listed?.error ?? null, thrown: String(err) }));
  process.exit(0);
}

const product = await matMul(
  tensor2d([
    [1, 2],
    [3, 4],
  ]),
  tensor2d([[5], [6]]),
).array();
const gradient = await grad((x) => sum(square(x)))(tensor([1, 2, 3])).array();

// One dense unit with weights [1, 1] and bias 0 predicts 1 + 2 = 3 for [1, 2]. One SGD step
// (lr 0.1) on the squared error against 0: d/dw = 2 * 3 * [1, 2] = [6, 12], d/db = 6, so
// w = [0.4, -0.2], b = -0.6 and the next prediction is 0.4 - 0.4 - 0.6 = -0.6.
const model = sequential([layers.dense({ units: 1, inputShape: [2], kernelInitializer: 'ones', biasInitializer: 'zeros' })]);
model.compile({ optimizer: optimizers.sgd(0.1), loss: 'meanSquaredError' });
const x = tensor2d([[1, 2]]);
const before = await model.predict(x).array();
const history = await model.fit(x, tensor2d([[0]]), { epochs: 1, batchSize: 1, shuffle: false, verbose: 0 });
const after = await model.predict(x).array();

console.log(
  JSON.stringify({
    backend: getBackend(),
    exports: Object.keys(backend).sort(),
    testing: typeof runConformanceSuite,
    product,
    gradient,
    before,
    loss: history.history.loss,
    after,
  }),
);
