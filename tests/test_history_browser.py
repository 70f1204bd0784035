"""History pages in a real browser (issue 13, item 8): headless Chromium via Playwright.

On the VIG fixture history: the dossier index fits 800 px and never breaks a
date; texts have hanging indents; the timeline's first printed page carries
text, not just the title; blame is readable without colour (a version number on
every run of words, kept in print).  Screenshots and PDFs go to tests/artifacts/.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from travaux.history import init_history
from travaux.renderers import history as R

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    out = tmp_path_factory.mktemp("hist")
    h = init_history(out / "h")
    h.import_manifest(ROOT / "fixtures" / "history-de-vig" / "manifest.csv")
    R.write_dossier(h.dossier(), out / "dossier")
    (out / "blame.html").write_text(R.blame(h.blame("§ 2"), "html"), encoding="utf-8")
    return {"index": out / "dossier" / "index.html",
            "timeline": out / "dossier" / f"{h.log('§ 2').id}.html",
            "blame": out / "blame.html"}


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        yield b
        b.close()


def opened(browser, path: Path, width: int = 1280):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort())
    page.goto(path.as_uri())
    return context, page


@pytest.mark.parametrize("width", [800, 1280])
def test_index_fits_and_dates_never_break(pages, browser, width):
    context, page = opened(browser, pages["index"], width)
    try:
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        broken = page.evaluate("""() => [...document.querySelectorAll('.date')].filter(e => {
            const lh = parseFloat(getComputedStyle(e).lineHeight) || 16;
            return e.getBoundingClientRect().height > 1.5 * lh; }).map(e => e.textContent)""")
        assert broken == []
        assert page.locator(".concord thead .date").count() == 7
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"history-index-{width}.png"), full_page=True)
    finally:
        context.close()


def test_texts_have_hanging_indents(pages, browser):
    context, page = opened(browser, pages["timeline"], 800)
    try:
        # a wrapped paragraph: its second line starts right of its first (the label hangs)
        got = page.evaluate("""() => {
            for (const ln of document.querySelectorAll('.step .ln')) {
                const r = document.createRange(); r.selectNodeContents(ln);
                const rects = [...r.getClientRects()];
                const tops = [...new Set(rects.map(x => Math.round(x.top)))];
                if (tops.length < 2) continue;
                const first = Math.min(...rects.filter(x => Math.round(x.top) === tops[0]).map(x => x.left));
                const second = Math.min(...rects.filter(x => Math.round(x.top) === tops[1]).map(x => x.left));
                return [first, second];
            }
            return null; }""")
        assert got is not None and got[1] > got[0] + 10
        depths = page.evaluate("[...document.querySelectorAll('.ln.d2')].length")
        assert depths > 0                                   # "(a)" items nested under "1"
    finally:
        context.close()


def test_timeline_first_printed_page_has_text(pages, browser):
    from pypdf import PdfReader

    context, page = opened(browser, pages["timeline"])
    try:
        pdf = page.pdf(format="A4")
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / "history-timeline.pdf").write_bytes(pdf)
    finally:
        context.close()
    first = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "drafting history" in first
    assert "VIG 2012-08-02" in first and "Anspruch auf Zugang" in first
    assert len(first) > 1500


def test_blame_is_readable_without_colour_and_in_print(pages, browser):
    context, page = opened(browser, pages["blame"])
    try:
        for media in ("screen", "print"):
            page.emulate_media(media=media)
            runs = page.evaluate("""() => [...document.querySelectorAll('.run')].map(r => {
                const n = r.querySelector('.vn');
                return n && getComputedStyle(n).display !== 'none'
                    && getComputedStyle(n).visibility !== 'hidden' ? n.textContent : null; })""")
            assert runs and all(x and x.isdigit() for x in runs), media
            legend = page.evaluate("""() => [...document.querySelectorAll('.versions li')].map(
                li => li.querySelector('.vn').textContent + ' ' + li.textContent)""")
            assert any("2012-09-16" in x and x.startswith("4 ") for x in legend)
        page.emulate_media(media="screen")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "history-blame.png"), full_page=True)
        pdf = page.pdf(format="A4")
    finally:
        context.close()
    from pypdf import PdfReader

    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "2012-09-16" in text and "Verbraucherprodukt" in text
