"""Build step that pyproject.toml cannot say: the wheel carries the site's
templates/, static/ and data/ inside the package (eventsite/_site/), where
eventsite.paths finds them. Everything else is declared in pyproject.toml."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SITE_TREES = ("templates", "static", "data", "locale")


class BuildWithSiteFiles(build_py):
    def run(self):
        super().run()
        if self.editable_mode:
            return  # an editable install reads the checkout itself
        target = Path(self.build_lib) / "eventsite" / "_site"
        for tree in SITE_TREES:
            if Path(tree).is_dir():
                shutil.copytree(Path(tree), target / tree, dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildWithSiteFiles})
