"""The ``travaux`` command line: the only module that imports click.

Each command parses its options, calls the library, and writes the result.
Library errors (``diffing.errors.TravauxError``) become one line on stderr and
exit status 2, like ``diff``; ``compare`` and ``diff`` exit 1 when the versions
differ and 0 when they are the same.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import click

from travaux.diffing.errors import TravauxError
from travaux.diffing.files import write_atomic
from travaux.diffing.model import Backend, MatchMode
from travaux.renderers import Format
from travaux.renderers.document import ParseFormat

FORMATS_PARSE = tuple(f.value for f in ParseFormat)
FORMATS_COMPARE = tuple(f.value for f in Format)


class TravauxFailure(click.ClickException):
    """A user-fixable failure: ``error: <message>``, exit status 2."""

    exit_code = 2

    def format_message(self) -> str:
        return self.message

    def show(self, file=None) -> None:  # one line, no "Error:" prefix noise
        click.echo(f"error: {one_line(self.message)}", err=True)


def one_line(message: str) -> str:
    """An error message on one line whatever it quotes: a file name with a line
    break or a control character shows it escaped, never breaks the line."""
    message = message.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return "".join(ch if ch.isprintable() or ch == " " else repr(ch)[1:-1] for ch in message)


class TravauxGroup(click.Group):
    """Turns library errors into TravauxFailure for every subcommand, and usage
    errors into one line (click's own usage report takes three)."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            rv = super().main(args, prog_name, complete_var, False, **extra)
        except click.UsageError as exc:
            where = exc.ctx.command_path if exc.ctx else (prog_name or "travaux")
            message = exc.format_message().rstrip(".")
            message = message[:1].lower() + message[1:]
            click.echo(f"error: {one_line(message)}; see '{where} --help'", err=True)
            sys.exit(2)
        except click.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except click.Abort:      # Ctrl-C: like a shell, status 130 (1 would mean "differ")
            click.echo("error: interrupted", err=True)
            sys.exit(130)
        sys.exit(rv if isinstance(rv, int) else 0)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except TravauxError as exc:
            raise TravauxFailure(str(exc)) from None
        except MemoryError:
            raise TravauxFailure("out of memory; try a smaller document or split it") from None
        except OSError as exc:
            if isinstance(exc, BrokenPipeError):   # `travaux ... | head`: the reader left
                sys.stderr.close()
                ctx.exit(0)
            # Writing the output or the history failed (full disk, closed stream ...).
            where = f" {exc.filename}" if exc.filename else ""
            if isinstance(exc, (FileExistsError, NotADirectoryError)):
                raise TravauxFailure(f"cannot write{where}: a file is in the way of a folder; "
                                     "give a new or existing folder") from None
            raise TravauxFailure(f"cannot write{where}: {exc.strerror or exc}; free some space, "
                                 "check permissions, or write elsewhere with -o FILE") from None


def _use_colour(fmt: str, out: str | None) -> bool:
    if fmt != "text" or out or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def _emit(text: str, out: str | None, fmt: str = "text") -> None:
    """Write to -o FILE atomically (all or nothing), or to stdout.

    Last line of defence for the terminal, whatever a renderer did: in JSON
    every control character is written as a \\u escape (same data); in text
    and Markdown each is replaced by U+FFFD, except the colour codes (SGR) our
    own text renderer writes.  HTML goes to a browser, which obeys none of them.
    """
    text = _terminal_safe(text, fmt)
    if out and out != "-":
        write_atomic(Path(out), text)
    else:
        _stdout()
        click.echo(text, nl=not text.endswith("\n"))


_SGR = re.compile(r"\x1b\[[0-9;]*m")


def _terminal_safe(text: str, fmt: str) -> str:
    from travaux.diffing.unsafe import CONTROL, scrub

    if fmt in ("html", "redline"):
        return text
    if fmt == "json":
        return CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    if "\x1b" not in text:
        return scrub(text)
    parts = _SGR.split(text)
    codes = _SGR.findall(text)
    return "".join(scrub(p) + (codes[i] if i < len(codes) else "") for i, p in enumerate(parts))


def _stdout():
    """Standard output, or a clear failure when it is closed (``>&-``): click
    would otherwise write nothing and exit 0."""
    if sys.stdout is None:
        raise TravauxFailure("standard output is closed; redirect it to a file, or give -o FILE")
    return sys.stdout


def _warn(*docs) -> None:
    """What reading repaired, on stderr (the output itself stays clean)."""
    for doc in docs:
        for line in doc.meta.warnings:
            click.echo(f"warning: {line}", err=True)


def _compare_options(ignore_case, ignore_punctuation, ignore_whitespace, ignore_numbering,
                     match, threshold, pins, mapping, backend, scope="all"):
    from travaux.diffing.options import build_options

    return build_options(
        ignore_case=ignore_case, ignore_punctuation=ignore_punctuation,
        ignore_whitespace=ignore_whitespace, ignore_numbering=ignore_numbering,
        match=match, threshold=threshold, pins=pins, mapping=mapping, backend=backend,
        scope=scope,
    )


def compare_options(f):
    """The options shared by `compare` and `diff`."""
    decorators = [
        click.option("--format", "fmt", type=click.Choice(FORMATS_COMPARE), default="text",
                     show_default=True, help="Output format: terminal text, JSON, side-by-side "
                     "HTML, one-column redline HTML, or Markdown."),
        click.option("-o", "--output", "out", type=click.Path(dir_okay=False),
                     help="Write to FILE (atomically) instead of standard output."),
        click.option("--ignore-case", is_flag=True, help="Treat capitalisation changes as equal."),
        click.option("--ignore-punctuation", is_flag=True, help="Treat punctuation changes as equal."),
        click.option("--ignore-whitespace", is_flag=True, help="Treat whitespace changes as equal."),
        click.option("--ignore-numbering", is_flag=True,
                     help="Treat changes of paragraph/list numbers as equal."),
        click.option("--match", type=click.Choice([m.value for m in MatchMode]), default=MatchMode.ORDER.value,
                     show_default=True, help="'order': align as successive drafts; 'any': give "
                     "each block its best counterparts regardless of order."),
        click.option("--threshold", type=click.FloatRange(0.0, 1.0), default=None,
                     help="Minimum similarity (0-1) for two blocks to be paired."),
        click.option("--pin", "pins", multiple=True, metavar="OLD=NEW",
                     help='Force a pair, e.g. --pin "Article 7=Article 8". Repeatable.'),
        click.option("--map", "mapping", type=click.Path(dir_okay=False),
                     help="A TSV/CSV file of forced pairs: old path, new path per line."),
        click.option("--backend", type=click.Choice([b.value for b in Backend]),
                     default=Backend.AUTO.value,
                     show_default=True, help="Word-diff engine: C++ diff-match-patch or pure Python."),
        click.option("--timestamp", is_flag=True,
                     help="Stamp HTML output with the time of rendering (off: byte-identical output)."),
    ]
    for d in reversed(decorators):
        f = d(f)
    return f


@click.group(cls=TravauxGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-C", "directory", type=click.Path(file_okay=False), default=None,
              help="Run as if started in DIR (for history commands), like git -C.")
@click.version_option(package_name="travaux")
@click.pass_context
def cli(ctx: click.Context, directory: str | None) -> None:
    """travaux: the drafting history of legal texts.

    Parse versions of an instrument, align them provision by provision, show
    what changed word by word, and keep every version in git.
    """
    ctx.ensure_object(dict)
    ctx.obj["dir"] = Path(directory) if directory else Path.cwd()


# ----------------------------------------------------------------------------- parse

@cli.command()
@click.argument("file", type=click.Path())   # the reader checks it: one "error:" line, exit 2
@click.option("--format", "fmt", type=click.Choice(FORMATS_PARSE), default="text", show_default=True,
              help="text: the outline (path, kind, first words); json: the full structure.")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False),
              help="Write to FILE (atomically) instead of standard output.")
