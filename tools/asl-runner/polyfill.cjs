// aws-local-stepfunctions 3 targets Node 22, which has Promise.withResolvers; Node 20 does not.
// Loaded with NODE_OPTIONS=--require so the engine finds it before its first Task state.
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function withResolvers() {
    let resolve;
    let reject;
    const promise = new Promise((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}
