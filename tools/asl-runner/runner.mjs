// The Step Functions stand-in for `simulate`: runs state machine definitions in
// aws-local-stepfunctions on a virtual clock the simulator moves, with randomness from a seed.
// The C# simulator drives it over stdin/stdout, one JSON object per line; README.md describes
// the protocol (commands, progress lines, timers, the idle handshake).
// Usage: node --require ./polyfill.cjs runner.mjs --machine ARN=FILE [--machine ARN=FILE ...]
//        --substitutions F --lambda-endpoint URL --origin-ms MS --seed N
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { StateMachine, loadedModules } from './engine.cjs';
import { prepare, substitute } from './definition.mjs';
import { TokenRegistry, learnTimeoutPrototype, startCallbackServer } from './callbacks.mjs';
import { buildHandlers } from './tasks.mjs';
import { createVirtualTime, real } from './virtual-time.mjs';
import { createRandom } from './seeded.mjs';
import { createActivity } from './activity.mjs';
import { createLambdaClient } from './lambda-client.mjs';
import { stopIterationsAfterFailure } from './map-fail-fast.mjs';

const args = parseArgs(process.argv.slice(2));
let sequence = 0;
const nextSeq = () => {
  sequence += 1;
  return sequence;
};

function report(line) {
  process.stdout.write(`${JSON.stringify({ seq: nextSeq(), at: line.at ?? Date.now(), ...line })}\n`);
}

// The engine's timeout class is learned on real timers; everything after runs on the virtual clock.
await learnTimeoutPrototype(StateMachine);
stopIterationsAfterFailure(StateMachine);
const clock = createVirtualTime({ originMs: Number(required(args, 'origin-ms')), report });
const random = createRandom(Number(required(args, 'seed')));
clock.install();
Math.random = random.next;

const activity = createActivity({ report, setImmediate: real.setImmediate });
const config = {
  random,
  postLambda: createLambdaClient({ endpoint: required(args, 'lambda-endpoint').replace(/\/$/, ''), activity, clock, nextSeq }),
};
const substitutions = args.substitutions ? JSON.parse(readFileSync(args.substitutions, 'utf8')) : {};
const machines = new Map();
for (const spec of args.machine ?? []) {
  const at = spec.indexOf('=');
  const arn = spec.slice(0, at);
  const prepared = prepare(JSON.parse(substitute(readFileSync(spec.slice(at + 1), 'utf8'), substitutions)));
  // asl-validator checks every definition in the tests (AslValidatorTests); the engine's own
  // validation would cost about a second of every run.
  machines.set(arn, { arn, prepared, machine: new StateMachine(prepared.definition, { validationOptions: { noValidate: true } }) });
}
if (machines.size === 0) {
  process.stderr.write('asl-runner: give at least one --machine ARN=FILE\n');
  process.exit(2);
}
const registry = new TokenRegistry(report, random);

class Execution {
  constructor(machine, name, input) {
    this.machine = machine;
    this.name = name;
    this.input = input;
    this.arn = `${machine.arn.replace(':stateMachine:', ':execution:')}:${name}`;
    this.startDate = Date.now();
    this.status = 'RUNNING';
    this.transitions = 0;
  }

  start() {
    const { prepared } = this.machine;
    const run = this.machine.machine.run(this.input, {
      overrides: {
        taskResourceLocalHandlers: buildHandlers({ prepared, execution: this, registry, config, report }),
      },
      context: {
        Execution: { Id: this.arn, Name: this.name, Input: this.input, StartTime: new Date().toISOString(), RoleArn: 'arn:aws:iam::123456789012:role/simulated' },
        StateMachine: { Id: this.machine.arn, Name: this.machine.arn.split(':').pop() },
      },
    });
    this.run = run;
    if (prepared.machineTimeoutSeconds) {
      this.timer = setTimeout(() => this.end('TIMED_OUT', 'States.Timeout', 'The execution timed out.'), prepared.machineTimeoutSeconds * 1000);
    }
    report({ type: 'execution-started', execution: this.name, executionArn: this.arn, input: JSON.stringify(this.input) });
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
    this.run.abort();
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
      executionArn: this.arn, stateMachineArn: this.machine.arn, name: this.name, status: this.status,
      startDate: this.startDate / 1000, stopDate: this.stopDate ? this.stopDate / 1000 : undefined,
      input: JSON.stringify(this.input), output: this.output === undefined ? undefined : JSON.stringify(this.output),
      error: this.error ?? undefined, cause: this.cause ?? undefined,
    };
  }
}

const executions = new Map();

/**
 * StartExecution, from stdin or the callback API. Step Functions: the same name and input while
 * the execution runs is accepted again (already-started); anything else under a used name is
 * refused (already-exists).
 */
function startExecution(stateMachineArn, name, input) {
  const machine = stateMachineArn ? machines.get(stateMachineArn) : machines.values().next().value;
  if (!machine) return { outcome: 'no-machine' };
  const existing = executions.get(name);
  if (existing) {
    const same = JSON.stringify(existing.input) === JSON.stringify(input) && existing.status === 'RUNNING';
    return { outcome: same ? 'already-started' : 'already-exists', execution: existing };
  }
  const execution = new Execution(machine, name, input);
  executions.set(name, execution);
  execution.start();
  return { outcome: 'started', execution };
}

const registryOfRuns = { byArn: (arn) => [...executions.values()].find((e) => e.arn === arn), start: startExecution };
const server = await startCallbackServer({ registry, executions: registryOfRuns, clock, activity, random });
// For the test that the engine started without the packages engine.cjs keeps out.
if (process.env.ASL_RUNNER_REPORT_MODULES) process.stderr.write(`asl-runner modules: ${JSON.stringify(loadedModules())}\n`);
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
  activity.counts.commands += 1;
  activity.touch();
  clock.setNow(command.now);
  try {
    apply(command);
  } catch (error) {
    report({ type: 'protocol-error', message: `${command.op}: ${error?.message ?? error}` });
  }
});
lines.on('close', shutdown);

function apply(command) {
  switch (command.op) {
    case 'start': {
      const { outcome, execution } = startExecution(command.stateMachineArn, command.name, command.input ?? {});
      if (outcome === 'no-machine') throw new Error(`no state machine ${command.stateMachineArn}`);
      if (outcome !== 'started') report({ type: `execution-${outcome}`, execution: command.name, executionArn: execution.arn });
      return;
    }
    case 'stop':
      executions.get(command.name)?.stop(command.error, command.cause);
      return;
    case 'fire':
      clock.fire(command.id);
      return;
    case 'shutdown':
      shutdown();
      return;
    default:
      throw new Error('unknown op');
  }
}

function shutdown() {
  for (const execution of executions.values()) execution.stop('States.Runtime', 'The runner shut down.');
  server.close();
  real.setTimeout(() => process.exit(0), 50).unref();
}

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i += 1) {
    if (!argv[i].startsWith('--')) continue;
    const name = argv[i].slice(2);
    const value = argv[i + 1]?.startsWith('--') ? 'true' : argv[++i];
    if (name === 'machine') (out.machine ??= []).push(value);
    else out[name] = value;
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
