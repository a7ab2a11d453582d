"""Build glue that pyproject.toml cannot say: the top-level resources/ folder ships inside the wheel.

In a checkout the app reads resources/ beside wallet/; an installed wheel has no checkout, so the same
files go into the wheel as the package data of ``wallet.resources`` (wallet/paths.py looks there first).
Every file under resources/ goes in except the maintainers' scripts, so a resource added later cannot be
left behind (tests/packaging/test_wheel.py builds the wheel and compares).  Everything else about the
package is in pyproject.toml.
"""

from setuptools import find_packages, setup

setup(
    packages=find_packages(include=["wallet", "wallet.*", "ui", "ui.*"]) + ["wallet.resources", "ui.web_verifier"],
    package_dir={"wallet.resources": "resources", "ui.web_verifier": "ui/web/verifier"},
    package_data={"wallet.resources": ["**/*"], "ui.web_verifier": ["index.html", "verifier.css", "dist/*"],
                  "": ["*.json", "*.png", "*.svg", "*.pdf", "*.jwt", "*.txt"]},
    exclude_package_data={"wallet.resources": ["*.py", "**/*.py", "**/*.pyc", "**/__pycache__/*", "**/.*"]},
)
