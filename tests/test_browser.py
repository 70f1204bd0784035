"""The rendered HTML in a real browser (headless Chromium through Playwright).

Opens the side-by-side and redline files of real corpus pairs (fixtures/example-dma,
fixtures/render-untoc) and of the hand-built hostile diff, with every network
request blocked (and asserted absent), and checks what a reader relies on: rows
level, no horizontal overflow, keys and buttons that move between changes,
filters that hide what they say, no console errors, hostile text inert.
Screenshots (and a print PDF) are written to tests/artifacts/ on every run.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from diffs import sample_diff
from realpairs import real_diff
from travaux.renderers import render
from travaux.renderers.html import print_templates
from travaux.renderers.viewmodel import build

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
                       ("s5", real_diff("s5")), ("sample", sample_diff())):
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
    for name in ("dma", "s5", "sample"):
        page = open_page(files[name, fmt], width).page
        sw, cw = page.evaluate("() => [document.documentElement.scrollWidth, "
                               "document.documentElement.clientWidth]")
        assert sw <= cw, f"{name} {fmt} at {width}px: {sw} > {cw}"
        ARTIFACTS.mkdir(exist_ok=True)
        if name != "sample":
            page.screenshot(path=str(ARTIFACTS / f"{name}-{fmt}-{width}.png"))
            page.keyboard.press("n")          # a row with chips, from the toolbar down
            page.screenshot(path=str(ARTIFACTS / f"{name}-{fmt}-{width}-change1.png"))


# The stops of n/p: every numbered change outside the front matter, in reading order.
STOPS_JS = "() => Array.from(document.querySelectorAll('main .chg[id]'))" \
    ".filter(e => !e.closest('.frontm')).map(e => e.id)"


def counter(page) -> str:
    return page.inner_text("#_pos").split(" \u00b7 ")[0]


def test_keys_and_buttons_move_between_changes(files, open_page):
    page = open_page(files["dma", "html"]).page
    stops = page.evaluate(STOPS_JS)
    total = len(stops)
    assert total > 100
    page.keyboard.press("n")
    assert counter(page) == f"Change 1 of {total}"
    assert page.evaluate("() => document.activeElement.id") == stops[0]
    page.keyboard.press("j")
    page.keyboard.press("n")
    assert counter(page) == f"Change 3 of {total}"
    page.keyboard.press("k")
    assert page.evaluate("() => document.activeElement.id") == stops[1]
    page.keyboard.press("p")
    assert counter(page) == f"Change 1 of {total}"
    page.click("#_next")
    assert counter(page) == f"Change 2 of {total}"
    top = page.evaluate(f"() => document.getElementById('{stops[1]}').getBoundingClientRect().top")
    assert 0 < top < 900                               # scrolled into view
    partner = page.evaluate(f"() => document.querySelectorAll('.chg.partner[data-c=\"{stops[1][2:]}\"]').length")
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
    total = len(page.evaluate(STOPS_JS))
    editorial = page.evaluate("() => document.querySelectorAll('main .chg.ed[id]').length"
                              " - document.querySelectorAll('.frontm .chg.ed[id]').length")
    assert editorial > 0
    page.check("#_f-editorial")
    edonly = page.query_selector_all("tr.edonly")
    assert edonly and all(r.evaluate(hidden) for r in edonly)
    page.keyboard.press("n")
    left = total - editorial                  # this pair changed only typography: 0
    assert counter(page) == (f"Change 1 of {left}" if left else "No changes shown")
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
    stops = page.evaluate(STOPS_JS)
    editorial = page.evaluate("() => document.querySelectorAll('main .chg.ed[id]').length"
                              " - document.querySelectorAll('.frontm .chg.ed[id]').length")
    assert 0 < editorial < len(stops)
    page.check("#_f-editorial")
    for _ in range(3):
        page.keyboard.press("n")
    assert counter(page) == f"Change 3 of {len(stops) - editorial}"
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
    for el in page.query_selector_all("main .prov:not(.front) .txt")[:40]:
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


HIDDEN = "el => el.getClientRects().length === 0"
VISIBLE_ROWS_JS = """sel => Array.from(document.querySelectorAll(sel))
  .filter(e => e.getClientRects().length > 0)"""


def test_rows_say_what_kind_of_change_they_are(files, open_page):
    """Chips beside the citation (text, so print and screenshots show them), the
    margin mark, the article badge with its substantive count, and the counter."""
    page = open_page(files["dma", "html"]).page
    chip = page.locator("main > .prov tr.sub .chip.s").first
    assert chip.is_visible()
    assert any(k in chip.inner_text() for k in ("MODAL", "REFERENCE", "WORDING", "DATE", "NUMBER",
                                                "QUALIFIER", "NEGATION", "INSERTION", "DELETION"))
    modal = page.locator("main > .prov .chip.s", has_text="MODAL").first
    assert re.search(r"MODAL\s+\S", modal.text_content())     # "MODAL − would" (off screen: not laid out)
    mark = page.evaluate("() => getComputedStyle(document.querySelector('main > .prov tr.sub > td')).boxShadow")
    assert "inset" in mark
    assert page.evaluate("() => getComputedStyle(document.querySelector('tr.r:not(.sub) > td'))"
                         ".boxShadow") == "none"
    assert page.locator(".prov > h2 .badge", has_text="substantive)").count() > 5
    page.keyboard.press("n")
    assert re.fullmatch(r"Change 1 of \d+ \u00b7 [A-Z ]+ \u00b7 (Article|PP|Recital|Chapter) ?\d+.*",
                        page.inner_text("#_pos")), page.inner_text("#_pos")
    page.emulate_media(media="print")
    assert chip.is_visible()                                    # chips print


def test_kind_chips_filter_and_substantive_only(files, open_page):
    page = open_page(files["dma", "html"]).page
    page.click('.kindf-b[data-kind="modal"]')
    assert page.get_attribute('.kindf-b[data-kind="modal"]', "aria-pressed") == "true"
    rows = page.evaluate(VISIBLE_ROWS_JS + ".map(e => e.getAttribute('data-kinds') || '')",
                         "main tr.r")
    assert rows and all("modal" in r.split() for r in rows)
    modal = page.evaluate("() => document.querySelector('.kindf-b[data-kind=\"modal\"] b')"
                          ".textContent")
    page.keyboard.press("n")
    assert page.inner_text("#_pos").startswith(f"Change 1 of {modal} \u00b7 MODAL")
    assert "only rows with a modal change" in page.inner_text("#_state")
    page.click('.kindf-b[data-kind="modal"]')               # off again
    assert len(page.evaluate(VISIBLE_ROWS_JS + ".map(e => 1)", "main tr.r")) > len(rows)
    page.check("#_f-substantive")
    shown = page.evaluate(VISIBLE_ROWS_JS + ".map(e => e.className)", "main tr.r")
    assert shown and all("sub" in c.split() for c in shown)
    page.keyboard.press("n")
    assert "ed" not in page.evaluate("() => document.activeElement.className").split()


def test_changes_only_folds_unchanged_runs_and_front_matter(files, open_page):
    page = open_page(files["dma", "html"]).page
    front = page.locator("#_front-c")
    assert front.get_attribute("hidden") == "until-found"      # folded, Ctrl+F still finds it
    assert front.evaluate("el => el.getBoundingClientRect().height") < 2
    assert "Front matter" in page.inner_text("#_front-h")
    page.keyboard.press("n")                                   # change 1 is not in it
    assert page.evaluate("() => !document.activeElement.closest('.frontm')")
    same = page.locator("main > .prov tr.same[data-run]")
    assert same.count() > 5 and not same.first.evaluate(HIDDEN)
    page.check("#_f-changes")
    assert all(r.evaluate(HIDDEN) for r in same.all())
    fold = page.locator("main > .prov tr.fold").first
    assert fold.is_visible()
    assert re.search(r"\u2026 \d+ unchanged paragraphs?, ", fold.inner_text())
    run = fold.get_attribute("data-fold")
    fold.locator("button").click()
    rows = page.locator(f'tr.r[data-run="{run}"]')
    assert rows.count() >= 1 and all(r.is_visible() for r in rows.all())
    before = page.evaluate("() => document.documentElement.scrollHeight")
    page.uncheck("#_f-changes")
    assert page.evaluate("() => document.documentElement.scrollHeight") > before
    page.click("#_front-b")
    assert front.evaluate("el => el.getBoundingClientRect().height") > 50


def test_next_starts_from_the_viewport(files, open_page):
    page = open_page(files["dma", "html"]).page
    stops = page.evaluate(STOPS_JS)
    page.keyboard.press("n")
    page.keyboard.press("n")
    assert counter(page) == f"Change 2 of {len(stops)}"
    page.evaluate("() => window.scrollTo(0, document.documentElement.scrollHeight * 0.6)")
    page.keyboard.press("n")
    now = int(counter(page).split()[1])
    assert now > 20, now                                       # not change 3
    bar = page.evaluate("() => document.querySelector('.bar').getBoundingClientRect().bottom")
    top = page.evaluate("() => document.activeElement.getBoundingClientRect().top")
    assert bar < top < 900
    # the change just before it lies above the view's top: nothing was skipped
    page.keyboard.press("p")
    assert int(counter(page).split()[1]) == now - 1
    page.evaluate("() => window.scrollTo(0, document.documentElement.scrollHeight * 0.3)")
    page.keyboard.press("p")                                   # backwards from the view too
    back = int(counter(page).split()[1])
    assert back < now - 1 and back > 5, (back, now)


def test_links_land_on_a_highlighted_row_and_citations_are_permalinks(files, open_page):
    page = open_page(files["dma", "html"]).page
    link = page.locator("td.new .from a").first
    target = link.get_attribute("href")[1:]
    link.click()
    assert page.evaluate(f"() => document.getElementById('{target}').classList.contains('landed')")
    assert page.evaluate(f"() => document.getElementById('{target}').getBoundingClientRect().top") < 900
    # every row with an id links to itself; a renumbered row also answers to its old number
    bad = page.evaluate("""() => Array.from(document.querySelectorAll('tr.r[id]:not(.ghost)')).filter(tr =>
        !tr.querySelector('.cite a.perma[href="#' + tr.id + '"]')).map(tr => tr.id)""")
    assert bad == []
    old_id = page.evaluate("() => document.querySelector('td.old a.perma[id^=\"old-\"]').id")
    row_id = page.evaluate(f"() => document.getElementById('{old_id}').closest('tr').id")
    for ident in (old_id, row_id):
        page.goto(files["dma", "html"].as_uri() + "#" + ident)
        page.wait_for_function("id => document.getElementById(id).closest('tr').classList"
                               ".contains('landed')", arg=ident)
        top = page.evaluate(f"() => document.getElementById('{row_id}').getBoundingClientRect().top")
        assert 0 <= top < 900, (ident, top)


def test_change_list_panel(files, open_page):
    page = open_page(files["dma", "html"]).page
    assert page.locator("#_panel").evaluate(HIDDEN)
    page.click("#_list")
    assert page.is_visible("#_panel")
    items = page.locator("#_panel-l a")
    assert items.count() == len(page.evaluate(STOPS_JS))
    third = items.nth(2).inner_text()
    assert re.match(r"3 [a-z_, ]+ (Article|Recital|PP|Chapter)", third, re.I), third
    items.nth(2).click()
    assert counter(page) == f"Change 3 of {items.count()}"
    assert page.evaluate("() => document.activeElement.id") == page.evaluate(STOPS_JS)[2]
    page.click("#_panel-x")
    assert page.locator("#_panel").evaluate(HIDDEN)


def test_split_and_merged_cells_keep_their_sub_labels(files, open_page):
    page = open_page(files["dma", "html"]).page
    cells = page.evaluate("""() => Array.from(document.querySelectorAll(
        'tr.k-split td.new .txt, tr.k-merged td.old .txt')).map(td =>
        Array.from(td.querySelectorAll('.sl')).map(s => getComputedStyle(s, '::before').content))""")
    assert cells and all(len(c) >= 2 for c in cells)
    assert any('"(a)"' in c for c in cells), cells[:3]


def test_key_hint_under_900px(files, open_page):
    page = open_page(files["dma", "html"], 800).page
    assert page.is_visible(".bar .keys")
    opaque = page.evaluate("() => getComputedStyle(document.querySelector('.bar')).backgroundColor")
    assert opaque == "rgb(255, 255, 255)"


def pdf_text(pdf_page) -> str:
    """A PDF page's text with ligatures ("ﬁ") unfolded and spaces collapsed."""
    return " ".join(unicodedata.normalize("NFKC", pdf_page.extract_text()).split())


