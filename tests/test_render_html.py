"""Side-by-side and redline HTML: strict HTML5, self-contained, escaped, nothing dropped."""

from __future__ import annotations

import base64
import hashlib
import re

import html5lib
import pytest

from diffs import HOSTILE, identical_diff, sample_diff
from travaux.renderers import render
from travaux.renderers.html import TEMPLATES

NS = "{http://www.w3.org/1999/xhtml}"


def parse(page: str):
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=True).parse(page)


def classes(el) -> set[str]:
    return set((el.get("class") or "").split())


def text_of(el, drop: str) -> str:
    """Text a reader sees in ``el``: brk spans are line breaks, ``drop`` elements skipped."""
    out = [el.text or ""] if el.tag != NS + drop else []
    for child in el:
        if child.tag == NS + drop:
            pass
        elif child.tag == NS + "span" and "brk" in classes(child):
            out.append("\n")
        else:
            out.append(text_of(child, drop))
        out.append(child.tail or "")
    return "".join(out)


@pytest.fixture(scope="module")
def pages():
    diff = sample_diff()
    return diff, {fmt: render(diff, fmt) for fmt in ("html", "redline")}


@pytest.mark.parametrize("fmt", ["html", "redline"])
def test_strict_html5_and_self_contained(pages, fmt):
    page = pages[1][fmt]
    tree = parse(page)
    scripts = list(tree.iter(NS + "script"))
    assert len(scripts) == 1 and scripts[0].text == (TEMPLATES / "compare.js").read_text()
    for el in tree.iter():
        assert not any(a.lower().startswith("on") for a in el.attrib), (el.tag, el.attrib)
        for attr in ("src", "href", "action", "srcset"):
            value = el.get(attr)
            assert value is None or (attr == "href" and value.startswith("#")), (el.tag, value)
    assert not list(tree.iter(NS + "link")) and not list(tree.iter(NS + "iframe"))
    assert "url(" not in page and "@import" not in page and "http" not in page.split("<main")[0] \
        .split("<style>")[1].split("</script>")[0]


@pytest.mark.parametrize("fmt", ["html", "redline"])
def test_content_security_policy_hashes_match(pages, fmt):
    tree = parse(pages[1][fmt])
    csp = next(m.get("content") for m in tree.iter(NS + "meta")
               if m.get("http-equiv") == "Content-Security-Policy")
    assert csp.startswith("default-src 'none';")
    for tag in ("style", "script"):
        body = next(tree.iter(NS + tag)).text
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp


@pytest.mark.parametrize("fmt", ["html", "redline"])
def test_hostile_text_is_text(pages, fmt):
    page = pages[1][fmt]
    tree = parse(page)
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert '" onmouseover="' not in page and "&amp;amp;" in page
    visible = "".join(next(tree.iter(NS + "main")).itertext())
    assert HOSTILE in visible and 'Text with " onmouseover="alert(2)" and &amp; entities.' in visible


def test_side_by_side_rows_rebuild_both_texts(pages):
    diff, out = pages
    tree = parse(out["html"])
    texts = {(pd.old_text, pd.new_text) for pd in diff.pairs + diff.provisions}
    olds, news = {o for o, _ in texts}, {n for _, n in texts}
    rows = [tr for tr in tree.iter(NS + "tr") if "r" in classes(tr) and "ghost" not in classes(tr)]
    assert len(rows) == len(diff.pairs) + sum(bool(pd.changes) for pd in diff.provisions)
    for tr in rows:
        old_td, new_td = [td for td in tr if td.tag == NS + "td"]
        cells = []
        for td, drop in ((old_td, "ins"), (new_td, "del")):
            txt = [d for d in td if "txt" in classes(d)]
            cells.append(text_of(txt[0], drop) if txt else "")
        assert cells[1] in news, cells[1]
        # ignore_case masks a capitalisation change: the old column shows the old text
        assert cells[0] in olds, cells[0]
        assert (cells[0], cells[1]) in texts


def test_redline_rows_rebuild_the_new_text(pages):
    diff, out = pages
    tree = parse(out["redline"])
    news = {pd.new_text for pd in diff.pairs + diff.provisions}
    rows = [d for d in tree.iter(NS + "div") if {"r"} <= classes(d) and "ghost" not in classes(d)]
    assert rows
    for row in rows:
        txt = [d for d in row if "txt" in classes(d)][0]
        assert text_of(txt, "del") in news


