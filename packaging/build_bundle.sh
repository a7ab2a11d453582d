#!/usr/bin/env bash
# Build the one-folder Linux app with PyInstaller, smoke-test it, and pack it for download.
#
#   bash packaging/build_bundle.sh [OUT_DIR]        # default OUT_DIR: dist/
#
# Makes a clean venv in OUT_DIR/build-venv (credwallet from this checkout plus PyInstaller, from PyPI),
# runs packaging/credwallet.spec, then packaging/smoke_test.py on the result (version; init, import and
# verify of the demo set; a QR round trip; the --demo window grabbed offscreen), and writes
# OUT_DIR/credwallet-VERSION-linux-x86_64.tar.gz.  Takes a few minutes; CI does not run it on every
# change (see docs/install.md).  The same spec builds on Windows and macOS: see docs/install.md.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=$(mkdir -p "${1:-$root/dist}" && cd "${1:-$root/dist}" && pwd)
py=${PYTHON:-python3}

"$py" -m venv "$out/build-venv"
"$out/build-venv/bin/pip" install -q --upgrade pip
"$out/build-venv/bin/pip" install -q "$root" "pyinstaller>=6.10"
(cd "$out" && "$out/build-venv/bin/pyinstaller" --noconfirm --clean --distpath "$out/bundle" \
   --workpath "$out/pyinstaller-work" "$root/packaging/credwallet.spec")
app="$out/bundle/credwallet"
QT_QPA_PLATFORM=offscreen "$py" "$root/packaging/smoke_test.py" "$app/credwallet" --out "$out/smoke"
version=$("$app/credwallet" --version | awk '{print $2}')
tarball="$out/credwallet-$version-linux-$(uname -m).tar.gz"
tar -C "$out/bundle" -czf "$tarball" credwallet
echo "bundle: $(du -sh "$app" | cut -f1) unpacked, $(du -h "$tarball" | cut -f1) packed: $tarball"
