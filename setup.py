"""Build hook: ship ``resources/`` inside the wheel as ``consultaid/resources``.

Everything else is in pyproject.toml. ``consultaid.resources`` finds the folder in a source
checkout, an installed wheel and a frozen bundle alike.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class BuildWithResources(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:  # an editable install reads <checkout>/resources directly
            return
        target = Path(self.build_lib) / "consultaid" / "resources"
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(ROOT / "resources", target,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".*"))


setup(cmdclass={"build_py": BuildWithResources})
