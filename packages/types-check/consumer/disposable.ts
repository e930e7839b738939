// `using` needs the esnext.disposable lib; only tsconfig.esnext.json compiles this file.
import { tensor } from '@tensile/core';

export function sum(): number {
  using t = tensor([1, 2, 3]);
  return t.size;
}
