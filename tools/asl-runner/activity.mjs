// The runner's half of the quiescence handshake. It counts every input it has processed
// (stdin commands, callback requests, Lambda responses) and every Lambda request it sent, and
// after each burst of activity, once the promise chains it started have settled, reports
// {"type":"idle", ...counts}. The simulator compares the counts with its own: when they match,
// nothing is on its way to or from the runner and the runner has nothing left to do.

export function createActivity({ report, setImmediate }) {
  const counts = { commands: 0, callbacks: 0, lambdaSent: 0, lambdaAnswered: 0 };
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    report({ type: 'idle', ...counts });
  };
  return {
    counts,
    /**
     * Something happened. Microtasks run before setImmediate callbacks, so by the second turn
     * every promise chain the input started has settled or waits on the simulator.
     */
    touch() {
      if (scheduled) return;
      scheduled = true;
      setImmediate(() => setImmediate(flush));
    },
  };
}
