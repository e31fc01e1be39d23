// Prepares a state machine definition for aws-local-stepfunctions. The engine runs every Task
// through a local handler of ours, but it knows nothing of callback tokens or heartbeats, and
// its default task timeout is 60 s where AWS's is 99999999 s, so the parts it would get wrong are
// lifted out here and applied by the runner instead: $$.Task.Token becomes a placeholder the
// task handler fills in, and task timeouts and heartbeats move into per-state metadata. Wait
// states, Retry intervals (with backoff and jitter) and everything else stay with the engine,
// whose timers run on the virtual clock (virtual-time.mjs).

export const TOKEN_PLACEHOLDER = '@@SIM_TASK_TOKEN@@';
// Context-object fields the engine does not provide; the task handler fills them in.
export const CONTEXT_PLACEHOLDERS = {
  '$$.Task.Token': TOKEN_PLACEHOLDER,
  '$$.State.EnteredTime': '@@SIM_STATE_ENTERED_TIME@@',
  '$$.State.Name': '@@SIM_STATE_NAME@@',
  '$$.State.RetryCount': '@@SIM_STATE_RETRY_COUNT@@',
};
export const TIMEOUT_FIELD = '__simTimeoutSeconds';
export const HEARTBEAT_FIELD = '__simHeartbeatSeconds';

// The engine's own timeout for a lifted task: far beyond any run, so the runner's applies.
const ENGINE_TIMEOUT_OFF_SECONDS = 2_000_000;

/** Replaces ${Name} placeholders; an unknown placeholder is an error, as in CloudFormation. */
export function substitute(text, substitutions) {
  return text.replace(/\$\{([A-Za-z0-9_]+)\}/g, (match, name) => {
    if (!(name in substitutions)) {
      throw new Error(`No substitution for \${${name}} in the definition.`);
    }
    return substitutions[name];
  });
}

/**
 * Walks every state (Parallel branches and Map processors included) and returns the rewritten
 * definition plus what the runner needs per state name.
 */
export function prepare(definition) {
  const tasks = {};
  const machineTimeoutSeconds = definition.TimeoutSeconds;
  delete definition.TimeoutSeconds;
  walk(definition, { tasks });
  return { definition, tasks, machineTimeoutSeconds };
}

function walk(machine, acc) {
  for (const [name, state] of Object.entries(machine.States ?? {})) {
    widenTimeoutMatches(state);
    if (state.Type === 'Task') {
      acc.tasks[name] = liftTask(state);
    } else if (state.Type === 'Parallel') {
      for (const branch of state.Branches ?? []) walk(branch, acc);
    } else if (state.Type === 'Map') {
      if (state.Iterator) walk(state.Iterator, acc);
      if (state.ItemProcessor) walk(state.ItemProcessor, acc);
    }
  }
}

// In AWS a missed heartbeat is also a States.Timeout; the engine matches names exactly, so the
// heartbeat error is added wherever States.Timeout is retried or caught.
function widenTimeoutMatches(state) {
  for (const rule of [...(state.Retry ?? []), ...(state.Catch ?? [])]) {
    if (rule.ErrorEquals?.includes('States.Timeout') && !rule.ErrorEquals.includes('States.HeartbeatTimeout')) {
      rule.ErrorEquals.push('States.HeartbeatTimeout');
    }
  }
}

function liftTask(state) {
  const meta = {
    resource: state.Resource,
    timeoutSeconds: state.TimeoutSeconds,
    heartbeatSeconds: state.HeartbeatSeconds,
    timeoutPath: state.TimeoutSecondsPath,
    heartbeatPath: state.HeartbeatSecondsPath,
    waitsForToken: typeof state.Resource === 'string' && state.Resource.endsWith('.waitForTaskToken'),
  };
  delete state.TimeoutSeconds;
  delete state.TimeoutSecondsPath;
  delete state.HeartbeatSeconds;
  delete state.HeartbeatSecondsPath;
  state.TimeoutSeconds = ENGINE_TIMEOUT_OFF_SECONDS;

  if (state.Parameters && typeof state.Parameters === 'object' && !Array.isArray(state.Parameters)) {
    replaceTokenPaths(state.Parameters);
    // Paths are evaluated by the engine together with the rest of Parameters, so the handler
    // receives the numbers and strips them before it invokes anything.
    if (meta.timeoutPath) state.Parameters[`${TIMEOUT_FIELD}.$`] = meta.timeoutPath;
    if (meta.heartbeatPath) state.Parameters[`${HEARTBEAT_FIELD}.$`] = meta.heartbeatPath;
    meta.pathsInParameters = true;
  }
  return meta;
}

function replaceTokenPaths(node) {
  if (Array.isArray(node)) {
    node.forEach(replaceTokenPaths);
    return;
  }
  if (!node || typeof node !== 'object') return;
  for (const key of Object.keys(node)) {
    const value = node[key];
    if (key.endsWith('.$') && typeof value === 'string' && value in CONTEXT_PLACEHOLDERS) {
      delete node[key];
      node[key.slice(0, -2)] = CONTEXT_PLACEHOLDERS[value];
    } else {
      replaceTokenPaths(value);
    }
  }
}

/** Enough JSONPath for reference paths: $.a.b, $.a[0], $['a']. */
export function readPath(path, input) {
  if (path === '$') return input;
  const parts = [...path.slice(1).matchAll(/\.([^.[\]]+)|\[(\d+)\]|\['([^']+)'\]/g)].map((m) => m[1] ?? (m[2] !== undefined ? Number(m[2]) : m[3]));
  let node = input;
  for (const part of parts) {
    if (node === null || node === undefined) return undefined;
    node = node[part];
  }
  return node;
}
