import { backendUtil, type FusedActivation } from '@tensile/core';

const { sigmoid } = backendUtil;

/** In place on y viewed as [rows, channels]: y = activation(y + bias). One loop per activation. */
export function applyBiasActivation(y: Float32Array, channels: number, bias: Float32Array | undefined, activation: FusedActivation): void {
  const n = y.length;
  if (bias !== undefined) {
    for (let i = 0; i < n; i += channels) for (let c = 0; c < channels; c++) y[i + c] += bias[c];
  }
  switch (activation) {
    case 'linear': return;
    case 'relu': for (let i = 0; i < n; i++) { const v = y[i]; y[i] = v < 0 ? 0 : v; } return;
    case 'relu6': for (let i = 0; i < n; i++) { const v = y[i]; y[i] = v < 0 ? 0 : v > 6 ? 6 : v; } return;
    case 'tanh': for (let i = 0; i < n; i++) y[i] = Math.tanh(y[i]); return;
    case 'sigmoid': for (let i = 0; i < n; i++) y[i] = sigmoid(y[i]); return;
    case 'elu': for (let i = 0; i < n; i++) { const v = y[i]; y[i] = v > 0 ? v : Math.expm1(v); } return;
  }
}
