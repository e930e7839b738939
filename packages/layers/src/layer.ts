/**
 * The base of every layer: weights created in `build` through `addWeight`, a `call` on concrete
 * tensors, `computeOutputShape` for the functional graph, and a config that round-trips.
 */
import {
  ArgumentError,
  ModelFormatError,
  reshape,
  ShapeError,
  Tensor,
  tidy,
  variable,
  type DType,
  type Shape,
  type Variable,
} from '@tensile/core';
import { getInitializer, type Initializer } from './initializers.js';
import { inferOutputShape } from './output-shape-inference.js';
import type { Regularizer } from './regularizers.js';
import { classNameToPrefix, type ConfigReader, isConfigDict, type ConfigDict } from './serialization.js';
import { Node, SymbolicTensor, isSymbolic, type SymbolicShape } from './symbolic-tensor.js';

export interface LayerArgs {
  name?: string;
  trainable?: boolean;
  /** Input shape without the batch dimension; only the first layer of a model needs it. */
  inputShape?: SymbolicShape;
  /** Input shape with the batch dimension (null when unknown). */
  batchInputShape?: SymbolicShape;
  batchSize?: number;
  dtype?: DType;
}

export interface CallOptions {
  /** True in `fit`: Dropout drops and BatchNormalization uses and updates batch statistics. */
  training?: boolean;
  /** Keras' mask: [batch, time] booleans, false where a step is padding (from `embedding({maskZero})`). */
  mask?: Tensor | null;
}

interface LayerWeight {
  readonly variable: Variable;
  /** `layerName/weightName`: the name saved in weight manifests. */
  readonly originalName: string;
  readonly regularizer: Regularizer | undefined;
  readonly trainable: boolean;
}

const nameCounts = new Map<string, number>();
const liveVariableNames = new Set<string>();

/** Keras' naming: the first `dense`, then `dense_1`, `dense_2`... */
export function uniqueLayerName(prefix: string): string {
  const n = nameCounts.get(prefix) ?? 0;
  nameCounts.set(prefix, n + 1);
  return n === 0 ? prefix : `${prefix}_${n}`;
}

/** Variable names are unique among live variables (gradients are keyed by name); loading the same
 *  file twice gives `dense/kernel` and `dense/kernel_1`, both saved as `dense/kernel`. */
function uniqueVariableName(name: string): string {
  let candidate = name;
  for (let i = 1; liveVariableNames.has(candidate); i++) candidate = `${name}_${i}`;
  liveVariableNames.add(candidate);
  return candidate;
}

export abstract class Layer {
  /** The name configs use for this class; subclasses set it, and `registerLayer` reads it. */
  static readonly className: string = 'Layer';

  readonly name: string;
  readonly dtype: DType;
  /** The input shape given in the constructor, with the batch dimension. */
  readonly batchInputShape: SymbolicShape | undefined;
  built = false;
  /** The calls of this layer in functional graphs. */
  readonly inboundNodes: Node[] = [];
  private readonly weightList: LayerWeight[] = [];
  private isTrainable: boolean;

  constructor(args: LayerArgs = {}) {
    if (args.name !== undefined && (typeof args.name !== 'string' || args.name.length === 0)) {
      throw new ArgumentError(`${this.className}: name must be a non-empty string, got ${JSON.stringify(args.name)}`);
    }
    this.name = args.name ?? uniqueLayerName(classNameToPrefix(this.className));
    this.dtype = args.dtype ?? 'float32';
    this.isTrainable = args.trainable ?? true;
    if (args.batchInputShape) this.batchInputShape = [...args.batchInputShape];
    else if (args.inputShape) this.batchInputShape = [args.batchSize ?? null, ...args.inputShape];
  }

  get className(): string {
    return (this.constructor as typeof Layer).className;
  }

  /** Rebuilds a layer from `getConfig()`; each layer class overrides it. */
  static fromConfig(config: ConfigDict): Layer {
    throw new ModelFormatError(`Layer.fromConfig: ${String(config.name)}'s class must override the static fromConfig`);
  }

  /** Creates the weights for inputs of `inputShape` (batch dimension null). */
  build(inputShape: SymbolicShape | SymbolicShape[]): void {
    void inputShape;
    this.built = true;
  }

  /** The forward computation on concrete tensors; a layer with several outputs returns a list. */
  abstract call(inputs: Tensor | Tensor[], options: CallOptions): Tensor | Tensor[];

  /** Whether the layer passes an input mask through unchanged (Keras' supports_masking). */
  supportsMasking = false;

  /**
   * The mask of the output(s) given the input mask, as Keras' compute_mask: layers that support
   * masking pass it on; others drop it. A layer that makes a mask (Embedding with maskZero)
   * overrides this.
   */
  computeMask(_inputs: Tensor | Tensor[], mask: Tensor | null): Tensor | null | (Tensor | null)[] {
    return this.supportsMasking ? mask : null;
  }

