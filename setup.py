"""The build hook that ships the corpora in the wheel.

``corpora/`` and ``seeds/`` stay at the top of the source tree (the project's layout); a regular
``pip install .`` copies them into the installed package as ``align/corpora`` and ``align/seeds``
(the relative paths between them, ``../../seeds/...`` in ``pairs.tsv``, still hold), so ``vienalign
demo`` finds them from any folder (:func:`align.demo.default_corpora`). Everything else is in
``pyproject.toml``.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SHIPPED = ("corpora", "seeds")


class BuildPyWithCorpora(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):  # an editable install finds them in the source tree
            return
        root = Path(__file__).resolve().parent
        for name in SHIPPED:
            target = Path(self.build_lib) / "align" / name
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(root / name, target)


setup(cmdclass={"build_py": BuildPyWithCorpora})