def test_printed_pages_identify_themselves(files, open_page):
    """A program's print (Playwright page.pdf): identifiers and "page X of Y" in the
    header/footer; a reader's print: the page's running head.  Checked in the PDF's text."""
    from pypdf import PdfReader

    ARTIFACTS.mkdir(exist_ok=True)
    page = open_page(files["dma", "html"]).page
    header, footer = print_templates(build(real_diff("dma")))
    path = ARTIFACTS / "dma-sbs-headed.pdf"
    page.pdf(path=str(path), prefer_css_page_size=True, display_header_footer=True,
             header_template=header, footer_template=footer)
    pages = [pdf_text(p) for p in PdfReader(str(path)).pages]
    assert len(pages) > 3
    for n, text in enumerate(pages, 1):
        assert f"page {n} of {len(pages)}" in text, (n, text[-200:])
        assert text.count("COM(2020) 842 final \u2192 Regulation (EU) 2022/1925") >= 2, n
    assert "COM(2020) 842 FINAL \u00b7 2020-12-15" in pages[2] + pages[3]   # column heads
    plain = ARTIFACTS / "dma-sbs-plain.pdf"
    page.pdf(path=str(plain), prefer_css_page_size=True)
    for text in [pdf_text(p) for p in PdfReader(str(plain)).pages][1:]:
        assert "COM(2020) 842 final \u2192 Regulation (EU) 2022/1925 \u00b7 travaux" in text


