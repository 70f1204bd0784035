"""The ``travaux`` command line: the only module that imports click.

Each command parses its options, calls the library, and writes the result.
Library errors (``diffing.errors.TravauxError``) become one line on stderr and
exit status 2, like ``diff``; ``compare`` and ``diff`` exit 1 when the versions
differ and 0 when they are the same.
"""

from __future__ import annotations

import os
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
        click.echo(f"error: {self.message}", err=True)


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
            click.echo(f"error: {message}; see '{where} --help'", err=True)
            sys.exit(2)
        except click.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("Aborted!", err=True)
            sys.exit(1)
        sys.exit(rv if isinstance(rv, int) else 0)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except TravauxError as exc:
            raise TravauxFailure(str(exc)) from None
        except MemoryError:
            raise TravauxFailure("out of memory; try a smaller document or split it") from None
        except BrokenPipeError:
            # `travaux ... | head`: the reader left; not an error of ours.
            sys.stderr.close()
            ctx.exit(0)


def _use_colour(fmt: str, out: str | None) -> bool:
    if fmt != "text" or out or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def _emit(text: str, out: str | None) -> None:
    """Write to -o FILE atomically (all or nothing), or to stdout."""
    if out and out != "-":
        write_atomic(Path(out), text)
    else:
        click.echo(text, nl=not text.endswith("\n"))


def _compare_options(ignore_case, ignore_punctuation, ignore_whitespace, ignore_numbering,
                     match, threshold, pins, mapping, backend):
    from travaux.diffing.options import build_options

    return build_options(
        ignore_case=ignore_case, ignore_punctuation=ignore_punctuation,
        ignore_whitespace=ignore_whitespace, ignore_numbering=ignore_numbering,
        match=match, threshold=threshold, pins=pins, mapping=mapping, backend=backend,
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
    _emit(render_document.render(doc, fmt), out)


# ----------------------------------------------------------------------------- compare

@cli.command()
@click.argument("old", type=click.Path())
@click.argument("new", type=click.Path())
@compare_options
def compare(old, new, fmt, out, ignore_case, ignore_punctuation, ignore_whitespace,
            ignore_numbering, match, threshold, pins, mapping, backend, timestamp) -> None:
    """Align OLD and NEW provision by provision and show what changed.

    Exit status: 0 the versions are the same, 1 they differ, 2 trouble.
    """
    options = _compare_options(ignore_case, ignore_punctuation, ignore_whitespace,
                               ignore_numbering, match, threshold, pins, mapping, backend)
    from travaux.diffing.compare import compare as run_compare
    from travaux.diffing.parse import parse_path
    from travaux.renderers import render

    diff = run_compare(parse_path(Path(old)), parse_path(Path(new)), options)
    _emit(render(diff, fmt, colour=_use_colour(fmt, out), timestamp=timestamp), out)
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


@history_group.command("add")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--label", required=True, help='Version label, e.g. "A/AC.254/4/Rev.1".')
@click.option("--date", "date", required=True, help="Date of the version, YYYY-MM-DD.")
@click.option("--body", default="", help='Who produced it, e.g. "Ad Hoc Committee, 3rd session".')
@click.option("--note", default="", help="Free-text note kept with the version.")
@click.pass_context
def history_add(ctx, file, label, date, body, note) -> None:
    """Append FILE to the history as the next version."""
    version = _history(ctx).add(Path(file), label=label, date=date, body=body, note=note)
    click.echo(f"Added {version.label} ({version.date}): {version.summary_line}")


@history_group.command("import")
@click.argument("manifest", type=click.Path(dir_okay=False))
@click.option("--progress/--no-progress", default=None, help="Show a progress bar (default: on a terminal).")
@click.pass_context
def history_import(ctx, manifest, progress) -> None:
    """Add every version listed in MANIFEST (TOML or CSV: file, label, date, body, note).

    All or nothing: if any version fails, the history is left as it was.
    """
    hist = _history(ctx)
    show = sys.stderr.isatty() if progress is None else progress
    versions = hist.import_manifest(Path(manifest), progress=show)
    click.echo(f"Imported {len(versions)} versions: {', '.join(v.label for v in versions)}")


@cli.command("log")
@click.argument("provision")
@click.option("--at", "at", default=None, help="Name PROVISION as numbered in version LABEL.")
@click.option("-p", "--patch", is_flag=True, help="Show the word diff of each change.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def log_cmd(ctx, provision, at, patch, fmt) -> None:
    """The history of one PROVISION across versions.

    PROVISION is a citation such as "Article 31" or "Article 31 > 2", as
    numbered in the latest version (or in --at LABEL).
    """
    from travaux.renderers import history as render_history

    entries = _history(ctx).log(provision, at=at)
    _emit(render_history.log(entries, fmt, patch=patch, colour=_use_colour(fmt, None)), None)


@cli.command("show")
@click.argument("label")
@click.argument("provision", required=False)
@click.pass_context
def show_cmd(ctx, label, provision) -> None:
    """Print version LABEL as imported, or one PROVISION of it.

    Without PROVISION the output is the imported file, byte for byte.
    """
    hist = _history(ctx)
    if provision is None:
        sys.stdout.buffer.write(hist.show(label))
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
    """Compare two versions of the history (or one PROVISION in them)."""
    from travaux.renderers import render

    options = _compare_options(ignore_case, ignore_punctuation, ignore_whitespace,
                               ignore_numbering, match, threshold, pins, mapping, backend)
    diff = _history(ctx).diff(label1, label2, provision, options=options)
    _emit(render(diff, fmt, colour=_use_colour(fmt, out), timestamp=timestamp), out)
    sys.exit(1 if diff.changed else 0)


@cli.command("blame")
@click.argument("provision")
@click.option("--at", "at", default=None, help="Blame the provision as it reads in version LABEL.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text",
              show_default=True)
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False))
@click.pass_context
def blame_cmd(ctx, provision, at, fmt, out) -> None:
    """For every word of PROVISION, the version that introduced it."""
    from travaux.renderers import history as render_history

    blame = _history(ctx).blame(provision, at=at)
    _emit(render_history.blame(blame, fmt, colour=_use_colour(fmt, out)), out)


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
        _emit(render_history.timeline(hist.timeline(provision)), out)
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