  /**
   * The output shape for `inputShape`. Layers that know it override this; the default finds it by
   * running `call` on zeros (output-shape-inference.ts), as Keras 3 does, and throws naming this
   * layer when that fails.
   */
  computeOutputShape(inputShape: SymbolicShape | SymbolicShape[]): SymbolicShape {
    return inferOutputShape(this, inputShape);
  }

  /**
   * Calls the layer: on tensors it computes (building the weights on first use); on symbolic
   * tensors it records a node of the functional graph and returns the symbolic output. A layer
   * with several outputs (an RNN with returnState) is called with `applyAll`.
   */
  apply(inputs: SymbolicTensor | SymbolicTensor[], options?: CallOptions): SymbolicTensor;
  apply(inputs: Tensor | Tensor[], options?: CallOptions): Tensor;
  apply(inputs: Tensor | Tensor[] | SymbolicTensor | SymbolicTensor[], options: CallOptions = {}): Tensor | SymbolicTensor {
    const outs = isSymbolic(inputs) ? this.applyAll(inputs, options) : this.applyAll(inputs, options);
    if (outs.length !== 1) {
      throw new ArgumentError(`${this.name}: the call has ${outs.length} outputs; use applyAll(inputs) to get them as a list`);
    }
    return outs[0];
  }

  /** Calls the layer and returns every output as a list (Keras' `[output, ...states]`). */
  applyAll(inputs: SymbolicTensor | SymbolicTensor[], options?: CallOptions): SymbolicTensor[];
  applyAll(inputs: Tensor | Tensor[], options?: CallOptions): Tensor[];
  applyAll(inputs: Tensor | Tensor[] | SymbolicTensor | SymbolicTensor[], options: CallOptions = {}): Tensor[] | SymbolicTensor[] {
    if (isSymbolic(inputs)) return this.applySymbolic(Array.isArray(inputs) ? [...inputs] : [inputs]);
    const list: Tensor[] = Array.isArray(inputs) ? inputs : [inputs];
    if (list.length === 0 || !list.every((t) => t instanceof Tensor)) {
      throw new ArgumentError(`${this.name}: inputs must be Tensors or SymbolicTensors (from input()), got ${describe(inputs)}`);
    }
    const shapes = list.map((t): SymbolicShape => [null, ...t.shape.slice(1)]);
    this.ensureBuilt(Array.isArray(inputs) ? shapes : shapes[0]);
    return tidy(() => {
      const y = this.call(inputs, options);
      return Array.isArray(y) ? y : [y];
    });
  }

  /** The shapes of every output; layers with several outputs override this. */
  computeOutputShapes(inputShape: SymbolicShape | SymbolicShape[]): SymbolicShape[] {
    return [this.computeOutputShape(inputShape)];
  }

  private applySymbolic(inputs: SymbolicTensor[]): SymbolicTensor[] {
    const shapes = inputs.map((t) => t.shape);
    const shape = inputs.length === 1 ? shapes[0] : shapes;
    this.ensureBuilt(shape);
    // Inference runs call on inputs of the symbolic dtypes (an int32 input may index a gather).
    const inferred =
      this.computeOutputShape === Layer.prototype.computeOutputShape && this.computeOutputShapes === Layer.prototype.computeOutputShapes;
    const outShapes = inferred
      ? [
          inferOutputShape(
            this,
            shape,
            inputs.map((t) => t.dtype),
          ),
        ]
      : this.computeOutputShapes(shape);
    const node = new Node(this, inputs);
    for (const [i, s] of outShapes.entries()) node.outputs.push(new SymbolicTensor(this.dtype, s, this, this.inboundNodes.length, i));
    this.inboundNodes.push(node);
    return [...node.outputs];
  }

  private ensureBuilt(shape: SymbolicShape | SymbolicShape[]): void {
    if (this.built) return;
    this.build(shape);
    this.built = true;
  }

  /**
   * Creates a weight as a core Variable named `layerName/name` (made unique among live variables).
   * Call from `build`.
   */
  addWeight(
    name: string,
    shape: Shape,
    dtype: DType = 'float32',
    initializer: Initializer | string = 'glorotUniform',
    regularizer?: Regularizer,
    trainable = true,
  ): Variable {
    const originalName = `${this.name}/${name}`;
    if (this.weightList.some((w) => w.originalName === originalName)) {
      throw new ArgumentError(`${this.name}: a weight named '${name}' already exists`);
    }
    const init = getInitializer(initializer, 'glorotUniform');
    const value = tidy(() => init.apply(shape, dtype));
    const v = variable(value, trainable && this.isTrainable, uniqueVariableName(originalName), dtype);
    value.dispose();
    this.weightList.push({ variable: v, originalName, regularizer, trainable });
    return v;
  }

  get trainable(): boolean {
    return this.isTrainable;
  }

  /** Freezing a layer makes its weights non-trainable (the optimizer skips them). */
  set trainable(value: boolean) {
    this.isTrainable = value;
    for (const w of this.weightList) w.variable.trainable = value && w.trainable;
  }

