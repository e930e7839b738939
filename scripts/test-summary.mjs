#!/usr/bin/env node
// Sums the vitest JSON reports of every workspace (packages/*/test-results.json,
// apps/*/test-results.json) and prints `N passed, N failed, N skipped` alone on the last line.
//
//   node scripts/test-summary.mjs --clean           remove stale reports before a run
//   node scripts/test-summary.mjs [--turbo-exit=N]  summarise; exit non-zero when any test or
//                                                   test file failed, nothing ran, a workspace
//                                                   with a "test" script left no report, or N != 0;
//                                                   each failed test is named
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const REPORT = 'test-results.json';

// fs.globSync does not exist on Node 20: list the workspace folders by hand.
function workspaces() {
  const dirs = [];
  for (const parent of ['packages', 'apps']) {
    const abs = join(root, parent);
    if (!existsSync(abs)) continue;
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      if (entry.isDirectory()) dirs.push(join(abs, entry.name));
    }
  }
  return dirs.sort();
}

function hasTestScript(dir) {
  try {
    return Boolean(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).scripts?.test);
  } catch {
    return false;
  }
}

const args = process.argv.slice(2);

if (args.includes('--clean')) {
  for (const dir of workspaces()) rmSync(join(dir, REPORT), { force: true });
  process.exit(0);
}

const turboArg = args.find((a) => a.startsWith('--turbo-exit='));
const turboExit = turboArg === undefined ? 0 : Number(turboArg.slice('--turbo-exit='.length));

const total = { passed: 0, failed: 0, skipped: 0 };
const problems = [];

for (const dir of workspaces()) {
  const name = relative(root, dir);
  const file = join(dir, REPORT);
  if (!existsSync(file)) {
    if (hasTestScript(dir)) problems.push(`${name}: has a "test" script but wrote no ${REPORT}`);
    continue;
  }
  let report;
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    problems.push(`${name}: unreadable ${REPORT} (${err.message})`);
    continue;
  }
  const passed = report.numPassedTests ?? 0;
  let failed = report.numFailedTests ?? 0;
  const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  // A test file that fails to load (syntax/import error, a throw at top level) has no failed
  // assertion: count it as one failure so it cannot pass unnoticed.
  for (const result of report.testResults ?? []) {
    const failedAssertions = (result.assertionResults ?? []).filter((a) => a.status === 'failed');
    // CI shows only the end of the log: name each failed test here, with its first message line.
    for (const a of failedAssertions) {
      const firstLine = String(a.failureMessages?.[0] ?? '')
        .split('\n')[0]
        .slice(0, 300);
      problems.push(`${name}: ${relative(dir, result.name ?? '?')} > ${a.fullName ?? a.title}: ${firstLine}`);
    }
    const failedAssertion = failedAssertions.length > 0;
    if (result.status === 'failed' && !failedAssertion) {
      failed += 1;
      // vitest's JSON leaves the message empty when a hook (beforeAll/afterAll) threw.
      const firstLine =
        String(result.message ?? '').split('\n')[0] ||
        'no test in it failed, so a beforeAll/afterAll hook or an error outside a test failed (its stack is in the log as "Failed Suites")';
      problems.push(`${name}: ${relative(dir, result.name ?? '?')} failed to run: ${firstLine}`);
    }
  }
  if (report.success === false && failed === 0) {
    failed += 1;
    problems.push(`${name}: vitest reported failure without a failed test (unhandled error?)`);
  }
  total.passed += passed;
  total.failed += failed;
  total.skipped += skipped;
  console.log(`  ${name}: ${passed} passed, ${failed} failed, ${skipped} skipped`);
}

if (total.passed + total.failed === 0) problems.push('no tests ran');
if (turboExit !== 0) {
  problems.push(`turbo run exited with ${turboArg.slice('--turbo-exit='.length)}: a build, typecheck or test task failed (see above)`);
}
for (const p of problems) console.log(`test-summary: ${p}`);
// The summary goes last, alone on its line: CI reads it.
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(problems.length > 0 || total.failed > 0 ? 1 : 0);
