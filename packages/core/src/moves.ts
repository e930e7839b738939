/**
 * Moving tensor data between backends: every live tensor for `setBackend`, one for `t.to()`.
 *
 * Ops may run while a move awaits (a read from a GPU is async), and they run where their inputs
 * are. So `setBackend` copies data to the new backend while every handle still points at its old
 * storage, and then commits in one synchronous step: each handle switches to its copy and the
 * active backend changes together, so no op ever sees half the tensors moved. Data that changed
 * after it was copied (freed, moved by `to()`, written by an in-place kernel: `version`) and
 * tensors made meanwhile are copied again in further passes; the last pass, when everything left
 * can be read synchronously (cpu, wasm), copies and commits in the same step.
 */
import { assertFits } from './allocation.js';
import type { Backend } from './backend.js';
import type { BackendValues } from './dtype.js';
import { TensileError } from './errors.js';
import type { DataId } from './kernels/signatures.js';
import type { DataHandle } from './tensor.js';

export interface Destination {
  readonly name: string;
  readonly backend: Backend;
}

/** A copy of a handle's data on the destination, taken from `from` at `version`. */
interface Copy {
  readonly dataId: DataId;
  readonly from: DataId;
  readonly version: number;
}

/**
 * Async copy passes before a move gives up: data written in place on every pass (a training loop
 * running on a GPU during the switch) would otherwise keep the switch from ever committing.
 */
export const MAX_COPY_PASSES = 8;

/**
 * Copies every handle in `live` that is not on `to` there, then, in one synchronous step, points
 * each at its copy, frees the old data and calls `onCommit`. On failure nothing has moved and the
 * copies are freed.
 */
export async function moveAll(live: ReadonlySet<DataHandle>, to: Destination, onCommit: () => void): Promise<void> {
  const copies = new Map<DataHandle, Copy>();
  try {
    for (let pass = 0; ; pass++) {
      const pending = uncopied(live, to.backend, copies);
      const readable = pending.flatMap((h) => {
        const read = syncReader(h.backend);
        return read === null ? [] : [{ h, read }];
      });
      if (readable.length === pending.length) {
        for (const { h, read } of readable) copies.set(h, copyNow(h, read, to));
        commit(copies, to);
        onCommit();
        return;
      }
      if (pass === MAX_COPY_PASSES) {
        const from = [...new Set(pending.map((h) => `'${h.backendName}'`))].join(', ');
        throw new TensileError(
          `setBackend: tensors on ${from} kept changing while they were copied to '${to.name}' (${MAX_COPY_PASSES} passes), so nothing was moved; let the ops running meanwhile finish (await them), then call setBackend('${to.name}') again`,
        );
      }
      for (const h of pending) {
        const copy = await copyLater(h, to, 'setBackend');
        if (copy !== null) copies.set(h, copy);
      }
    }
  } catch (err) {
    for (const copy of copies.values()) to.backend.disposeData(copy.dataId);
    throw err;
  }
}

/** Moves the data of `handle()` (re-read each pass: `assign` may replace a variable's handle) to `to`. */
export async function moveOne(handle: () => DataHandle, to: Destination): Promise<void> {
  for (let pass = 0; pass < MAX_COPY_PASSES; pass++) {
    const h = handle();
    if (h.refCount === 0 || h.backend === to.backend) return;
    const copy = await copyLater(h, to, 'to');
    if (copy === null) continue;
    if (handle() !== h) {
      to.backend.disposeData(copy.dataId);
      continue;
    }
    commit(new Map([[h, copy]]), to);
    return;
  }
  throw new TensileError(
    `to: the tensor kept changing while it was copied to '${to.name}' (${MAX_COPY_PASSES} tries); let the ops writing it finish, then call to('${to.name}') again`,
  );
}

/** Frees copies that no longer match their handle and lists the live handles still needing one. */
function uncopied(live: ReadonlySet<DataHandle>, target: Backend, copies: Map<DataHandle, Copy>): DataHandle[] {
  for (const [h, copy] of copies) {
    if (!fresh(h, copy, target)) {
      target.disposeData(copy.dataId);
      copies.delete(h);
    }
  }
  return [...live].filter((h) => h.backend !== target && !copies.has(h));
}

/** Whether `h` is still live, not on `target`, and holds the data a copy was taken of. */
function fresh(h: DataHandle, copy: Pick<Copy, 'from' | 'version'>, target: Backend): boolean {
  return h.refCount > 0 && h.backend !== target && h.dataId === copy.from && h.version === copy.version;
}

function syncReader(backend: Backend): ((dataId: DataId) => BackendValues) | null {
  return backend.capabilities.syncRead && backend.readSync ? backend.readSync.bind(backend) : null;
}

function what(h: DataHandle): string {
  return `a tensor of ${h.size} ${h.dtype} elements`;
}

function copyNow(h: DataHandle, read: (dataId: DataId) => BackendValues, to: Destination): Copy {
  assertFits('setBackend', what(h), to.name, to.backend, h.size, h.dtype);
  return { dataId: to.backend.write(read(h.dataId), h.dtype), from: h.dataId, version: h.version };
}

/** A copy made with an async read; null when the handle was freed or changed during the read. */
async function copyLater(h: DataHandle, to: Destination, op: string): Promise<Copy | null> {
  if (h.refCount === 0 || h.backend === to.backend) return null;
  assertFits(op, what(h), to.name, to.backend, h.size, h.dtype);
  const from = h.dataId;
  const version = h.version;
  const values = await h.backend.read(from);
  if (!fresh(h, { from, version }, to.backend)) return null;
  return { dataId: to.backend.write(values, h.dtype), from, version };
}

/** Points each handle at its copy and frees its old data; synchronous, so no op runs in between. */
function commit(copies: ReadonlyMap<DataHandle, Copy>, to: Destination): void {
  for (const [h, copy] of copies) {
    const source = h.backend;
    const old = h.dataId;
    h.dataId = copy.dataId;
    h.backend = to.backend;
    h.backendName = to.name;
    source.disposeData(old);
  }
}
