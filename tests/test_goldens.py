"""The golden machinery itself: HTML goldens are scrubbed of the inlined CSS and JS (and only
of those), and the stored HTML goldens are in the scrubbed form."""

from __future__ import annotations

from pathlib import Path

from conftest import FIXTURES, scrub

PAGE = ("<!doctype html><html><head><meta http-equiv=\"Content-Security-Policy\" "
        "content=\"script-src 'sha256-abc+/=';\"><style>\nbody { color: red }\n</style></head>"
        "<body><p>Article 1 &amp; <b>shall</b></p><script>\nlet x = 1 < 2;\n</script></body></html>")


def test_scrub_replaces_style_and_script_bodies_only():
    out = scrub(Path("x.html"), PAGE)
    assert out == ("<!doctype html><html><head><meta http-equiv=\"Content-Security-Policy\" "
                   "content=\"script-src [hash];\"><style>[inlined css]</style></head>"
                   "<body><p>Article 1 &amp; <b>shall</b></p><script>[inlined js]</script>"
                   "</body></html>")
    assert scrub(Path("x.html"), out) == out                    # idempotent
    assert scrub(Path("x.txt"), PAGE) == PAGE                   # only HTML goldens


def test_stored_html_goldens_are_scrubbed_and_keep_their_markup():
    goldens = sorted(FIXTURES.glob("render-*/*.html"))
    assert goldens, "no HTML golden found"
    for path in goldens:
        text = path.read_text(encoding="utf-8")
        assert scrub(path, text) == text, f"{path.name} is not in the scrubbed form"
        assert "<style>[inlined css]</style>" in text and '<span class="chg' in text
