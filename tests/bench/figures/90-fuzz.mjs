// Bounded cargo-fuzz runs of every target (scripts/fuzz.sh); a crash fails the bench.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ROOT } from '../../lib/server.mjs';

export const FIGURES = ['fuzz_crashes'];
const SECONDS = Number(process.env.PRASAR_BENCH_FUZZ_SECONDS ?? 60);

export async function measure() {
  const targets = execFileSync('cargo', ['fuzz', 'list'], { cwd: join(ROOT, 'fuzz'), encoding: 'utf8' })
    .split('\n').filter(Boolean);
  const out = {};
  let crashes = 0;
  for (const t of targets) {
    try {
      execFileSync('bash', ['scripts/fuzz.sh', String(SECONDS), t], { cwd: ROOT, stdio: 'inherit' });
    } catch {
      crashes++;
    }
    const log = readFileSync(join(ROOT, `target/bench/fuzz-${t}.log`), 'utf8');
    const execs = Number(/number_of_executed_units:\s*(\d+)/.exec(log)?.[1] ?? NaN);
    out[`fuzz_${t}_execs`] = { value: execs, unit: 'runs', budget: null, note: `${SECONDS} s` };
  }
  out.fuzz_crashes = { value: crashes, unit: 'targets', budget: 0 };
  return out;
}
