"""Issue 12, point 1: each hostile shape of ``bench/hostile.py`` goes through the pipeline
at a small size and gives its output (the timings and memory are the benchmark's to show,
not a test's)."""

from __future__ import annotations

import io
import json
from argparse import Namespace

import pytest

from bench.hostile import SHAPES
from workers.pipeline.cli import run_process

SIZE = 256 * 1024


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_a_hostile_shape_goes_through_dumpling_process(shape, tmp_path):
    path = tmp_path / f"{shape}.txt"
    path.write_bytes(SHAPES[shape](SIZE))
    out, err = io.StringIO(), io.StringIO()
    assert run_process(Namespace(file=str(path), format="jsonl"), out, err) == 0, err.getvalue()
    articles = [json.loads(line) for line in out.getvalue().splitlines()]
    lines = path.read_bytes().count(b"\n") + 1
    for article in articles:                        # spans inside the dump, in order
        assert 1 <= article["line_start"] <= article["line_end"] <= lines
    if shape == "one-word-line":
        [article] = articles
        assert article["body"].count("word") + (article["headline"] or "").count("word") > 1000
    if shape == "blank-lines":
        assert articles == []                       # nothing but line breaks: no article


def test_the_shapes_are_the_sizes_asked_for():
    for shape, make in SHAPES.items():
        assert abs(len(make(SIZE)) - SIZE) <= 8, shape