def parse(file: str, fmt: str, out: str | None) -> None:
    """Read FILE into its structure of articles and paragraphs.

    FILE may be .txt, .md, .docx, .pdf (with a text layer), .html or .xml;
    the format is detected from the content.
    """
    from travaux.diffing.parse import parse_path
    from travaux.renderers import document as render_document

    doc = parse_path(Path(file))
    _warn(doc)
    _emit(render_document.render(doc, fmt), out, fmt)


# ----------------------------------------------------------------------------- compare

@cli.command()
@click.argument("old", type=click.Path())
@click.argument("new", type=click.Path())
@compare_options
@click.option("--scope", default="all", show_default=True, metavar="SCOPE",
              help="Compare only part of each text: 'enacting' (the enacting terms: no "
              "memorandum, preamble, financial statement or signatures), 'excerpt' (the "
              "shorter text is an excerpt of the longer) or a range such as \"Article 3-10\".")
def compare(old, new, fmt, out, ignore_case, ignore_punctuation, ignore_whitespace,
            ignore_numbering, match, threshold, pins, mapping, backend, timestamp, scope) -> None:
    """Align OLD and NEW provision by provision and show what changed.

    Exit status: 0 the versions are the same, 1 they differ, 2 trouble.
    """
    options = _compare_options(ignore_case, ignore_punctuation, ignore_whitespace,
                               ignore_numbering, match, threshold, pins, mapping, backend, scope)
    from travaux.diffing.compare import compare as run_compare
    from travaux.diffing.parse import parse_path
    from travaux.renderers import render

    diff = run_compare(parse_path(Path(old)), parse_path(Path(new)), options)
    _emit(render(diff, fmt, colour=_use_colour(fmt, out), timestamp=timestamp), out, fmt)
    sys.exit(1 if diff.changed else 0)


