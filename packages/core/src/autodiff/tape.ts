import { TensileError } from '../errors.js';
import type { Tensor } from '../tensor.js';

/** One recorded kernel call (or metadata op such as reshape). */
export interface TapeNode {
  readonly name: string;
  /** Inputs in a fixed order (array inputs flattened); `backward` returns one entry for each. */
  readonly inputs: readonly Tensor[];
  readonly output: Tensor;
  /**
   * Gradients with respect to `inputs` given the output's gradient; null where there is none or
   * where `needed[i]` is false (e.g. conv2d's input image when only the filter is a variable).
   */
  readonly backward: ((dy: Tensor, needed: readonly boolean[]) => readonly (Tensor | null)[]) | null;
}

/** Kernel calls recorded while a gradient is being taken. */
export class Tape {
  readonly nodes: TapeNode[] = [];
  /** Tensors the backward pass will read: inner `tidy` scopes hand them outwards, not dispose them. */
  readonly saved = new Set<Tensor>();

  record(node: TapeNode): void {
    this.nodes.push(node);
    for (const t of node.inputs) this.saved.add(t);
    this.saved.add(node.output);
  }
}

/**
 * Reverse-mode accumulation from `y` back to `xs`. Only nodes on a path from some x to y run.
 * `add` sums two gradients of one tensor. Returns gradients keyed by tensor id.
 */
export function backprop(
  tape: Tape,
  y: Tensor,
  xs: readonly Tensor[],
  dy: Tensor,
  add: (a: Tensor, b: Tensor) => Tensor,
): Map<number, Tensor> {
  const fromX = new Set<number>(xs.map((x) => x.id));
  const forward = new Set<TapeNode>();
  for (const node of tape.nodes) {
    if (node.inputs.some((t) => fromX.has(t.id))) {
      fromX.add(node.output.id);
      forward.add(node);
    }
  }
  const toY = new Set<number>([y.id]);
  const onPath: TapeNode[] = [];
  for (let i = tape.nodes.length - 1; i >= 0; i--) {
    const node = tape.nodes[i];
    if (forward.has(node) && toY.has(node.output.id)) {
      onPath.push(node);
      for (const t of node.inputs) toY.add(t.id);
    }
  }

  const grads = new Map<number, Tensor>([[y.id, dy]]);
  for (const node of onPath) {
    const g = grads.get(node.output.id);
    if (!g) continue;
    if (!node.backward) {
      throw new TensileError(`gradient: kernel '${node.name}' has no gradient, but it lies between the variables and the result`);
    }
    const needed = node.inputs.map((t) => fromX.has(t.id) && toY.has(t.id));
    const inputGrads = node.backward(g, needed);
    node.inputs.forEach((input, i) => {
      const gi = inputGrads[i];
      if (!gi || !needed[i]) return;
      const prev = grads.get(input.id);
      grads.set(input.id, prev ? add(prev, gi) : gi);
    });
  }
  return grads;
}
