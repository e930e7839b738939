/**
 * The live loss and accuracy curves, drawn by uPlot: training values (Keras' running means
 * over the epoch) as they come, validation values once per epoch. The x axis counts epochs, so a
 * curve that crosses a backend switch stays one curve.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

type Column = (number | null)[];

const COLORS = { train: '#2563eb', val: '#dc2626' };

class Chart {
  private readonly x: number[] = [];
  private readonly train: Column = [];
  private readonly val: Column = [];
  private readonly plot: uPlot;

  constructor(
    private readonly parent: HTMLElement,
    private readonly label: string,
    range: [number, number] | null,
  ) {
    const opts: uPlot.Options = {
      title: label,
      width: Chart.width(parent),
      height: 200,
      scales: { x: { time: false }, ...(range ? { y: { range } } : {}) },
      axes: [{ label: 'epoch' }, {}],
      series: [
        { label: 'epoch', value: (_u, v) => (v === null ? '–' : v.toFixed(2)) },
        { label: `training ${label}`, stroke: COLORS.train, width: 2, spanGaps: true, value: (_u, v) => fmt(v) },
        {
          label: `validation ${label}`,
          stroke: COLORS.val,
          width: 2,
          spanGaps: true,
          points: { show: true, size: 7 },
          value: (_u, v) => fmt(v),
        },
      ],
    };
    this.plot = new uPlot(opts, [[], [], []], parent);
    new ResizeObserver(() => this.plot.setSize({ width: Chart.width(parent), height: 200 })).observe(parent);
  }

  private static width(parent: HTMLElement): number {
    return Math.max(240, Math.floor(parent.clientWidth));
  }

  /** A point at `x`; one at the same x as the last (an epoch's last batch, then its end) merges into it. */
  add(x: number, train: number | null, val: number | null): void {
    const last = this.x.length - 1;
    if (last >= 0 && this.x[last] === x) {
      this.train[last] = train ?? this.train[last];
      this.val[last] = val ?? this.val[last];
    } else {
      this.x.push(x);
      this.train.push(train);
      this.val.push(val);
    }
    this.plot.setData([this.x, this.train, this.val] as uPlot.AlignedData);
    this.parent.dataset.points = String(this.x.length);
  }

  clear(): void {
    this.x.length = 0;
    this.train.length = 0;
    this.val.length = 0;
    this.plot.setData([[], [], []]);
    this.parent.dataset.points = '0';
  }

  /** The last value of each series, for tests and screen readers. */
  summary(): string {
    const last = (c: Column) => [...c].reverse().find((v) => v !== null) ?? null;
    return `${this.label}: training ${fmt(last(this.train))}, validation ${fmt(last(this.val))}`;
  }
}

function fmt(v: number | null | undefined): string {
  return v === null || v === undefined ? '–' : v.toFixed(4);
}

export class Curves {
  private readonly loss: Chart;
  private readonly accuracy: Chart;

  constructor(lossEl: HTMLElement, accuracyEl: HTMLElement) {
    this.loss = new Chart(lossEl, 'loss', null);
    this.accuracy = new Chart(accuracyEl, 'accuracy', [0, 1]);
  }

  /** A training point at epoch position `x` (epoch + fraction done). */
  training(x: number, loss: number | undefined, accuracy: number | undefined): void {
    if (loss !== undefined) this.loss.add(x, loss, null);
    if (accuracy !== undefined) this.accuracy.add(x, accuracy, null);
  }

  /** The end of an epoch: its training means and validation values at x = epoch + 1. */
  epochEnd(x: number, logs: Readonly<Record<string, number>>): void {
    this.loss.add(x, logs.loss ?? null, logs.val_loss ?? null);
    this.accuracy.add(x, logs.accuracy ?? null, logs.val_accuracy ?? null);
  }

  clear(): void {
    this.loss.clear();
    this.accuracy.clear();
  }

  summary(): string {
    return `${this.loss.summary()}; ${this.accuracy.summary()}`;
  }
}
