/** Crops rows and columns off the borders, as TF.js' Cropping2D (factory `cropping2D`):
 *  `cropping` is n, [h, w] (symmetric) or [[top, bottom], [left, right]]. */
import { ArgumentError, ModelFormatError, ShapeError, slice, type Tensor } from '@tensile/core';
import { baseArgs, Layer, singleShape, singleTensor, type CallOptions, type LayerArgs } from '../../layer.js';
import { ConfigReader, type ConfigDict, type JsonValue } from '../../serialization.js';
import type { SymbolicShape } from '../../symbolic-tensor.js';
import { checkDataFormat } from '../utils.js';

type Pair = readonly [number, number];
export interface Cropping2DArgs extends LayerArgs {
  cropping: number | Pair | readonly [Pair, Pair];
  dataFormat?: 'channels_last';
}

export class Cropping2D extends Layer {
  static override readonly className = 'Cropping2D';
  /** [[top, bottom], [left, right]] */
  readonly cropping: [[number, number], [number, number]];

  constructor(args: Cropping2DArgs) {
    super(args);
    checkDataFormat(this.name, args.dataFormat);
    this.cropping = normalizeCropping(this.name, args.cropping);
  }

  /** Height and width left after cropping, or a ShapeError when nothing would be left. */
  private kept(h: number | null, w: number | null): [number | null, number | null] {
    const [[t, b], [l, r]] = this.cropping;
    const kh = h === null ? null : h - t - b;
    const kw = w === null ? null : w - l - r;
    if ((kh !== null && kh < 1) || (kw !== null && kw < 1)) {
      throw new ShapeError(
        `${this.name}: cropping ${JSON.stringify(this.cropping)} leaves nothing of height ${h} and width ${w}; crop less than the input's size`,
      );
    }
    return [kh, kw];
  }

  call(inputs: Tensor | Tensor[], _options: CallOptions): Tensor {
    const x = singleTensor(this.name, inputs);
    if (x.rank !== 4) {
      throw new ShapeError(
        `${this.name}: Cropping2D needs rank-4 inputs [batch, height, width, channels], got shape [${x.shape.join(', ')}]`,
      );
    }
    const [kh, kw] = this.kept(x.shape[1], x.shape[2]) as [number, number];
    return slice(x, [0, this.cropping[0][0], this.cropping[1][0], 0], [-1, kh, kw, -1]);
  }

  override computeOutputShape(inputShape: SymbolicShape | SymbolicShape[]): SymbolicShape {
    const s = singleShape(this.name, inputShape);
    if (s.length !== 4) throw new ShapeError(`${this.name}: Cropping2D needs rank-4 inputs, got (${s.map(String).join(', ')})`);
    const [kh, kw] = this.kept(s[1], s[2]);
    return [s[0], kh, kw, s[3]];
  }

  override getConfig(): ConfigDict {
    const [[t, b], [l, r]] = this.cropping;
    return {
      cropping: [
        [t, b],
        [l, r],
      ],
      dataFormat: 'channels_last',
      ...super.getConfig(),
    };
  }

  static override fromConfig(config: ConfigDict): Cropping2D {
    const r = new ConfigReader(config, 'Cropping2D');
    return new Cropping2D({
      ...baseArgs(r),
      cropping: croppingFrom(r.raw('cropping')),
      dataFormat: checkDataFormat('Cropping2D', r.optString('dataFormat')),
    });
  }
}

function normalizeCropping(layer: string, c: number | Pair | readonly [Pair, Pair]): [[number, number], [number, number]] {
  const ok = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
  if (ok(c)) {
    return [
      [c, c],
      [c, c],
    ];
  }
  if (Array.isArray(c) && c.length === 2) {
    const [h, w] = c;
    if (ok(h) && ok(w)) {
      return [
        [h, h],
        [w, w],
      ];
    }
    if (Array.isArray(h) && Array.isArray(w) && h.length === 2 && w.length === 2 && [...h, ...w].every(ok)) {
      return [
        [h[0], h[1]],
        [w[0], w[1]],
      ];
    }
  }
  throw new ArgumentError(
    `${layer}: cropping must be n, [h, w] or [[top, bottom], [left, right]] of non-negative integers, got ${JSON.stringify(c)}`,
  );
}

function croppingFrom(v: JsonValue | undefined): number | Pair | readonly [Pair, Pair] {
  if (typeof v === 'number') return v;
  if (Array.isArray(v) && v.length === 2) {
    const [a, b] = v;
    if (typeof a === 'number' && typeof b === 'number') return [a, b];
    if (Array.isArray(a) && Array.isArray(b) && a.length === 2 && b.length === 2) {
      const [a0, a1] = a;
      const [b0, b1] = b;
      if (typeof a0 === 'number' && typeof a1 === 'number' && typeof b0 === 'number' && typeof b1 === 'number') {
        return [
          [a0, a1],
          [b0, b1],
        ];
      }
    }
  }
  throw new ModelFormatError(
    `Cropping2D: config field 'cropping' must be n, [h, w] or [[top, bottom], [left, right]], got ${JSON.stringify(v)}`,
  );
}
