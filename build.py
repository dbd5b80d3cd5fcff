#!/usr/bin/env python3
"""Build the Repère catalogue: ``python build.py --help``."""

import sys

from generator.catalogue.site_build import main

if __name__ == "__main__":
    sys.exit(main())