# ----------------------------------------------------------------------------- history

def _history(ctx: click.Context):
    from travaux.history import open_history

    return open_history(ctx.obj["dir"])


@cli.group("history")
def history_group() -> None:
    """Create a drafting history and add versions to it."""


@history_group.command("init")
@click.argument("directory", type=click.Path(file_okay=False), required=False)
@click.pass_context
def history_init(ctx, directory: str | None) -> None:
    """Create an empty history in DIRECTORY (default: the current one)."""
    from travaux.history import init_history

    target = Path(directory) if directory else ctx.obj["dir"]
    if directory and not Path(directory).is_absolute():
        target = ctx.obj["dir"] / directory
    hist = init_history(target)
    click.echo(f"Initialised empty travaux history in {hist.root}")


def _wait_option(f):
    from travaux.history.lock import DEFAULT_WAIT

    return click.option("--wait", "wait", type=click.FloatRange(0), default=DEFAULT_WAIT,
                        show_default=True, metavar="SECONDS",
                        help="How long to wait for another travaux process writing this "
                        "history (0: fail at once).")(f)


def _say_waiting(message: str) -> None:
    click.echo(message, err=True)


class Interrupted(TravauxFailure):
    exit_code = 130


def _write(call, *args, **kwargs):
    """A history write; Ctrl-C before the version lands leaves the history as it was."""
    from travaux.history.lock import ignore_interrupts_after_landing

    ignore_interrupts_after_landing()
    try:
        return call(*args, on_wait=_say_waiting, **kwargs)
    except KeyboardInterrupt:
        raise Interrupted("interrupted; the history is unchanged") from None


@history_group.command("add")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--label", required=True, help='Version label, e.g. "A/AC.254/4/Rev.1".')
@click.option("--date", "date", required=True, help="Date of the version, YYYY-MM-DD.")
@click.option("--body", default="", help='Who produced it, e.g. "Ad Hoc Committee, 3rd session".')
@click.option("--note", default="", help="Free-text note kept with the version.")
@click.option("--allow-out-of-order", is_flag=True,
              help="Accept a version dated before the latest one (versions keep the order added).")
