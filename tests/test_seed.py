"""The seed dump end to end: the case the project started from must be perfect."""

import json
from pathlib import Path

from workers.pipeline import process_bytes

GOLDEN = Path(__file__).parent / "golden" / "aawsat-seed.json"


def test_seed_gives_two_arabic_articles_with_their_spans(seed_bytes):
    articles = process_bytes(seed_bytes)
    assert [(a.line_start, a.line_end) for a in articles] == [(1, 17), (21, 50)]
    assert [a.language for a in articles] == ["ar", "ar"]
    assert [a.index for a in articles] == [0, 1]


def test_seed_article_one_has_its_headline_once_and_its_deck(seed_bytes):
    first = process_bytes(seed_bytes)[0]
    assert first.headline == "الإرهاب يضرب مجددًا كازاخستان ويستهدف مقرًا للأمن"
    assert first.subheadline == "بعد أيام على «أربعينية» هجمات أكتوبي"
    assert first.captions == []
    assert first.body.startswith("يضرب الإرهاب من جديد")
    assert "كازاخستان ويستهدف" not in first.body          # no copy of the headline
    assert "TT" not in first.body.split()


def test_seed_article_two_has_three_distinct_captions_none_left_in_the_body(seed_bytes):
    second = process_bytes(seed_bytes)[1]
    assert second.headline == "«كايسيد»: نستثمر في مستقبل أكثر سلاماً"
    assert second.subheadline is None
    assert second.captions == [
        "الدكتور زهير الحارثي أمين عام المركز خلال الحفل (كايسيد)",
        "جانب من حفل تخريج دفعة 2024 من برنامج «الزمالة الدولية» في لشبونة (كايسيد)",
        "الدكتور زهير الحارثي يتوسط خريجي «برنامج الزمالة الدولية» (كايسيد)",
    ]
    for caption in second.captions:
        assert caption not in second.body
    assert second.body.startswith("أكد الدكتور زهير الحارثي")
    # the quoted "(كايسيد)" inside a paragraph is text, not a credit
    assert "«(كايسيد) لم يمنحني" in second.body


def test_seed_body_keeps_the_text_as_written_with_blank_lines_between_paragraphs(seed_bytes):
    first, second = process_bytes(seed_bytes)
    source = seed_bytes.decode("utf-8").split("\n")
    assert first.body.split("\n\n") == source[11:17]
    assert second.body.split("\n\n") == [source[i - 1] for i in (32, 34, 36, 40, 42, 44, 48, 50)]


def test_seed_matches_the_reviewed_golden_output(seed_bytes):
    """tests/golden/aawsat-seed.json was produced by `dumpling process` once and checked by hand."""
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert [a.to_dict() for a in process_bytes(seed_bytes)] == golden["articles"]
