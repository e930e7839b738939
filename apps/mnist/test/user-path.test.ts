import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { userPath } from '../src/user-path.js';

describe('userPath', () => {
  const saved = process.env.INIT_CWD;
  afterEach(() => {
    if (saved === undefined) delete process.env.INIT_CWD;
    else process.env.INIT_CWD = saved;
  });

  it('resolves a relative path against INIT_CWD (where the user ran npm), else the working directory', () => {
    process.env.INIT_CWD = '/srv/user-dir';
    expect(userPath('out/report.md')).toBe(resolve('/srv/user-dir', 'out/report.md'));
    expect(userPath('/abs/report.md')).toBe(resolve('/abs/report.md'));
    delete process.env.INIT_CWD;
    expect(userPath('report.md')).toBe(join(process.cwd(), 'report.md'));
  });
});
