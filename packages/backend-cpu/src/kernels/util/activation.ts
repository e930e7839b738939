import { backendUtil, type FusedActivation } from '@tensile/core';

const { sigmoid } = backendUtil;

/** In place on y[0..n). */
type ActivationLoop = (y: Float32Array, n: number) => void;

/** One loop per activation; a new activation does not compile until it has one. */
const ACTIVATIONS: Readonly<Record<FusedActivation, ActivationLoop>> = {
  linear: () => {},
  relu: (y, n) => {
    for (let i = 0; i < n; i++) {
      const v = y[i];
      y[i] = v < 0 ? 0 : v;
    }
  },
  relu6: (y, n) => {
    for (let i = 0; i < n; i++) {
      const v = y[i];
      y[i] = v < 0 ? 0 : v > 6 ? 6 : v;
    }
  },
  tanh: (y, n) => {
    for (let i = 0; i < n; i++) y[i] = Math.tanh(y[i]);
  },
  sigmoid: (y, n) => {
    for (let i = 0; i < n; i++) y[i] = sigmoid(y[i]);
  },
  elu: (y, n) => {
    for (let i = 0; i < n; i++) {
      const v = y[i];
      y[i] = v > 0 ? v : Math.expm1(v);
    }
  },
};

/** In place on y viewed as [rows, channels]: y = activation(y + bias). */
export function applyBiasActivation(y: Float32Array, channels: number, bias: Float32Array | undefined, activation: FusedActivation): void {
  const n = y.length;
  if (bias !== undefined) {
    for (let i = 0; i < n; i += channels) for (let c = 0; c < channels; c++) y[i + c] += bias[c];
  }
  ACTIVATIONS[activation](y, n);
}
