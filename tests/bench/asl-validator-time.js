// Times npm asl-validator in-process on one file: read + JSON.parse + validate, median of N runs
// (after one warm-up), printed in milliseconds. Usage: node asl-validator-time.js FILE [RUNS]
'use strict';
const fs = require('fs');
const path = require('path');
const validator = require(path.join(__dirname, '../conformance/node_modules/asl-validator'));

const file = process.argv[2];
const runs = Number(process.argv[3] || 5);
function once() {
  const definition = JSON.parse(fs.readFileSync(file, 'utf8')); // the validator mutates its input
  const result = validator(definition);
  if (!result.isValid) {
    console.error(`${file}: asl-validator reports ${result.errors.length} problems`);
    process.exit(1);
  }
}
once();
const times = [];
for (let i = 0; i < runs; ++i) {
  const start = process.hrtime.bigint();
  once();
  times.push(Number(process.hrtime.bigint() - start) / 1e6);
}
times.sort((a, b) => a - b);
console.log(times[Math.floor(times.length / 2)].toFixed(2));
