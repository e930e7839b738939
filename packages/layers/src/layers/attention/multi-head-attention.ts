/**
 * Keras 3's MultiHeadAttention (TF.js 4.22 has none) over [batch, time, features] inputs:
 * query, value and key (default: value) are projected per head (EinsumDense kernels
 * [features, numHeads, keyDim] and biases [numHeads, keyDim]), the query scaled by
 * 1/sqrt(keyDim), softmax(query·keyᵀ) over the value steps (masked steps get -1e9 first, as Keras),
 * dropout on those weights in training, the weighted values concatenated over heads and projected
 * back (kernel [numHeads, valueDim, outputDim], bias [outputDim]).
 *
 * Inputs: `[query, value]`, `[query, value, key]` or `[query, value, key, attentionMask]`, the mask
 * [batch, queryTime, valueTime] (true or > 0.5 keeps a pair). Weights are saved as
 * `<layer>/query/kernel`, `.../query/bias`, `key`, `value`, `attention_output` in Keras 3's order.
 */
import {
  add,
  ArgumentError,
  cast,
  div,
  fill,
  greater,
  greaterEqual,
  hash32,
  matMul,
  mul,
  randomUniform,
  reshape,
  ShapeError,
  softmax,
  type Tensor,
  transpose,
  type Variable,
  where,
} from '@tensile/core';
import { getInitializer, serializeInitializer, type Initializer } from '../../initializers.js';
import { baseArgs, isShapeList, Layer, type CallOptions, type LayerArgs } from '../../layer.js';
import { getRegularizer, serializeRegularizer, type Regularizer } from '../../regularizers.js';
import { ConfigReader, type ConfigDict } from '../../serialization.js';
import type { SymbolicShape } from '../../symbolic-tensor.js';
import { positiveInt, type InitializerArg, type RegularizerArg } from '../utils.js';

export interface MultiHeadAttentionArgs extends LayerArgs {
  numHeads: number;
  keyDim: number;
  /** Defaults to keyDim. */
  valueDim?: number;
  /** Dropout rate on the attention weights, in training. */
  dropout?: number;
  useBias?: boolean;
  /** Last dimension of the output; defaults to the query's. */
  outputShape?: number | null;
  kernelInitializer?: InitializerArg;
  biasInitializer?: InitializerArg;
  kernelRegularizer?: RegularizerArg | null;
  biasRegularizer?: RegularizerArg | null;
  seed?: number | null;
}

interface Projection {
  kernel: Variable;
  bias: Variable | undefined;
}

/** Keras' large negative for float32 masked scores. */
const MASKED = -1e9;

export class MultiHeadAttention extends Layer {
  static override readonly className = 'MultiHeadAttention';
  readonly numHeads: number;
  readonly keyDim: number;
  readonly valueDim: number;
  readonly dropout: number;
  readonly useBias: boolean;
  readonly outputShape: number | undefined;
  readonly seed: number | undefined;
  private readonly kernelInitializer: Initializer;
  private readonly biasInitializer: Initializer;
  private readonly kernelRegularizer: Regularizer | undefined;
  private readonly biasRegularizer: Regularizer | undefined;
  private projections: Record<'query' | 'key' | 'value' | 'output', Projection> | undefined;
  private calls = 0;

  constructor(args: MultiHeadAttentionArgs) {
    super(args);
    this.numHeads = positiveInt(this.name, 'numHeads', args.numHeads);
    this.keyDim = positiveInt(this.name, 'keyDim', args.keyDim);
    this.valueDim = positiveInt(this.name, 'valueDim', args.valueDim ?? this.keyDim);
    this.dropout = args.dropout ?? 0;
    if (typeof this.dropout !== 'number' || !(this.dropout >= 0 && this.dropout < 1)) {
      throw new ArgumentError(`${this.name}: dropout must be a number in [0, 1), got ${JSON.stringify(args.dropout)}`);
    }
    this.useBias = args.useBias ?? true;
    this.outputShape =
      args.outputShape === null || args.outputShape === undefined ? undefined : positiveInt(this.name, 'outputShape', args.outputShape);
    this.seed = args.seed ?? undefined;
    this.kernelInitializer = getInitializer(args.kernelInitializer, 'glorotUniform');
    this.biasInitializer = getInitializer(args.biasInitializer, 'zeros');
    this.kernelRegularizer = getRegularizer(args.kernelRegularizer);
    this.biasRegularizer = getRegularizer(args.biasRegularizer);
  }

