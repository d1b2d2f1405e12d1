"""The version of vienalign, defined once: pyproject.toml's, read from the installed package's metadata.

Stages import it from here, never from the package root (importing ``align`` loads every stage).
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("vienalign")
except PackageNotFoundError:  # a checkout on sys.path that was never installed
    __version__ = "0+unknown"
