import { resolve } from 'node:path';

/**
 * A path from the command line, relative to where the user ran npm: `npm run bench` at the
 * repository root runs the script in apps/mnist (npm -w), and npm keeps the user's directory in
 * INIT_CWD.
 */
export function userPath(p: string): string {
  return resolve(process.env.INIT_CWD ?? process.cwd(), p);
}
