#!/usr/bin/env node
// Differential check of our JSONata syntax checker (model/asl/validator_jsonata.cpp) against jsonata-js,
// the parser npm asl-validator uses: a fixed-seed generator writes 3,000 expressions of every syntactic
// kind, valid and broken; `egress-cli validate` must reject exactly those jsonata() throws on.
// Not generated: the parent operator "%", whose post-parse check (S0217) is not ported (docs/validation.md).
//
// usage: node jsonata_conformance.js --cli BUILD/app/cli/egress-cli --work DIR
'use strict';

const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const argv = process.argv.slice(2);
const arg = (name) => argv[argv.indexOf(`--${name}`) + 1];
let jsonata;
try {
  jsonata = require(path.join(__dirname, 'node_modules', 'jsonata'));
} catch (e) {
  console.log(`SKIP: npm jsonata is not installed (run "npm ci" in ${__dirname}; the test command does)`);
  process.exit(77);
}

let seed = 11;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = (list) => list[Math.floor(random() * list.length)];
const atoms = ['$x', '$', 'a', 'b.c', '1', '2.5', '"s"', "'t'", 'true', 'null', '$sum', '[1,2]', '{"k":1}', '*', '**',
  '/re/', '$states.input', '`a b`', '"e\\n"', '/* c */ 1', '| a | {} |', 'λ($y){1}', '$x^(>a)', '"\\u12"', '1e999',
  '$match(a, /x/i)', '"\\q"', '`open', '/* open', "'open"];
const operators = ['+', '-', '*', '/', '=', '!=', '<', '<=', '>', '>=', '&', 'and', 'or', 'in', '.', '~>', '??', '?:',
  ':=', '@', '#', '..', '^', '!', '~'];
function expression(depth) {
  const r = random();
  if (depth > 3 || r < 0.3) return pick(atoms);
  if (r < 0.55) return `${expression(depth + 1)} ${pick(operators)} ${expression(depth + 1)}`;
  if (r < 0.65) return `(${expression(depth + 1)}${random() < 0.2 ? '; ' + expression(depth + 1) : ''}${random() < 0.9 ? ')' : ''}`;
  if (r < 0.75) return `${expression(depth + 1)}[${expression(depth + 1)}${random() < 0.9 ? ']' : ''}`;
  if (r < 0.82) return `$f(${expression(depth + 1)}${random() < 0.5 ? ', ' + expression(depth + 1) : ''}${random() < 0.9 ? ')' : ''}`;
  if (r < 0.87) return `${expression(depth + 1)} ? ${expression(depth + 1)}${random() < 0.5 ? ' : ' + expression(depth + 1) : ''}`;
  if (r < 0.9) return `function(${random() < 0.8 ? '$a' : 'a'}){${expression(depth + 1)}}`;
  if (r < 0.93) return `-${expression(depth + 1)}`;
  if (r < 0.96) return `{${expression(depth + 1)}: ${expression(depth + 1)}}`;
  return `${pick(operators)} ${expression(depth + 1)}`;
}

const expressions = Array.from({ length: 3000 }, () => expression(0));
const states = {};
expressions.forEach((e, i) => {
  states[`S${i}`] = { Type: 'Pass', QueryLanguage: 'JSONata', Output: `{% ${e} %}`, End: true };
});
fs.mkdirSync(arg('work'), { recursive: true });
const file = path.join(arg('work'), 'jsonata-expressions.asl.json');
fs.writeFileSync(file, JSON.stringify({ StartAt: 'S0', States: states }));
const run = spawnSync(arg('cli'), ['validate', '-q', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
if (run.status !== 0 && run.status !== 1) throw new Error(`egress-cli validate failed: ${run.stderr}`);
const weReject = new Set();
for (const line of run.stdout.split('\n')) {
  const m = line.match(/\/States\/S(\d+)\/Output /);
  if (m) weReject.add(Number(m[1]));
}
let theyReject = 0;
const disagreements = [];
expressions.forEach((e, i) => {
  let rejected = false;
  try {
    jsonata(e);
  } catch (err) {
    rejected = true;
  }
  theyReject += rejected ? 1 : 0;
  if (rejected !== weReject.has(i)) disagreements.push(`${rejected ? 'jsonata-js' : 'egress-cli'} alone rejects ${JSON.stringify(e)}`);
});
console.log(`jsonata conformance: ${expressions.length} expressions, jsonata-js rejects ${theyReject}, ` +
  `${disagreements.length} disagreements`);
if (disagreements.length) {
  console.log(disagreements.slice(0, 30).join('\n'));
  process.exit(1);
}
