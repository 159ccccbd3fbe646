#!/usr/bin/env node
// Conformance of `egress-cli export-cfn` (CTest: conformance_cfn). For every example project, every fixture
// project (tests/data/projects), projects imported from every definition of tests/data and, when there is a
// corpus, from a sample of the corpus (with steps moved inside the VPC and given internet,
// gateway-endpoint and interface-endpoint egress, and each trigger kind), exports both variants, in
// YAML and JSON, with and without --create-vpc, and checks that:
//  - the template conforms to the CloudFormation resource specification (cfn-spec-check.js);
//  - the YAML, read with a CloudFormation-aware loader (yaml-cfn), equals the JSON;
//  - the embedded definition passes asl-validator whenever the project's own definition does.
// With --migrate DIR (tests/migrate/data), also migrates every fixture template there with
// `export-cfn PROJECT --into TEMPLATE` and exports every example with `--format sam`: the original
// template and the migrated one (DefinitionUri files read in as Definition) must both conform.
// Usage: node cfn-conformance.js --cli EGRESS_CLI --work DIR --examples DIR --data DIR [--corpus DIR] [--every N]
//        [--migrate DIR]
// Exit 0 all good, 1 a check failed, 2 bad usage, 77 node_modules missing (run `npm ci` here first).
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { spawnSync, execFile } = require('node:child_process');
const assert = require('node:assert');
if (!fs.existsSync(path.join(__dirname, 'node_modules', 'yaml-cfn'))) {
  console.log(`${__dirname}/node_modules is missing: run \`npm ci\` in ${__dirname} (as .ci/test does); skipped`);
  process.exit(77);
}
const { yamlParse } = require('yaml-cfn');
const aslValidator = require('asl-validator');
const { checkTemplate } = require('./cfn-spec-check');
const { corpusDir, corpusSkipLine } = require('./corpus');

function args() {
  const out = { every: 3 };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) out[argv[i].replace(/^--/, '')] = argv[i + 1];
  for (const required of ['cli', 'work', 'examples', 'data'])
    if (!out[required]) { console.error(`missing --${required}`); process.exit(2); }
  out.every = Number(out.every);
  return out;
}

function run(cli, argv) {
  const r = spawnSync(cli, argv, { encoding: 'utf8' });
  return { status: r.status, stderr: r.stderr || '' };
}

function runAsync(cli, argv) {
  return new Promise(resolve => {
    execFile(cli, argv, { encoding: 'utf8' }, (error, stdout, stderr) =>
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stderr: stderr || '' }));
  });
}

/** The checker must find what it is meant to find: broken copies of a good template. */
function selfTest(template) {
  const broken = [
    [t => { t.Resources.StateMachine.Properties.NoSuchProperty = 1; }, /has no property "NoSuchProperty"/],
    [t => { delete t.Resources.StateMachine.Properties.RoleArn; }, /requires "RoleArn"/],
    [t => { t.Resources.StateMachine.Properties.RoleArn = { 'Fn::GetAtt': ['StateMachineRole', 'Nope'] }; }, /no attribute "Nope"/],
    [t => { t.Outputs.StateMachineArn.Value = { Ref: 'Missing' }; }, /Ref to "Missing"/],
    [t => { t.Resources.X = { Type: 'AWS::Nope::Thing' }; }, /unknown resource type/],
    [t => { t.Resources.StateMachine.DependsOn = 'Missing'; }, /"Missing" is no resource/],
    [t => { t.Resources.StateMachine.Properties.StateMachineType = 'SOMETIMES'; }, /is not one of/],
    [t => { t.Resources.StateMachine.Properties.TracingConfiguration = { Enabled: 'yes' }; }, /expected a boolean/],
    [t => { t.Resources.StateMachine.Properties.DefinitionSubstitutions = {}; }, /has no DefinitionSubstitutions entry/],
    [t => { t.Resources.StateMachineLogGroup.Properties.LogGroupName = { 'Fn::Sub': '${Nothing}' }; }, /names nothing/],
  ];
  for (const [mutate, expected] of broken) {
    const copy = JSON.parse(JSON.stringify(template));
    mutate(copy);
    const errors = checkTemplate(copy, 'self-test');
    if (!errors.some(e => expected.test(e)))
      throw new Error(`self-test: the checker missed ${expected} (got ${JSON.stringify(errors)})`);
  }
}

/** Makes a variety of designs from one imported project: placement, egress, trigger, workflow type. */
function varyDesign(project, seed) {
  const triggers = ['api-gateway-rest', 'api-gateway-http', 'eventbridge', 'none'];
  const egress = ['internet', 'aws-gateway-endpoint', 'aws-interface-endpoint', 'vpc-private', 'none'];
  project.usage.trigger = triggers[seed % triggers.length];
  project.workflowType = seed % 2 ? 'EXPRESS' : 'STANDARD';
  project.vpc.availabilityZones = 1 + (seed % 3);
  Object.keys(project.steps).sort().forEach((name, i) => {
    const step = project.steps[name];
    step.placement = (i + seed) % 3 === 2 ? 'outside-vpc' : 'inside-vpc';
    step.egress = egress[(i + seed) % egress.length];
    if (step.egress === 'aws-interface-endpoint' && i % 2) step.endpointService = 'sqs';
  });
  return project;
}

