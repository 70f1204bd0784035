"""The CLI as a translator: every command has help, errors are one line with exit 2."""

from __future__ import annotations

import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from travaux.diffing.errors import InputError
from travaux import cli as cli_module
from travaux.cli import cli


def all_commands(group: click.Group, prefix=()):
    for name, command in sorted(group.commands.items()):
        yield prefix + (name,), command
        if isinstance(command, click.Group):
            yield from all_commands(command, prefix + (name,))


COMMANDS = list(all_commands(cli))


def test_expected_commands_exist():
    names = {" ".join(path) for path, _ in COMMANDS}
    assert {"parse", "compare", "history", "history init", "history add", "history import",
            "log", "show", "diff", "blame", "timeline"} <= names


@pytest.mark.parametrize("path", [p for p, _ in COMMANDS], ids=lambda p: " ".join(p))
def test_every_command_has_help(path):
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    command = dict(COMMANDS)[path]
    assert command.help and len(command.help.strip()) > 20, f"{' '.join(path)} needs a real help text"


def test_library_error_becomes_one_line_exit_2(monkeypatch):
    def boom(path, *args):
        raise InputError(f"{path} is not here; check the path")

    monkeypatch.setattr("travaux.diffing.parse.parse_path", boom, raising=False)
    # (issue 12: the CLI reads through parse_path_revised, which also counts tracked changes)
    monkeypatch.setattr("travaux.diffing.parse.parse_path_revised", boom, raising=False)
    import travaux.diffing.parse  # noqa: F401  (module must exist for the patch to be used)

    result = CliRunner().invoke(cli, ["parse", "nowhere.txt"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == ["error: nowhere.txt is not here; check the path"]


def test_missing_file_through_the_real_entry_point(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "travaux", "compare",
                           str(tmp_path / "a.txt"), str(tmp_path / "b.txt")],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and "a.txt" in lines[0]


def test_bad_pin_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(cli, ["compare", "a.txt", "b.txt", "--pin", "Article 7"])
    assert result.exit_code == 2
    assert "OLD=NEW" in result.output


def test_usage_error_is_one_line_with_exit_status_2():
    # (issue 12: "compare FILE" with one file is no longer a usage error; see test_structure.py)
    for args in (["compare", "--format", "pdf", "a", "b"], ["compare", "a", "b", "c"],
                 ["no-such-command"]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 2, args
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: "), result.output
        assert "--help" in lines[0]


def test_help_and_success_keep_their_exit_status():
    assert CliRunner().invoke(cli, ["--help"]).exit_code == 0
    assert CliRunner().invoke(cli, ["compare", "--help"]).exit_code == 0


def test_use_colour_respects_no_color(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    assert cli_module._use_colour("text", None) is False
    monkeypatch.delenv("NO_COLOR")
    assert cli_module._use_colour("json", None) is False
    assert cli_module._use_colour("text", "out.txt") is False
