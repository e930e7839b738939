/**
 * The base of the recurrent layers (SimpleRNN, GRU, LSTM): the loop over time, written in JS over
 * core ops so autodiff differentiates through it, with TensorFlow.js 4.22's options and config
 * (the cell's fields flattened into the layer's, as TF.js writes them). Subclasses give the cell:
 * its weights (`buildCell`), its state sizes and one `step`.
 */
import {
  add,
  ArgumentError,
  cast,
  div,
  greaterEqual,
  keep,
  matMul,
  mul,
  randomUniform,
  reshape,
  ShapeError,
  stack,
  type Tensor,
  tidy,
  unstack,
  where,
  zeros,
} from '@tensile/core';
import { getActivation, type Activation } from '../../activations.js';
import { getInitializer, serializeInitializer, type Initializer } from '../../initializers.js';
import { Layer, singleShape, singleTensor, type CallOptions, type LayerArgs } from '../../layer.js';
import { getRegularizer, serializeRegularizer, type Regularizer } from '../../regularizers.js';
import type { ConfigDict, ConfigReader } from '../../serialization.js';
import type { SymbolicShape } from '../../symbolic-tensor.js';
import { positiveInt, type ActivationArg, type InitializerArg, type RegularizerArg } from '../utils.js';

/** The options every recurrent layer takes (TensorFlow.js 4.22's names). */
export interface RNNArgs extends LayerArgs {
  units: number;
  activation?: ActivationArg | null;
  useBias?: boolean;
  kernelInitializer?: InitializerArg;
  recurrentInitializer?: InitializerArg;
  biasInitializer?: InitializerArg;
  kernelRegularizer?: RegularizerArg | null;
  recurrentRegularizer?: RegularizerArg | null;
  biasRegularizer?: RegularizerArg | null;
  /** Fraction of the inputs dropped in training (one mask per sequence, as Keras). */
  dropout?: number;
  /** Fraction of the recurrent state dropped in training (one mask per sequence). */
  recurrentDropout?: number;
  /** Return the output at every step ([batch, time, units]) instead of the last one. */
  returnSequences?: boolean;
  /** Also return the final states: the call gives `[output, ...states]` (use `applyAll`). */
  returnState?: boolean;
  /** Process the sequence from the end; with returnSequences the outputs come in that order. */
  goBackwards?: boolean;
  /** Carry the last states of a batch into the next call (sample i of each batch continues sample i). */
  stateful?: boolean;
  /** Accepted for TF.js configs; the loop always runs eagerly in JS. */
  unroll?: boolean;
  /** Accepted for TF.js and Keras configs; the computation is the same. */
  implementation?: number | null;
  /** TensorFlow.js' shorthand for `inputShape: [inputLength, inputDim]`. */
  inputDim?: number;
  inputLength?: number;
}

export interface CellOptions {
  units: number;
  activation: Activation;
  useBias: boolean;
  kernelInitializer: Initializer;
  recurrentInitializer: Initializer;
  biasInitializer: Initializer;
  kernelRegularizer: Regularizer | undefined;
  recurrentRegularizer: Regularizer | undefined;
  biasRegularizer: Regularizer | undefined;
  dropout: number;
  recurrentDropout: number;
}

/** The dropout masks of one call: on the step input and on the previous output. */
interface StepMasks {
  input: Tensor | null;
  recurrent: Tensor | null;
}

function withInputShape(args: RNNArgs): RNNArgs {
  if (args.inputShape || args.batchInputShape || (args.inputDim === undefined && args.inputLength === undefined)) return args;
  return { ...args, inputShape: [args.inputLength ?? null, args.inputDim ?? null] };
}

function rate(layer: string, name: string, v: number | undefined): number {
  const r = v ?? 0;
  if (typeof r !== 'number' || !(r >= 0 && r < 1)) throw new ArgumentError(`${layer}: ${name} must be in [0, 1), got ${JSON.stringify(v)}`);
  return r;
}

