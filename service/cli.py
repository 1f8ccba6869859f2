"""The `dumpling` command. Each subcommand imports only what it needs, so
`dumpling process` runs with no web or queue libraries loaded."""

from __future__ import annotations

import argparse
import sys


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dumpling", description="Turn raw news text dumps into clean, structured articles.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    from workers.pipeline.cli import add_process_arguments

    process = commands.add_parser("process", help="process a dump offline and print its articles as JSON")
    add_process_arguments(process)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "process":
            from workers.pipeline.cli import run_process

            return run_process(args)
    except BrokenPipeError:       # `dumpling process big.txt | head`
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        return 130
    return 2


if __name__ == "__main__":
    sys.exit(main())
