"""Packaging step of our own: copy templates and npm files into the package (generator/vendor.py).

Everything else about the package is declared in pyproject.toml.
"""

import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class BuildWithData(build_py):
    def run(self) -> None:
        # An editable install (scripts/install.sh) reads the checkout's own files: nothing to copy,
        # and node_modules may not be there yet.
        if not getattr(self, "editable_mode", False):
            sys.path.insert(0, str(ROOT))
            from generator.vendor import copy_package_data

            copy_package_data(ROOT)
        super().run()


setup(cmdclass={"build_py": BuildWithData})
