"""The release token: the one name for "which build of the site answers".

It is part of every page-cache key and every page ETag, so a deploy that
changes the markup is never answered from an old cached page or with a 304 for
an unchanged event. It digests `EVENTSITE_RELEASE` (set it to the git commit)
with the page templates and site assets, so it moves even when the setting is
left empty.
"""

import functools
import hashlib
from pathlib import Path

from django.conf import settings


def release_token() -> str:
    return _digest(str(settings.BASE_DIR), settings.EVENTSITE_RELEASE)


@functools.cache
def _digest(base_dir: str, release: str) -> str:
    digest = hashlib.sha256(release.encode())
    for root in (Path(base_dir) / "templates", Path(base_dir) / "static"):
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
