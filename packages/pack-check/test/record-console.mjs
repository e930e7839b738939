// Preloaded into a README example (node --enable-source-maps --import <this file>): each
// console.log called from the example's own code is appended as one JSON line to the file
// named by TENSILE_README_LOG, with the line of the example it was called from, so the test
// compares values rather than their printed form. What the example prints is unchanged.
import { appendFileSync } from 'node:fs';

const logFile = process.env.TENSILE_README_LOG;
const source = process.env.TENSILE_README_SOURCE;

function encode(value) {
  if (typeof value === 'number') return Number.isFinite(value) ? value : { number: String(value) };
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return value;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView))
    return { typed: value.constructor.name, values: Array.from(value, Number) };
  if (Array.isArray(value)) return value.map(encode);
  return { other: String(value) };
}

/** The example line of the frame that called console.log, if the example called it directly. */
function callerLine() {
  // [0] "Error", [1] this function, [2] the console.log wrapper, [3] its caller.
  const frame = (new Error().stack ?? '').split('\n')[3] ?? '';
  const match = /:(\d+):\d+\)?$/.exec(frame.trim());
  return match !== null && source !== undefined && frame.includes(source) ? Number(match[1]) : undefined;
}

if (logFile !== undefined) {
  const log = console.log.bind(console);
  console.log = (...args) => {
    const line = callerLine();
    if (line !== undefined) appendFileSync(logFile, `${JSON.stringify({ line, args: args.map(encode) })}\n`);
    log(...args);
  };
}