@_wait_option
@click.pass_context
def history_add(ctx, file, label, date, body, note, allow_out_of_order, wait) -> None:
    """Append FILE to the history as the next version."""
    version = _write(_history(ctx).add, Path(file), label=label, date=date, body=body, note=note,
                     wait=wait, allow_out_of_order=allow_out_of_order)
    click.echo(f"Added {version.label} ({version.date}): {version.summary_line}")


@history_group.command("import")
@click.argument("manifest", type=click.Path(dir_okay=False))
@click.option("--progress/--no-progress", default=None, help="Show a progress bar (default: on a terminal).")
@click.option("--allow-outside", is_flag=True,
              help="Accept files outside the manifest's folder (only for manifests you trust).")
@click.option("--allow-out-of-order", is_flag=True,
              help="Accept versions dated before the latest one (versions keep the order listed).")
@_wait_option
@click.pass_context
def history_import(ctx, manifest, progress, allow_outside, allow_out_of_order, wait) -> None:
    """Add every version listed in MANIFEST (TOML or CSV: file, label, date, body, note).

    All or nothing: if any version fails, the history is left as it was.
    """
    hist = _history(ctx)
    show = sys.stderr.isatty() if progress is None else progress
    versions = _write(hist.import_manifest, Path(manifest), progress=show, wait=wait,
                      allow_outside=allow_outside, allow_out_of_order=allow_out_of_order)
    click.echo(f"Imported {len(versions)} versions: {', '.join(v.label for v in versions)}")


@history_group.command("remove")
@click.argument("label")
@_wait_option
@click.pass_context
def history_remove(ctx, label, wait) -> None:
    """Take the newest version, LABEL, off the history (all or nothing).

    Its commit stays reachable as refs/travaux/removed/... until you delete
    that ref (git update-ref -d) and run git gc.
    """
    version = _write(_history(ctx).remove, label, wait=wait)
    click.echo(f"Removed {version.label} ({version.date})")


@cli.command("log")
@click.argument("provision", required=False)
@click.option("--at", "at", default=None, help="Name PROVISION as numbered in version LABEL.")
@click.option("-p", "--patch", is_flag=True, help="Show the word diff of each change.")
@click.option("-U", "--unified", "context", type=click.IntRange(0), default=1, show_default=True,
              help="With -p: paragraphs of context around each changed one.")
@click.option("-S", "phrase", default=None, metavar="PHRASE",
              help="List the versions in which PHRASE appeared, disappeared or changed its "
              "number of occurrences (in PROVISION, or in the whole instrument).")
