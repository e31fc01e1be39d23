// aws-local-stepfunctions' CommonJS build, with stand-ins for the three packages its build requires
// that the runner never uses: every Task goes through tasks.mjs, every StateMachine is noValidate.
'use strict';

const Module = require('node:module');

const TASKS_ARE_OURS = 'the simulator\'s runner sends every Task through tasks.mjs';
const NO_VALIDATION = 'the simulator\'s runner builds every StateMachine with noValidate';

// What the engine gets for each package instead: the members it uses, each throwing if ever called.
const standIns = {
  '@aws-sdk/client-lambda': { LambdaClient: notLoaded('@aws-sdk/client-lambda', TASKS_ARE_OURS), InvokeCommand: notLoaded('@aws-sdk/client-lambda', TASKS_ARE_OURS) },
  '@aws-sdk/credential-providers': { fromCognitoIdentityPool: notLoaded('@aws-sdk/credential-providers', TASKS_ARE_OURS) },
  'asl-validator': notLoaded('asl-validator', NO_VALIDATION),
};

function notLoaded(name, reason) {
  return function standIn() {
    throw new Error(`${reason}; ${name} is not loaded.`);
  };
}

const enginePath = require.resolve('aws-local-stepfunctions');
/** The stand-ins the engine was given, by package name. */
const served = [];

// Only while the engine's build loads, and only for its own requires of those three names.
const load = Module._load;
Module._load = function loadWithStandIns(request, parent, isMain) {
  if (parent?.filename === enginePath && Object.hasOwn(standIns, request)) {
    served.push(request);
    return standIns[request];
  }
  return load.call(this, request, parent, isMain);
};
let engine;
try {
  engine = require(enginePath);
} finally {
  Module._load = load;
}

/** The packages loaded from node_modules (CommonJS, which the engine's build is), and the stand-ins served. */
function loadedModules() {
  const packages = new Set();
  for (const file of Object.keys(require.cache)) {
    const name = /[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(file)?.[1];
    if (name) packages.add(name.replace('\\', '/'));
  }
  return { standIns: [...served], packages: [...packages].sort() };
}

exports.StateMachine = engine.StateMachine;
exports.loadedModules = loadedModules;
