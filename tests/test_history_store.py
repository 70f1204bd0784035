"""The storage layer of the history: round trip, atomicity, locking, safety.

These tests use a tiny stand-in segmenter (``fake_parse``: "Article N Title"
lines open an article), so they test the store, the identity bookkeeping and
the git layout independently of the real parser.  The pipeline tests with real
fixtures are in test_history_fixtures.py.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import travaux.history.importer as importer
from travaux.diffing.errors import HistoryError, InputError
from travaux.diffing.model import Block, BlockKind, Document, DocumentMeta
from travaux.history import init_history, open_history, safety
from travaux.history.store import Store


def fake_parse(data: bytes, name: str) -> Document:
    source = data.decode("utf-8", "replace")
    if "@@FAIL@@" in source:
        raise InputError(f"{name} cannot be parsed (test)")
    blocks: list[Block] = []
    head = None
    count = pos = 0
    for line in source.splitlines(keepends=True):
        start, text = pos, line.strip()
        pos += len(line)
        if not text:
            continue
        m = re.match(r"(Article \d+)\s*(.*)", text)
        count += 1
        if m:
            head, count = len(blocks), 0
            blocks.append(Block(BlockKind.ARTICLE, m.group(1), (m.group(1),), m.group(2), start,
                                start + len(text), title=m.group(2)))
        elif head is None:
            blocks.append(Block(BlockKind.TEXT, f"¶{count}", (f"¶{count}",), text, start,
                                start + len(text)))
        else:
            label = blocks[head].label
            blocks.append(Block(BlockKind.PARAGRAPH, f"¶{count}", (label, f"¶{count}"), text,
                                start, start + len(text), parent=head, depth=1))
    return Document(DocumentMeta(name=name), source, tuple(blocks))


def fake_align(old, new, options=None):
    """Provisions paired by title (the stand-in for diffing.align in these tests)."""
    from travaux.diffing.model import Alignment, Level, Pair, PairKind

    arts = lambda d: [i for i, b in enumerate(d.blocks) if b.kind is BlockKind.ARTICLE]  # noqa: E731
    by_title = {new.blocks[j].title: j for j in arts(new)}
    pairs, used = [], set()
    for i in arts(old):
        j = by_title.get(old.blocks[i].title)
        if j is None:
            pairs.append(Pair(PairKind.DELETED, (i,), (), 0.0, Level.PROVISION))
        else:
            used.add(j)
            kind = PairKind.UNCHANGED if old.blocks[i].path == new.blocks[j].path else \
                PairKind.RENUMBERED
            pairs.append(Pair(kind, (i,), (j,), 1.0, Level.PROVISION))
    pairs += [Pair(PairKind.INSERTED, (), (j,), 0.0, Level.PROVISION)
              for j in arts(new) if j not in used]
    return Alignment(old, new, tuple(pairs), ())


@pytest.fixture(autouse=True)
def stand_ins(monkeypatch):
    monkeypatch.setattr(importer, "parse_version", fake_parse)
    monkeypatch.setattr("travaux.diffing.align.aligner.align", fake_align)
    monkeypatch.setattr("travaux.history.identity.summarise", lambda *a, **k: (("wording", 1),))


V1 = "Preamble.\nArticle 1 Scope\nThis applies.\nArticle 2 Rights\nEveryone has rights.\n"
V2 = ("Preamble.\nArticle 1 Definitions\nWords mean things.\nArticle 2 Scope\nThis applies.\n"
      "Article 3 Rights\nEveryone has many rights.\n")
V3 = ("Preamble, amended.\nArticle 1 Definitions\nWords mean things.\nArticle 2 Scope\n"
      "This applies.\nArticle 3 Rights\nEveryone has many rights.\n")


def write(tmp: Path, name: str, text: str | bytes) -> Path:
    p = tmp / name
    p.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return p


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                          text=True).stdout


def snapshot(repo: Path) -> tuple:
    """Everything observable of a history: branch head and tags."""
    refs = git(repo, "for-each-ref", "--format=%(refname) %(objectname)")
    return tuple(sorted(refs.splitlines()))


def test_round_trip_and_layout(tmp_path):
    h = init_history(tmp_path / "h")
    files = [write(tmp_path, f"v{i}.txt", t) for i, t in enumerate((V1, V2, V3), 1)]
    for i, f in enumerate(files, 1):
        h.add(f, label=f"Draft {i}", date=f"2001-0{i}-15", body="Working Group")
    for i, f in enumerate(files, 1):
        assert h.show(f"Draft {i}") == f.read_bytes()
    tree = git(h.root, "ls-tree", "-r", "--name-only", "HEAD").split()
    assert "provisions/article-1.txt" in tree and "versions/0003/source.txt" in tree
    # the renumbered provision (Article 1 -> Article 2, "Scope") kept its file
    assert h.show_provision("Draft 2", "Article 2").startswith("Article 2\nScope")
    assert git(h.root, "show", "HEAD:provisions/article-1.txt").startswith("Article 2\n")
    log = git(h.root, "log", "--follow", "--format=%s", "--", "provisions/article-1.txt").split("\n")
    assert [x for x in log if x] == ["Draft 2", "Draft 1"]
    assert git(h.root, "status", "--porcelain") == ""          # working tree in step
    dates = git(h.root, "log", "--format=%an|%ad|%cd", "--date=short").splitlines()
    assert dates[0] == "Working Group|2001-03-15|2001-03-15"


def test_commits_are_reproducible(tmp_path):
    heads = []
    for name in ("a", "b"):
        h = init_history(tmp_path / name)
        h.add(write(tmp_path, "v1.txt", V1), label="One", date="1999-03-01", body="Body")
        h.add(write(tmp_path, "v2.txt", V2), label="Two", date="1999-04-01")
        heads.append(h.store.head())
    assert heads[0] == heads[1]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2000))
def test_any_bytes_round_trip(tmp_path_factory, data):
    tmp = tmp_path_factory.mktemp("rt")
    h = init_history(tmp / "h")
    h.add(write(tmp, "x.bin", data), label="X", date="2020-01-01")
    assert open_history(tmp / "h").show("X") == data


@pytest.mark.parametrize("label", ["--upload-pack=x", "../../etc", "HEAD~1", "-n", "a b/c:d",
                                   "@", "refs/heads/main", "x.lock", "..", "é/ü"])
def test_hostile_labels_are_only_labels(tmp_path, label):
    h = init_history(tmp_path / "h")
    h.add(write(tmp_path, "v1.txt", V1), label="First", date="2000-01-01")
    h.add(write(tmp_path, "v2.txt", V2), label=label, date="2000-02-01")
    assert h.show(label) == V2.encode()
    assert h.show("First") == V1.encode()
    tag = h.version(label).tag
    subprocess.run(["git", "check-ref-format", f"refs/tags/{tag}"], check=True)
    assert not tag.startswith("-")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["h", "v1.txt", "v2.txt"]
    assert git(h.root, "rev-parse", "main") == git(h.root, "rev-parse", f"refs/tags/{tag}^{{commit}}")
    assert git(h.root, "tag", "-l", "--format=%(contents)", tag).strip() == label


@pytest.mark.parametrize("label,words", [("", "empty"), ("x" * 5000, "5000 characters"),
                                         ("a\nb", "line break")])
def test_bad_labels_are_refused(tmp_path, label, words):
    h = init_history(tmp_path / "h")
    with pytest.raises(HistoryError, match=words):
        h.add(write(tmp_path, "v1.txt", V1), label=label, date="2000-01-01")
    assert h.store.head() is None


def test_duplicate_label_and_bad_date(tmp_path):
    h = init_history(tmp_path / "h")
    h.add(write(tmp_path, "v1.txt", V1), label="One", date="2000-01-01")
    with pytest.raises(HistoryError, match="already in the history"):
        h.add(write(tmp_path, "v2.txt", V2), label="One", date="2000-02-01")
    with pytest.raises(HistoryError, match="YYYY-MM-DD"):
        h.add(write(tmp_path, "v2.txt", V2), label="Two", date="1 March 2000")
    with pytest.raises(HistoryError, match="calendar day"):
        h.add(write(tmp_path, "v2.txt", V2), label="Two", date="2000-02-30")


def test_hostile_provision_names(tmp_path):
    h = init_history(tmp_path / "h")
    h.add(write(tmp_path, "v1.txt", V1), label="One", date="2000-01-01")
    for name in ("../../etc/passwd", "--output=x", "HEAD~1", ""):
        with pytest.raises(HistoryError, match="provision"):
            h.show_provision("One", name)


def test_failed_import_changes_nothing(tmp_path):
    h = init_history(tmp_path / "h")
    h.add(write(tmp_path, "v1.txt", V1), label="One", date="2000-01-01")
    before = snapshot(h.root)
    write(tmp_path, "v2.txt", V2)
    write(tmp_path, "bad.txt", "Article 1 @@FAIL@@\n")
    manifest = write(tmp_path, "m.csv", "file,label,date\nv2.txt,Two,2000-02-01\n"
                     "bad.txt,Three,2000-03-01\n")
    with pytest.raises(InputError, match="cannot be parsed"):
        h.import_manifest(manifest)
    assert snapshot(h.root) == before
    assert [v.label for v in open_history(h.root).versions] == ["One"]
    assert not (h.root / ".git" / "travaux.lock").exists()


@pytest.mark.parametrize("body,words", [
    ("file,label,date\nmissing.txt,A,2000-01-01\n", "line 2: file 'missing.txt' does not exist"),
    ("file,label,date\nv1.txt,A,2000-01-01\nv2.txt,B,2000-13-01\n", "line 3: date"),
    ("file,label,date\nv1.txt,A,2000-01-01\nv2.txt,A,2000-02-01\n", "line 3: label 'A' is also"),
    ("file,label\nv1.txt,A\n", "'date' is missing"),
    ("file,label,date,colour\nv1.txt,A,2000-01-01,red\n", "unknown field 'colour'"),
])
def test_manifest_is_validated_before_writing(tmp_path, body, words):
    h = init_history(tmp_path / "h")
    write(tmp_path, "v1.txt", V1)
    write(tmp_path, "v2.txt", V2)
    with pytest.raises(HistoryError, match=re.escape(words)):
        h.import_manifest(write(tmp_path, "m.csv", body))
    assert h.store.head() is None


def test_toml_manifest_and_line_numbers(tmp_path):
    write(tmp_path, "v1.txt", V1)
    write(tmp_path, "v2.txt", V2)
    good = ('[[version]]\nfile = "v1.txt"\nlabel = "One"\ndate = "2000-01-01"\nbody = "WG"\n\n'
            '[[version]]\nfile = "v2.txt"\nlabel = "Two"\ndate = "2000-02-01"\nnote = "n"\n')
    h = init_history(tmp_path / "h")
    got = h.import_manifest(write(tmp_path, "m.toml", good))
    assert [v.label for v in got] == ["One", "Two"] and got[1].note == "n"
    bad = good.replace('date = "2000-02-01"', 'date = "2000-02-31"').replace("One", "Uno") \
        .replace('"Two"', '"Dos"')
    with pytest.raises(HistoryError, match="m.toml, line 7"):
        h.import_manifest(write(tmp_path, "m.toml", bad))


def test_lock_serialises_writers(tmp_path):
    h = init_history(tmp_path / "h")
    f = write(tmp_path, "v1.txt", V1)
    with h.store.writing():
        with pytest.raises(HistoryError, match=rf"another travaux process \(pid {os.getpid()}\)"):
            open_history(h.root).add(f, label="One", date="2000-01-01", wait=0)
    h.add(f, label="One", date="2000-01-01")    # released: works again


LOCK_HOLDER = ("import sys,time; from travaux.history.store import Store; s=Store.open(sys.argv[1]);\n"
               "with s.writing():\n print('locked', flush=True); time.sleep(float(sys.argv[2]))")


def test_lock_held_by_another_process(tmp_path):
    """A live holder: we wait as long as asked, then say so; never "remove the lock"."""
    h = init_history(tmp_path / "h")
    child = subprocess.Popen([sys.executable, "-c", LOCK_HOLDER, str(h.root), "30"],
                             stdout=subprocess.PIPE, text=True,
                             cwd=Path(__file__).resolve().parent.parent)
    told: list[str] = []
    try:
        assert child.stdout.readline().strip() == "locked"
        with pytest.raises(HistoryError, match=rf"pid {child.pid}\).*after waiting 0.3 s") as err:
            h.add(write(tmp_path, "v1.txt", V1), label="One", date="2000-01-01", wait=0.3,
                  on_wait=told.append)
        assert "remove" not in str(err.value) and "--wait" in str(err.value)
        assert len(told) == 1 and f"pid {child.pid}" in told[0]
    finally:
        child.kill()
        child.wait()
    h.add(write(tmp_path, "v1.txt", V1), label="One", date="2000-01-01")   # lock died with it


def test_writers_queue_behind_the_lock(tmp_path):
    h = init_history(tmp_path / "h")
    child = subprocess.Popen([sys.executable, "-c", LOCK_HOLDER, str(h.root), "1.5"],
                             stdout=subprocess.PIPE, text=True,
                             cwd=Path(__file__).resolve().parent.parent)
    told: list[str] = []
    try:
        assert child.stdout.readline().strip() == "locked"
        h.add(write(tmp_path, "v1.txt", V1), label="One", date="2000-01-01", on_wait=told.append)
    finally:
        child.kill()
        child.wait()
    assert [v.label for v in h.versions] == ["One"]
    assert len(told) == 1 and "waiting" in told[0]


def test_init_and_open_errors(tmp_path):
    with pytest.raises(HistoryError, match="not a travaux history"):
        open_history(tmp_path)
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "x").write_text("x")
    with pytest.raises(HistoryError, match="not an empty folder"):
        init_history(tmp_path / "busy")
    init_history(tmp_path / "h")
    with pytest.raises(HistoryError, match="already a travaux history"):
        init_history(tmp_path / "h")


def test_index_records_identity(tmp_path):
    h = init_history(tmp_path / "h")
    h.add(write(tmp_path, "v1.txt", V1), label="One", date="2000-01-01")
    h.add(write(tmp_path, "v2.txt", V2), label="Two", date="2000-02-01")
    index = json.loads(git(h.root, "show", "HEAD:versions/0002/index.json"))
    rows = {p["id"]: (p["path"], p["change"], p["old_path"]) for p in index["provisions"]}
    assert rows["article-1"] == (["Article 2"], "renumbered", ["Article 1"])
    assert rows["article-2"] == (["Article 3"], "renumbered", ["Article 2"])
    assert rows["article-1-2"] == (["Article 1"], "inserted", [])


def test_slugs_and_tags_are_safe():
    assert safety.slugify("Article 31") == "article-31"
    assert safety.slugify("§ 5a") == "section-5a"
    assert safety.slugify("../../etc") == "etc"
    assert safety.slugify("--x") == "x" and safety.slugify("") == "provision"
    assert safety.tag_name("A/AC.254/4/Rev.1", 3) == "A_AC.254_4_Rev.1"
    assert safety.tag_name("", 3) == "version-3" and safety.tag_name("HEAD", 2) == "version-2"
    assert safety.unique("a", {"a", "a-2"}) == "a-3"


def test_store_refuses_stale_head(tmp_path):
    h = init_history(tmp_path / "h")
    h.add(write(tmp_path, "v1.txt", V1), label="One", date="2000-01-01")
    s: Store = h.store
    head = s.head()
    other = s.commit(s.commit_tree(head), head, author="x", timestamp=100000, message="m")
    with pytest.raises(HistoryError, match="run the command again"):
        s.publish(None, other, {})        # expected "no branch yet": compare-and-swap fails
    assert s.head() == head


def test_merge_then_split_keeps_identity_and_blame(tmp_path, monkeypatch):
    """Articles 1+2 merged into Article 1, then split again: ids, log and blame follow."""
    from travaux.diffing.model import Alignment, Level, Pair, PairKind
    from travaux.history import ProvisionChange

    plans = iter([
        ((PairKind.MERGED, (0, 2), (0,)),),
        ((PairKind.SPLIT, (0,), (0, 2)),),
    ])

    def scripted(old, new, options=None):
        return Alignment(old, new, tuple(Pair(k, o, n, 0.9, Level.PROVISION)
                                         for k, o, n in next(plans)), ())

    monkeypatch.setattr("travaux.diffing.align.aligner.align", scripted)
    h = init_history(tmp_path / "h")
    h.add(write(tmp_path, "v1.txt", "Article 1 Alpha\none two\nArticle 2 Beta\nthree four\n"),
          label="V1", date="2000-01-01")
    h.add(write(tmp_path, "v2.txt", "Article 1 Alpha\none two three four five\n"),
          label="V2", date="2000-02-01")
    h.add(write(tmp_path, "v3.txt", "Article 1 Alpha\none two\nArticle 2 Beta\nthree four five\n"),
          label="V3", date="2000-03-01")
    v2 = {r.id: r for r in h.state().records[1]}
    assert v2["article-1"].change is ProvisionChange.MERGED
    assert v2["article-1"].sources == ("article-1", "article-2")
    gone = h.log("Article 2", at="V1")
    assert [e.change for e in gone.entries] == [ProvisionChange.INTRODUCED, ProvisionChange.DELETED]
    assert gone.entries[-1].related == ("Article 1",)
    b = h.blame("Article 1", at="V2")
    origin = {b.text[w.start:w.end]: w.n for w in b.words}
    assert origin["one"] == origin["three"] == 1 and origin["five"] == 2
    v3 = {r.path: r for r in h.state().records[2]}
    piece = v3[("Article 2",)]
    assert piece.change is ProvisionChange.SPLIT and piece.id == "article-2-2"
    assert piece.sources == ("article-1",)
    b3 = h.blame("Article 2")
    origin3 = {b3.text[w.start:w.end]: w.n for w in b3.words}
    assert origin3["three"] == 1 and origin3["five"] == 2     # through merge and split
    from travaux.renderers import history as render_history

    assert "split from Article 1" in render_history.log(h.log("Article 2"), "text")
