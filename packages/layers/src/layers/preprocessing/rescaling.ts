/**
 * `x * scale + offset`, as Keras 3's `Rescaling` and TensorFlow.js' `tf.layers.rescaling`: the
 * layer that puts input preprocessing (pixels 0..255 to [0, 1], or standardisation) inside a
 * model, so a saved model takes the raw data its users have. Inputs of another dtype are cast to
 * float32 first, as both do. Scale and offset are scalars: TensorFlow.js 4.22 reads nothing else,
 * and a model saved with per-channel lists would not load there.
 */
import { add, ArgumentError, cast, ModelFormatError, mul, type Tensor } from '@tensile/core';
import { baseArgs, Layer, singleTensor, type CallOptions, type LayerArgs } from '../../layer.js';
import { ConfigReader, type ConfigDict } from '../../serialization.js';

export interface RescalingArgs extends LayerArgs {
  scale: number;
  /** Added after scaling (default 0). */
  offset?: number;
}

export class Rescaling extends Layer {
  static override readonly className = 'Rescaling';
  readonly scale: number;
  readonly offset: number;

  constructor(args: RescalingArgs) {
    super(args);
    this.scale = finite(this.name, 'scale', args.scale);
    this.offset = finite(this.name, 'offset', args.offset ?? 0);
  }

  call(inputs: Tensor | Tensor[], _options: CallOptions): Tensor {
    const raw = singleTensor(this.name, inputs);
    const x = raw.dtype === 'float32' ? raw : cast(raw, 'float32');
    return this.offset === 0 ? mul(x, this.scale) : add(mul(x, this.scale), this.offset);
  }

  override getConfig(): ConfigDict {
    return { scale: this.scale, offset: this.offset, ...super.getConfig() };
  }

  static override fromConfig(config: ConfigDict): Rescaling {
    const r = new ConfigReader(config, 'Rescaling');
    const scalar = (key: string): number | undefined => {
      const v = r.raw(key);
      if (v === undefined || typeof v === 'number') return v;
      throw new ModelFormatError(
        `Rescaling: config field '${key}' must be a number, got ${JSON.stringify(v)} (per-channel lists are not supported, as in TensorFlow.js 4.22)`,
      );
    };
    const scale = scalar('scale');
    if (scale === undefined) throw new ModelFormatError("Rescaling: config field 'scale' must be a number, got undefined");
    return new Rescaling({ ...baseArgs(r), scale, offset: scalar('offset') });
  }
}

function finite(layer: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new ArgumentError(`${layer}: ${name} must be a finite number, got ${typeof v === 'number' ? String(v) : JSON.stringify(v)}`);
  return v;
}
