/**
 * Training curves as a standalone SVG (no dependencies, opens in any browser): one panel for loss,
 * one for accuracy, train and validation in each, with axes, ticks, grid and a legend. Every point
 * carries its value in a data attribute, so tests (and people) can read the numbers back.
 */

export interface CurvesInput {
  /** Keras-style history: loss, accuracy (or acc), val_loss, val_accuracy (or val_acc). */
  readonly history: Readonly<Record<string, readonly number[]>>;
  /** Epoch numbers (1-based) for the x axis; defaults to 1..n. */
  readonly epochs?: readonly number[];
  readonly title?: string;
}

interface Series {
  readonly key: string;
  readonly label: string;
  readonly color: string;
  readonly dash: string;
  readonly values: readonly number[];
}

const PANEL_W = 420;
const PANEL_H = 300;
const MARGIN = { left: 58, right: 16, top: 40, bottom: 66 };
const TITLE_H = 34;
const TRAIN_COLOR = '#1f77b4';
const VAL_COLOR = '#d62728';

/** "Nice" tick values covering [lo, hi]: steps of 1, 2 or 5 times a power of ten. */
export function niceTicks(lo: number, hi: number, target = 5): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
  if (hi - lo < 1e-12) {
    const pad = Math.abs(lo) > 1e-12 ? Math.abs(lo) * 0.05 : 0.5;
    lo -= pad;
    hi += pad;
  }
  const raw = (hi - lo) / target;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? 10 * pow;
  const first = Math.floor(lo / step) * step;
  const ticks: number[] = [];
  for (let v = first; v <= hi + step * 0.5 && ticks.length < 50; v += step) ticks.push(round(v, step));
  if (ticks[ticks.length - 1] < hi) ticks.push(round(ticks[ticks.length - 1] + step, step));
  return ticks;
}

function round(v: number, step: number): number {
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  return Number(v.toFixed(digits));
}

function fmt(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1000 || a < 1e-3) return v.toExponential(1);
  return String(Number(v.toPrecision(4)));
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function pick(h: CurvesInput['history'], ...keys: string[]): { key: string; values: readonly number[] } | undefined {
  for (const k of keys) if (h[k] && h[k].length > 0) return { key: k, values: h[k] };
  return undefined;
}

function seriesFor(h: CurvesInput['history'], metric: 'loss' | 'accuracy'): Series[] {
  const names =
    metric === 'loss'
      ? [['loss'], ['val_loss']]
      : [
          ['accuracy', 'acc'],
          ['val_accuracy', 'val_acc'],
        ];
  const out: Series[] = [];
  const train = pick(h, ...names[0]);
  if (train) out.push({ ...train, label: 'train', color: TRAIN_COLOR, dash: '' });
  const val = pick(h, ...names[1]);
  if (val) out.push({ ...val, label: 'validation', color: VAL_COLOR, dash: '6 4' });
  return out;
}