export abstract class RNN extends Layer {
  readonly cell: CellOptions;
  readonly returnSequences: boolean;
  readonly returnState: boolean;
  readonly goBackwards: boolean;
  readonly stateful: boolean;
  readonly unroll: boolean;
  readonly implementation: number | null;
  /** The carried states of a stateful layer (null until the first call or resetStates). */
  private carried: Tensor[] | null = null;
  /** States replaced by the last call, kept until the next one: a gradient may still read them. */
  private stale: Tensor[] = [];
  private inputDim: number | undefined;

  constructor(args: RNNArgs, defaults: { kernelInitializer: string; recurrentInitializer: string }) {
    super(withInputShape(args));
    this.cell = {
      units: positiveInt(this.name, 'units', args.units),
      activation: getActivation(args.activation === undefined ? 'tanh' : args.activation),
      useBias: args.useBias ?? true,
      kernelInitializer: getInitializer(args.kernelInitializer, defaults.kernelInitializer),
      recurrentInitializer: getInitializer(args.recurrentInitializer, defaults.recurrentInitializer),
      biasInitializer: getInitializer(args.biasInitializer, 'zeros'),
      kernelRegularizer: getRegularizer(args.kernelRegularizer),
      recurrentRegularizer: getRegularizer(args.recurrentRegularizer),
      biasRegularizer: getRegularizer(args.biasRegularizer),
      dropout: rate(this.name, 'dropout', args.dropout),
      recurrentDropout: rate(this.name, 'recurrentDropout', args.recurrentDropout),
    };
    this.returnSequences = args.returnSequences ?? false;
    this.returnState = args.returnState ?? false;
    this.goBackwards = args.goBackwards ?? false;
    this.stateful = args.stateful ?? false;
    this.unroll = args.unroll ?? false;
    this.implementation = args.implementation ?? null;
    this.supportsMasking = true;
  }

  /** The size of each state ([units] for SimpleRNN and GRU, [units, units] for LSTM's h and c). */
  abstract get stateSize(): number[];

  /** Creates the cell's weights for steps of `inputDim` features. */
  protected abstract buildCell(inputDim: number): void;

  /** The kernel (and bias) applied to the inputs: one matMul over every step at once. */
  protected abstract inputProjection(): { kernel: Tensor; bias: Tensor | undefined };

  /**
   * One step: the output and the new states, from the step's projected input (x · kernel + bias,
   * [batch, gates * units]), the states and the recurrent dropout mask.
   */
  protected abstract step(projected: Tensor, states: Tensor[], recurrentMask: Tensor | null): { output: Tensor; states: Tensor[] };

  override build(inputShape: SymbolicShape | SymbolicShape[]): void {
    const shape = singleShape(this.name, inputShape);
    const inputDim = shape[2];
    if (shape.length !== 3 || inputDim === null || inputDim === undefined) {
      throw new ShapeError(
        `${this.name}: ${this.className} needs inputs of rank 3 [batch, time, features] with known features, got (${shape.join(', ')})`,
      );
    }
    this.inputDim = inputDim;
    this.buildCell(inputDim);
    super.build(inputShape);
  }

  override computeOutputShape(inputShape: SymbolicShape | SymbolicShape[]): SymbolicShape {
    return this.computeOutputShapes(inputShape)[0];
  }

  override computeOutputShapes(inputShape: SymbolicShape | SymbolicShape[]): SymbolicShape[] {
    const s = singleShape(this.name, inputShape);
    const units = this.stateSize[0];
    const output: SymbolicShape = this.returnSequences ? [s[0], s[1], units] : [s[0], units];
    return this.returnState ? [output, ...this.stateSize.map((n): SymbolicShape => [s[0], n])] : [output];
  }

  override computeMask(_inputs: Tensor | Tensor[], mask: Tensor | null): Tensor | null | (Tensor | null)[] {
    const out = this.returnSequences ? mask : null;
    return this.returnState ? [out, ...this.stateSize.map(() => null)] : out;
  }

