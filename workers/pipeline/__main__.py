"""`python -m workers.pipeline FILE`: the same as `dumpling process FILE`.

Built from the pipeline's own command-line pieces (``cli.py``), not from ``service.cli``:
dependencies point service -> workers -> pipeline, never back up.
"""

import argparse
import sys

from .cli import add_process_arguments, run_process


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m workers.pipeline",
                                     description="Process a dump offline and print its articles as JSON.")
    add_process_arguments(parser)
    args = parser.parse_args(argv)
    try:
        return run_process(args)
    except BrokenPipeError:       # `python -m workers.pipeline big.txt | head`
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        return 130


sys.exit(main())
