// The callback half of Step Functions: task tokens handed to .waitForTaskToken tasks and the
// JSON 1.0 API (SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat) that completes them.
// The C# Step Functions client talks to this server exactly as it would to AWS
// (AWS_ENDPOINT_URL_SFN), so its wire format and error handling are exercised for real. Tokens
// and request ids come from the run's seed; each request carries the simulator's now
// (X-Sim-Now) and is counted for the quiescence handshake once answered.
import { createServer } from 'node:http';

const TOKEN_PREFIX = 'AQCsim';

export class TokenRegistry {
  constructor(report, random) {
    this.report = report;
    this.random = random;
    this.open = new Map();
    this.closed = new Map();
  }

  /**
   * Issues a token and returns it with a promise that settles when a callback arrives, the
   * timeout or heartbeat timer fires, or the execution ends.
   */
  issue({ execution, state, timeoutMs, heartbeatMs }) {
    const token = TOKEN_PREFIX + this.random.bytes(96).toString('base64url');
    const { promise, resolve, reject } = Promise.withResolvers();
    const entry = { token, execution, state, resolve, reject, heartbeatMs, timers: {} };
    if (timeoutMs) {
      entry.timers.timeout = setTimeout(() => this.fail(entry, 'States.Timeout', 'The task timed out waiting for a callback.', 'timed-out'), timeoutMs);
    }
    this.armHeartbeat(entry);
    this.open.set(token, entry);
    this.report({ type: 'token-issued', execution, state });
    return { token, done: promise };
  }

  armHeartbeat(entry) {
    clearTimeout(entry.timers.heartbeat);
    if (entry.heartbeatMs) {
      entry.timers.heartbeat = setTimeout(() => this.fail(entry, 'States.HeartbeatTimeout', 'No heartbeat arrived in time.', 'timed-out'), entry.heartbeatMs);
    }
  }

  fail(entry, error, cause, how) {
    this.close(entry, how);
    this.report({ type: 'task-timed-out', execution: entry.execution, state: entry.state, error });
    entry.reject(timeoutError(error, cause));
  }

  close(entry, how) {
    clearTimeout(entry.timers.timeout);
    clearTimeout(entry.timers.heartbeat);
    this.open.delete(entry.token);
    this.closed.set(entry.token, how);
  }

  /** The task's own call failed, so nobody will ever complete its token. */
  discard(token) {
    const entry = this.open.get(token);
    if (entry) this.close(entry, 'failed');
  }

  /** An execution ended (aborted or failed elsewhere): its tokens are gone. */
  closeExecution(execution) {
    for (const entry of [...this.open.values()]) {
      if (entry.execution === execution) {
        this.close(entry, 'execution-ended');
        entry.reject(namedError('States.Runtime', 'The execution ended.'));
      }
    }
  }

  /** Applies one callback; returns null on success or the AWS error to answer with. */
  apply(operation, body) {
    const token = body?.taskToken;
    if (typeof token !== 'string' || token.length < 1 || token.length > 2048) {
      return { type: 'ValidationException', message: 'taskToken must be between 1 and 2048 characters.' };
    }
    if (!token.startsWith(TOKEN_PREFIX)) {
      return { type: 'InvalidToken', message: 'Invalid token.' };
    }
    const entry = this.open.get(token);
    if (!entry) {
      return this.closed.has(token)
        ? { type: 'TaskTimedOut', message: "Task Timed Out: 'Provided task does not exist anymore'" }
        : { type: 'TaskDoesNotExist', message: 'Task does not exist.' };
    }
    this.report({ type: 'callback', operation, execution: entry.execution, state: entry.state, error: body.error });
    switch (operation) {
      case 'SendTaskHeartbeat':
        this.armHeartbeat(entry);
        return null;
      case 'SendTaskSuccess': {
        let output;
        try {
          output = JSON.parse(body.output ?? '');
        } catch {
          return { type: 'InvalidOutput', message: 'The output is not valid JSON.' };
        }
        this.close(entry, 'succeeded');
        entry.resolve(output);
        return null;
      }
      case 'SendTaskFailure':
        this.close(entry, 'failed');
        entry.reject(namedError(body.error ?? '', body.cause ?? ''));
        return null;
      default:
        return { type: 'UnknownOperationException', message: `Unsupported operation ${operation}.` };
    }
  }
}

/** An Error whose name the engine matches against Retry/Catch ErrorEquals, as AWS matches error names. */
export function namedError(name, cause) {
  const error = new Error(cause);
  error.name = name;
  return error;
}

