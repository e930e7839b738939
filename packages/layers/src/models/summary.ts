/** `model.summary()`: the Keras table of layers, output shapes and parameter counts. */
import type { Layer } from '../layer.js';
import { formatSymbolicShape } from '../symbolic-tensor.js';
import type { Model } from './model.js';

export interface SummaryOptions {
  /** Total width of the table (default 65, or 98 with the "Connected to" column). */
  lineLength?: number;
  /** Where each line goes; default console.log. */
  printFn?: (line: string) => void;
}

/** Keras prints counts with thousands separators. */
function count(n: number): string {
  return n.toLocaleString('en-US');
}

function bytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(2)} ${units[u]}`;
}

function row(cells: readonly string[], widths: readonly number[]): string {
  // Keras clips long cells to their column and separates columns with a space.
  return cells
    .map((c, i) => (i === cells.length - 1 ? c : c.slice(0, widths[i] - 1).padEnd(widths[i])))
    .join('')
    .trimEnd();
}

function outputShapeOf(model: Model, layer: Layer): string {
  const shapes = layer.inboundNodes
    .filter((n) => model.nodes.includes(n))
    .map((n) => n.outputs.map((t) => formatSymbolicShape(t.shape)).join(', '));
  if (shapes.length === 0) return '?';
  return [...new Set(shapes)].length === 1 ? shapes[0] : 'multiple';
}

/** The lines of the summary table. */
export function summaryLines(model: Model, options: SummaryOptions = {}): string[] {
  const sequentialLike = model.className === 'Sequential';
  const lineLength = options.lineLength ?? (sequentialLike ? 65 : 98);
  const fractions = sequentialLike ? [0.45, 0.85, 1] : [0.33, 0.55, 0.67, 1];
  const positions = fractions.map((f) => Math.floor(lineLength * f));
  const widths = positions.map((p, i) => p - (i === 0 ? 0 : positions[i - 1]));
  const header = sequentialLike ? ['Layer (type)', 'Output Shape', 'Param #'] : ['Layer (type)', 'Output Shape', 'Param #', 'Connected to'];
  const lines = [`Model: "${model.name}"`, '_'.repeat(lineLength), row(header, widths), '='.repeat(lineLength)];
  const layers = model.built ? model.layers : [];
  layers.forEach((layer, i) => {
    const cells = [`${layer.name} (${layer.className})`, model.built ? outputShapeOf(model, layer) : '?', count(layer.countParams())];
    if (!sequentialLike) {
      const inbound = layer.inboundNodes
        .filter((n) => model.nodes.includes(n))
        .flatMap((n) => n.inputs.map((t) => `${t.sourceLayer.name}[${model.modelNodeIndex(t)}][${t.tensorIndex}]`));
      cells.push(inbound[0] ?? '');
      lines.push(row(cells, widths));
      for (const more of inbound.slice(1)) lines.push(row(['', '', '', more], widths));
    } else {
      lines.push(row(cells, widths));
    }
    lines.push(i === layers.length - 1 ? '='.repeat(lineLength) : '_'.repeat(lineLength));
  });
  if (layers.length === 0) lines.push('='.repeat(lineLength));
  const trainable = model.trainableWeights.reduce((n, v) => n + v.size, 0);
  const total = model.weights.reduce((n, v) => n + v.size, 0);
  lines.push(
    `Total params: ${count(total)} (${bytes(total * 4)})`,
    `Trainable params: ${count(trainable)} (${bytes(trainable * 4)})`,
    `Non-trainable params: ${count(total - trainable)} (${bytes((total - trainable) * 4)})`,
    '_'.repeat(lineLength),
  );
  return lines;
}
