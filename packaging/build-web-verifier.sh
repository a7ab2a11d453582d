#!/usr/bin/env bash
# Rebuild the employer's verifier page bundle (ui/web/verifier/dist/) from the committed sources:
# the shared data from the Python core, then `npm ci` (exact versions from package-lock.json) and esbuild.
# Commit the result: the page and its tests run without Node. tests/web/test_bundle.py checks that
# dist/manifest.json matches the committed sources.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
python="${PYTHON:-python3}"
"$python" "$root/packaging/export_web_verifier_data.py"
cd "$root/ui/web/verifier"
npm ci --no-audit --no-fund
node build.mjs
echo "built: $(du -b dist/verifier.js | cut -f1) bytes (dist/verifier.js)"
