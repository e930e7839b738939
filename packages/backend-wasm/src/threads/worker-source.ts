/**
 * The worker's program, as source text: it runs from a Blob URL / eval in any bundler and
 * runtime without a separate file to locate. It instantiates the module over the shared memory,
 * says 'ready', then claims shares of each job from the control block until STOP.
 */
import { CLAIM_SOURCE, DONE, ERROR, FN, GEN, NEXT, PARAMS, RANGES, SHARES, SPIN_POLLS, STOP, WORKER_SHARES } from './protocol.js';

export const WORKER_SOURCE = `
'use strict';
${CLAIM_SOURCE}
function serve(data, post) {
  const { module, memory, ctrl: sab, names } = data;
  const ctrl = new Int32Array(sab);
  const instance = new WebAssembly.Instance(module, { env: { memory, abort() { throw new Error('wasm abort'); } } });
  const fns = names.map((n) => instance.exports[n]);
  post('ready');
  let gen = Atomics.load(ctrl, ${GEN});
  for (;;) {
    let polls = 0;
    while (Atomics.load(ctrl, ${GEN}) === gen) {
      if (++polls > ${SPIN_POLLS}) Atomics.wait(ctrl, ${GEN}, gen);
    }
    gen = Atomics.load(ctrl, ${GEN});
    if (Atomics.load(ctrl, ${STOP}) !== 0) return;
    const tag = Atomics.load(ctrl, ${NEXT}) >>> 8;
    for (let s = claim(ctrl, tag); s >= 0; s = claim(ctrl, tag)) {
      try {
        fns[ctrl[${FN}]](ctrl[${PARAMS}], ctrl[${RANGES} + 2 * s], ctrl[${RANGES} + 2 * s + 1], s);
      } catch (err) {
        Atomics.store(ctrl, ${ERROR}, 1);
        post({ error: String((err && err.stack) || err) });
      }
      Atomics.add(ctrl, ${WORKER_SHARES}, 1);
      if (Atomics.add(ctrl, ${DONE}, 1) === ctrl[${SHARES}] - 1) Atomics.notify(ctrl, ${DONE});
    }
  }
}
if (typeof self === 'undefined' || typeof self.postMessage !== 'function' || typeof require === 'function') {
  const { parentPort } = require('node:worker_threads');
  parentPort.once('message', (data) => serve(data, (m) => parentPort.postMessage(m)));
} else {
  self.onmessage = (e) => serve(e.data, (m) => self.postMessage(m));
}
`;
