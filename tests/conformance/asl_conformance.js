#!/usr/bin/env node
// Conformance of `egress-cli validate` with the npm asl-validator (pinned in package.json).
//
// Both judge every file of tests/data/asl and tests/data/asl-invalid (keys "data/asl/<file>"), of the
// corpus's asl and asl-invalid when there is a corpus (keys "asl/<file>"), and our own exports
// (`egress-cli export-asl` of every definition of those layers' asl, asl-yaml and asl-embedded and of
// resources/examples/*.egress.json; keys "export:<key>"). The test passes when the verdicts (valid /
// invalid) agree on every file, or when the file is listed in asl-differences.json with the rule and the
// reason we deliberately differ. A listed file on which the two now agree fails the test too, so the list
// stays true. Without a corpus (no --corpus, or a folder that does not exist) its rows are skipped with one
// line, and so are its entries in asl-differences.json.
//
// usage: node asl_conformance.js --cli BUILD/app/cli/egress-cli --data tests/data --examples DIR --work DIR
//                                [--corpus DIR] [--no-cache]
'use strict';

const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const { corpusDir, corpusSkipLine } = require('./corpus');

const SKIP = 77; // CTest SKIP_RETURN_CODE

function args() {
  const out = {};
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--no-cache') out.cache = 'off';
    else out[argv[i].replace(/^--/, '')] = argv[++i];
  }
  for (const k of ['cli', 'data', 'examples', 'work'])
    if (!out[k]) {
      console.error(`missing --${k}`);
      process.exit(2);
    }
  return out;
}

function loadAslValidator(cache) {
  try {
    const dir = path.join(__dirname, 'node_modules', 'asl-validator');
    if (cache) reuseAjvInstance(dir);
    return require(dir);
  } catch (e) {
    console.log(`SKIP: npm asl-validator is not installed (run "npm ci" in ${__dirname}; the test command does)`);
    process.exit(SKIP);
  }
}

/**
 * asl-validator builds a new Ajv and compiles all its schemas on every call (~0.2 s). Since we always
 * call it with the same options, one Ajv instance can serve every call: the schemas, formats and
 * keywords it registers are the same each time (re-registering a keyword is ignored). Verdicts are
 * unchanged (run with --no-cache to compare); the run takes seconds instead of minutes.
 */
function reuseAjvInstance(aslValidatorDir) {
  const ajvModule = require(require.resolve('ajv', { paths: [aslValidatorDir] }));
  const Original = ajvModule.default;
  let instance = null;
  function CachedAjv(options) {
    if (!instance) {
      instance = new Original(options);
      const addKeyword = instance.addKeyword.bind(instance);
      instance.addKeyword = (definition, ...rest) => {
        const names = [].concat(typeof definition === 'string' ? definition : definition.keyword);
        return names.some((n) => instance.getKeyword(n)) ? instance : addKeyword(definition, ...rest);
      };
    }
    return instance;
  }
  ajvModule.default = CachedAjv;
}

/** asl-validator's verdict, as its CLI gives it (checkArn and checkPaths on). */
function theirVerdict(validator, file) {
  let definition;
  try {
    const text = fs.readFileSync(file, 'utf8');
    definition = /\.ya?ml$/i.test(file) ? require('yaml').parse(text) : JSON.parse(text);
  } catch (e) {
    return { verdict: 'invalid', detail: `unreadable: ${e.message}` };
  }
  try {
    const result = validator(definition, { checkArn: true, checkPaths: true });
    return { verdict: result.isValid ? 'valid' : 'invalid', detail: result.isValid ? '' : result.errorsText(' | ') };
  } catch (e) {
    // asl-validator throws on some inputs (a state that is not an object); its CLI exits 2 then.
    return { verdict: 'invalid', detail: `asl-validator threw: ${e.message}` };
  }
}

/** Our verdict: exit status of `egress-cli validate -q` (0 valid, 1 problems, 2 unreadable). */
function ourVerdict(cli, file) {
  const run = spawnSync(cli, ['validate', '-q', file], { encoding: 'utf8' });
  if (run.error) throw run.error;
  if (run.status !== 0 && run.status !== 1 && run.status !== 2)
    throw new Error(`egress-cli crashed on ${file} (status ${run.status}, signal ${run.signal})`);
  return { verdict: run.status === 0 ? 'valid' : 'invalid', detail: (run.stdout || '').trim().split('\n')[0] || '' };
}

function listFiles(dir, pattern) {
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => pattern.test(f)).sort() : [];
}