function aslErrors(definition) {
  try {
    const { isValid, errors } = aslValidator(JSON.parse(JSON.stringify(definition)));
    return isValid ? [] : errors.map(e => e.message || JSON.stringify(e));
  } catch (e) { // asl-validator throws on some malformed definitions (e.g. "States" holding a string)
    return [`asl-validator failed: ${e.message}`];
  }
}

/** Exports one project eight ways, all at once (the exports are independent processes). */
async function exportAll(opts, projectPath, label) {
  const jobs = [];
  for (const variant of ['designed', 'nat-gateway'])
    for (const createVpc of [false, true])
      for (const ext of ['yaml', 'json']) {
        const stem = path.join(opts.work, `${label}.${variant}${createVpc ? '.create-vpc' : ''}`);
        // --force: the template is checked against the resource specification whatever its definition; an
        // invalid definition (export-cfn refuses it by default) only skips the asl-validator check below.
        const argv = ['export-cfn', projectPath, '-o', `${stem}.${ext}`, '--variant', variant, '-q', '--force'];
        if (createVpc) argv.push('--create-vpc');
        jobs.push(runAsync(opts.cli, argv).then(r => ({ stem, ext, ...r })));
      }
  return Promise.all(jobs);
}

async function checkProject(opts, projectPath, label, failures, stats) {
  const project = JSON.parse(fs.readFileSync(projectPath, 'utf8'));
  const originalValid = aslErrors(project.definition).length === 0;
  const byStem = new Map();
  for (const r of await exportAll(opts, projectPath, label)) {
    if (r.status !== 0) { failures.push(`${r.stem}.${r.ext}: export-cfn exited ${r.status}: ${r.stderr.trim()}`); continue; }
    if (!byStem.has(r.stem)) byStem.set(r.stem, {});
    byStem.get(r.stem)[r.ext] = fs.readFileSync(`${r.stem}.${r.ext}`, 'utf8');
  }
  let first = null;
  for (const [stem, texts] of byStem) {
    if (!texts.json || !texts.yaml) continue;
    const json = JSON.parse(texts.json);
    let yaml;
    try { yaml = yamlParse(texts.yaml); } catch (e) { failures.push(`${stem}.yaml: yaml-cfn cannot read it: ${e.message}`); continue; }
    try { assert.deepStrictEqual(yaml, json); } catch (e) { failures.push(`${stem}.yaml: differs from the JSON: ${e.message.slice(0, 400)}`); }
    failures.push(...checkTemplate(json, `${stem}.json`));
    stats.templates += 2;
    if (!first && json.Resources.StateMachine) first = json;
    for (const [id, r] of Object.entries(json.Resources)) {
      if (r.Type !== 'AWS::StepFunctions::StateMachine') continue;
      const errors = aslErrors(r.Properties.Definition);
      if (errors.length && originalValid) failures.push(`${stem}.json: /Resources/${id}/Properties/Definition: asl-validator: ${errors.join('; ')}`);
      if (!originalValid) stats.aslSkipped++;
      else stats.definitions++;
    }
  }
  return first;
}

/** Definitions of asl, asl-yaml and asl-embedded under `root`; of asl only every `every`-th (1: all). */
function definitionSample(root, every) {
  const files = [];
  for (const dir of ['asl', 'asl-yaml', 'asl-embedded']) {
    const d = path.join(root, dir);
    if (!fs.existsSync(d)) continue;
    fs.readdirSync(d).filter(f => /\.(json|ya?ml)$/.test(f)).sort()
      .forEach((f, i) => { if (dir !== 'asl' || i % every === 0) files.push(path.join(d, f)); });
  }
  return files;
}

/** A template as CloudFormation reads it; a SAM DefinitionUri file becomes the inline Definition. */
function loadTemplate(file) {
  const text = fs.readFileSync(file, 'utf8');
  const template = /\.json$/.test(file) ? JSON.parse(text) : yamlParse(text);
  for (const r of Object.values(template.Resources || {})) {
    const props = r.Properties || {};
    if (r.Type !== 'AWS::Serverless::StateMachine' || typeof props.DefinitionUri !== 'string') continue;
    const uri = path.join(path.dirname(file), props.DefinitionUri);
    props.Definition = /\.ya?ml$/.test(uri) ? yamlParse(fs.readFileSync(uri, 'utf8')) : JSON.parse(fs.readFileSync(uri, 'utf8'));
    delete props.DefinitionUri;
  }
  return template;
}

