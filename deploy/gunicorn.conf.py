"""Gunicorn settings: `make serve` uses them, and so can any deployment behind a proxy."""

import gc
import os

workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# Load the app in the master before forking: a broken setting stops the start at
# once, and the workers share the loaded code's memory.
preload_app = True
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20


def pre_fork(server, worker):
    """Move what the preloaded app allocated out of the collector's sight: fewer objects
    to scan on every collection, and the pages stay shared with the master (no
    copy-on-write from the collector's bookkeeping)."""
    gc.freeze()


# Gunicorn 24+ opens a control socket at one fixed path per user; two servers on
# one machine (a benchmark, tests) would fight over it, and nothing here uses it.
control_socket_disable = True
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"  # heartbeat files off disk (containers' overlay fs)

# The app writes one JSON line per request itself (eventsite.logs); gunicorn's own
# messages use the same format on stdout.
accesslog = None
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "eventsite.logs.JsonFormatter"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
        }
    },
    "root": {"handlers": ["stdout"], "level": "INFO"},
    "loggers": {
        "gunicorn.error": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": [], "level": "INFO", "propagate": False},
    },
}
