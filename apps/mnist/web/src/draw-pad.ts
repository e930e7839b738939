/**
 * The drawing pad: pointer strokes (mouse, finger, pen) in white on black, and the ten class
 * probabilities, asked for while the person draws. At most one prediction is in flight; when it
 * comes back and the drawing has changed since, the next one goes.
 */
import { digitPixels } from './digit-pixels.js';

const BRUSH = 20;

export class DrawPad {
  private drawing = false;
  private last: { x: number; y: number } | null = null;
  private dirty = false;
  private inFlight = false;
  private readonly ctx: CanvasRenderingContext2D;
  private readonly rows: { row: HTMLTableRowElement; meter: HTMLMeterElement; pct: HTMLTableCellElement }[] = [];

  constructor(
    private readonly canvas: HTMLCanvasElement,
    table: HTMLTableElement,
    private readonly out: HTMLElement,
    private readonly predict: (pixels: Float32Array) => boolean,
  ) {
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('the drawing pad needs a 2D canvas');
    this.ctx = ctx;
    const body = table.tBodies[0];
    for (let d = 0; d < 10; d++) {
      const row = body.insertRow();
      row.insertCell().textContent = String(d);
      const meter = document.createElement('meter');
      meter.min = 0;
      meter.max = 1;
      meter.value = 0;
      meter.setAttribute('aria-label', `probability of ${d}`);
      row.insertCell().append(meter);
      const pct = row.insertCell();
      pct.textContent = '–';
      this.rows.push({ row, meter, pct });
    }
    this.clear();
    canvas.addEventListener('pointerdown', (e) => this.down(e));
    canvas.addEventListener('pointermove', (e) => this.move(e));
    for (const t of ['pointerup', 'pointerleave', 'pointercancel'] as const) canvas.addEventListener(t, () => this.up());
  }

  clear(): void {
    this.ctx.fillStyle = '#000';
    this.ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
    for (const r of this.rows) {
      r.meter.value = 0;
      r.pct.textContent = '–';
      r.row.classList.remove('top');
    }
    this.out.dataset.digit = '';
    this.dirty = false;
  }

  private point(e: PointerEvent): { x: number; y: number } {
    const r = this.canvas.getBoundingClientRect();
    return { x: ((e.clientX - r.left) * this.canvas.width) / r.width, y: ((e.clientY - r.top) * this.canvas.height) / r.height };
  }

  private down(e: PointerEvent): void {
    this.drawing = true;
    this.canvas.setPointerCapture(e.pointerId);
    this.last = this.point(e);
    this.stroke(this.last);
  }

  private move(e: PointerEvent): void {
    if (!this.drawing) return;
    this.stroke(this.point(e));
  }

  private up(): void {
    if (!this.drawing) return;
    this.drawing = false;
    this.last = null;
    this.changed();
  }

  private stroke(p: { x: number; y: number }): void {
    const from = this.last ?? p;
    const c = this.ctx;
    c.strokeStyle = '#fff';
    c.lineWidth = BRUSH;
    c.lineCap = 'round';
    c.lineJoin = 'round';
    c.beginPath();
    c.moveTo(from.x, from.y);
    c.lineTo(p.x, p.y);
    c.stroke();
    this.last = p;
    this.changed();
  }

  private changed(): void {
    this.dirty = true;
    this.send();
  }

  private send(): void {
    if (!this.inFlight && this.dirty) {
      const pixels = digitPixels(this.canvas);
      this.dirty = false;
      if (pixels) this.inFlight = this.predict(pixels);
    }
    // '1' while an answer for the drawing as it is now is still to come (tests wait on it).
    this.out.dataset.pending = this.inFlight || this.dirty ? '1' : '0';
  }

  /** The worker's answer for the last drawing sent. */
  show(probs: Float32Array): void {
    this.inFlight = false;
    let best = 0;
    for (let d = 1; d < 10; d++) if (probs[d] > probs[best]) best = d;
    this.rows.forEach((r, d) => {
      r.meter.value = probs[d];
      r.pct.textContent = `${(probs[d] * 100).toFixed(1)}%`;
      r.row.classList.toggle('top', d === best);
    });
    this.out.textContent = `It looks like a ${best} (${(probs[best] * 100).toFixed(1)}%).`;
    this.out.dataset.digit = String(best);
    this.send();
  }

  /** The worker could not predict (no model yet): let the next stroke ask again. */
  failed(): void {
    this.inFlight = false;
    this.out.dataset.pending = '0';
  }
}
