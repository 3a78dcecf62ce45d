"""Shared plumbing for every app: bounded admin search, migration grants, the page
cache, the release token. It imports no project app (an import-linter contract
keeps it so); apps import it, never the reverse."""