  /** [query, value, key] shapes (key defaults to value), each rank 3 with a known last dimension. */
  private shapesOf(inputShape: SymbolicShape | SymbolicShape[]): [SymbolicShape, SymbolicShape, SymbolicShape] {
    if (!isShapeList(inputShape) || inputShape.length < 2 || inputShape.length > 4) {
      throw new ArgumentError(
        `${this.name}: MultiHeadAttention takes [query, value], [query, value, key] or [query, value, key, attentionMask], got ${isShapeList(inputShape) ? `${inputShape.length} inputs` : 'one input'}`,
      );
    }
    const [q, v, k = v] = inputShape;
    for (const [what, s] of [
      ['query', q],
      ['value', v],
      ['key', k],
    ] as const) {
      if (s.length !== 3 || s[2] === null) {
        throw new ShapeError(
          `${this.name}: ${what} must be rank 3 [batch, time, features] with known features, got (${s.map(String).join(', ')})`,
        );
      }
    }
    if (v[1] !== null && k[1] !== null && v[1] !== k[1]) {
      throw new ShapeError(`${this.name}: key and value must have the same number of steps, got ${k[1]} and ${v[1]}`);
    }
    return [q, v, k];
  }

  override build(inputShape: SymbolicShape | SymbolicShape[]): void {
    const [q, v, k] = this.shapesOf(inputShape);
    const h = this.numHeads;
    const project = (name: string, kernelShape: number[], biasShape: number[]): Projection => ({
      kernel: this.addWeight(`${name}/kernel`, kernelShape, 'float32', this.kernelInitializer, this.kernelRegularizer),
      bias: this.useBias ? this.addWeight(`${name}/bias`, biasShape, 'float32', this.biasInitializer, this.biasRegularizer) : undefined,
    });
    const outDim = this.outputShape ?? (q[2] as number);
    this.projections = {
      query: project('query', [q[2] as number, h, this.keyDim], [h, this.keyDim]),
      key: project('key', [k[2] as number, h, this.keyDim], [h, this.keyDim]),
      value: project('value', [v[2] as number, h, this.valueDim], [h, this.valueDim]),
      output: project('attention_output', [h, this.valueDim, outDim], [outDim]),
    };
    super.build(inputShape);
  }

  override computeOutputShape(inputShape: SymbolicShape | SymbolicShape[]): SymbolicShape {
    const [q] = this.shapesOf(inputShape);
    return [q[0], q[1], this.outputShape ?? q[2]];
  }

  /** [batch, time, features] -> [batch, heads, time, depth] through one EinsumDense projection. */
  private toHeads(x: Tensor, p: Projection, depth: number): Tensor {
    const [b, t, d] = x.shape;
    let y = matMul(reshape(x, [b * t, d]), reshape(p.kernel, [d, this.numHeads * depth]));
    if (p.bias) y = add(y, reshape(p.bias, [this.numHeads * depth]));
    return transpose(reshape(y, [b, t, this.numHeads, depth]), [0, 2, 1, 3]);
  }

