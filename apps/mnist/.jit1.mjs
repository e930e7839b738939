// ../../../../tmp/jit1.ts
import * as core from "@tensile/core";
import "@tensile/backend-wasm";

// src/model.ts
import { initializers, layers, sequential } from "@tensile/layers";
var INPUT_SHAPE = [28, 28, 1];
var PADDED_SIDE = 32;
var MNIST_MEAN = 0.1307;
var MNIST_STD = 0.3081;
function rescalingFor(norm) {
  return norm === "standard" ? { scale: 1 / (255 * MNIST_STD), offset: -MNIST_MEAN / MNIST_STD } : { scale: 1 / 255, offset: 0 };
}
function build(name, act, pool, opts) {
  let k = 0;
  const kernel = () => initializers.glorotUniform(opts.seed === void 0 ? {} : { seed: opts.seed + k++ });
  const poolLayer = (n) => pool === "average" ? layers.averagePooling2d({ poolSize: 2, name: n }) : layers.maxPooling2d({ poolSize: 2, name: n });
  return sequential({
    name,
    layers: [
      layers.zeroPadding2d({ name: "pad", inputShape: [...INPUT_SHAPE], padding: (PADDED_SIDE - INPUT_SHAPE[0]) / 2 }),
      layers.rescaling({ name: "rescale", ...rescalingFor(opts.norm ?? "standard") }),
      layers.conv2d({ name: "C1", filters: 6, kernelSize: 5, activation: act, kernelInitializer: kernel() }),
      poolLayer("S2"),
      layers.conv2d({ name: "C3", filters: 16, kernelSize: 5, activation: act, kernelInitializer: kernel() }),
      poolLayer("S4"),
      layers.conv2d({ name: "C5", filters: 120, kernelSize: 5, activation: act, kernelInitializer: kernel() }),
      layers.flatten({ name: "flatten" }),
      layers.dense({ name: "F6", units: 84, activation: act, kernelInitializer: kernel() }),
      layers.dense({ name: "output", units: 10, activation: "softmax", kernelInitializer: kernel() })
    ]
  });
}
function lenet5(opts = {}) {
  return build("lenet5", "tanh", "average", opts);
}

// ../../../../tmp/jit1.ts
var [backend, jit, steps] = [process.argv[2] ?? "wasm", process.argv[3] === "jit", Number(process.argv[4] ?? 30)];
await core.setBackend(backend);
var model = lenet5({ seed: 1 });
model.compile({ optimizer: { className: "Adam", config: { learningRate: 1e-3 } }, loss: "categoricalCrossentropy", jitCompile: jit });
var B = 128;
var x = core.tidy(() => core.randomUniform([B, 28, 28, 1], 0, 255, "float32", 3));
var y = core.tidy(() => core.oneHot(core.cast(core.randomUniform([B], 0, 10, "float32", 4), "int32"), 10, 1, 0, "float32"));
var losses = [];
var t0;
for (let i = 0; i < steps; i++) {
  if (i === 5) t0 = performance.now();
  const l = await model.trainOnBatch(x, y);
  losses.push(l);
}
var ms = (performance.now() - t0) / (steps - 5);
console.log(backend, jit ? "jit" : "eager", ms.toFixed(2), "ms/step", (B / ms * 1e3).toFixed(0), "samples/s", "loss", losses.slice(0, 4).map((v) => v.toFixed(6)).join(","), "...", losses.at(-1).toFixed(6), "tensors", core.memory().numTensors);
