/**
 * A drawing on the canvas turned into what MNIST's digits are (and so what the model was trained
 * on): the ink's bounding box scaled to fit 20x20 with its aspect kept, then placed in 28x28 so
 * that its centre of mass is the centre, as LeCun et al. prepared the dataset. Without this, a
 * digit drawn small or off-centre is read badly by a model that never saw one.
 */
export const SIDE = 28;
const BOX = 20;

/** Ink (0..255, white on black) of a canvas's RGBA pixels: the red channel of white strokes. */
export function inkOf(rgba: Uint8ClampedArray, width: number, height: number): Float32Array {
  const ink = new Float32Array(width * height);
  for (let i = 0; i < ink.length; i++) ink[i] = rgba[4 * i];
  return ink;
}

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** The smallest box holding every pixel above `threshold`, or null for a blank drawing. */
export function inkBox(ink: Float32Array, width: number, height: number, threshold = 16): Box | null {
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[y * width + x] <= threshold) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  return x1 < 0 ? null : { x: x0, y: y0, w: x1 - x0 + 1, h: y1 - y0 + 1 };
}

/** Where the ink's box goes in 28x28 before centring: scaled so its longer side is 20. */
export function fitBox(box: Box): Box {
  const scale = BOX / Math.max(box.w, box.h);
  const w = Math.max(1, Math.round(box.w * scale));
  const h = Math.max(1, Math.round(box.h * scale));
  return { x: Math.floor((SIDE - w) / 2), y: Math.floor((SIDE - h) / 2), w, h };
}

/** Shifts a 28x28 image by whole pixels so its centre of mass lands on the centre. */
export function centreByMass(img: Float32Array): Float32Array {
  let mass = 0;
  let mx = 0;
  let my = 0;
  for (let y = 0; y < SIDE; y++) {
    for (let x = 0; x < SIDE; x++) {
      const v = img[y * SIDE + x];
      mass += v;
      mx += v * x;
      my += v * y;
    }
  }
  if (mass === 0) return img;
  const dx = Math.round((SIDE - 1) / 2 - mx / mass);
  const dy = Math.round((SIDE - 1) / 2 - my / mass);
  const out = new Float32Array(SIDE * SIDE);
  for (let y = 0; y < SIDE; y++) {
    const sy = y - dy;
    if (sy < 0 || sy >= SIDE) continue;
    for (let x = 0; x < SIDE; x++) {
      const sx = x - dx;
      if (sx >= 0 && sx < SIDE) out[y * SIDE + x] = img[sy * SIDE + sx];
    }
  }
  return out;
}

/**
 * The model's input for what is drawn on `canvas` (white on black), or null when nothing is:
 * 784 pixel values 0..255. The scaling is the browser's own (drawImage with high-quality
 * smoothing), the same a page taking a photo of a digit would do.
 */
export function digitPixels(canvas: HTMLCanvasElement): Float32Array | null {
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) return null;
  const { width, height } = canvas;
  const ink = inkOf(ctx.getImageData(0, 0, width, height).data, width, height);
  const box = inkBox(ink, width, height);
  if (!box) return null;
  const to = fitBox(box);
  const small = new OffscreenCanvas(SIDE, SIDE);
  const sctx = small.getContext('2d', { willReadFrequently: true });
  if (!sctx) return null;
  sctx.fillStyle = '#000';
  sctx.fillRect(0, 0, SIDE, SIDE);
  sctx.imageSmoothingEnabled = true;
  sctx.imageSmoothingQuality = 'high';
  sctx.drawImage(canvas, box.x, box.y, box.w, box.h, to.x, to.y, to.w, to.h);
  return centreByMass(inkOf(sctx.getImageData(0, 0, SIDE, SIDE).data, SIDE, SIDE));
}