  call(inputs: Tensor | Tensor[], options: CallOptions): Tensor {
    const list = Array.isArray(inputs) ? inputs : [inputs];
    this.shapesOf(list.map((t) => [...t.shape]));
    const p = this.projections;
    if (!p) throw new ShapeError(`${this.name}: called before build`);
    const [query, value, key = value, mask] = list;
    const [b, tq] = query.shape;
    const tv = value.shape[1];
    if (value.shape[0] !== b || key.shape[0] !== b) {
      throw new ShapeError(
        `${this.name}: query, value and key must have the same batch size, got ${b}, ${value.shape[0]} and ${key.shape[0]}`,
      );
    }
    const q = mul(this.toHeads(query, p.query, this.keyDim), 1 / Math.sqrt(this.keyDim));
    const k = this.toHeads(key, p.key, this.keyDim);
    const v = this.toHeads(value, p.value, this.valueDim);
    let scores = matMul(q, k, false, true);
    if (mask) {
      if (mask.rank !== 3 || mask.shape[0] !== b || mask.shape[1] !== tq || mask.shape[2] !== tv) {
        throw new ShapeError(
          `${this.name}: attentionMask must be [batch, queryTime, valueTime] = [${b}, ${tq}, ${tv}], got [${mask.shape.join(', ')}]`,
        );
      }
      const keep = mask.dtype === 'bool' ? mask : greater(cast(mask, 'float32'), 0.5);
      scores = where(reshape(keep, [b, 1, tq, tv]), scores, fill(scores.shape, MASKED));
    }
    let weights = softmax(scores);
    if (options.training && this.dropout > 0) {
      const seed = this.seed === undefined ? undefined : hash32((this.seed ^ Math.imul(++this.calls, 0x9e3779b1)) >>> 0);
      const keepDrop = cast(greaterEqual(randomUniform(weights.shape, 0, 1, 'float32', seed), this.dropout), 'float32');
      weights = mul(weights, div(keepDrop, 1 - this.dropout));
    }
    const attended = transpose(matMul(weights, v), [0, 2, 1, 3]);
    const outDim = p.output.kernel.shape[2];
    let y = matMul(
      reshape(attended, [b * tq, this.numHeads * this.valueDim]),
      reshape(p.output.kernel, [this.numHeads * this.valueDim, outDim]),
    );
    if (p.output.bias) y = add(y, p.output.bias);
    return reshape(y, [b, tq, outDim]);
  }

  override getConfig(): ConfigDict {
    return {
      numHeads: this.numHeads,
      keyDim: this.keyDim,
      valueDim: this.valueDim,
      dropout: this.dropout,
      useBias: this.useBias,
      outputShape: this.outputShape ?? null,
      attentionAxes: null,
      kernelInitializer: serializeInitializer(this.kernelInitializer),
      biasInitializer: serializeInitializer(this.biasInitializer),
      kernelRegularizer: serializeRegularizer(this.kernelRegularizer),
      biasRegularizer: serializeRegularizer(this.biasRegularizer),
      activityRegularizer: null,
      kernelConstraint: null,
      biasConstraint: null,
      seed: this.seed ?? null,
      ...super.getConfig(),
    };
  }

  static override fromConfig(config: ConfigDict): MultiHeadAttention {
    const r = new ConfigReader(config, 'MultiHeadAttention');
    const axes = r.raw('attentionAxes');
    if (axes !== undefined && axes !== null) {
      throw new ArgumentError(
        `MultiHeadAttention: attentionAxes ${JSON.stringify(axes)} is not supported (attention runs over axis 1 of rank-3 inputs)`,
      );
    }
    const out = r.optNumbers('outputShape');
    return new MultiHeadAttention({
      ...baseArgs(r),
      numHeads: r.number('numHeads'),
      keyDim: r.number('keyDim'),
      valueDim: r.optNumber('valueDim'),
      dropout: r.optNumber('dropout'),
      useBias: r.optBoolean('useBias'),
      // Keras 3 may write output_shape as a one-element tuple.
      outputShape: Array.isArray(out) ? out[0] : out,
      kernelInitializer: getInitializer(r.optIdentifier('kernelInitializer'), 'glorotUniform'),
      biasInitializer: getInitializer(r.optIdentifier('biasInitializer'), 'zeros'),
      kernelRegularizer: getRegularizer(r.optIdentifier('kernelRegularizer')),
      biasRegularizer: getRegularizer(r.optIdentifier('biasRegularizer')),
      seed: r.optNumber('seed'),
    });
  }
}
