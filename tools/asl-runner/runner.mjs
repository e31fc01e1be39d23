// The Step Functions stand-in for `simulate`: runs the real deployment ASL in
// aws-local-stepfunctions. The C# simulator drives it over stdin/stdout with one JSON object per
// line:
//   in:  {"op":"start","name":"<execution name>","input":{...}}
//        {"op":"stop","name":"...","error":"...","cause":"..."}
//        {"op":"shutdown"}
//   out: {"type":"ready","callbackEndpoint":"http://127.0.0.1:<port>"} first, then progress
//        lines (state-entered, state-exited, task-started, callback, notification, ...) and one
//        {"type":"execution-ended",...} per execution with its final status.
// Usage: node --require ./polyfill.cjs runner.mjs --definition F --substitutions F
//        --lambda-endpoint URL [--scale N] [--state-machine-arn ARN]
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { StateMachine } from 'aws-local-stepfunctions';
import { prepare, substitute, scaledMs } from './definition.mjs';
import { TokenRegistry, learnTimeoutPrototype, startCallbackServer } from './callbacks.mjs';
import { buildHandlers } from './tasks.mjs';

const args = parseArgs(process.argv.slice(2));
const simOriginMs = Number(args['sim-origin-ms'] ?? Date.now());
const config = {
  scale: Number(args.scale ?? 1),
  // Simulated time as the C# ScaledClock keeps it: same origin, same factor.
  simNow: () => simOriginMs + (Date.now() - simOriginMs) * Number(args.scale ?? 1),
  lambdaEndpoint: required(args, 'lambda-endpoint').replace(/\/$/, ''),
  stateMachineArn: args['state-machine-arn'] ?? 'arn:aws:states:us-east-1:123456789012:stateMachine:wso2-deployment',
};

function report(line) {
  process.stdout.write(`${JSON.stringify({ at: line.at ?? Date.now(), ...line })}\n`);
}

const substitutions = args.substitutions ? JSON.parse(readFileSync(args.substitutions, 'utf8')) : {};
const prepared = prepare(JSON.parse(substitute(readFileSync(required(args, 'definition'), 'utf8'), substitutions)), config.scale);
const machine = new StateMachine(prepared.definition, { validationOptions: { checkPaths: false, checkArn: false } });
const registry = new TokenRegistry(report);
await learnTimeoutPrototype(StateMachine);

