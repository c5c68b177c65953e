// The bench: runs every figure module on loopback (local workerd, Debian Chromium),
// writes target/bench/report.json and prints a table with PASS/FAIL per budget.
// Exits non-zero if any budget fails or a budgeted figure could not be measured.
//
//   node tests/bench/run.mjs [figure-module-name ...]   (a subset updates only its figures)
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { ROOT } from '../lib/server.mjs';

const OUT = join(ROOT, 'target/bench');
mkdirSync(OUT, { recursive: true });

const dir = new URL('./figures/', import.meta.url);
const wanted = process.argv.slice(2);
const modules = readdirSync(dir)
  .filter((f) => f.endsWith('.mjs'))
  .sort()
  .filter((f) => wanted.length === 0 || wanted.includes(f.replace(/\.mjs$/, '')));

// A run of chosen modules updates their figures in the existing report and keeps the rest.
const previous = wanted.length > 0 && existsSync(join(OUT, 'report.json'))
  ? JSON.parse(readFileSync(join(OUT, 'report.json'), 'utf8')).figures
  : {};
const figures = { ...previous };
const errors = [];
for (const file of modules) {
  const mod = await import(new URL(file, dir));
  const started = Date.now();
  console.log(`\n== ${file}`);
  try {
    const got = await mod.measure();
    for (const [name, f] of Object.entries(got)) {
      figures[name] = {
        value: f.value ?? null,
        unit: f.unit,
        budget: f.budget ?? null,
        pass: judge(f),
        ...(f.note ? { note: f.note } : {}),
      };
    }
  } catch (e) {
    errors.push(`${file}: ${e.stack || e}`);
    for (const name of mod.FIGURES ?? []) {
      figures[name] = { value: null, unit: '', budget: null, pass: false, note: `failed: ${e.message}` };
    }
  }
  console.log(`   (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

/** `budget` is a maximum unless `min: true`; no budget → report only (pass null). */
function judge(f) {
  if (f.budget === null || f.budget === undefined) return null;
  if (f.value === null || f.value === undefined || Number.isNaN(f.value)) return false;
  return f.min ? f.value >= f.budget : f.value <= f.budget;
}

writeFileSync(join(OUT, 'report.json'), `${JSON.stringify({ figures }, null, 2)}\n`);

const rows = Object.entries(figures).map(([name, f]) => [
  name,
  f.value === null ? '—' : Number.isInteger(f.value) ? f.value.toLocaleString('en-IN') : f.value.toFixed(2),
  f.unit,
  f.budget === null ? 'report' : f.budget.toLocaleString('en-IN'),
  f.pass === null ? '' : f.pass ? 'PASS' : 'FAIL',
]);
const widths = [0, 1, 2, 3, 4].map((i) => Math.max(...rows.map((r) => String(r[i]).length), 6));
console.log('\nfigure'.padEnd(widths[0] + 1), 'value'.padStart(widths[1]), 'unit'.padEnd(widths[2]), 'budget'.padStart(widths[3]), 'result');
for (const r of rows) {
  console.log(r[0].padEnd(widths[0]), String(r[1]).padStart(widths[1]), r[2].padEnd(widths[2]), String(r[3]).padStart(widths[3]), r[4]);
}
for (const e of errors) console.error(`\n${e}`);
console.log(`\nreport: ${join(OUT, 'report.json')}`);
const failed = Object.values(figures).some((f) => f.pass === false) || errors.length > 0;
process.exit(failed ? 1 : 0);
