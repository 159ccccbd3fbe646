#!/usr/bin/env node
// Differential check of our path grammar (model/asl/validator_paths.cpp) against asl-path-validator, the
// grammar npm asl-validator uses: a fixed-seed generator writes 2,500 paths (valid and broken, with
// filters, slices, unions, variables, context paths and intrinsic functions) and each is judged in the four
// contexts: Path (InputPath), ResultPath, payload template ("x.$") and Reference Path (SecondsPath).
// Paths using one of our documented extensions ("$.[0]", filters, name unions, decimals) may be accepted by
// us alone; any other disagreement fails the test.
//
// usage: node path_conformance.js --cli BUILD/app/cli/egress-cli --work DIR
'use strict';

const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const argv = process.argv.slice(2);
const arg = (name) => argv[argv.indexOf(`--${name}`) + 1];
let validatePath;
try {
  ({ validatePath } = require(path.join(__dirname, 'node_modules', 'asl-path-validator')));
} catch (e) {
  console.log(`SKIP: npm asl-path-validator is not installed (run "npm ci" in ${__dirname}; the test command does)`);
  process.exit(77);
}

let seed = 5;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = (list) => list[Math.floor(random() * list.length)];
const names = ['a', 'b1', 'x_y', 'c-d', 'e$', 'f*', 'g(', 'h:i', '\\.j'];
function segment(depth) {
  const r = random();
  if (r < 0.35) return '.' + pick(names);
  if (r < 0.45) return '[' + pick(['0', '12', '-1', '1,2', '*', "'k'", '"q"', '1:2', ':3', '2:', '(@.length-1)', ' 0 ']) + ']';
  if (r < 0.55) return '..' + pick(names);
  if (r < 0.6) return '.*';
  if (r < 0.7)
    return `[?(@.${pick(names)} ${pick(['==', '<', '>=', '!='])} ${pick(['1', "'s'", 'true', 'x', '-2'])})]`;
  if (r < 0.75) return '[' + generate(depth + 1) + ']';
  if (r < 0.8) return pick(['', '.', '[', ']', ' ', '..', '(', ')']);
  return '.' + pick(names);
}
function generate(depth) {
  if (depth > 2) return pick(['$', '$.a', '1', "'s'", '$$.x', '$v']);
  let p;
  if (random() < 0.15) {
    const fn = pick(['States.Format', 'States.Array', 'States.MathAdd', 'States.UUID', 'States.ArrayLength',
      'States.Hash', 'States.JsonMerge', 'States.Xyz']);
    const args = Array.from({ length: Math.floor(random() * 3) }, () => generate(depth + 1));
    p = `${fn}(${args.join(pick([', ', ',', ' ,']))}${pick([')', ''])}`;
  } else {
    p = pick(['$', '$$', '$var', '@', '$.', 'a', '']);
    const n = Math.floor(random() * 4);
    for (let i = 0; i < n; i++) p += segment(depth);
  }
  return p + (random() < 0.05 ? ' ' : '');
}

const paths = Array.from({ length: 2500 }, () => generate(0));
const states = {};
paths.forEach((p, i) => {
  states[`P${i}`] = { Type: 'Pass', InputPath: p, ResultPath: p, Parameters: { 'x.$': p }, End: true };
  states[`W${i}`] = { Type: 'Wait', SecondsPath: p, End: true };
});
fs.mkdirSync(arg('work'), { recursive: true });
const file = path.join(arg('work'), 'paths.asl.json');
fs.writeFileSync(file, JSON.stringify({ StartAt: 'P0', States: states }));
const run = spawnSync(arg('cli'), ['validate', '-q', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
if (run.status !== 0 && run.status !== 1) throw new Error(`egress-cli validate failed: ${run.stderr}`);
const rejected = new Set();
for (const line of run.stdout.split('\n')) {
  const m = line.match(/^\S+: \/States\/([PW]\d+)\/(InputPath|ResultPath|Parameters\/x\.\$|SecondsPath) /);
  if (m) rejected.add(`${m[1]}:${m[2]}`);
}
const contexts = [['P', 'InputPath', 'path'], ['P', 'ResultPath', 'result_path'],
  ['P', 'Parameters/x.$', 'payload_template'], ['W', 'SecondsPath', 'reference_path']];
const usesExtension = (p) => /\.\[|\[\?\(|,\s*'|\d\.\d/.test(p);
let checks = 0;
let extensionOnly = 0;
const disagreements = [];
paths.forEach((p, i) => {
  for (const [prefix, field, context] of contexts) {
    checks += 1;
    const theirs = validatePath(p, context).isValid;
    const ours = !rejected.has(`${prefix}${i}:${field}`);
    if (theirs === ours) continue;
    if (ours && usesExtension(p)) extensionOnly += 1;
    else disagreements.push(`${context}: egress-cli ${ours ? 'accepts' : 'rejects'} ${JSON.stringify(p)}`);
  }
});
console.log(`path conformance: ${checks} verdicts on ${paths.length} paths, ${extensionOnly} accepted by our ` +
  `extensions only, ${disagreements.length} disagreements`);
if (disagreements.length) {
  console.log(disagreements.slice(0, 30).join('\n'));
  process.exit(1);
}
