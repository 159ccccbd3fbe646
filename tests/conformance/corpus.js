// Where the node checks find the optional shared corpus (the same rule as tests/support/corpus.h):
// EGRESS_CORPUS_DIR in the environment wins (set it empty to leave the corpus out), else the --corpus
// argument CMake passes (its EGRESS_CORPUS_DIR cache variable). A folder that does not exist means no corpus.
'use strict';
const fs = require('fs');
const path = require('path');

/** The corpus folder, or null when there is none. */
function corpusDir(argument) {
  const dir = process.env.EGRESS_CORPUS_DIR !== undefined ? process.env.EGRESS_CORPUS_DIR : argument;
  return dir && fs.existsSync(dir) ? path.resolve(dir) : null;
}

/** The one line printed for checks skipped because there is no corpus. */
function corpusSkipLine(what) {
  return (
    `skipped (no corpus): ${what}; to run it, set EGRESS_CORPUS_DIR to the shared corpus folder ` +
    `(default ../shared/corpus beside the clone)`
  );
}

module.exports = { corpusDir, corpusSkipLine };
