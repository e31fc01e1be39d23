// What each Task state does when the engine reaches it: the Lambda Invoke API call Step Functions
// would make (to the simulator's local Lambda endpoint), the callback wait for
// .waitForTaskToken, and an SNS publish recorded as a notification. Results and errors have the
// shapes AWS gives; timeouts and heartbeats run on the virtual clock.
import { CONTEXT_PLACEHOLDERS, HEARTBEAT_FIELD, TIMEOUT_FIELD, readPath } from './definition.mjs';
import { namedError, timeoutError } from './callbacks.mjs';

export function buildHandlers({ prepared, execution, registry, config, report }) {
  const handlers = {};
  for (const [name, meta] of Object.entries(prepared.tasks)) {
    handlers[name] = (input) => runTask({ name, meta, input, execution, registry, config, report });
  }
  return handlers;
}

async function runTask({ name, meta, input, execution, registry, config, report }) {
  let effective = input;
  let timeoutSeconds = meta.timeoutSeconds;
  let heartbeatSeconds = meta.heartbeatSeconds;
  if (meta.pathsInParameters && input && typeof input === 'object') {
    effective = { ...input };
    timeoutSeconds = effective[TIMEOUT_FIELD] ?? timeoutSeconds;
    heartbeatSeconds = effective[HEARTBEAT_FIELD] ?? heartbeatSeconds;
    delete effective[TIMEOUT_FIELD];
    delete effective[HEARTBEAT_FIELD];
  } else {
    if (meta.timeoutPath) timeoutSeconds = readPath(meta.timeoutPath, input);
    if (meta.heartbeatPath) heartbeatSeconds = readPath(meta.heartbeatPath, input);
  }
  const timeoutMs = timeoutSeconds ? timeoutSeconds * 1000 : undefined;
  const heartbeatMs = heartbeatSeconds ? heartbeatSeconds * 1000 : undefined;
  const resource = meta.resource;
  effective = fillContext(effective, {
    [CONTEXT_PLACEHOLDERS['$$.State.EnteredTime']]: new Date().toISOString(),
    [CONTEXT_PLACEHOLDERS['$$.State.Name']]: name,
    [CONTEXT_PLACEHOLDERS['$$.State.RetryCount']]: 0,
  });
  report({ type: 'task-started', execution: execution.name, state: name, resource, timeoutSeconds, heartbeatSeconds });

  if (meta.waitsForToken) {
    const issued = registry.issue({ execution: execution.name, state: name, timeoutMs, heartbeatMs });
    const withToken = fillContext(effective, { [CONTEXT_PLACEHOLDERS['$$.Task.Token']]: issued.token });
    // The token wait starts before the call: a fast event may complete the task while the
    // function is still returning, exactly the race the router's token store handles on AWS.
    issued.done.catch(() => {});
    try {
      await startCallbackWork(resource, withToken, execution, config, report, name);
    } catch (error) {
      registry.discard(issued.token);
      throw error;
    }
    return issued.done;
  }

  // A function's own time counts zero on the virtual clock, so only the world's time can run out here.
  const work = runSync(resource, effective, execution, config, report, name);
  return timeoutMs ? withTimeout(work, timeoutMs) : work;
}

async function startCallbackWork(resource, input, execution, config, report, state) {
  if (resource.startsWith('arn:aws:states:::lambda:invoke')) {
    await invokeLambda(input.FunctionName, input.Payload ?? {}, execution, config, report, state);
    return;
  }
  if (resource.startsWith('arn:aws:states:::sns:publish')) {
    publish(input, execution, report, config.random);
    return;
  }
  throw namedError('States.Runtime', `The simulator cannot run callback resource ${resource}.`);
}

async function runSync(resource, input, execution, config, report, state) {
  if (resource === 'arn:aws:states:::lambda:invoke') {
    const payload = await invokeLambda(input.FunctionName, input.Payload ?? {}, execution, config, report, state);
    const requestId = config.random.uuid();
    return {
      ExecutedVersion: '$LATEST',
      Payload: payload,
      SdkHttpMetadata: { HttpStatusCode: 200 },
      SdkResponseMetadata: { RequestId: requestId },
      StatusCode: 200,
    };
  }
  if (resource.startsWith('arn:aws:lambda:')) {
    return invokeLambda(resource, input, execution, config, report, state);
  }
  if (resource === 'arn:aws:states:::sns:publish') {
    return publish(input, execution, report, config.random);
  }
  throw namedError('States.Runtime', `The simulator cannot run resource ${resource}.`);
}

/** The Lambda Invoke API, as Step Functions calls it. */
async function invokeLambda(functionName, payload, execution, config, report, state) {
  if (typeof functionName !== 'string' || functionName.length === 0) {
    throw namedError('States.Runtime', `State ${state} has no FunctionName.`);
  }
  let response;
  try {
    response = await config.postLambda(`/2015-03-31/functions/${encodeURIComponent(functionName)}/invocations`, {
      'Content-Type': 'application/json',
      'X-Amz-Invocation-Type': 'RequestResponse',
      'X-Sim-Execution': execution.name,
      'X-Sim-State': state,
    }, JSON.stringify(payload));
  } catch (error) {
    throw namedError('Lambda.ServiceException', `Lambda endpoint unreachable: ${error.message}`);
  }
  const { text } = response;
  if (response.status === 429) {
    throw namedError('Lambda.TooManyRequestsException', text);
  }
  if (response.status >= 500) {
    throw namedError('Lambda.ServiceException', text);
  }
  if (response.status === 404) {
    throw namedError('Lambda.ResourceNotFoundException', text);
  }
  const body = text.length ? JSON.parse(text) : null;
  if (response.headers['x-amz-function-error']) {
    // Step Functions names the error after the function's errorType and passes the whole
    // error payload, as JSON text, as the cause.
    report({ type: 'task-error', execution: execution.name, state, error: body?.errorType });
    throw namedError(body?.errorType ?? 'Lambda.Unknown', text);
  }
  return body;
}

function publish(input, execution, report, random) {
  const messageId = random.uuid();
  report({
    type: 'notification',
    execution: execution.name,
    topicArn: input.TopicArn,
    subject: input.Subject ?? null,
    message: typeof input.Message === 'string' ? input.Message : JSON.stringify(input.Message),
    messageId,
  });
  return { MessageId: messageId, SdkHttpMetadata: { HttpStatusCode: 200 } };
}

function fillContext(node, values) {
  if (typeof node === 'string' && node in values) return values[node];
  if (Array.isArray(node)) return node.map((n) => fillContext(n, values));
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, fillContext(v, values)]));
  }
  return node;
}

function withTimeout(work, ms) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(timeoutError('States.Timeout', 'The task timed out.')), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
