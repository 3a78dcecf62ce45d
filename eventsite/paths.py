"""Where the site's own files are, in a checkout and in an installed wheel.

In a checkout, `templates/`, `static/` and `data/` sit beside the packages. A
built wheel carries copies of them inside the package, in `eventsite/_site/`
(setup.py copies them at build time), because site-packages is no place for
top-level folders with generic names.

What the site writes (the SQLite file, collected static files, uploads) goes to
VAR_DIR: the checkout in a checkout; otherwise `EVENTSITE_VAR_DIR`, or the
current directory, never site-packages.
"""

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
_BUNDLED = PACKAGE_DIR / "_site"
INSTALLED = _BUNDLED.is_dir()

SITE_DIR = _BUNDLED if INSTALLED else PACKAGE_DIR.parent
VAR_DIR = (
    Path(os.environ.get("EVENTSITE_VAR_DIR") or Path.cwd()).resolve()
    if INSTALLED
    else PACKAGE_DIR.parent
)

TEMPLATES_DIR = SITE_DIR / "templates"
STATIC_DIR = SITE_DIR / "static"
DATA_DIR = SITE_DIR / "data"
SEED_FILE = DATA_DIR / "side-event-2017-09-04-vienna.json"
