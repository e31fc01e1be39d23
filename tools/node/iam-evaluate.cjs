// Evaluates recorded AWS requests against IAM policies with @cloud-copilot/iam-simulate, an
// evaluator this project did not write (AGPL-3.0: a development-only tool, never shipped).
// stdin:  {"principals": {name: {"arn", "account", "policies": [{name, policy}], "boundary": [{name, policy}]?}},
//          "requests": [{"principal", "action", "resource", "context": {key: [values]}}]}
// stdout: one JSON array, per request: {"result", "allowedBy": [sid], "errors"?}
'use strict';

const { runSimulation, typeForContextKey, isConditionKeyArray } = require('@cloud-copilot/iam-simulate');

async function read() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

// A single-valued key gets its one value; array-typed keys (events:source, aws:TagKeys) a list.
async function contextOf(context) {
  const result = {};
  for (const [key, values] of Object.entries(context || {})) {
    let isArray = false;
    try {
      isArray = isConditionKeyArray(await typeForContextKey(key));
    } catch {
      isArray = values.length !== 1;
    }
    result[key] = isArray ? values : values[0];
  }
  return result;
}

function sids(analysis) {
  const statements = [
    ...(analysis?.identityAnalysis?.allowStatements || []),
  ];
  // The statement is iam-policy's object: its Sid through sid(), else the policy's name.
  return statements.map((s) => (typeof s.statement?.sid === 'function' && s.statement.sid()) || s.policyId || '?');
}

async function main() {
  const input = await read();
  const results = [];
  for (const request of input.requests) {
    const principal = input.principals[request.principal];
    if (!principal) {
      results.push({ result: 'Error', errors: `no principal ${request.principal}` });
      continue;
    }
    const simulation = {
      request: {
        principal: principal.arn,
        action: request.action,
        resource: { resource: request.resource, accountId: principal.account },
        contextVariables: await contextOf(request.context),
      },
      identityPolicies: principal.policies,
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      permissionBoundaryPolicies: principal.boundary || undefined,
    };
    const response = await runSimulation(simulation, {});
    if (response.resultType === 'error') {
      results.push({ result: 'Error', errors: JSON.stringify(response.errors) });
    } else if (response.resultType === 'single') {
      results.push({ result: response.overallResult, allowedBy: sids(response.result.analysis) });
    } else {
      results.push({ result: response.overallResult, allowedBy: response.results.flatMap((r) => sids(r.analysis)) });
    }
  }
  process.stdout.write(JSON.stringify(results));
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack || error));
  process.exit(1);
});