  call(inputs: Tensor | Tensor[], options: CallOptions): Tensor | Tensor[] {
    const x = singleTensor(this.name, inputs);
    const inputDim = this.inputDim;
    if (x.rank !== 3 || x.shape[2] !== inputDim) {
      throw new ShapeError(`${this.name}: expected inputs [batch, time, ${inputDim}], got [${x.shape.join(', ')}]`);
    }
    const [batch, time] = x.shape;
    if (time === 0) throw new ShapeError(`${this.name}: the input sequence is empty (time = 0)`);
    const mask = options.mask ?? null;
    if (mask && (mask.rank !== 2 || mask.shape[0] !== batch || mask.shape[1] !== time)) {
      throw new ShapeError(`${this.name}: the mask must be [${batch}, ${time}], got [${mask.shape.join(', ')}]`);
    }
    let states = this.initialStates(batch);
    const masks = this.dropoutMasks(batch, x.shape[2], options.training ?? false);
    const xs = unstack(this.project(x, masks.input), 1);
    const ms = mask ? unstack(reshape(mask.dtype === 'bool' ? mask : cast(mask, 'bool'), [batch, time, 1]), 1) : null;
    const outputs: Tensor[] = [];
    let last: Tensor | undefined;
    for (let i = 0; i < time; i++) {
      const t = this.goBackwards ? time - 1 - i : i;
      const prev = states;
      // Each step's intermediates are freed as it ends; only its output and states live on.
      const next = tidy(() => {
        const r = this.step(xs[t], prev, masks.recurrent);
        // A masked step carries the previous output and states through unchanged, as Keras.
        const m = ms?.[t];
        if (!m) return [r.output, ...r.states];
        return [where(m, r.output, prev[0]), ...r.states.map((s, k) => where(m, s, prev[k]))];
      });
      last = next[0];
      states = next.slice(1);
      if (this.returnSequences) outputs.push(last);
    }
    if (!last) throw new ShapeError(`${this.name}: the input sequence is empty`);
    if (this.stateful) this.carry(states);
    const output = this.returnSequences ? stack(outputs, 1) : last;
    return this.returnState ? [output, ...states] : output;
  }

  /** The input projection of every step in one matMul (the recurrent part stays in the loop). */
  private project(x: Tensor, inputMask: Tensor | null): Tensor {
    const [batch, time, dim] = x.shape;
    const { kernel, bias } = this.inputProjection();
    const xm = inputMask ? mul(x, reshape(inputMask, [batch, 1, dim])) : x;
    const p = matMul(reshape(xm, [batch * time, dim]), kernel);
    return reshape(bias ? add(p, bias) : p, [batch, time, kernel.shape[1]]);
  }

  private initialStates(batch: number): Tensor[] {
    if (this.stateful && this.carried) {
      if (this.carried[0].shape[0] !== batch) {
        throw new ShapeError(
          `${this.name}: a stateful layer carries states for batches of ${this.carried[0].shape[0]}, got a batch of ${batch}; call resetStates() to start over`,
        );
      }
      return this.carried;
    }
    return this.stateSize.map((n) => zeros([batch, n]));
  }

  private carry(states: Tensor[]): void {
    for (const s of this.stale) s.dispose();
    this.stale = this.carried ?? [];
    this.carried = states.map((s) => keep(reshape(s, s.shape)));
  }

  /** The current states of a stateful layer (null before its first call). */
  get states(): Tensor[] | null {
    return this.carried;
  }

  /** Resets a stateful layer's states to zeros, or to the given values ([batch, size] each). */
  resetStates(states?: Tensor | Tensor[]): void {
    if (!this.stateful) throw new ArgumentError(`${this.name}: resetStates() needs a stateful layer (stateful: true)`);
    if (states === undefined) {
      for (const s of [...this.stale, ...(this.carried ?? [])]) s.dispose();
      this.stale = [];
      // Zeros of the known batch size now; otherwise at the next call, sized by its batch.
      const batch = this.batchInputShape?.[0];
      this.carried = typeof batch === 'number' ? this.stateSize.map((n) => keep(zeros([batch, n]))) : null;
      return;
    }
    const list = Array.isArray(states) ? states : [states];
    if (list.length !== this.stateSize.length) {
      throw new ArgumentError(`${this.name}: resetStates expected ${this.stateSize.length} state tensor(s), got ${list.length}`);
    }
    list.forEach((s, i) => {
      if (s.rank !== 2 || s.shape[1] !== this.stateSize[i] || s.shape[0] !== list[0].shape[0]) {
        throw new ShapeError(`${this.name}: state ${i} must be [batch, ${this.stateSize[i]}], got [${s.shape.join(', ')}]`);
      }
    });
    this.carry(list);
  }