@pytest.mark.parametrize("fmt", ["html", "redline"])
def test_ids_unique_safe_and_links_resolve(pages, fmt):
    tree = parse(pages[1][fmt])
    ids = [el.get("id") for el in tree.iter() if el.get("id")]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[A-Za-z0-9-]+|_[A-Za-z0-9-]+", i) for i in ids)
    for a in tree.iter(NS + "a"):
        assert a.get("href")[1:] in ids, a.get("href")
    assert {"Article-5", "Article-4-3", "old-Article-5-1", "_c1", "_c17"} <= set(ids)


@pytest.mark.parametrize("fmt", ["html", "redline"])
def test_real_pair_ids_unique_and_links_resolve(fmt):
    from realpairs import real_diff

    tree = parse(render(real_diff("data-act"), fmt))
    ids = [el.get("id") for el in tree.iter() if el.get("id")]
    assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1][:5]
    targets = set(ids)
    for a in tree.iter(NS + "a"):
        assert a.get("href")[1:] in targets, a.get("href")


def test_layout_marks_and_badges(pages):
    page = pages[1]["html"]
    for kind in ("renumbered", "moved", "split", "merged", "inserted", "deleted"):
        assert f'<span class="badge k-{kind}">{kind}</span>' in page
    assert 'from <a href="#_from-Article-4-3">Article 3(2)</a>' in page
    assert "Article 6 \u2192 Article 5" in page
    assert page.count('<span class="chg') >= 17


def test_goldens_and_determinism(pages, golden, fixtures):
    diff, out = pages
    assert render(sample_diff(), "html") == out["html"]
    stamped = render(sample_diff(), "html", timestamp=True)
    assert "rendered 2" in stamped and "rendered" not in out["html"].split("</header>")[0]
    golden.check(fixtures / "render-sample" / "sample.html", out["html"])
    golden.check(fixtures / "render-sample" / "sample.redline.html", out["redline"])


def test_identical_texts(golden):
    page = render(identical_diff(), "html")
    parse(page)
    assert "The two texts are the same." in page and 'id="_c1"' not in page


@pytest.mark.parametrize("fmt", ["html", "redline"])
def test_real_pair_is_strict_html5_and_rebuilds(fmt):
    from realpairs import real_diff

    diff = real_diff("dma")
    page = render(diff, fmt)
    tree = parse(page)
    news = {pd.new_text for pd in diff.pairs + diff.provisions}
    if fmt == "html":
        rows = [tr for tr in tree.iter(NS + "tr") if "r" in classes(tr) and "ghost" not in classes(tr)]
        cells = [[d for d in tr[1] if "txt" in classes(d)] for tr in rows]
    else:
        rows = [d for d in tree.iter(NS + "div") if "r" in classes(d) and "ghost" not in classes(d)]
        cells = [[d for d in row if "txt" in classes(d)] for row in rows]
    assert len(rows) == len(diff.pairs) + sum(bool(pd.changes) for pd in diff.provisions)
    for txt in cells:
        assert not txt or text_of(txt[0], "del") in news


def test_pairings_say_how_sure_they_are():
    """Moved, split and merged pairs show their similarity; an uncertain pairing says
    so and names the runner-up (the alignment fills these fields; hand-built here)."""
    import dataclasses

    from travaux.diffing.model import PairKind

    diff = sample_diff()
    pairs = list(diff.pairs)
    i = next(k for k, pd in enumerate(pairs) if pd.pair.kind is PairKind.MOVED)
    pair = dataclasses.replace(pairs[i].pair, uncertain=True, runner_up=(17,), runner_up_score=0.81)
    pairs[i] = dataclasses.replace(pairs[i], pair=pair)
    page = render(dataclasses.replace(diff, pairs=tuple(pairs)), "html")
    parse(page)
    assert "uncertain pairing; runner-up Article 5(1) (81%)" in page
    for kind in ("split", "merged"):
        row = page.split(f'class="r k-{kind}')[1].split("</tr>")[0]
        assert re.search(r'<span class="score" title="[^"]*">\d+% similar</span>', row), kind
    plain = page.split('class="r k-modified')[1].split("</tr>")[0]
    assert "% similar" not in plain                   # an in-place edit is not a guess


@pytest.mark.parametrize("fmt", ["html", "redline"])
def test_rows_carry_kind_chips_and_the_substantive_mark(pages, fmt):
    page = pages[1][fmt]
    assert '<b>MODAL</b> shall -&gt; is' in page                 # the change's own detail
    tree = parse(page)
    rows = [el for el in tree.iter() if "r" in classes(el) and "sub" in classes(el)]
    assert rows and all(el.get("data-kinds") for el in rows)
    chips = [el for el in tree.iter(NS + "span") if "chip" in classes(el)]
    assert chips and all(list(c)[0].tag == NS + "b" for c in chips)
