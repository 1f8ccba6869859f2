"""Figures that tests measure (case counts, throughput), printed at the end of the session.
They are reported, never asserted on: these machines are shared and noisy."""

from collections import Counter, defaultdict

SECTIONS: defaultdict[str, list[str]] = defaultdict(list)
FUZZ_CASES: Counter = Counter()


def line(section: str, text: str) -> None:
    SECTIONS[section].append(text)


def fuzz_case(operation: str) -> None:
    FUZZ_CASES[operation] += 1
