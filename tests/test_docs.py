"""Docs that cannot drift: the README's generated parts match the code, and every
command and option is documented with help text and an example."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
import pytest

from crawler.cli import cli

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()


def test_readme_generated_sections_are_current():
    result = subprocess.run(
        [sys.executable, "-m", "cogapp", "--check", "README.md"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, (
        "README.md is out of date with the code; run `.venv/bin/cog -r README.md`\n"
        + result.stdout
        + result.stderr
    )


def test_readme_starts_with_the_two_setup_commands():
    blocks = README.split("```bash\n")
    first = blocks[1].split("```")[0].splitlines()
    assert [line.split("#")[0].strip() for line in first] == ["make demo", "make test"]
    ci = (ROOT / ".ci" / "run").read_text()
    assert ci.rstrip().endswith("make test")


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_is_in_the_readme_table_with_an_example(name):
    assert f"| `{name}" in README
    command = cli.commands[name]
    assert "Example:" in (command.help or ""), f"{name}'s help has no Example: block"


@pytest.mark.parametrize(
    "name, option",
    [
        (name, param.name)
        for name, command in sorted(cli.commands.items())
        for param in command.params
        if isinstance(param, click.Option)
    ],
)
def test_every_option_has_help_with_an_example(name, option):
    param = next(p for p in cli.commands[name].params if p.name == option)
    assert param.help, f"jobarchive {name} --{option} has no help"
    assert "Example" in param.help, f"jobarchive {name} --{option}: help text has no example"


def test_the_readme_shows_a_working_source_of_every_platform(tmp_path):
    from crawler.platforms import PLATFORMS
    from crawler.userconfig import load_config
    from spiders.configured import spider_for

    section = README.split("### Tracking other employers")[1].split("\n## ")[0]
    blocks = [b.split("```")[0] for b in section.split("```toml\n")[1:]]
    config = tmp_path / "sources.toml"
    config.write_text("\n".join(blocks))
    sources = load_config(config)
    assert {s.kind for s in sources.values()} == set(PLATFORMS)
    for source in sources.values():
        assert spider_for(source).name == source.name