@click.option("--regex", is_flag=True, help="With -S: PHRASE is a regular expression.")
@click.option("-i", "--ignore-case", "ignore_case", is_flag=True, help="With -S: ignore case.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def log_cmd(ctx, provision, at, patch, context, phrase, regex, ignore_case, fmt) -> None:
    """What changed in each version, or the history of one PROVISION.

    Without PROVISION: for each version, the provisions inserted, modified,
    renumbered, moved, split, merged or deleted, substantive ones marked (like
    git log --stat).  PROVISION is a provision or one paragraph of it, as
    numbered in the latest version (or in --at LABEL), written either way:
    "Article 31(2)(a)", "Article 31 > 2 > (a)", "Art. 31", "§ 2 Abs. 4",
    "Sec. 2(a)"; case and spaces do not matter.
    With -S "PHRASE": when the phrase entered the text, and when it went.
    """
    from travaux.renderers import history as render_history

    hist = _history(ctx)
    colour = _use_colour(fmt, None)
    if (regex or ignore_case) and phrase is None:
        raise TravauxFailure("--regex and --ignore-case go with -S PHRASE; see travaux log --help")
    if phrase is not None:
        steps = hist.phrase_log(phrase, provision, at, regex=regex, ignore_case=ignore_case)
        _emit(render_history.phrase_log(steps, phrase, provision or "", fmt), None, fmt)
    elif provision is None:
        if at is not None:
            raise TravauxFailure("--at names a PROVISION as numbered in a version; give a "
                                 "PROVISION too, or drop --at")
        _emit(render_history.overview(hist.overview(), fmt, colour=colour), None, fmt)
    else:
        entries = hist.log(provision, at=at)
        _emit(render_history.log(entries, fmt, patch=patch, colour=colour, context=context), None, fmt)


@cli.command("versions")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def versions_cmd(ctx, fmt) -> None:
    """List the versions of the history: number, label, date, body, summary."""
    from travaux.renderers import history as render_history

    _emit(render_history.versions_list(_history(ctx).versions, fmt), None, fmt)


@cli.command("show")
@click.argument("label")
@click.argument("provision", required=False)
@click.pass_context
def show_cmd(ctx, label, provision) -> None:
    """Print version LABEL as imported, or one PROVISION of it.

    Without PROVISION the output is the imported file, byte for byte.
    PROVISION may name a paragraph: "Article 31(2)", "§ 2 > (4)".
    """
    hist = _history(ctx)
    if provision is None:
        data = hist.show(label)
        if _stdout().isatty():      # on a terminal: readable, never obeyed (pipes get the bytes)
            data = _terminal_safe(data.decode("utf-8", "replace"), "text").encode("utf-8")
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        _emit(hist.show_provision(label, provision), None)


@cli.command("diff")
@click.argument("label1")
@click.argument("label2")
@click.argument("provision", required=False)
@compare_options
@click.pass_context
def diff_cmd(ctx, label1, label2, provision, fmt, out, ignore_case, ignore_punctuation,
             ignore_whitespace, ignore_numbering, match, threshold, pins, mapping, backend,
             timestamp) -> None:
    """Compare two versions of the history (or one PROVISION or paragraph in them)."""
    from travaux.renderers import render

    options = _compare_options(ignore_case, ignore_punctuation, ignore_whitespace,
                               ignore_numbering, match, threshold, pins, mapping, backend)
    diff = _history(ctx).diff(label1, label2, provision, options=options)
    _emit(render(diff, fmt, colour=_use_colour(fmt, out), timestamp=timestamp), out, fmt)
    sys.exit(1 if diff.changed else 0)


@cli.command("blame")
@click.argument("provision")
@click.option("--at", "at", default=None, help="Blame the provision as it reads in version LABEL.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text",
              show_default=True)
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False))
@click.pass_context
def blame_cmd(ctx, provision, at, fmt, out) -> None:
    """For every word of PROVISION (or paragraph: "§ 2 > (4)"), the version that introduced it."""
    from travaux.renderers import history as render_history

    blame = _history(ctx).blame(provision, at=at)
    _emit(render_history.blame(blame, fmt, colour=_use_colour(fmt, out)), out, fmt)


@cli.command("timeline")
@click.argument("provision", required=False)
@click.option("--all", "all_", is_flag=True, help="Write the dossier of every provision into DIR.")
@click.option("-o", "--output", "out", required=True, type=click.Path(),
              help="HTML file (one provision) or directory (--all).")
@click.pass_context
def timeline_cmd(ctx, provision, all_, out) -> None:
    """Write the dossier of PROVISION as HTML.

    Its text in every version, each with the redline from the previous one,
    unchanged runs compressed and renumbering stated.
    """
    from travaux.renderers import history as render_history

    hist = _history(ctx)
    if all_ == bool(provision):
        raise TravauxFailure("give either a PROVISION or --all; see travaux timeline --help")
    if all_:
        written = render_history.write_dossier(hist.dossier(), Path(out))
        click.echo(f"Wrote {len(written)} pages to {out} (open {Path(out) / 'index.html'})")
    else:
        _emit(render_history.timeline(hist.timeline(provision)), out, "html")
        click.echo(f"Wrote {out}", err=True)


def main() -> None:
    try:
        cli(prog_name="travaux")
    except Exception as exc:  # a bug of ours: still one line and exit 2, unless debugging
        if os.environ.get("TRAVAUX_DEBUG"):
            raise
        click.echo(f"error: internal error ({type(exc).__name__}: {exc}); please report it with "
                   "the command you ran (TRAVAUX_DEBUG=1 shows the traceback)", err=True)
        sys.exit(2)


if __name__ == "__main__":  # pragma: no cover
    main()
