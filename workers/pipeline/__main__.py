"""`python -m workers.pipeline FILE`: the same as `dumpling process FILE`."""

import sys

from service.cli import main

sys.exit(main(["process", *sys.argv[1:]]))
