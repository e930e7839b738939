// The same application as app.mjs written as CommonJS: every require() goes through the
// packages' "require" export conditions (their dist/*.cjs builds).
//   node app.cjs <cpu|wasm|webgpu>
const { getBackend, grad, listBackends, matMul, setBackend, square, sum, tensor, tensor2d } = require('@tensile/core');
const { runConformanceSuite } = require('@tensile/core/testing');
const { layers, optimizers, sequential } = require('@tensile/layers');

const name = process.argv[2];
const backend = require(`@tensile/backend-${name}`);

async function main() {
  try {
    await setBackend(name);
  } catch (err) {
    const listed = listBackends().find((b) => b.name === name);
    console.log(JSON.stringify({ backend: name, unavailable: listed?.error ?? null, thrown: String(err) }));
    return;
  }
  const product = await matMul(
    tensor2d([
      [1, 2],
      [3, 4],
    ]),
    tensor2d([[5], [6]]),
  ).array();
  const gradient = await grad((x) => sum(square(x)))(tensor([1, 2, 3])).array();
  // The same model and step as app.mjs: the prediction goes from 3 to -0.6.
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
}

main().then(
  () => undefined,
  (err) => {
    console.error(err);
    process.exitCode = 1;
  },
);
