import { ArgumentError } from '../errors.js';
import { Tensor } from '../tensor.js';
import { formatTensor } from './tensor-format.js';

/**
 * Logs `x` with console.log in the layout of TensorFlow.js's `tensor.print(verbose)` (verbose adds
 * dtype, rank and shape). Where the backend reads synchronously (cpu, wasm, cuda) it logs before
 * returning, as TensorFlow.js does; on webgpu and webgl the values come back asynchronously, so
 * it logs when they arrive: await the returned promise to order the output.
 */
export function print(x: Tensor, verbose = false): Promise<void> {
  if (!(x instanceof Tensor)) throw new ArgumentError(`print: x must be a Tensor, got ${x === null ? 'null' : typeof x}`);
  x.throwIfDisposed('print');
  const backend = x.handle.backend;
  if (backend.capabilities.syncRead && backend.readSync) {
    console.log(formatTensor(x.dataSync(), x.shape, x.dtype, verbose));
    return Promise.resolve();
  }
  const { shape, dtype } = x;
  return x.data().then((values) => console.log(formatTensor(values, shape, dtype, verbose)));
}
