"""Running the same work in many threads at once (each its own database connection)."""

import threading

from django.db import connections


def run_together(count: int, work) -> list:
    """Run work(n) for n in 0..count-1 in as many threads, released at once."""
    barrier = threading.Barrier(count)
    results: list = [None] * count
    errors: list = []

    def thread(n):
        try:
            barrier.wait(timeout=30)
            results[n] = work(n)
        except Exception as error:  # reported below, with the others
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=thread, args=(n,)) for n in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    return results