function main() {
  const a = args();
  const validator = loadAslValidator(a.cache !== 'off');
  const differences = JSON.parse(fs.readFileSync(path.join(__dirname, 'asl-differences.json'), 'utf8')).differences;
  const listed = new Map(differences.map((d) => [d.file, d]));
  fs.mkdirSync(a.work, { recursive: true });

  // The layers: our fixtures always, the corpus when it is there.
  const layers = [{ root: a.data, prefix: 'data/' }];
  const corpus = corpusDir(a.corpus);
  const haveCorpus = corpus !== null;
  if (haveCorpus) layers.push({ root: corpus, prefix: '' });
  else console.log(corpusSkipLine("asl-validator conformance of the corpus's asl and asl-invalid files and exports"));
  const isCorpusKey = (key) => !key.replace(/^export:/, '').startsWith('data/') && !key.startsWith('export:examples/');

  // Each case: a key (as written in asl-differences.json) and the file both tools judge.
  const cases = [];
  const toExport = [];
  for (const layer of layers) {
    for (const dir of ['asl', 'asl-invalid'])
      for (const f of listFiles(path.join(layer.root, dir), /\.(json|asl)$/))
        if (!f.startsWith('REASONS'))
          cases.push({ key: `${layer.prefix}${dir}/${f}`, file: path.join(layer.root, dir, f) });
    for (const dir of ['asl', 'asl-yaml', 'asl-embedded'])
      for (const f of listFiles(path.join(layer.root, dir), /\.(json|asl|ya?ml)$/))
        toExport.push({ key: `export:${layer.prefix}${dir}/${f}`, file: path.join(layer.root, dir, f) });
  }
  if (!cases.some((c) => c.key.startsWith('data/'))) {
    console.log(`no fixtures found in ${a.data}/asl and ${a.data}/asl-invalid`);
    process.exit(1);
  }
  for (const f of listFiles(a.examples, /\.egress\.json$/))
    toExport.push({ key: `export:examples/${f}`, file: path.join(a.examples, f) });
  toExport.forEach((e, i) => {
    const out = path.join(a.work, `export-${i}.asl.json`);
    const run = spawnSync(a.cli, ['export-asl', e.file, '-o', out], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`export-asl failed for ${e.key}: ${run.stderr}`);
    cases.push({ key: e.key, file: out });
  });

  const failures = [];
  const counts = { files: 0, agree: 0, bothValid: 0, bothInvalid: 0, listed: 0 };
  const seen = new Set();
  for (const c of cases) {
    const ours = ourVerdict(a.cli, c.file);
    counts.files += 1;
    seen.add(c.key);
    const entry = listed.get(c.key);
    // "aslValidator": "not run": asl-validator takes many minutes on it (e.g. 66 nested Parallel states).
    if (entry && entry.aslValidator === 'not run') {
      if (ours.verdict === entry.ours) counts.listed += 1;
      else failures.push(`${c.key}: egress-cli says ${ours.verdict}, asl-differences.json says ${entry.ours}`);
      continue;
    }
    const theirs = theirVerdict(validator, c.file);
    if (ours.verdict === theirs.verdict) {
      counts.agree += 1;
      counts[ours.verdict === 'valid' ? 'bothValid' : 'bothInvalid'] += 1;
      if (entry)
        failures.push(`${c.key}: listed in asl-differences.json, but both now say ${ours.verdict}; remove the entry`);
      continue;
    }
    if (entry && entry.ours === ours.verdict && entry.aslValidator === theirs.verdict) {
      counts.listed += 1;
      continue;
    }
    failures.push(
      `${c.key}: egress-cli says ${ours.verdict}, asl-validator says ${theirs.verdict}` +
        (entry ? ' (listed with other verdicts)' : ' (not listed in asl-differences.json)') +
        `\n    ours:   ${ours.detail.slice(0, 300)}\n    theirs: ${theirs.detail.slice(0, 300)}`
    );
  }
  for (const d of differences)
    if (!seen.has(d.file) && (haveCorpus || !isCorpusKey(d.file))) failures.push(`${d.file}: listed in asl-differences.json but not checked (file gone?)`);
  for (const d of differences)
    if (!d.rule || !d.reason) failures.push(`${d.file}: an entry of asl-differences.json needs "rule" and "reason"`);

  console.log(
    `asl conformance: ${counts.files} files; verdicts agree on ${counts.agree} ` +
      `(${counts.bothValid} valid, ${counts.bothInvalid} invalid); ${counts.listed} deliberate differences ` +
      `(asl-differences.json); ${failures.length} unexplained`
  );
  if (failures.length) {
    console.log(failures.join('\n'));
    process.exit(1);
  }
}

main();
