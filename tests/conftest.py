"""Shared test helpers: fixture paths and the --update-goldens flag.

Golden files live in ``fixtures/<case>/``.  ``pytest --update-goldens`` rewrites
them, but a golden is only rewritten after the test's invariants passed (the
test calls ``golden.check(...)`` after asserting them).
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"


def pytest_addoption(parser):
    parser.addoption("--update-goldens", action="store_true", default=False,
                     help="Rewrite golden output files under fixtures/ (after invariants pass).")


class Golden:
    def __init__(self, update: bool):
        self.update = update

    def check(self, path: Path, actual: str) -> None:
        """Compare ``actual`` with the golden file ``path`` (or rewrite it)."""
        path = Path(path)
        if self.update or not path.exists():
            if not self.update:
                pytest.fail(f"golden file {path} is missing; run pytest --update-goldens to create it")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8", newline="")
            return
        expected = path.read_text(encoding="utf-8")
        assert actual == expected, f"output differs from golden {path.relative_to(ROOT)}; " \
            "inspect, then run pytest --update-goldens if the change is intended"


@pytest.fixture
def golden(request) -> Golden:
    return Golden(request.config.getoption("--update-goldens"))


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
