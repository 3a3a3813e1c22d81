#!/usr/bin/env bash
# Every test, from a fresh clone: installs what the tests need, checks types, lints, checks the format (Prettier), checks that the
# committed dist/ is what the sources build, then runs the vitest suites (unit, conformance on
# ONNX's own operator tests, real exported models, CLI end to end).
set -euo pipefail
cd "$(dirname "$0")/.."

# libonnx-testdata: ONNX's per-operator test models; flatbuffers-compiler: flatc, for the TFLite schema freshness test.
if [ ! -d /usr/share/libonnx-testdata/data/node ] || ! command -v flatc >/dev/null; then
  echo "installing Debian's libonnx-testdata (ONNX's per-operator test models) and flatbuffers-compiler (flatc)"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libonnx-testdata flatbuffers-compiler >/dev/null
fi

npm ci --no-audit --no-fund --loglevel=error
# onnxruntime-node for the calibrate tests (not a declared dependency: calibrate loads it lazily; tests skip without it)
npm i --no-save --ignore-scripts --no-audit --no-fund --loglevel=error onnxruntime-node@1.30.0
npx tsc --noEmit
npm run --silent lint
npx prettier --check .
node scripts/build.mjs
if ! git diff --quiet -- dist 2>/dev/null || [ -n "$(git status --porcelain -- dist 2>/dev/null)" ]; then
  echo "dist/ is stale: run 'npm run build' and commit the result" >&2
  git status --short -- dist >&2
  exit 1
fi
mkdir -p .tmp
npx vitest run --reporter=default --reporter=json --outputFile.json=.tmp/vitest.json
# One plain closing line that any CI log reader understands.
node -e 'const r=require("./.tmp/vitest.json"); console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`)'