function panel(title: string, series: Series[], epochs: readonly number[], x0: number, y0: number): string {
  const plotW = PANEL_W - MARGIN.left - MARGIN.right;
  const plotH = PANEL_H - MARGIN.top - MARGIN.bottom;
  const left = x0 + MARGIN.left;
  const top = y0 + MARGIN.top;
  const all = series.flatMap((s) => s.values.filter(Number.isFinite));
  const yTicks = niceTicks(all.length ? Math.min(...all) : 0, all.length ? Math.max(...all) : 1);
  const yLo = yTicks[0];
  const yHi = yTicks[yTicks.length - 1];
  // Pad the x range so points do not sit on the axes; one epoch still gets an axis.
  const eLo = epochs.length ? Math.min(...epochs) : 1;
  const eHi = epochs.length ? Math.max(...epochs) : 1;
  const xPad = eLo === eHi ? 0.5 : (eHi - eLo) * 0.04;
  const xLo = eLo - xPad;
  const xHi = eHi + xPad;
  const sx = (e: number): number => left + ((e - xLo) / (xHi - xLo)) * plotW;
  const sy = (v: number): number => top + plotH - ((v - yLo) / (yHi - yLo)) * plotH;
  const xStep = Math.max(1, Math.ceil((eHi - eLo + 1) / 10));
  const xTicks: number[] = [];
  for (let e = eLo; e <= eHi; e += xStep) xTicks.push(e);

  const parts: string[] = [`<g class="panel" data-metric="${esc(title.toLowerCase())}">`];
  parts.push(`<text x="${left + plotW / 2}" y="${y0 + 24}" text-anchor="middle" font-size="15" font-weight="bold">${esc(title)}</text>`);
  for (const t of yTicks) {
    const y = sy(t).toFixed(1);
    parts.push(`<line class="grid" x1="${left}" x2="${left + plotW}" y1="${y}" y2="${y}" stroke="#e5e5e5"/>`);
    parts.push(`<line x1="${left - 5}" x2="${left}" y1="${y}" y2="${y}" stroke="#333"/>`);
    parts.push(`<text class="ytick" x="${left - 8}" y="${y}" dy="4" text-anchor="end" font-size="11">${fmt(t)}</text>`);
  }
  for (const e of xTicks) {
    const x = sx(e).toFixed(1);
    parts.push(`<line x1="${x}" x2="${x}" y1="${top + plotH}" y2="${top + plotH + 5}" stroke="#333"/>`);
    parts.push(`<text class="xtick" x="${x}" y="${top + plotH + 18}" text-anchor="middle" font-size="11">${e}</text>`);
  }
  parts.push(`<line class="axis" x1="${left}" x2="${left}" y1="${top}" y2="${top + plotH}" stroke="#333"/>`);
  parts.push(`<line class="axis" x1="${left}" x2="${left + plotW}" y1="${top + plotH}" y2="${top + plotH}" stroke="#333"/>`);
  parts.push(`<text x="${left + plotW / 2}" y="${top + plotH + 38}" text-anchor="middle" font-size="12">epoch</text>`);
  parts.push(
    `<text transform="translate(${x0 + 14} ${top + plotH / 2}) rotate(-90)" text-anchor="middle" font-size="12">${esc(title.toLowerCase())}</text>`,
  );
  for (const s of series) {
    const pts = s.values.map((v, i) => [epochs[i] ?? i + 1, v] as const).filter(([, v]) => Number.isFinite(v));
    const coords = pts.map(([e, v]) => `${sx(e).toFixed(1)},${sy(v).toFixed(1)}`).join(' ');
    parts.push(
      `<polyline class="series" data-series="${esc(s.key)}" points="${coords}" fill="none" stroke="${s.color}" stroke-width="2" stroke-dasharray="${s.dash}"/>`,
    );
    for (const [e, v] of pts) {
      parts.push(
        `<circle data-series="${esc(s.key)}" data-epoch="${e}" data-value="${v}" cx="${sx(e).toFixed(1)}" cy="${sy(v).toFixed(1)}" r="3.5" fill="${s.color}"><title>${esc(s.label)} ${esc(title.toLowerCase())}, epoch ${e}: ${fmt(v)}</title></circle>`,
      );
    }
  }
  // Legend in a row under the x axis label, where it cannot hide a curve.
  series.forEach((s, i) => {
    const lx = left + plotW / 2 - 95 + i * 100;
    const ly = top + plotH + 52;
    parts.push(
      `<line x1="${lx}" x2="${lx + 24}" y1="${ly}" y2="${ly}" stroke="${s.color}" stroke-width="2" stroke-dasharray="${s.dash}"/>`,
    );
    parts.push(`<text class="legend" x="${lx + 30}" y="${ly + 4}" font-size="12">${esc(s.label)}</text>`);
  });
  if (series.length === 0) {
    parts.push(`<text x="${left + plotW / 2}" y="${top + plotH / 2}" text-anchor="middle" font-size="12" fill="#888">no data</text>`);
  }
  parts.push('</g>');
  return parts.join('\n');
}

export function renderCurvesSvg(input: CurvesInput): string {
  const h = input.history;
  const n = Math.max(0, ...Object.values(h).map((v) => v.length));
  const epochs = input.epochs ?? Array.from({ length: n }, (_, i) => i + 1);
  const width = PANEL_W * 2;
  const height = PANEL_H + TITLE_H;
  const title = input.title ?? 'Training curves';
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${width / 2}" y="22" text-anchor="middle" font-size="16">${esc(title)}</text>`,
    panel('Loss', seriesFor(h, 'loss'), epochs, 0, TITLE_H),
    panel('Accuracy', seriesFor(h, 'accuracy'), epochs, PANEL_W, TITLE_H),
    '</svg>',
    '',
  ].join('\n');
}