// The engine's States.TaskFailed matches every error except instances of its own (unexported)
// timeout class. learnTimeoutPrototype() obtains that class's prototype once, by letting the
// engine time out a 1 ms task (on real timers, before the virtual clock is installed), so our
// timeouts are excluded from TaskFailed as on AWS.
let timeoutPrototype = null;

export async function learnTimeoutPrototype(StateMachine) {
  const probe = new StateMachine(
    { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:probe', TimeoutSeconds: 0.001, End: true } } },
    { validationOptions: { noValidate: true } },
  );
  try {
    await probe.run({}, { overrides: { taskResourceLocalHandlers: { T: () => new Promise(() => {}) } } }).result;
  } catch (error) {
    if (error?.cause?.name === 'States.Timeout') timeoutPrototype = Object.getPrototypeOf(error.cause);
  }
}

export function timeoutError(name, cause) {
  const error = namedError(name, cause);
  if (timeoutPrototype) {
    Object.setPrototypeOf(error, timeoutPrototype);
    error.name = name;
    error.message = cause;
  }
  return error;
}

/**
 * Starts the callback server on a free loopback port. Besides the task callbacks it answers
 * StartExecution (on the machines it was given), StopExecution and DescribeExecution.
 */
export async function startCallbackServer({ registry, executions, clock, activity, random }) {
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      clock.setNow(req.headers['x-sim-now']);
      const respond = (error, result = {}) => {
        answer(res, error, result, random);
        activity.counts.callbacks += 1;
        activity.touch();
      };
      const target = String(req.headers['x-amz-target'] ?? '');
      const operation = target.startsWith('AWSStepFunctions.') ? target.slice('AWSStepFunctions.'.length) : target;
      let body;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      } catch {
        respond({ type: 'SerializationException', message: 'Malformed JSON body.' });
        return;
      }
      let error = null;
      let result = {};
      if (operation === 'StartExecution') {
        ({ error, result } = start(executions, body));
      } else if (operation === 'StopExecution' || operation === 'DescribeExecution') {
        const run = executions.byArn(body.executionArn);
        if (!run) {
          error = { type: 'ExecutionDoesNotExist', message: `Execution does not exist: '${body.executionArn}'` };
        } else if (operation === 'StopExecution') {
          run.stop(body.error, body.cause);
          result = { stopDate: Date.now() / 1000 };
        } else {
          result = run.describe();
        }
      } else {
        error = registry.apply(operation, body);
      }
      respond(error, result);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

function answer(res, error, result, random) {
  res.setHeader('Content-Type', 'application/x-amz-json-1.0');
  res.setHeader('x-amzn-RequestId', random.hex(32));
  if (error) {
    res.statusCode = 400;
    res.end(JSON.stringify({ __type: error.type, message: error.message }));
  } else {
    res.statusCode = 200;
    res.end(JSON.stringify(result));
  }
}

// StartExecution as Step Functions answers it: the execution's ARN and start date; a running
// execution asked for again with the same input is the same answer; a name used otherwise,
// a machine we do not hold or an input that is not a JSON object is a 400 with AWS's error name.
const EXECUTION_NAME = /^[A-Za-z0-9_-]{1,80}$/;

function start(executions, body) {
  if (typeof body.stateMachineArn !== 'string' || body.stateMachineArn.length === 0) {
    return { error: { type: 'ValidationException', message: 'stateMachineArn is required.' } };
  }
  if (typeof body.name !== 'string' || !EXECUTION_NAME.test(body.name)) {
    return { error: { type: 'InvalidName', message: `Invalid Name: '${body.name}'` } };
  }
  let input;
  try {
    input = JSON.parse(body.input ?? '{}');
  } catch {
    return { error: { type: 'InvalidExecutionInput', message: 'Invalid State Machine Execution Input: the input is not JSON.' } };
  }
  const { outcome, execution } = executions.start(body.stateMachineArn, body.name, input);
  switch (outcome) {
    case 'no-machine':
      return { error: { type: 'StateMachineDoesNotExist', message: `State Machine Does Not Exist: '${body.stateMachineArn}'` } };
    case 'already-exists':
      return { error: { type: 'ExecutionAlreadyExists', message: `Execution Already Exists: '${execution.arn}'` } };
    default:
      return { error: null, result: { executionArn: execution.arn, startDate: execution.startDate / 1000 } };
  }
}
