/** Pads height and width with zeros: `padding` is n, [h, w] or [[top, bottom], [left, right]]. */
import { ArgumentError, ModelFormatError, pad, ShapeError, type Tensor } from '@tensile/core';
import { baseArgs, Layer, singleShape, singleTensor, type CallOptions, type LayerArgs } from '../../layer.js';
import { ConfigReader, type ConfigDict, type JsonValue } from '../../serialization.js';
import type { SymbolicShape } from '../../symbolic-tensor.js';
import { checkDataFormat } from '../utils.js';

type Pair = readonly [number, number];
export interface ZeroPadding2DArgs extends LayerArgs {
  padding?: number | Pair | readonly [Pair, Pair];
  dataFormat?: 'channels_last';
}

export class ZeroPadding2D extends Layer {
  static override readonly className = 'ZeroPadding2D';
  /** [[top, bottom], [left, right]] */
  readonly padding: [[number, number], [number, number]];

  constructor(args: ZeroPadding2DArgs = {}) {
    super(args);
    checkDataFormat(this.name, args.dataFormat);
    this.padding = normalizePadding(this.name, args.padding ?? 1);
  }

  call(inputs: Tensor | Tensor[], _options: CallOptions): Tensor {
    const x = singleTensor(this.name, inputs);
    if (x.rank !== 4)
      throw new ShapeError(
        `${this.name}: ZeroPadding2D needs rank-4 inputs [batch, height, width, channels], got shape [${x.shape.join(', ')}]`,
      );
    return pad(x, [[0, 0], this.padding[0], this.padding[1], [0, 0]]);
  }

  override computeOutputShape(inputShape: SymbolicShape | SymbolicShape[]): SymbolicShape {
    const s = singleShape(this.name, inputShape);
    if (s.length !== 4) throw new ShapeError(`${this.name}: ZeroPadding2D needs rank-4 inputs, got (${s.join(', ')})`);
    const [[t, b], [l, r]] = this.padding;
    return [s[0], s[1] === null ? null : s[1] + t + b, s[2] === null ? null : s[2] + l + r, s[3]];
  }

  override getConfig(): ConfigDict {
    const [[t, b], [l, r]] = this.padding;
    return {
      padding: [
        [t, b],
        [l, r],
      ],
      dataFormat: 'channels_last',
      ...super.getConfig(),
    };
  }

  static override fromConfig(config: ConfigDict): ZeroPadding2D {
    const r = new ConfigReader(config, 'ZeroPadding2D');
    return new ZeroPadding2D({
      ...baseArgs(r),
      padding: paddingFrom(r.raw('padding')),
      dataFormat: checkDataFormat('ZeroPadding2D', r.optString('dataFormat')),
    });
  }
}

function normalizePadding(layer: string, p: number | Pair | readonly [Pair, Pair]): [[number, number], [number, number]] {
  const ok = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
  if (ok(p))
    return [
      [p, p],
      [p, p],
    ];
  if (Array.isArray(p) && p.length === 2) {
    const [h, w] = p;
    if (ok(h) && ok(w))
      return [
        [h, h],
        [w, w],
      ];
    if (Array.isArray(h) && Array.isArray(w) && h.length === 2 && w.length === 2 && [...h, ...w].every(ok))
      return [
        [h[0], h[1]],
        [w[0], w[1]],
      ];
  }
  throw new ArgumentError(
    `${layer}: padding must be n, [h, w] or [[top, bottom], [left, right]] of non-negative integers, got ${JSON.stringify(p)}`,
  );
}

function paddingFrom(v: JsonValue | undefined): number | Pair | readonly [Pair, Pair] | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number') return v;
  if (Array.isArray(v) && v.length === 2) {
    const [a, b] = v;
    if (typeof a === 'number' && typeof b === 'number') return [a, b];
    if (Array.isArray(a) && Array.isArray(b)) {
      const [a0, a1] = a;
      const [b0, b1] = b;
      if (typeof a0 === 'number' && typeof a1 === 'number' && typeof b0 === 'number' && typeof b1 === 'number')
        return [
          [a0, a1],
          [b0, b1],
        ];
    }
  }
  throw new ModelFormatError(`ZeroPadding2D: config field 'padding' is malformed: ${JSON.stringify(v)}`);
}
