"""The subcommand modules (``annotator/cli_*.py``) load only when one of their commands is
invoked or listed: ``annotator.cli.LAZY_COMMANDS`` must name every command they register,
each with the module that registers it, and the app's start must import none of them."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import click
from click.testing import CliRunner

from annotator import cli

ROOT = Path(__file__).resolve().parents[2]
MODULES = sorted(p.stem for p in (ROOT / "annotator").glob("cli_*.py"))
#: the commands defined in annotator/cli.py itself
EAGER = {"open", "import", "articles", "text", "annotate", "annotations"}


def _context() -> click.Context:
    return click.Context(cli.main, info_name="annotator")


def test_every_lazy_command_comes_from_the_module_named_for_it() -> None:
    ctx = _context()
    for name, module in cli.LAZY_COMMANDS.items():
        command = cli.main.get_command(ctx, name)
        assert command is not None, name
        assert command.name == name
        assert command.callback is not None
        assert command.callback.__module__ == f"annotator.{module}", name


def test_no_command_of_a_subcommand_module_is_missing_from_the_table() -> None:
    assert set(cli.LAZY_COMMANDS.values()) == set(MODULES)
    for module in MODULES:
        importlib.import_module(f"annotator.{module}")
    registered = set(cli.main.commands)
    listed = set(cli.main.list_commands(_context()))
    assert registered == listed
    assert registered - set(cli.LAZY_COMMANDS) == EAGER


def test_help_lists_the_lazy_commands_with_their_summaries() -> None:
    result = CliRunner().invoke(cli.main, ["--help"])
    assert result.exit_code == 0, result.output
    listing = result.output.split("Commands:", 1)[1]
    names = [line.split()[0] for line in listing.splitlines() if line.strip()]
    assert names == sorted({*cli.LAZY_COMMANDS, *EAGER})
    assert "Exchange the tag set" in listing  # the tagset group's summary, from cli_claims


def _modules_after(argv: list[str], tmp_path: Path) -> list[str]:
    """Run ``annotator ARGV`` in a fresh interpreter with the app's ``run`` replaced; the
    annotator modules loaded by then."""
    script = (
        "import json, sys\n"
        "import annotator.app\n"
        "annotator.app.run = lambda *a, **k: 0\n"
        "from annotator.cli import main\n"
        "try:\n"
        f"    main({argv!r})\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('annotator'))))\n"
    )
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_the_app_start_loads_no_subcommand_module(tmp_path: Path) -> None:
    loaded = _modules_after(["--db", str(tmp_path / "x.db"), "--annotator", "ann"], tmp_path)
    assert "annotator.cli" in loaded
    assert not [m for m in loaded if m.startswith("annotator.cli_")]


def test_a_subcommand_loads_only_its_own_module(tmp_path: Path) -> None:
    loaded = _modules_after(["--db", str(tmp_path / "x.db"), "check"], tmp_path)
    assert [m for m in loaded if m.startswith("annotator.cli_")] == ["annotator.cli_reliability"]
