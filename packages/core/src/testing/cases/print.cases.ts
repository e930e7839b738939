/**
 * `print`: the text it logs on every backend (read synchronously or not) is what TensorFlow.js
 * 4.22's `tensor.print()` logs; the expected strings below were printed by TensorFlow.js itself
 * (backend-cpu's TF.js oracle test compares more shapes live).
 */
import { print, tensor } from '../../ops/index.js';
import type { CaseDef } from '../harness.js';

const EXPECTED: readonly (readonly [string, () => ReturnType<typeof tensor>, boolean, string])[] = [
  [
    'float32 2x2',
    () =>
      tensor([
        [1, 2.5],
        [-3, 4],
      ]),
    false,
    'Tensor\n    [[1 , 2.5],\n     [-3, 4  ]]',
  ],
  [
    'bool verbose',
    () => tensor([true, false, true]),
    true,
    'Tensor\n  dtype: bool\n  rank: 1\n  shape: [3]\n  values:\n    [true, false, true]',
  ],
  [
    'int32 2x2x2',
    () => tensor([1, 2, 3, 4, 5, 6, 7, 8], [2, 2, 2], 'int32'),
    false,
    'Tensor\n    [[[1, 2],\n      [3, 4]],\n\n     [[5, 6],\n      [7, 8]]]',
  ],
];

export const printCases: CaseDef[] = [
  {
    group: 'print',
    name: 'logs what TensorFlow.js logs',
    run: async () => {
      const original = console.log;
      for (const [what, make, verbose, want] of EXPECTED) {
        const lines: unknown[][] = [];
        const x = make();
        console.log = (...args: unknown[]) => lines.push(args);
        try {
          await print(x, verbose);
        } finally {
          console.log = original;
          x.dispose();
        }
        if (lines.length !== 1 || lines[0][0] !== want) {
          throw new Error(`print ${what}: logged ${JSON.stringify(lines)}, expected ${JSON.stringify(want)}`);
        }
      }
    },
  },
];
