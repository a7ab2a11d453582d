"""Refresh the bundled JSON-LD contexts from the shared corpus (maintainers only; output is committed).

    python resources/contexts/bundle.py ../shared/corpus

Reads the corpus' context-map.json, copies each context here under a stable file name, and writes
index.json (URL -> file name, SHA-256).  The app never fetches a context that is not listed there
unless online checks are on.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def file_name(url: str) -> str:
    name = re.sub(r"^https?://", "", url)
    name = re.sub(r"[^A-Za-z0-9.]+", "_", name).strip("_")
    return name if name.endswith((".json", ".jsonld")) else name + ".jsonld"


def main(corpus: Path) -> None:
    mapping = json.loads((corpus / "context-map.json").read_text())
    index = {}
    for url, rel in sorted(mapping.items()):
        data = (corpus / rel).read_bytes()
        json.loads(data)  # must parse
        name = file_name(url)
        (HERE / name).write_bytes(data)
        index[url] = {"file": name, "sha256": hashlib.sha256(data).hexdigest()}
    (HERE / "index.json").write_text(json.dumps(index, indent=2, sort_keys=True) + "\n")
    print(f"{len(index)} contexts bundled")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
