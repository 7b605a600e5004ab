"""The `spcomms` command: the project's management commands under one name, with a short list for --help."""

from __future__ import annotations

import os
import sys

# The commands a user of spcomms needs, in the order of a working day. Everything else Django offers still
# works (`spcomms dbshell`, …) but stays out of the short list.
COMMANDS = [
    "migrate",
    "createstaff",
    "serve",
    "loaddemo",
    "parse",
    "ingest",
    "render",
    "assess",
    "worker",
    "reindex",
    "purge-intake",
    "intake-orphans",
    "vault-rotate",
    "report",
    "audit",
    "check",
    "shell",
]


def _one_line(name: str) -> str:
    from django.core.management import get_commands, load_command_class

    app = get_commands().get(name)
    if app is None:
        return ""
    help_text = load_command_class(app, name).help or ""
    return help_text.strip().splitlines()[0] if help_text.strip() else ""


def print_help() -> None:
    from django.core.management import get_commands

    available = get_commands()
    print("usage: spcomms COMMAND [options]    (spcomms COMMAND --help for a command's options)\n")
    print("commands:")
    for name in COMMANDS:
        if name in available:
            print(f"  {name:<14} {_one_line(name)}")
    print("\nAll Django management commands are available too; settings come from the environment (docs/cli.md).")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spcomms.settings")
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except ImproperlyConfigured as exc:
        print(f"spcomms: configuration error: {exc}", file=sys.stderr)
        return 2
    if len(argv) < 2 or argv[1] in {"-h", "--help", "help"}:
        print_help()
        return 0
    from django.core.management import execute_from_command_line
    from django.db import DatabaseError

    try:
        execute_from_command_line(["spcomms", *argv[1:]])
    except DatabaseError as exc:  # most often a fresh install: no tables yet
        hint = " (run `spcomms migrate` to create the database)" if _missing_table(exc) else ""
        print(f"spcomms: database error: {exc}{hint}", file=sys.stderr)
        return 1
    return 0


def _missing_table(error: Exception) -> bool:
    text = str(error).lower()
    return "no such table" in text or ("relation" in text and "does not exist" in text)


if __name__ == "__main__":
    sys.exit(main())
