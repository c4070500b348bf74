// The time every Durable Object decides by: its own clock, never a time a request carries (isolates do not share a
// clock, and a counter that takes the caller's time can be walked backwards). Alarms are set at times of this
// clock. One seam for tests: the test entry (test/support/objects-entry.js) replaces `clock.now` and runs the
// alarms that are due by it; no variable or binding can, so production cannot.

export const clock = {
  now: () => Date.now(),
};