def test_s5_columns_say_stage_and_date(files, open_page):
    page = open_page(files["s5", "html"]).page
    heads = page.locator("table.cmp thead th[scope=col]").all_text_contents()[:2]
    assert heads == ["S. 5 \u00b7 2025-01-06", "S. 5"], heads    # the engrossed print states no date


def test_big_page_rows_made_from_data_print_and_resolve(tmp_path, browser, monkeypatch):
    """A page past LAZY_ROWS (forced here on the DMA pair) writes unchanged runs as
    data: after opening, the script makes the same rows; a permalink into them lands;
    printing has them all; the text stays text."""
    from travaux.renderers import viewmodel

    diff = real_diff("dma")
    eager = tmp_path / "eager.html"
    eager.write_text(render(diff, "html"), encoding="utf-8")
    monkeypatch.setattr(viewmodel, "LAZY_ROWS", 0)
    lazy = tmp_path / "lazy.html"
    lazy.write_text(render(diff, "html"), encoding="utf-8")
    assert lazy.stat().st_size < eager.stat().st_size
    # the same rows, cell for cell (text compared without whitespace: markup written by the
    # template and by the script differs in the whitespace between cells, and innerText
    # depends on whether content-visibility has rendered the row yet)
    rows_js = (r"() => Array.from(document.querySelectorAll('main tr.r')).map(r => [r.id, r.className, "
               r"Array.from(r.cells).map(c => c.textContent.replace(/\s+/g, '')).join('|'), "
               r"r.cells.length ? r.cells[r.cells.length - 1].textContent.replace(/\s+/g, ' ').trim() : ''])")
    opened = Opened(browser, eager)
    want = opened.page.evaluate(rows_js)
    opened.close()
    opened = Opened(browser, lazy)
    page = opened.page
    page.wait_for_function("() => !document.querySelector('.fold.lazy:not(.done)')")
    got = page.evaluate(rows_js)
    assert sorted(g[:3] for g in got) == sorted(w[:3] for w in want)
    target = page.evaluate("() => document.querySelector('tr.r.same[data-run][id]').id")
    opened.close()
    opened = Opened(browser, lazy)
    opened.page.goto(lazy.as_uri() + "#" + target)
    opened.page.wait_for_function("id => document.getElementById(id) && document.getElementById(id)"
                                  ".classList.contains('landed')", arg=target)
    opened.close()
    opened = Opened(browser, lazy)
    from pypdf import PdfReader
    pdf = tmp_path / "lazy.pdf"
    opened.page.pdf(path=str(pdf), prefer_css_page_size=True)
    text = " ".join(pdf_text(p) for p in PdfReader(str(pdf)).pages)
    unchanged = [spaced for i, c, t, spaced in want if "same" in c.split()][-1]  # last unchanged row
    assert unchanged and " ".join(unchanged.split()[-5:]) in " ".join(text.split()), unchanged
    opened.close()