  /** Every weight, trainable first, in creation order within each group (Keras' order). */
  get weights(): Variable[] {
    return [...this.trainableWeights, ...this.nonTrainableWeights];
  }

  get trainableWeights(): Variable[] {
    return this.isTrainable ? this.weightList.filter((w) => w.trainable).map((w) => w.variable) : [];
  }

  get nonTrainableWeights(): Variable[] {
    return this.weightList.filter((w) => !w.trainable || !this.isTrainable).map((w) => w.variable);
  }

  /** The saved name (`layerName/weightName`) of one of this layer's weights. */
  originalNameOf(v: Variable): string {
    const w = this.weightList.find((e) => e.variable === v);
    if (!w) throw new ArgumentError(`${this.name}: variable '${v.name}' is not a weight of this layer`);
    return w.originalName;
  }

  countParams(): number {
    return this.weightList.reduce((n, w) => n + w.variable.size, 0);
  }

  /** Penalties of the weight regularizers (trainable weights only), one scalar each. */
  regularizationLosses(): Tensor[] {
    if (!this.isTrainable) return [];
    return this.weightList.flatMap((w) => (w.regularizer && w.trainable ? [w.regularizer.apply(w.variable)] : []));
  }

  /** Snapshots of the weights (cheap views: later training does not change them). */
  getWeights(): Tensor[] {
    return this.weights.map((v) => reshape(v, v.shape));
  }

  setWeights(weights: readonly Tensor[]): void {
    const own = this.weights;
    if (weights.length !== own.length) {
      throw new ArgumentError(`${this.name}: setWeights expected ${own.length} tensors, got ${weights.length}`);
    }
    own.forEach((v, i) => {
      const w = weights[i];
      if (w.shape.length !== v.shape.length || w.shape.some((d, j) => d !== v.shape[j])) {
        throw new ShapeError(`${this.name}: weight '${v.name}' has shape [${v.shape.join(', ')}], got [${w.shape.join(', ')}]`);
      }
      v.assign(w);
    });
  }

  /** The layer's config in camelCase (saved in snake_case); subclasses add their own fields. */
  getConfig(): ConfigDict {
    const config: ConfigDict = { name: this.name, trainable: this.isTrainable };
    if (this.batchInputShape) config.batchInputShape = [...this.batchInputShape];
    if (this.batchInputShape || this.dtype !== 'float32') config.dtype = this.dtype;
    return config;
  }

  /** Frees the weights. The layer can be built again afterwards. */
  dispose(): void {
    for (const w of this.weightList) {
      liveVariableNames.delete(w.variable.name);
      w.variable.dispose();
    }
    this.weightList.length = 0;
    this.built = false;
  }

  toString(): string {
    return `${this.className}(${this.name})`;
  }
}

export function isShapeList(s: SymbolicShape | SymbolicShape[]): s is SymbolicShape[] {
  return s.length > 0 && Array.isArray(s[0]);
}

/** One shape, or a ShapeError naming the layer. */
export function singleShape(layer: string, s: SymbolicShape | SymbolicShape[]): SymbolicShape {
  if (isShapeList(s)) throw new ShapeError(`${layer}: expected one input, got ${s.length}`);
  return s;
}

/** One tensor, or an ArgumentError naming the layer. */
export function singleTensor(layer: string, x: Tensor | Tensor[]): Tensor {
  if (Array.isArray(x)) {
    if (x.length === 1) return x[0];
    throw new ArgumentError(`${layer}: expected one input tensor, got ${x.length}`);
  }
  return x;
}

function describe(x: unknown): string {
  if (Array.isArray(x)) return `an array of ${x.length}`;
  return x === null ? 'null' : typeof x;
}

/** The base arguments every layer config carries (name, trainable, input shape, dtype). */
export function baseArgs(r: ConfigReader): LayerArgs {
  const args: LayerArgs = { name: r.optString('name'), trainable: r.optBoolean('trainable') };
  // Keras 3 writes `batch_shape`; TensorFlow.js and Keras 2 `batch_input_shape`.
  const batch = r.optShape('batchInputShape') ?? r.optShape('batchShape');
  if (batch) args.batchInputShape = batch;
  const dtype = parseDType(r);
  if (dtype) args.dtype = dtype;
  return args;
}

/** A dtype string, or Keras 3's dtype policy object (`{class_name: 'DTypePolicy', config: {name}}`). */
function parseDType(r: ConfigReader): DType | undefined {
  const raw = r.raw('dtype');
  if (raw === undefined || raw === null) return undefined;
  const name = typeof raw === 'string' ? raw : isConfigDict(raw) && isConfigDict(raw.config) ? raw.config.name : undefined;
  if (name === 'float32' || name === 'int32' || name === 'bool') return name;
  // Mixed-precision policies compute in float16 with float32 weights; Tensile computes in float32.
  if (name === 'mixed_float16' || name === 'mixed_bfloat16' || name === 'float16' || name === 'bfloat16') return 'float32';
  throw new ModelFormatError(`${r.owner}: unsupported dtype ${JSON.stringify(raw)}; expected float32, int32 or bool`);
}
