/**
 * Applies one layer to every time step: [batch, steps, ...] is folded to [batch * steps, ...],
 * the inner layer runs once on that, and the result is unfolded (Keras 3's way; one call instead
 * of TensorFlow.js' per-step loop, with the same result for layers that treat samples apart).
 * The weights are the inner layer's, saved under the wrapper's name (`time_distributed/kernel`)
 * as TensorFlow.js and Keras name them.
 */
import { ArgumentError, ModelFormatError, reshape, ShapeError, type Tensor, type Variable } from '@tensile/core';
import { baseArgs, Layer, singleShape, singleTensor, type CallOptions, type LayerArgs } from '../../layer.js';
import { ConfigReader, getRegisteredLayer, isConfigDict, registeredLayerNames, type ConfigDict } from '../../serialization.js';
import { formatSymbolicShape, type SymbolicShape } from '../../symbolic-tensor.js';

export interface TimeDistributedArgs extends LayerArgs {
  layer: Layer;
}

export class TimeDistributed extends Layer {
  static override readonly className = 'TimeDistributed';
  readonly layer: Layer;

  constructor(args: TimeDistributedArgs) {
    super(args);
    if (!(args?.layer instanceof Layer)) {
      throw new ArgumentError(`TimeDistributed: layer must be a Layer instance, got ${args?.layer === null ? 'null' : typeof args?.layer}`);
    }
    this.layer = args.layer;
    if (args.trainable === false) this.layer.trainable = false;
  }

  private childShape(s: SymbolicShape): SymbolicShape {
    const folded = s[0] !== null && s[1] !== null ? s[0] * s[1] : null;
    return [folded, ...s.slice(2)];
  }

  private checkRank(shape: readonly (number | null)[]): void {
    if (shape.length < 3) {
      throw new ShapeError(
        `${this.name}: TimeDistributed needs inputs of rank >= 3 [batch, steps, ...], got ${formatSymbolicShape(shape)}`,
      );
    }
  }

  override build(inputShape: SymbolicShape | SymbolicShape[]): void {
    const s = singleShape(this.name, inputShape);
    this.checkRank(s);
    if (!this.layer.built) {
      this.layer.build([null, ...s.slice(2)]);
      this.layer.built = true;
    }
    super.build(inputShape);
  }

  override computeOutputShape(inputShape: SymbolicShape | SymbolicShape[]): SymbolicShape {
    const s = singleShape(this.name, inputShape);
    this.checkRank(s);
    const child = this.layer.computeOutputShape(this.childShape(s));
    if (child.length > 0 && Array.isArray(child[0])) throw new ShapeError(`${this.name}: the inner layer must have one output`);
    return [s[0], s[1], ...child.slice(1)];
  }

  call(inputs: Tensor | Tensor[], options: CallOptions): Tensor {
    const x = singleTensor(this.name, inputs);
    this.checkRank(x.shape);
    const [batch, steps] = x.shape;
    const y = this.layer.call(reshape(x, [batch * steps, ...x.shape.slice(2)]), options);
    if (Array.isArray(y)) throw new ShapeError(`${this.name}: the inner layer must have one output, got ${y.length}`);
    return reshape(y, [batch, steps, ...y.shape.slice(1)]);
  }

  override get trainable(): boolean {
    // The base constructor reads this before `layer` is set.
    return this.layer?.trainable ?? true;
  }

  override set trainable(value: boolean) {
    if (this.layer) this.layer.trainable = value;
  }

  override get trainableWeights(): Variable[] {
    return this.layer.trainableWeights;
  }

  override get nonTrainableWeights(): Variable[] {
    return this.layer.nonTrainableWeights;
  }

  override originalNameOf(v: Variable): string {
    const inner = this.layer.originalNameOf(v);
    const prefix = `${this.layer.name}/`;
    return `${this.name}/${inner.startsWith(prefix) ? inner.slice(prefix.length) : inner}`;
  }

  override countParams(): number {
    return this.layer.countParams();
  }

  override regularizationLosses(): Tensor[] {
    return this.layer.regularizationLosses();
  }

  override dispose(): void {
    this.layer.dispose();
    super.dispose();
  }

  override getConfig(): ConfigDict {
    return {
      layer: { className: this.layer.className, config: this.layer.getConfig() },
      ...super.getConfig(),
      trainable: this.trainable,
    };
  }

  static override fromConfig(config: ConfigDict): TimeDistributed {
    const r = new ConfigReader(config, 'TimeDistributed');
    const entry = r.raw('layer');
    if (!isConfigDict(entry) || typeof entry.className !== 'string') {
      throw new ModelFormatError(
        `TimeDistributed: config field 'layer' must be {class_name, config}, got ${JSON.stringify(entry)?.slice(0, 200)}`,
      );
    }
    const cls = getRegisteredLayer(entry.className);
    if (!cls) {
      throw new ModelFormatError(
        `TimeDistributed: unknown inner layer class '${entry.className}'; known: ${registeredLayerNames().join(', ')}`,
      );
    }
    const layer = cls.fromConfig(isConfigDict(entry.config) ? entry.config : {});
    try {
      return new TimeDistributed({ ...baseArgs(r), layer });
    } catch (err) {
      layer.dispose();
      throw err;
    }
  }
}
