// The runner's clock: virtual, moved only by the simulator. install() replaces the globals the
// engine uses (setTimeout, clearTimeout, setInterval, clearInterval, Date) so that Wait states,
// task timeouts, heartbeats, retry intervals and the execution timeout all run on the
// simulator's clock. A timer never fires on its own: each one is reported ({"type":"timer"}) and
// fires when the simulator sends {"op":"fire"} for it; time itself moves when an input carries
// a later "now". Real timers and setImmediate are kept for the runner's own bookkeeping.

export const real = {
  setTimeout: globalThis.setTimeout,
  clearTimeout: globalThis.clearTimeout,
  setImmediate: globalThis.setImmediate,
  Date: globalThis.Date,
};

export function createVirtualTime({ originMs, report }) {
  let current = originMs;
  let nextId = 0;
  const timers = new Map();

  const handleOf = (id) => ({
    id,
    ref() { return this; },
    unref() { return this; },
    hasRef() { return true; },
    refresh() { return this; },
    [Symbol.toPrimitive]() { return id; },
  });

  const arm = (fn, ms, args, interval) => {
    if (typeof fn !== 'function') throw new TypeError('The "callback" argument must be of type function.');
    nextId += 1;
    const id = nextId;
    // Node treats a delay that is not a positive number as 1 ms.
    const delay = Number.isFinite(Number(ms)) && Number(ms) >= 1 ? Math.floor(Number(ms)) : 1;
    const timer = { fn, args, at: current + delay, interval: interval ? delay : null };
    timers.set(id, timer);
    report({ type: 'timer', id, due: timer.at });
    return handleOf(id);
  };

  const disarm = (handle) => {
    const id = typeof handle === 'object' && handle !== null ? handle.id : Number(handle);
    if (timers.delete(id)) report({ type: 'timer-cleared', id });
  };

  class VirtualDate extends real.Date {
    constructor(...args) {
      if (args.length === 0) super(current);
      else super(...args);
    }

    static now() {
      return current;
    }
  }

  return {
    now: () => current,
    /** Moves the clock forward to an instant an input carried; never backwards. */
    setNow(ms) {
      const value = Number(ms);
      if (Number.isFinite(value) && value > current) current = value;
    },
    /** Fires one timer the simulator chose; an interval is armed again. */
    fire(id) {
      const timer = timers.get(id);
      if (!timer) return false;
      if (timer.interval) {
        timer.at = current + timer.interval;
        report({ type: 'timer', id, due: timer.at });
      } else {
        timers.delete(id);
      }
      timer.fn(...timer.args);
      return true;
    },
    pending: () => timers.size,
    install() {
      globalThis.setTimeout = (fn, ms, ...args) => arm(fn, ms, args, false);
      globalThis.setInterval = (fn, ms, ...args) => arm(fn, ms, args, true);
      globalThis.clearTimeout = disarm;
      globalThis.clearInterval = disarm;
      globalThis.Date = VirtualDate;
    },
  };
}
