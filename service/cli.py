"""The `dumpling` command. Each subcommand imports only what it needs, so
`dumpling process` runs with no web or queue libraries loaded (and reads no settings).

Defaults come from ``Settings`` (the environment, read once); a flag overrides them.
"""

from __future__ import annotations

import argparse
import sys

from workers.config import Settings


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dumpling", description="Turn raw news text dumps into clean, structured articles.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    from workers.pipeline.cli import add_process_arguments

    process = commands.add_parser("process", help="process a dump offline and print its articles as JSON")
    add_process_arguments(process)

    serve = commands.add_parser("serve", help="run the HTTP API under gunicorn")
    serve.add_argument("--host", help="default: DUMPLING_HOST, else 127.0.0.1")
    serve.add_argument("--port", type=int, help="default: DUMPLING_PORT, else 8000")
    serve.add_argument("--workers", type=int, help="gunicorn processes (default: DUMPLING_HTTP_WORKERS, else 2)")

    worker = commands.add_parser("worker", help="run a Celery worker that processes jobs")
    worker.add_argument("--concurrency", type=int, default=None, help="processes (default: CPU count)")
    worker.add_argument("--loglevel", help="default: DUMPLING_LOG_LEVEL, else INFO")
    worker.add_argument("--name", default=None, help="node name (default: celery@HOSTNAME)")

    up = commands.add_parser("up", help="run Redis (private, unless REDIS_URL is set), a worker and the API")
    up.add_argument("--host", help="default: DUMPLING_HOST, else 127.0.0.1")
    up.add_argument("--port", type=int, help="default: DUMPLING_PORT, else 8000")
    up.add_argument("--ephemeral", action="store_true",
                    help="keep the private Redis's data in a temporary folder, removed at exit "
                         "(default: kept in DUMPLING_DATA_DIR, else the per-user data folder)")

    client = argparse.ArgumentParser(add_help=False)      # the options every client command takes
    client.add_argument("--url", help="the API (default: DUMPLING_URL, else http://127.0.0.1:DUMPLING_PORT); "
                                      "the API key comes from DUMPLING_API_KEY")
    client.add_argument("--timeout", type=float, help="give up after this many seconds in all (default: never)")
    client.add_argument("--quiet", "-q", action="store_true", help="no progress and no messages, only errors")

    submit = commands.add_parser("submit", parents=[client],
                                 help="send a dump to the API and print the job; with --wait, its articles too")
    submit.add_argument("file", help="the dump, or - for standard input")
    submit.add_argument("--wait", action="store_true", help="wait until the job ends, then print it with its articles")

    jobs = commands.add_parser("jobs", help="list, show, wait for or delete jobs")
    actions = jobs.add_subparsers(dest="action", required=True, metavar="ACTION")
    listing = actions.add_parser("list", parents=[client], help="recent jobs, newest first")
    listing.add_argument("--limit", type=int, help="at most this many (default: the API's page size)")
    for name, text in (("get", "print a job"), ("wait", "wait until a job ends, then print it with its articles")):
        actions.add_parser(name, parents=[client], help=text).add_argument("job_id", metavar="ID")
    actions.add_parser("delete", parents=[client], help="delete jobs, their dumps and their articles") \
        .add_argument("job_ids", metavar="ID", nargs="+")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _run(args)
    except BrokenPipeError:       # `dumpling process big.txt | head`
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        return 130


def _run(args: argparse.Namespace) -> int:
    if args.command == "process":
        from workers.pipeline.cli import run_process

        return run_process(args)
    settings = Settings.from_env()
    if args.command == "serve":
        from .serve import serve

        serve(settings, _or(args.host, settings.host), _or(args.port, settings.port),
              _or(args.workers, settings.http_workers))
        return 0
    if args.command == "worker":
        from workers.celery_factory import create_celery, worker_argv

        create_celery(settings).worker_main(worker_argv(settings, args.concurrency, args.name, args.loglevel))
        return 0
    if args.command == "up":
        from .up import up

        return up(settings, _or(args.host, settings.host), _or(args.port, settings.port), args.ephemeral)
    if args.command in ("submit", "jobs"):
        from .client import Api
        from .commands import Console, run_client_command

        api = Api(_or(args.url, settings.api_url), settings.api_key, args.timeout)
        return run_client_command(api, args.action if args.command == "jobs" else "submit", args,
                                  Console(quiet=args.quiet))
    return 2


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("dumpling")
    except PackageNotFoundError:            # run from a source tree that was never installed
        return "unknown (not installed)"


def _or(flag, setting):
    """The flag when given, else the setting."""
    return setting if flag is None else flag


if __name__ == "__main__":
    sys.exit(main())
