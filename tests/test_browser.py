"""The rendered HTML in a real browser (headless Chromium through Playwright).

Opens the side-by-side and redline files of real corpus pairs (fixtures/example-dma,
fixtures/render-untoc) and of the hand-built hostile diff, with every network
request blocked (and asserted absent), and checks what a reader relies on: rows
level, no horizontal overflow, keys and buttons that move between changes,
filters that hide what they say, no console errors, hostile text inert.
Screenshots (and a print PDF) are written to tests/artifacts/ on every run.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from diffs import sample_diff
from realpairs import real_diff
from travaux.renderers import render

pytestmark = pytest.mark.browser

# Without the playwright package the whole module is skipped, with the reason shown by
# ``pytest -rs`` (not an error at collection).
sync_api = pytest.importorskip(
    "playwright.sync_api",
    reason="the Playwright python package is not installed (pip install playwright)")

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    out = tmp_path_factory.mktemp("pages")
    made = {}
    for name, diff in (("dma", real_diff("dma")), ("untoc", real_diff("untoc")),
                       ("sample", sample_diff())):
        for fmt in ("html", "redline"):
            path = out / f"{name}.{fmt}.html"
            path.write_text(render(diff, fmt), encoding="utf-8")
            made[name, fmt] = path
    return made


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        yield b
        b.close()


class Opened:
    def __init__(self, browser, path: Path, width: int = 1280):
        self.context = browser.new_context(viewport={"width": width, "height": 900})
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []

        def block(route):
            url = route.request.url
            if url.startswith(("file://", "data:")):
                route.continue_()
            else:
                self.requests.append(url)
                route.abort()

        self.context.route("**/*", block)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(path.as_uri())

    def close(self):
        assert self.requests == [], f"network requests attempted: {self.requests}"
        assert self.errors == [], f"console errors: {self.errors}"
        assert self.dialogs == [], f"a dialog opened (script ran?): {self.dialogs}"
        self.context.close()


@pytest.fixture
def open_page(browser):
    opened = []

    def _open(path, width=1280):
        o = Opened(browser, path, width)
        opened.append(o)
        return o

    yield _open
    for o in opened:
        o.close()


LEVEL_JS = """() => Array.from(document.querySelectorAll('table.cmp tr.r')).map(tr => {
  const [a, b] = tr.querySelectorAll('td');
  const ca = a.firstElementChild, cb = b.firstElementChild;
  return [a.getBoundingClientRect().top, b.getBoundingClientRect().top,
          ca ? ca.getBoundingClientRect().top : null, cb ? cb.getBoundingClientRect().top : null,
          tr.id];
})"""


@pytest.mark.parametrize("name", ["dma", "untoc"])
def test_rows_are_level(files, open_page, name):
    page = open_page(files[name, "html"]).page
    rows = page.evaluate(LEVEL_JS)
    assert len(rows) > 40
    for a, b, ca, cb, ident in rows:
        assert abs(a - b) < 0.5, ident
        if ca is not None and cb is not None:
            assert abs(ca - cb) < 0.5, ident     # the citations line up too


@pytest.mark.parametrize("width", [1280, 800])
@pytest.mark.parametrize("fmt", ["html", "redline"])
def test_no_horizontal_overflow(files, open_page, width, fmt):
    for name in ("dma", "sample"):
        page = open_page(files[name, fmt], width).page
        sw, cw = page.evaluate("() => [document.documentElement.scrollWidth, "
                               "document.documentElement.clientWidth]")
        assert sw <= cw, f"{name} {fmt} at {width}px: {sw} > {cw}"
        ARTIFACTS.mkdir(exist_ok=True)
        if name == "dma":
            page.screenshot(path=str(ARTIFACTS / f"dma-{fmt}-{width}.png"))


def test_keys_and_buttons_move_between_changes(files, open_page):
    page = open_page(files["dma", "html"]).page
    total = page.evaluate("() => document.querySelectorAll('.chg[id]').length")
    assert total > 100
    page.keyboard.press("n")
    assert page.inner_text("#_pos") == f"Change 1 of {total}"
    assert page.evaluate("() => document.activeElement.id") == "_c1"
    page.keyboard.press("j")
    page.keyboard.press("n")
    assert page.inner_text("#_pos") == f"Change 3 of {total}"
    page.keyboard.press("k")
    assert page.evaluate("() => document.activeElement.id") == "_c2"
    page.keyboard.press("p")
    assert page.inner_text("#_pos") == f"Change 1 of {total}"
    page.click("#_next")
    assert page.inner_text("#_pos") == f"Change 2 of {total}"
    top = page.evaluate("() => document.getElementById('_c2').getBoundingClientRect().top")
    assert 0 < top < 900                               # scrolled into view
    partner = page.evaluate("() => document.querySelectorAll('.chg.partner[data-c=\"2\"]').length")
    current = page.evaluate("() => document.querySelectorAll('.chg.current').length")
    assert current == 1 and partner <= 1


def test_filters_hide_what_they_say(files, open_page):
    page = open_page(files["untoc", "html"]).page
    hidden = "el => el.getClientRects().length === 0"
    same = page.query_selector_all(".prov.same")
    assert same and not any(s.evaluate(hidden) for s in same)
    page.check("#_f-unchanged")
    assert all(s.evaluate(hidden) for s in same)
    assert not any(s.evaluate(hidden) for s in page.query_selector_all(".prov:not(.same)"))
    total = page.evaluate("() => document.querySelectorAll('.chg[id]').length")
    editorial = page.evaluate("() => document.querySelectorAll('.chg.ed[id]').length")
    assert editorial > 0
    page.check("#_f-editorial")
    edonly = page.query_selector_all("tr.edonly")
    assert edonly and all(r.evaluate(hidden) for r in edonly)
    page.keyboard.press("n")
    left = total - editorial                  # this pair changed only typography: 0
    assert page.inner_text("#_pos") == (f"Change 1 of {left}" if left else "No changes shown")
    assert "editorial-only changes hidden" in page.inner_text("#_state")
    page.emulate_media(media="print")                  # the filters survive printing
    assert all(r.evaluate(hidden) for r in edonly) and all(s.evaluate(hidden) for s in same)
    assert page.is_visible("#_state")
    page.emulate_media(media="screen")
    page.uncheck("#_f-editorial")
    page.uncheck("#_f-unchanged")
    assert not any(r.evaluate(hidden) for r in edonly)


def test_editorial_filter_skips_editorial_changes(files, open_page):
    page = open_page(files["dma", "html"]).page
    total = page.evaluate("() => document.querySelectorAll('.chg[id]').length")
    editorial = page.evaluate("() => document.querySelectorAll('.chg.ed[id]').length")
    assert 0 < editorial < total
    page.check("#_f-editorial")
    for _ in range(3):
        page.keyboard.press("n")
    assert page.inner_text("#_pos") == f"Change 3 of {total - editorial}"
    assert "ed" not in page.evaluate("() => document.activeElement.className").split()
    struck = page.evaluate("() => getComputedStyle(document.querySelector('.chg.ed del'))"
                           ".textDecorationLine")
    assert struck == "none"                   # accepted: no longer marked


@pytest.mark.parametrize("fmt", ["html", "redline"])
def test_hostile_text_is_shown_not_run(files, open_page, fmt):
    opened = open_page(files["sample", fmt])
    page = opened.page
    text = page.inner_text("main")
    assert "<script>alert(1)</script>" in text and '" onmouseover="alert(2)"' in text
    assert "&amp;" in text
    assert page.evaluate("() => document.scripts.length") == 1
    assert page.evaluate("() => Array.from(document.querySelectorAll('*')).filter("
                         "e => Array.from(e.attributes).some(a => a.name.startsWith('on'))).length") == 0
    for el in page.query_selector_all(".txt")[:40]:
        el.hover()
    assert opened.dialogs == []


def test_screenshots_and_print(files, open_page):
    ARTIFACTS.mkdir(exist_ok=True)
    for name in ("dma", "untoc"):
        page = open_page(files[name, "html"]).page
        page.screenshot(path=str(ARTIFACTS / f"{name}-sbs-top.png"))
        page.screenshot(path=str(ARTIFACTS / f"{name}-sbs-full.png"), full_page=True)
    page = open_page(files["dma", "html"]).page
    page.emulate_media(media="print")
    page.screenshot(path=str(ARTIFACTS / "dma-print.png"), full_page=False)
    pdf = page.pdf(path=str(ARTIFACTS / "dma-sbs.pdf"), prefer_css_page_size=True)
    assert pdf[:5] == b"%PDF-" and len(pdf) > 10_000
    red = open_page(files["dma", "redline"]).page
    red.screenshot(path=str(ARTIFACTS / "dma-redline-top.png"))
    red.pdf(path=str(ARTIFACTS / "dma-redline.pdf"), prefer_css_page_size=True)
    for f in ("dma-sbs-top.png", "untoc-sbs-top.png", "dma-print.png", "dma-sbs.pdf"):
        assert (ARTIFACTS / f).stat().st_size > 5_000
