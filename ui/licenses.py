"""The third-party software credwallet runs on, read from the installed distributions' own metadata.

Nothing here is typed in by hand: the list is credwallet's runtime requirements and theirs, as installed
(a platform-only requirement that is not installed here is not listed), each with the licence its
metadata states (``License-Expression``, else ``License``, else the licence classifiers) and the text of
the licence files it ships.  The About dialog shows it; a frozen build must keep the dist-info folders
(packaging/credwallet.spec copies them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import metadata

APP_DIST = "credwallet"
_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")
_MAX_TEXT = 200_000  # one licence file's characters shown (some bundle whole toolchains' licences)


@dataclass
class Component:
    name: str
    version: str
    license: str  # as the metadata states it; "not stated in its metadata" when it does not
    homepage: str = ""
    license_files: list[str] = field(default_factory=list)
    dist: metadata.Distribution | None = field(default=None, repr=False, compare=False)
    resource_files: list[str] = field(default_factory=list)  # bundled artwork: its licence under resources/

    def license_texts(self) -> list[tuple[str, str]]:
        """(file name, text) of each licence file the distribution ships (read when asked: they can be long)."""
        out = []
        for rel in self.resource_files:
            from wallet import paths

            f = paths.resources_dir() / rel
            if f.is_file():
                out.append((rel, f.read_text("utf-8")[:_MAX_TEXT]))
        for name in self.license_files:
            text = _read_license_file(self.dist, name) if self.dist is not None else None
            if text is not None:
                out.append((name, text[:_MAX_TEXT]))
        return out


def _read_license_file(dist: metadata.Distribution, name: str) -> str | None:
    for candidate in (f"licenses/{name}", name):  # metadata 2.4 puts them under licenses/
        try:
            text = dist.read_text(candidate)
        except (OSError, UnicodeDecodeError, ValueError):
            text = None
        if text is not None:
            return text
    for f in dist.files or []:  # older wheels: somewhere in the dist-info folder
        if f.name == name.rsplit("/", 1)[-1] and ".dist-info" in str(f):
            try:
                return f.read_text("utf-8")
            except (OSError, UnicodeDecodeError):
                return None
    return None


def license_of(meta) -> str:  # noqa: ANN001 - the metadata message
    expr = (meta.get("License-Expression") or "").strip()
    if expr:
        return expr
    text = (meta.get("License") or "").strip()
    if text and len(text) <= 120 and "\n" not in text:  # some put the whole licence text here
        return text
    classifiers = [c.split(" :: ")[-1] for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    if classifiers:
        return ", ".join(classifiers)
    if text:
        return text.splitlines()[0][:120]
    return "not stated in its metadata"


def _homepage(meta) -> str:  # noqa: ANN001
    if meta.get("Home-page"):
        return meta["Home-page"]
    for url in meta.get_all("Project-URL") or []:
        label, _, link = url.partition(",")
        if label.strip().lower() in ("homepage", "home", "source", "repository", "source code"):
            return link.strip()
    return ""


def _requirement_names(dist: metadata.Distribution) -> list[str]:
    names = []
    for req in dist.requires or []:
        spec, _, marker = req.partition(";")
        if "extra" in marker:  # optional extras are not what the app runs on
            continue
        m = _NAME.match(spec)
        if m:
            names.append(m.group(1))
    return names


def _key(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def third_party(app: str = APP_DIST) -> list[Component]:
    """Every installed distribution credwallet needs at run time, sorted by name; [] when credwallet itself
    is not installed as a distribution (then nothing can be read, and the caller says so)."""
    try:
        root = metadata.distribution(app)
    except metadata.PackageNotFoundError:
        return []
    seen: dict[str, Component] = {}
    todo = _requirement_names(root)
    while todo:
        name = todo.pop()
        if _key(name) in seen or _key(name) == _key(app):
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # a requirement for another platform
        meta = dist.metadata
        seen[_key(name)] = Component(meta["Name"] or name, dist.version, license_of(meta), _homepage(meta),
                                     list(dict.fromkeys(meta.get_all("License-File") or [])), dist)
        todo.extend(_requirement_names(dist))
    return sorted(seen.values(), key=lambda c: c.name.lower())


def own_license_text(app: str = APP_DIST) -> str | None:
    """credwallet's own LICENSE, as shipped in its metadata (None when not installed as a distribution)."""
    try:
        dist = metadata.distribution(app)
    except metadata.PackageNotFoundError:
        return None
    for name in dist.metadata.get_all("License-File") or []:
        text = _read_license_file(dist, name)
        if text:
            return text
    return None


# Artwork bundled under resources/ (not a Python distribution, so not in the metadata walk above).
BUNDLED_ARTWORK = (
    ("Adwaita icon theme (symbolic icons)", "48.1", "LGPL-3.0-only OR CC-BY-SA-3.0",
     "https://gitlab.gnome.org/GNOME/adwaita-icon-theme", "icons/actions/LICENSE.txt"),
)


def bundled_artwork() -> list[Component]:
    """The icon set on the toolbar and in the navigation list (docs/icons.md), with its licence file."""
    return [Component(name, version, lic, home, resource_files=[f]) for name, version, lic, home, f in BUNDLED_ARTWORK]
