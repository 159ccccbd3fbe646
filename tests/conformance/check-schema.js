#!/usr/bin/env node
// conformance_schema: resources/schemas/egress-project.schema.json, compiled by the npm ajv pinned in
// package.json (draft 2020-12, strict mode), accepts the shipped example projects, the fixture projects
// (tests/data/projects), every project `egress-cli import` makes from tests/data's definitions and, when
// there is a corpus, from the corpus's; and it refuses projects the loader refuses.
// Usage: check-schema.js --schema FILE --cli EGRESS_CLI --examples DIR --data DIR --work DIR [--corpus DIR]
// Exit 0 all good, 1 a check failed, 77 ajv not installed (run "npm ci" here first).
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const { corpusDir, corpusSkipLine } = require('./corpus');

function arg(name, optional = false) {
  const i = process.argv.indexOf(name);
  if (i < 0 || i + 1 >= process.argv.length) {
    if (optional) return undefined;
    console.error(`check-schema.js: missing ${name}`);
    process.exit(2);
  }
  return process.argv[i + 1];
}

let Ajv2020, addFormats;
try {
  Ajv2020 = require('ajv/dist/2020');
  addFormats = require('ajv-formats');
} catch (e) {
  console.log('ajv is not installed: run "npm ci" in tests/conformance (skipped)');
  process.exit(77);
}

const schemaFile = arg('--schema');
const cli = arg('--cli');
const examples = arg('--examples');
const data = arg('--data');
const corpus = corpusDir(arg('--corpus', true));
const work = arg('--work');

const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaFile, 'utf8')));

let failures = 0;
let checked = 0;
function fail(message) {
  failures += 1;
  console.log(`FAIL ${message}`);
}
function errorsOf() {
  return validate.errors.map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
}

// 1. The shipped examples and the fixture projects.
const exampleFiles = fs.readdirSync(examples).filter((f) => f.endsWith('.egress.json')).sort();
if (exampleFiles.length === 0) fail(`no *.egress.json in ${examples}`);
const projectsDir = path.join(data, 'projects');
const fixtureProjects = fs.existsSync(projectsDir)
  ? fs.readdirSync(projectsDir).filter((f) => f.endsWith('.egress.json')).sort()
  : [];
if (fixtureProjects.length === 0) fail(`no *.egress.json in ${projectsDir}`);
for (const file of [
  ...exampleFiles.map((f) => path.join(examples, f)),
  ...fixtureProjects.map((f) => path.join(projectsDir, f)),
]) {
  checked += 1;
  if (!validate(JSON.parse(fs.readFileSync(file, 'utf8')))) fail(`${file}: ${errorsOf()}`);
}

// 2. Projects made by egress-cli import from every definition of tests/data and of the corpus.
fs.mkdirSync(work, { recursive: true });
function importAll(root, label) {
  let count = 0;
  for (const dir of ['asl', 'asl-yaml', 'asl-embedded']) {
    const full = path.join(root, dir);
    for (const f of fs.readdirSync(full).sort()) {
      const out = path.join(work, `${label}--${dir}--${f}.egress.json`);
      const run = spawnSync(cli, ['import', path.join(full, f), '-o', out], { encoding: 'utf8' });
      if (run.status !== 0 && run.status !== 1) {
        fail(`${label}/${dir}/${f}: egress-cli import exited ${run.status}: ${run.stderr.trim()}`);
        continue;
      }
      checked += 1;
      count += 1;
      if (!validate(JSON.parse(fs.readFileSync(out, 'utf8')))) fail(`${out}: ${errorsOf()}`);
    }
  }
  return count;
}
let imported = importAll(data, 'data');
if (imported < 10) fail(`only ${imported} definitions of ${data} imported`);
if (corpus) {
  const fromCorpus = importAll(corpus, 'corpus');
  if (fromCorpus < 300) fail(`only ${fromCorpus} corpus definitions imported`);
  imported += fromCorpus;
} else {
  console.log(corpusSkipLine("the schema check of projects imported from the corpus's definitions"));
}

// 3. What the loader refuses, the schema refuses too (so the schema is not a rubber stamp).
const example = JSON.parse(fs.readFileSync(path.join(examples, exampleFiles[0]), 'utf8'));
const firstStep = Object.keys(example.steps)[0];
const refused = {
  'a newer version': (p) => { p.version = 2; },
  'another format': (p) => { p.format = 'something-else'; },
  'no definition': (p) => { delete p.definition; },
  'an unknown workflow type': (p) => { p.workflowType = 'BATCH'; },
  'seven availability zones': (p) => { p.vpc.availabilityZones = 7; },
  'a negative VPC width': (p) => { p.vpc.rect = [0, 0, -1, 10]; },
  'an unknown placement': (p) => { p.steps[firstStep].placement = 'inside'; },
  'an unknown egress': (p) => { p.steps[firstStep].egress = 'nat'; },
  '64 MB of memory': (p) => { p.steps[firstStep].memoryMb = 64; },
  'a fractional memory size': (p) => { p.steps[firstStep].memoryMb = 256.5; },
  'a failure rate above 1': (p) => { p.steps[firstStep].failureRate = 1.5; },
  'a one-number position': (p) => { p.steps[firstStep].position = [1]; },
  'a negative Choice weight': (p) => { p.steps[firstStep].choiceWeights = { rules: [-1] }; },
  'an unknown architecture': (p) => { p.steps[firstStep].architecture = 'arm'; },
  'a region that is no region': (p) => { p.usage.region = 'Frankfurt'; },
  'an unknown trigger': (p) => { p.usage.trigger = 'sqs'; },
  'a string for a boolean': (p) => { p.usage.freeTier = 'yes'; },
  'a negative price override': (p) => { p.priceOverrides = { 'nat.hour': -1 }; },
};
for (const [what, change] of Object.entries(refused)) {
  checked += 1;
  const project = JSON.parse(JSON.stringify(example));
  change(project);
  if (validate(project)) fail(`the schema accepts a project with ${what}`);
}
// Unknown keys are kept by the loader, so the schema allows them.
checked += 1;
const extended = JSON.parse(JSON.stringify(example));
extended.futureKey = { anything: true };
extended.steps[firstStep].futureStepKey = 1;
extended.vpc.subnets = ['a', 'b'];
if (!validate(extended)) fail(`unknown keys are refused: ${errorsOf()}`);

console.log(
  `${checked} checks, ${failures} failed (${exampleFiles.length} examples, ${fixtureProjects.length} fixture ` +
    `projects, ${imported} imported projects)`
);
process.exit(failures === 0 ? 0 : 1);
