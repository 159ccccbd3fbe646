#!/usr/bin/env node
// Every YAML we write must read back as the same data with a YAML 1.1 and a YAML 1.2 parser (issue #18):
// definitions whose names and values a careless writer would let a reader change — "<<" (1.1's merge key),
// "=", yes/no/on/off, 0x10, 1:20, dates, DEL, C1 controls, U+2028/U+2029, byte order marks, long keys,
// invalid UTF-8 (read from a YAML input: both writers must give U+FFFD) — are exported with
// `egress-cli export-asl` as YAML and as JSON, and the YAML is parsed with npm `yaml` (version 1.1 and 1.2)
// and `js-yaml` (1.2): each must equal the JSON export.
//
// usage: node yaml_roundtrip.js --cli BUILD/app/cli/egress-cli --work DIR
'use strict';

const fs = require('fs');
const path = require('path');
const assert = require('assert');
const { spawnSync } = require('child_process');

const argv = process.argv.slice(2);
const arg = (name) => argv[argv.indexOf(`--${name}`) + 1];
let YAML, jsyaml;
try {
  YAML = require(path.join(__dirname, 'node_modules', 'yaml'));
  jsyaml = require(path.join(__dirname, 'node_modules', 'js-yaml'));
} catch (e) {
  console.log(`SKIP: npm yaml / js-yaml are not installed (run "npm ci" in ${__dirname}; the test command does)`);
  process.exit(77);
}

const tricky = ['<<', '=', 'yes', 'No', 'on', 'OFF', 'y', '~', 'null', '0x10', '0o17', '0b101', '017', '1:20', '1_000',
  '.inf', '-.Inf', '.NaN', '2026-11-30', '2026-11-30T06:00:00Z', '1e3', '+1', '.5', '- a', ': b', 'a: b', 'a #b', '#c',
  '!tag', '&anchor', '*alias', '%directive', '@at', '`tick', '|', '>', '"q"', "'s'", '[x]', '{y}', ',z', '?', 'tab\there',
  'del\x7f', 'c1\u0085', 'nbsp\u00a0', 'ls\u2028', 'ps\u2029', '\ufeffbom', 'trailing ', ' leading', 'multi\nline\n',
  'multi\n\nlines', 'crlf\r\n', 'emoji 🚀', 'k'.repeat(1100), 'ünïcødé'];

function definitionWith(strings) {
  const states = {};
  const names = strings.map((s, i) => `${s}`.slice(0, 70) || `s${i}`);
  const unique = [...new Set(names)];
  unique.forEach((name, i) => {
    states[name] = { Type: 'Pass', Result: { [strings[i % strings.length]]: strings[(i + 1) % strings.length],
      list: strings.slice(0, 5) }, Comment: strings[i % strings.length] };
    if (i + 1 < unique.length) states[name].Next = unique[i + 1]; else states[name].End = true;
  });
  return { Comment: 'YAML round trip', StartAt: unique[0], States: states };
}

const cli = arg('cli');
const work = arg('work');
fs.mkdirSync(work, { recursive: true });
const inputs = [];
const jsonInput = path.join(work, 'tricky.asl.json');
fs.writeFileSync(jsonInput, JSON.stringify(definitionWith(tricky), null, 1));
inputs.push(jsonInput);
// Invalid UTF-8 can only come from a YAML input (a JSON reader refuses it).
const yamlInput = path.join(work, 'invalid-utf8.asl.yaml');
fs.writeFileSync(yamlInput, Buffer.concat([
  Buffer.from('StartAt: A\nStates:\n  A:\n    Type: Pass\n    Comment: "bad \\xff"\n    Result:\n      raw: b'),
  Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80]), Buffer.from('d\n    End: true\n')]));
inputs.push(yamlInput);

let failures = 0;
for (const input of inputs) {
  const base = path.join(work, path.basename(input).replace(/\.asl\.(json|yaml)$/, ''));
  const run = (out) => spawnSync(cli, ['export-asl', input, '-o', out], { encoding: 'utf8' });
  for (const out of [`${base}.out.asl.yaml`, `${base}.out.asl.json`]) {
    const r = run(out);
    if (r.status !== 0) {
      console.log(`FAIL: egress-cli export-asl ${input} -o ${out}: exit ${r.status}\n${r.stderr}`);
      failures++;
    }
  }
  if (failures) continue;
  const expected = JSON.parse(fs.readFileSync(`${base}.out.asl.json`, 'utf8'));
  const text = fs.readFileSync(`${base}.out.asl.yaml`, 'utf8');
  const readers = {
    'yaml 1.1': () => YAML.parse(text, { version: '1.1', merge: true, maxAliasCount: -1 }),
    'yaml 1.2': () => YAML.parse(text, { version: '1.2' }),
    'js-yaml (1.2)': () => jsyaml.load(text),
  };
  for (const [name, read] of Object.entries(readers)) {
    try {
      assert.deepStrictEqual(read(), expected);
      console.log(`ok: ${path.basename(input)} read back by ${name}`);
    } catch (e) {
      failures++;
      console.log(`FAIL: ${path.basename(input)} read back by ${name}: ${e.message.slice(0, 2000)}`);
    }
  }
}
console.log(failures ? `${failures} failure(s)` : 'every YAML export reads back equal with YAML 1.1 and 1.2');
process.exit(failures ? 1 : 0);
