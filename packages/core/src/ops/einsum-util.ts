/**
 * @internal Parsing of einsum equations, with the rules and messages of TensorFlow.js 4.22's
 * einsum_util: exactly one arrow, no ellipsis, one or two operands, no label twice within an
 * operand, and every output label present in some input.
 */
import { ArgumentError } from '../errors.js';

export interface EinsumSpec {
  /** The labels of each operand, in axis order. */
  readonly inputs: readonly string[][];
  /** The labels of the output, in axis order. */
  readonly output: readonly string[];
}

export function parseEinsum(equation: string, numTensors: number): EinsumSpec {
  if (typeof equation !== 'string') throw new ArgumentError(`einsum: equation must be a string, got ${typeof equation}`);
  const eq = equation.replace(/\s/g, '');
  const arrows = eq.split('->').length - 1;
  if (arrows !== 1) {
    throw new ArgumentError(
      `einsum: the equation must contain exactly one arrow ("->"), got ${arrows} in '${equation}' (equations without an arrow are not supported, as in TensorFlow.js)`,
    );
  }
  const [inputString, outputString] = eq.split('->');
  if (inputString.includes('...') || outputString.includes('...')) {
    throw new ArgumentError(`einsum: the ellipsis notation ("...") is not supported, as in TensorFlow.js; got '${equation}'`);
  }
  const terms = inputString.split(',');
  if (terms.length !== numTensors) {
    throw new ArgumentError(`einsum: '${equation}' names ${terms.length} operand(s), but ${numTensors} tensor(s) were given`);
  }
  if (terms.length > 2)
    throw new ArgumentError(`einsum: at most 2 operands are supported, as in TensorFlow.js; '${equation}' has ${terms.length}`);
  const label = /^[A-Za-z]$/;
  const inputs = terms.map((t) => {
    const labels = [...t];
    const bad = labels.find((c) => !label.test(c));
    if (bad !== undefined) throw new ArgumentError(`einsum: labels must be letters, got '${bad}' in '${equation}'`);
    if (new Set(labels).size !== labels.length) {
      throw new ArgumentError(
        `einsum: operand '${t}' repeats a label; repeated labels within an operand (traces, diagonals) are not supported, as in TensorFlow.js`,
      );
    }
    return labels;
  });
  const output = [...outputString];
  for (const c of output) {
    if (!label.test(c)) throw new ArgumentError(`einsum: labels must be letters, got '${c}' in '${equation}'`);
    if (!inputs.some((labels) => labels.includes(c))) {
      throw new ArgumentError(`einsum: output label '${c}' does not appear in any input of '${equation}'`);
    }
  }
  if (new Set(output).size !== output.length) throw new ArgumentError(`einsum: output '${outputString}' repeats a label`);
  return { inputs, output };
}
