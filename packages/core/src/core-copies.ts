/**
 * One engine per application: every copy of `@tensile/core` that loads into a process or page
 * records itself under one `Symbol.for` key on `globalThis`, so a copy can tell that another
 * loaded before it. A second copy has its own engine, registry and Tensor class; tensors and
 * backends of one are invisible to the other. The key carries no version on purpose, so that
 * every version finds every other; the record only ever gains fields.
 */
import { DuplicateCoreError } from './errors.js';

/** Set by the build from package.json (tsup.config.ts; vitest.config.ts for tests of src). */
declare const __TENSILE_CORE_VERSION__: string;

export interface CoreCopy {
  readonly version: string;
  /** The directory (URL) its code loaded from: a package's dist/, or a bundle's directory. */
  readonly location: string;
  /** Which build: the ESM and CommonJS builds of one package are two copies when both load. */
  readonly format: 'ESM' | 'CommonJS';
}

const KEY = Symbol.for('@tensile/core.copies');

function copiesOnGlobal(): CoreCopy[] {
  const found: unknown = Reflect.get(globalThis, KEY);
  if (Array.isArray(found)) return found;
  const list: CoreCopy[] = [];
  Object.defineProperty(globalThis, KEY, { value: list, enumerable: false });
  return list;
}

const COPIES = copiesOnGlobal();
const THIS_COPY: CoreCopy = {
  version: __TENSILE_CORE_VERSION__,
  location: new URL('.', import.meta.url).href,
  // The CommonJS build's files end in .cjs (tsup shims import.meta.url there from __filename).
  format: import.meta.url.endsWith('.cjs') ? 'CommonJS' : 'ESM',
};
COPIES.push(THIS_COPY);

function describeCopy(copy: CoreCopy): string {
  return `@tensile/core ${copy.version} (${copy.format}) at ${copy.location}`;
}

const FIX =
  "install one version that satisfies every package's peer range (`npm ls @tensile/core`, then `npm dedupe`), and load it one way (all ESM or all CommonJS)";

/**
 * Throws `DuplicateCoreError` when another copy of core loaded before this one: what `op` would
 * register here, the application's engine (the first copy's) would never see.
 */
export function assertFirstCopy(op: string, what: string): void {
  const first = COPIES[0];
  if (first === THIS_COPY) return;
  throw new DuplicateCoreError(
    `${op}: ${what} was registered with a second copy of @tensile/core, so the first one's engine will not see it: ${describeCopy(first)} loaded first, then ${describeCopy(THIS_COPY)} (this one); ${FIX}`,
  );
}

/** A sentence to add to "no such backend" errors when other copies of core have loaded, else ''. */
export function otherCopiesNote(): string {
  const others = COPIES.filter((c) => c !== THIS_COPY);
  if (others.length === 0) return '';
  return ` Another copy of @tensile/core is loaded (${others.map(describeCopy).join('; ')}; this is ${describeCopy(THIS_COPY)}): backends registered with it are not visible here; ${FIX}.`;
}