  private dropoutMasks(batch: number, inputDim: number, training: boolean): StepMasks {
    const make = (p: number, n: number): Tensor | null =>
      training && p > 0 ? div(cast(greaterEqual(randomUniform([batch, n]), p), 'float32'), 1 - p) : null;
    return { input: make(this.cell.dropout, inputDim), recurrent: make(this.cell.recurrentDropout, this.cell.units) };
  }

  /** Applies a dropout mask when there is one. */
  protected static masked(x: Tensor, mask: Tensor | null): Tensor {
    return mask ? mul(x, mask) : x;
  }

  override dispose(): void {
    for (const s of [...this.stale, ...(this.carried ?? [])]) s.dispose();
    this.stale = [];
    this.carried = null;
    super.dispose();
  }

  /** The cell's fields (TF.js order), then the base fields, then the loop's, as TF.js writes them. */
  protected rnnConfig(cellFields: ConfigDict): ConfigDict {
    const c = this.cell;
    return {
      ...super.getConfig(),
      units: c.units,
      activation: c.activation.name,
      ...cellFields,
      kernelRegularizer: serializeRegularizer(c.kernelRegularizer),
      recurrentRegularizer: serializeRegularizer(c.recurrentRegularizer),
      biasRegularizer: serializeRegularizer(c.biasRegularizer),
      activityRegularizer: null,
      kernelConstraint: null,
      recurrentConstraint: null,
      biasConstraint: null,
      dropout: c.dropout,
      recurrentDropout: c.recurrentDropout,
      returnSequences: this.returnSequences,
      returnState: this.returnState,
      goBackwards: this.goBackwards,
      stateful: this.stateful,
      unroll: this.unroll,
    };
  }

  /** Serialized initializers in TF.js' field order. */
  protected initializerConfig(): ConfigDict {
    return {
      kernelInitializer: serializeInitializer(this.cell.kernelInitializer),
      recurrentInitializer: serializeInitializer(this.cell.recurrentInitializer),
      biasInitializer: serializeInitializer(this.cell.biasInitializer),
    };
  }
}

/** Reads the fields `rnnConfig` writes (base fields are read by the caller). */
export function readRNNArgs(r: ConfigReader): Omit<RNNArgs, keyof LayerArgs> {
  const init = (key: string): Initializer | undefined => {
    const v = r.optIdentifier(key);
    return v === undefined ? undefined : getInitializer(v, 'zeros');
  };
  return {
    units: r.number('units'),
    activation: r.has('activation') ? getActivation(r.optIdentifier('activation')) : undefined,
    useBias: r.optBoolean('useBias'),
    kernelInitializer: init('kernelInitializer'),
    recurrentInitializer: init('recurrentInitializer'),
    biasInitializer: init('biasInitializer'),
    kernelRegularizer: getRegularizer(r.optIdentifier('kernelRegularizer')) ?? null,
    recurrentRegularizer: getRegularizer(r.optIdentifier('recurrentRegularizer')) ?? null,
    biasRegularizer: getRegularizer(r.optIdentifier('biasRegularizer')) ?? null,
    dropout: r.optNumber('dropout'),
    recurrentDropout: r.optNumber('recurrentDropout'),
    returnSequences: r.optBoolean('returnSequences'),
    returnState: r.optBoolean('returnState'),
    goBackwards: r.optBoolean('goBackwards'),
    stateful: r.optBoolean('stateful'),
    unroll: r.optBoolean('unroll'),
    implementation: r.optNumber('implementation'),
  };
}