class Execution {
  constructor(name, input) {
    this.name = name;
    this.input = input;
    this.arn = `${config.stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
    this.startDate = Date.now();
    this.status = 'RUNNING';
    this.transitions = 0;
  }

  start() {
    const abort = new AbortController();
    this.abortController = abort;
    const run = machine.run(this.input, {
      overrides: {
        taskResourceLocalHandlers: buildHandlers({ prepared, execution: this, registry, config, report, signal: abort.signal }),
        retryIntervalOverrides: prepared.retryOverrides,
      },
      context: {
        Execution: { Id: this.arn, Name: this.name, Input: this.input, StartTime: new Date(config.simNow()).toISOString(), RoleArn: 'arn:aws:iam::123456789012:role/simulated' },
        StateMachine: { Id: config.stateMachineArn, Name: config.stateMachineArn.split(':').pop() },
      },
    });
    this.run = run;
    abort.signal.addEventListener('abort', () => run.abort(), { once: true });
    if (prepared.machineTimeoutSeconds) {
      this.timer = setTimeout(() => this.end('TIMED_OUT', 'States.Timeout', 'The execution timed out.'), scaledMs(prepared.machineTimeoutSeconds, config.scale));
    }
    report({ type: 'execution-started', execution: this.name, executionArn: this.arn });
    this.follow(run.eventLogs).catch(() => {});
    run.result.then(
      (output) => this.end('SUCCEEDED', null, null, output),
      (error) => {
        if (error?.name === 'ExecutionAbortedError') this.end('ABORTED', this.stopError ?? null, this.stopCause ?? null);
        else this.end('FAILED', error?.cause?.name ?? error?.name ?? 'States.Runtime', error?.cause?.message ?? error?.message ?? '');
      },
    );
  }

  async follow(events) {
    for await (const event of events) {
      if (this.status !== 'RUNNING') return;
      const state = event.state?.name;
      const at = event.timestamp ?? Date.now();
      switch (event.type) {
        case 'StateEntered':
          this.transitions += 1;
          report({ at, type: 'state-entered', execution: this.name, state, stateType: event.state.type });
          break;
        case 'StateExited':
          report({ at, type: 'state-exited', execution: this.name, state });
          break;
        case 'StateFailed':
          report({ at, type: 'state-failed', execution: this.name, state, error: event.Error, cause: String(event.Cause ?? '') });
          break;
        case 'StateRetried':
          report({ at, type: 'state-retried', execution: this.name, state, attempt: event.retry?.attempt });
          break;
        case 'StateCaught':
          report({ at, type: 'state-caught', execution: this.name, state, next: event.catch?.catcher?.Next });
          break;
        default:
          break;
      }
    }
  }

  stop(error, cause) {
    if (this.status !== 'RUNNING') return;
    this.stopError = error ?? null;
    this.stopCause = cause ?? null;
    this.abortController.abort();
  }

  end(status, error, cause, output) {
    if (this.status !== 'RUNNING') return;
    if (status === 'TIMED_OUT') this.run.abort();
    clearTimeout(this.timer);
    this.status = status;
    this.stopDate = Date.now();
    this.error = error;
    this.cause = cause;
    this.output = output;
    registry.closeExecution(this.name);
    report({
      type: 'execution-ended', execution: this.name, executionArn: this.arn, status, error, cause,
      output: output === undefined ? null : JSON.stringify(output),
      startDate: this.startDate, stopDate: this.stopDate, transitions: this.transitions,
    });
  }

  describe() {
    return {
      executionArn: this.arn, stateMachineArn: config.stateMachineArn, name: this.name, status: this.status,
      startDate: this.startDate / 1000, stopDate: this.stopDate ? this.stopDate / 1000 : undefined,
      input: JSON.stringify(this.input), output: this.output === undefined ? undefined : JSON.stringify(this.output),
      error: this.error ?? undefined, cause: this.cause ?? undefined,
    };
  }
}

const executions = new Map();
const registryOfRuns = { byArn: (arn) => [...executions.values()].find((e) => e.arn === arn) };
const server = await startCallbackServer(registry, registryOfRuns);
report({ type: 'ready', callbackEndpoint: `http://127.0.0.1:${server.address().port}` });

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  if (!line.trim()) return;
  let command;
  try {
    command = JSON.parse(line);
  } catch {
    report({ type: 'protocol-error', message: 'stdin line is not JSON' });
    return;
  }
  if (command.op === 'start') {
    const existing = executions.get(command.name);
    if (existing) {
      // Step Functions: same name and input is idempotent while it runs; anything else is refused.
      const same = JSON.stringify(existing.input) === JSON.stringify(command.input) && existing.status === 'RUNNING';
      report({ type: same ? 'execution-already-started' : 'execution-already-exists', execution: command.name, executionArn: existing.arn });
      return;
    }
    const execution = new Execution(command.name, command.input ?? {});
    executions.set(command.name, execution);
    execution.start();
  } else if (command.op === 'stop') {
    executions.get(command.name)?.stop(command.error, command.cause);
  } else if (command.op === 'shutdown') {
    shutdown();
  }
});
lines.on('close', shutdown);

function shutdown() {
  for (const execution of executions.values()) execution.stop('States.Runtime', 'The runner shut down.');
  server.close();
  setTimeout(() => process.exit(0), 50).unref();
}

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i].startsWith('--')) out[argv[i].slice(2)] = argv[i + 1]?.startsWith('--') ? 'true' : argv[++i];
  }
  return out;
}

function required(values, name) {
  if (!values[name]) {
    process.stderr.write(`asl-runner: --${name} is required\n`);
    process.exit(2);
  }
  return values[name];
}