function checkDefinitions(template, name, failures, stats) {
  for (const [id, r] of Object.entries(template.Resources)) {
    if (!/StateMachine$/.test(r.Type) || !r.Properties.Definition) continue;
    const errors = aslErrors(r.Properties.Definition);
    if (errors.length) failures.push(`${name}: /Resources/${id}/Properties/Definition: asl-validator: ${errors.join('; ')}`);
    stats.definitions++;
  }
}

/** export-cfn --into on every fixture of DIR (a folder with project.egress.json and template.yaml|json). */
function checkMigrations(opts, failures, stats) {
  for (const sub of fs.readdirSync(opts.migrate).sort()) {
    const dir = path.join(opts.migrate, sub);
    const project = path.join(dir, 'project.egress.json');
    const template = ['template.yaml', 'template.json'].map(f => path.join(dir, f)).find(f => fs.existsSync(f));
    if (!fs.existsSync(project) || !template) continue;
    const out = path.join(opts.work, `migrated-${sub}${path.extname(template)}`);
    const r = run(opts.cli, ['export-cfn', project, '--into', template, '-o', out, '-q']);
    if (r.status === 2 || !fs.existsSync(out)) { failures.push(`${template}: export-cfn --into exited ${r.status}: ${r.stderr.trim()}`); continue; }
    failures.push(...checkTemplate(loadTemplate(template), template));
    const migrated = loadTemplate(out);
    failures.push(...checkTemplate(migrated, out));
    checkDefinitions(migrated, out, failures, stats);
    stats.templates += 2;
  }
}

/** export-cfn --format sam of every example: a SAM template and its DefinitionUri file. */
function checkSamExports(opts, failures, stats) {
  for (const f of fs.readdirSync(opts.examples).filter(f => f.endsWith('.egress.json')).sort()) {
    const out = path.join(opts.work, `${path.basename(f, '.egress.json')}.sam.yaml`);
    const r = run(opts.cli, ['export-cfn', path.join(opts.examples, f), '--format', 'sam', '-o', out, '-q']);
    if (r.status !== 0) {
      // The NAT gateway baseline has no state machine: SAM is refused (exit 2) — only a designed export counts.
      if (JSON.parse(fs.readFileSync(path.join(opts.examples, f), 'utf8')).definition) failures.push(`${out}: export-cfn --format sam exited ${r.status}: ${r.stderr.trim()}`);
      continue;
    }
    const template = loadTemplate(out);
    failures.push(...checkTemplate(template, out));
    checkDefinitions(template, out, failures, stats);
    stats.templates++;
  }
}

async function main() {
  const opts = args();
  fs.rmSync(opts.work, { recursive: true, force: true });
  fs.mkdirSync(opts.work, { recursive: true });
  const failures = [];
  const stats = { projects: 0, templates: 0, definitions: 0, aslSkipped: 0 };
  let sample = null;

  const projectsDir = path.join(opts.data, 'projects');
  const projects = [
    ...fs.readdirSync(opts.examples).filter(f => f.endsWith('.egress.json')).sort().map(f => path.join(opts.examples, f)),
    ...fs.readdirSync(projectsDir).filter(f => f.endsWith('.egress.json')).sort().map(f => path.join(projectsDir, f)),
  ];
  for (const file of projects) {
    const t = await checkProject(opts, file, path.basename(file, '.egress.json'), failures, stats);
    sample = sample || t;
    stats.projects++;
  }
  const layers = [{ name: 'data', files: definitionSample(opts.data, 1) }];
  const corpus = corpusDir(opts.corpus);
  if (corpus) layers.push({ name: 'corpus', files: definitionSample(corpus, opts.every) });
  else console.log(corpusSkipLine("export-cfn conformance of projects imported from the corpus's definitions"));
  for (const layer of layers) {
    const files = layer.files;
    for (let seed = 0; seed < files.length; ++seed) {
      const label = `${layer.name}-${seed}`;
      const projectPath = path.join(opts.work, `${label}.egress.json`);
      const r = run(opts.cli, ['import', files[seed], '-o', projectPath]);
      if (r.status === 2 || !fs.existsSync(projectPath)) continue; // not importable: the importer's tests cover that
      const project = varyDesign(JSON.parse(fs.readFileSync(projectPath, 'utf8')), seed);
      fs.writeFileSync(projectPath, JSON.stringify(project, null, 2));
      const t = await checkProject(opts, projectPath, label, failures, stats);
      sample = sample || t;
      stats.projects++;
    }
  }
  if (opts.migrate) {
    checkMigrations(opts, failures, stats);
    checkSamExports(opts, failures, stats);
  }
  if (!sample) failures.push('no template with a state machine was produced');
  else selfTest(sample);

  console.log(`checked ${stats.templates} templates from ${stats.projects} projects; ` +
              `${stats.definitions} embedded definitions passed asl-validator, ${stats.aslSkipped} skipped (their source definition fails it too)`);
  if (failures.length) {
    console.log(`${failures.length} problems:`);
    failures.slice(0, 200).forEach(f => console.log(`  ${f}`));
    process.exit(1);
  }
}

main().catch(e => { console.error(e); process.exit(1); });
