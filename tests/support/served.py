"""deploy/serve.sh for tests that need real gunicorn workers, on the test database.

On PostgreSQL the server uses the test database itself (already migrated, so it
starts in seconds); the test must be `django_db(transaction=True)`, so that what
the server writes (the seed event) is flushed afterwards. SQLite's test database
lives in this process's memory, so there the server gets a file of its own.
"""

from pathlib import Path
from urllib.parse import quote

from django.db import connection

from bench.server import Server, environment


def served_database_url(tmp_path: Path, *, host: str | None = None, port: int | None = None) -> str:
    """A URL for the test database; `host`/`port` reach PostgreSQL another way (a proxy)."""
    if connection.vendor != "postgresql":
        return f"sqlite:///{tmp_path / 'served.sqlite3'}"
    db = connection.settings_dict
    user = quote(db["USER"] or "", safe="")
    password = f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    host = host or db["HOST"] or "127.0.0.1"
    port = port or db["PORT"] or 5432
    return f"postgres://{user}{password}@{host}:{port}/{quote(db['NAME'], safe='')}"


def serve(tmp_path: Path, database_url: str, **env) -> Server:
    connection.close()  # the server's migrate must not wait on this process's transaction
    return Server({**environment(database_url, tmp_path / "static"), **env}, tmp_path / "serve.log")
