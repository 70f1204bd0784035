"""Shared test helpers: fixture paths and the --update-goldens flag.

Golden files live in ``fixtures/<case>/``.  ``pytest --update-goldens`` rewrites
them, but a golden is only rewritten after the test's invariants passed (the
test calls ``golden.check(...)`` after asserting them).

HTML goldens are compared after scrubbing (as coverage.py's HTML tests do): the inlined
stylesheet and script bodies are replaced by named placeholders, in the golden and in the
output alike, so a change of style or behaviour does not rewrite every golden (the CSS and
JS are tested by tests/test_render_html.py and tests/test_browser.py).  Goldens are stored
in the scrubbed form.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"

#: The fixture histories, imported once per test session by the ``hists`` fixture (read only:
#: a test that writes makes a history of its own).
HISTORY_CASES = {"us": FIXTURES / "history-us-s269" / "manifest.toml",
                 "vig": FIXTURES / "history-de-vig" / "manifest.csv",
                 "eu": FIXTURES / "history-eu-dma" / "manifest.toml"}


def cli(*args: str):
    """The command line in-process: (exit code, stdout text, stderr text)."""
    from click.testing import CliRunner

    from travaux.cli import cli as main

    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="session")
def hists(tmp_path_factory):
    """name -> History of each fixture manifest, imported once."""
    from travaux.history import init_history

    out = {}
    for name, manifest in HISTORY_CASES.items():
        h = init_history(tmp_path_factory.mktemp(name) / "h")
        h.import_manifest(manifest)
        out[name] = h
    return out


#: name -> (pattern, replacement) applied to ``*.html`` goldens and outputs before comparing.
HTML_SCRUBS: dict[str, tuple[re.Pattern[str], str]] = {
    "inlined-css": (re.compile(r"(<style\b[^>]*>).*?(</style>)", re.S), r"\1[inlined css]\2"),
    "inlined-js": (re.compile(r"(<script\b[^>]*>).*?(</script>)", re.S), r"\1[inlined js]\2"),
    # the Content-Security-Policy names the inlined script and style by their hashes
    "csp-hash": (re.compile(r"'sha256-[A-Za-z0-9+/=]+'|&#39;sha256-[A-Za-z0-9+/=]+&#39;"), "[hash]"),
}


def scrub(path: Path, text: str) -> str:
    """``text`` with the volatile parts of a golden of this kind replaced (HTML only)."""
    if path.suffix != ".html":
        return text
    for pattern, replacement in HTML_SCRUBS.values():
        text = pattern.sub(replacement, text)
    return text


def pytest_addoption(parser):
    parser.addoption("--update-goldens", action="store_true", default=False,
                     help="Rewrite golden output files under fixtures/ (after invariants pass).")


class Golden:
    def __init__(self, update: bool):
        self.update = update

    def check(self, path: Path, actual: str) -> None:
        """Compare ``actual`` with the golden file ``path`` (or rewrite it)."""
        path = Path(path)
        actual = scrub(path, actual)
        if self.update or not path.exists():
            if not self.update:
                pytest.fail(f"golden file {path} is missing; run pytest --update-goldens to create it")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8", newline="")
            return
        expected = scrub(path, path.read_text(encoding="utf-8"))
        assert actual == expected, f"output differs from golden {path.relative_to(ROOT)}; " \
            "inspect, then run pytest --update-goldens if the change is intended"


@pytest.fixture
def golden(request) -> Golden:
    return Golden(request.config.getoption("--update-goldens"))


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
