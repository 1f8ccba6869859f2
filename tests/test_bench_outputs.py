"""bench.outputs: every dump's articles written once, and two such outputs compared."""

from __future__ import annotations

import json

from bench import outputs

from .dumps import EN_1, EN_2


def article(start: int, headline: str, body: str, captions: list[str] | None = None,
            subheadline: str | None = None) -> dict:
    return {"line_start": start, "headline": headline, "subheadline": subheadline,
            "language": "en", "body": body, "captions": captions or []}


def test_body_lines_moved_out_are_counted_by_where_they_went():
    before = {"a.txt": [article(1, "Quay opens", "First.\nSecond.\nThird."), article(9, "Gone", "Text.")]}
    after = {"a.txt": [article(1, "Quay opens late", "Second.\nFourth.", captions=["Third."],
                               subheadline="First.")]}
    counts, changes = outputs.compare(before, after)
    assert counts["body lines out, to the header"] == 1
    assert counts["body lines out, to a caption"] == 1
    assert counts["body lines in"] == 1
    assert counts["captions in"] == 1
    assert counts["headline changed"] == 1 and counts["subheadline changed"] == 1
    assert counts["articles only before"] == 1 and counts["articles only after"] == 0
    assert any("Third." in change and "to a caption" in change for change in changes)


def test_the_same_output_compares_to_no_change(tmp_path):
    dumps = tmp_path / "dumps"
    dumps.mkdir()
    (dumps / "one.txt").write_text(EN_1 + "\n\n\n" + EN_2, encoding="utf-8")
    out = tmp_path / "out.json"
    assert outputs.write(out, [dumps]) == 1
    written = json.loads(out.read_text(encoding="utf-8"))
    assert len(written[str(dumps / "one.txt")]) == 2
    counts, changes = outputs.compare(written, written)
    assert not +counts and changes == []
