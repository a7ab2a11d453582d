"""Print (or, with --write, save) docs/conformance.md from a fresh corpus run."""

from __future__ import annotations

import sys

from tests.conformance.corpus import DOC, render, run, run_extra


def main() -> None:
    text = render(run(), run_extra())
    if "--write" in sys.argv:
        DOC.write_text(text, "utf-8")
    print(text)


if __name__ == "__main__":
    main()
