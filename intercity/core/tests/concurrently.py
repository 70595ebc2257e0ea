"""Run one action from several threads at once, each with its own database connection, to
prove that a state change happens once however many requests arrive together.

Use it from a test marked `@pytest.mark.django_db(transaction=True)`: the rows the threads
see must be committed, so the test's own transaction cannot hold them."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import close_old_connections, connection


@dataclass
class Outcomes:
    results: list[Any] = field(default_factory=list)
    errors: list[BaseException] = field(default_factory=list)

    def count(self, kind: type[BaseException]) -> int:
        return sum(isinstance(error, kind) for error in self.errors)


def run_concurrently(action: Callable[[int], Any], times: int = 8) -> Outcomes:
    """Start `times` threads that call `action(i)` together (a barrier releases them at once)
    and collect what each returned or raised."""
    barrier = threading.Barrier(times)
    outcomes = Outcomes()
    lock = threading.Lock()

    def worker(index: int) -> None:
        try:
            barrier.wait()
            result = action(index)
            with lock:
                outcomes.results.append(result)
        except BaseException as error:  # every failure is an outcome to count
            with lock:
                outcomes.errors.append(error)
        finally:
            connection.close()
            close_old_connections()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes
