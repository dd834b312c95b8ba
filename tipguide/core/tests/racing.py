"""Run writes at the same moment on separate database connections, as two users would."""

import threading

import pytest
from django.db import connection


def needs_row_locks():
    """Skip on SQLite: its test database is one in-memory file that threads cannot share the
    way two server processes share PostgreSQL."""
    if connection.vendor != "postgresql":
        pytest.skip(
            "races need PostgreSQL's concurrent connections; SQLite's test database serialises them"
        )


def race(*writes, timeout=20):
    """Start each write at once in its own thread; return what each returned or raised."""
    barrier = threading.Barrier(len(writes))
    outcomes = [None] * len(writes)

    def run(index, write):
        try:
            barrier.wait(timeout=timeout)
            outcomes[index] = write()
        except Exception as error:  # noqa: BLE001 - the outcome under test
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(writes)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    return outcomes
