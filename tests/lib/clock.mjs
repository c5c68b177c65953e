// The tests' idea of "now". A day in Prasar is an IST day, so a test that takes "today"
// from the wall clock passes or fails by the hour it runs at. Every day-sensitive test
// takes its time from here, and the worker is told the same time (`X-Prasar-Test-Now`,
// sent by session.mjs's `call` whenever the clock is pinned).
//
// PRASAR_TEST_CLOCK_AT=HH:MM pins the clock to that IST time of today's IST date when
// the test file starts, moving on with the wall clock from there; scripts/test.sh runs
// the day-sensitive files again at 00:05 and 23:55 IST. Unset: the wall clock.

const IST_MS = 5.5 * 3600_000;
const DAY_MS = 86_400_000;
const STARTED = Date.now();

function pinnedStart(at) {
  const m = /^(\d{2}):(\d{2})$/.exec(at ?? '');
  if (!m) return null;
  const istMidnight = Math.floor((STARTED + IST_MS) / DAY_MS) * DAY_MS - IST_MS;
  return istMidnight + (Number(m[1]) * 60 + Number(m[2])) * 60_000;
}

const PINNED = pinnedStart(process.env.PRASAR_TEST_CLOCK_AT);

/** Whether the clock is pinned (the worker must then honour the test clock header). */
export const clockPinned = PINNED !== null;

/** Now, in epoch milliseconds. */
export function testNow() {
  return PINNED === null ? Date.now() : PINNED + (Date.now() - STARTED);
}

/** The IST day of epoch `ms`, `YYYY-MM-DD`. */
export function istDayOf(ms) {
  return new Date(ms + IST_MS).toISOString().slice(0, 10);
}

/** The IST calendar day `offset` days from today, `YYYY-MM-DD`. */
export function istDay(offset = 0) {
  return istDayOf(testNow() + offset * DAY_MS);
}

/** Epoch ms of `HH:MM` IST on `day`. */
export function istAt(day, hhmm) {
  return Date.parse(`${day}T${hhmm}:00+05:30`);
}
