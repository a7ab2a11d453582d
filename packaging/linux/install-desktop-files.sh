#!/bin/sh
# Install credwallet's desktop integration for one user (default) or into a prefix: the menu entry,
# the link and file associations, the AppStream metadata and the icons.
#
#   packaging/linux/install-desktop-files.sh [--prefix DIR] [--exec COMMAND] [--icons DIR]
#
# --prefix  where share/ goes (default: $XDG_DATA_HOME, i.e. ~/.local/share, as the share folder itself)
# --exec    the command the menu entry runs (default: credwallet, found on PATH); an unpacked bundle
#           passes its own absolute path
# --icons   the icons folder (default: resources/icons of this checkout, or the bundle's own)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
app_id=org.credwallet.CredWallet
share=${XDG_DATA_HOME:-$HOME/.local/share}
exec_cmd=credwallet
icons=$here/../../resources/icons                     # a checkout
[ -d "$icons" ] || icons=$here/../wallet/resources/icons  # the PyInstaller bundle (_internal/linux)
while [ $# -gt 0 ]; do
  case $1 in
    --prefix) share=$2/share; shift 2 ;;
    --exec) exec_cmd=$2; shift 2 ;;
    --icons) icons=$2; shift 2 ;;
    *) echo "usage: $0 [--prefix DIR] [--exec COMMAND] [--icons DIR]" >&2; exit 2 ;;
  esac
done
case $exec_cmd in *[!A-Za-z0-9_./+-]*) echo "$0: --exec must be a plain path (no spaces or quotes)" >&2; exit 2 ;; esac
[ -d "$icons/hicolor" ] || { echo "$0: no icons in $icons" >&2; exit 2; }

mkdir -p "$share/applications" "$share/metainfo" "$share/mime/packages" "$share/icons"
sed "s|^Exec=credwallet |Exec=$exec_cmd |" "$here/$app_id.desktop" > "$share/applications/$app_id.desktop"
cp "$here/$app_id.metainfo.xml" "$share/metainfo/"
cp "$here/$app_id.xml" "$share/mime/packages/"
cp -R "$icons/hicolor" "$share/icons/"

# Refresh the caches where the tools exist (every desktop has them; a bare container may not).
if command -v update-mime-database >/dev/null 2>&1; then update-mime-database "$share/mime"; fi
if command -v update-desktop-database >/dev/null 2>&1; then update-desktop-database -q "$share/applications"; fi
if command -v gtk-update-icon-cache >/dev/null 2>&1; then gtk-update-icon-cache -q -t "$share/icons/hicolor" || true; fi
echo "installed $app_id into $share"
