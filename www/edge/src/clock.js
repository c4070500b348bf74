// The time every Durable Object decides by: its own clock, never a time a request carries (isolates do not share a
// clock, and a counter that takes the caller's time can be walked backwards). One seam for tests: the test entry
// (test/support/objects-entry.js) replaces `clock.now`; no variable or binding can, so production cannot.

export const clock = {
  now: () => Date.now(),
  /** The real time at which an alarm must fire to run at `time` on this clock. */
  alarmAt: (time) => time,
};
