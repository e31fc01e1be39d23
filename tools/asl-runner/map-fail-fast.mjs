// On AWS, once a Map iteration fails the Map state fails and starts no further iteration. The
// engine queues iterations behind p-limit: when one fails it aborts those already running, but
// p-limit then starts the next queued one anyway, which goes on beside the Catch that handles
// the Map's failure (with MaxConcurrency 1, the agent of the next role ran while RecordFailure
// recorded the first one's). stopIterationsAfterFailure() makes an iteration of a Map entry
// whose earlier iteration failed end at once, without running a state.

export function stopIterationsAfterFailure(StateMachine) {
  const run = StateMachine.prototype.run;
  // One iterator StateMachine per Map (or Parallel branch) entry: the engine builds it in execute().
  const failed = new WeakSet();
  StateMachine.prototype.run = function runUnlessFailed(input, options) {
    if (!options?._rootAbortSignal) return run.call(this, input, options);
    if (failed.has(this)) {
      const result = Promise.reject(new Error('An earlier iteration of this Map failed.'));
      result.catch(() => {});
      return { abort: () => {}, eventLogs: (async function* none() {})(), result };
    }
    const execution = run.call(this, input, options);
    // Attached directly to the result, this runs before p-limit (one promise later) starts the next item.
    execution.result.catch(() => failed.add(this));
    return execution;
  };
}
