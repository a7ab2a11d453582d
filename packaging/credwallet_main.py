"""Entry point of the frozen app (PyInstaller runs a script, not a console_scripts entry)."""

import sys

from ui.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
