#!/usr/bin/env bash
# The CI bundle job: build the Linux one-folder app and smoke-test it, but only when its inputs changed since
# the last bundle someone verified (docs/install.md, "The CI bundle job").
#
#   bash packaging/ci_bundle.sh check        # exit 0: inputs as verified last time; 1: changed (prints both hashes)
#   bash packaging/ci_bundle.sh run [DIR]    # build + smoke test (packaging/build_bundle.sh) into DIR
#                                            # (default dist/ci-bundle); on success prints the command below
#   bash packaging/ci_bundle.sh stamp [DIR]  # record the inputs DIR's successful run verified in
#                                            # packaging/bundle-verified.txt (commit it)
#   bash packaging/ci_bundle.sh hash         # the inputs' hash
#   bash packaging/ci_bundle.sh auto         # .ci/run: `check`, and `run` when it says changed
#
# The inputs: everything under packaging/ except the Flatpak files (they do not go into this bundle) and the
# stamp itself, plus pyproject.toml and setup.py.  The code (wallet/, ui/) is not an input: the test suite
# covers it, and tests/packaging/test_wheel.py runs the same smoke test on an installed wheel on every run.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
stamp_file=$root/packaging/bundle-verified.txt

inputs_hash() {
  (cd "$root" && find packaging pyproject.toml setup.py -type f \
      ! -path 'packaging/flatpak/*' ! -path 'packaging/bundle-verified.txt' ! -path '*/__pycache__/*' \
      ! -name '*.pyc' -print0 | LC_ALL=C sort -z | xargs -0 sha256sum) | sha256sum | cut -d' ' -f1
}

recorded_hash() {
  [ -f "$stamp_file" ] && sed -n 's/^inputs-sha256: *//p' "$stamp_file" | head -n1 || true
}

out=${2:-$root/dist/ci-bundle}
case ${1:-} in
  hash) inputs_hash ;;
  check)
    now=$(inputs_hash); was=$(recorded_hash)
    if [ "$now" = "$was" ]; then
      echo "bundle: inputs unchanged since the last verified bundle ($now); not rebuilt"
    else
      echo "bundle: inputs changed since the last verified bundle (now $now, verified ${was:-never})"
      exit 1
    fi ;;
  run)
    now=$(inputs_hash)
    rm -rf "$out"
    started=$(date +%s)
    bash "$root/packaging/build_bundle.sh" "$out"
    seconds=$(( $(date +%s) - started ))
    {
      echo "inputs-sha256: $now"
      echo "verified: $(date -u +%Y-%m-%dT%H:%M:%SZ) in ${seconds} s on $(uname -sm)"
      echo "python: $("$out/build-venv/bin/python" -c 'import sys; print(sys.version.split()[0])')"
      echo "pyinstaller: $("$out/build-venv/bin/pyinstaller" --version)"
      echo "bundle: $(du -sh "$out/bundle/credwallet" | cut -f1) unpacked"
    } > "$out/verified.txt"
    echo "bundle: built and smoke-tested in ${seconds} s"
    echo "bundle: to record it (so CI does not rebuild until the inputs change), run and commit:"
    echo "    bash packaging/ci_bundle.sh stamp${2:+ $2}"
    ;;
  stamp)
    [ -f "$out/verified.txt" ] || { echo "bundle: no successful run in $out (run: bash packaging/ci_bundle.sh run)" >&2; exit 2; }
    ran=$(sed -n 's/^inputs-sha256: *//p' "$out/verified.txt")
    now=$(inputs_hash)
    [ "$ran" = "$now" ] || { echo "bundle: the inputs changed since that run ($ran, now $now): run it again" >&2; exit 1; }
    { echo "# The last Linux bundle that was built and smoke-tested (packaging/ci_bundle.sh); CI rebuilds it"
      echo "# when the inputs' hash differs.  Written by: bash packaging/ci_bundle.sh stamp"
      cat "$out/verified.txt"; } > "$stamp_file"
    echo "bundle: recorded in packaging/bundle-verified.txt: commit it" ;;
  auto)
    if bash "$0" check; then exit 0; fi
    bash "$0" run "$out" ;;
  *) sed -n '2,15p' "$0" >&2; exit 2 ;;
esac
