"""bench.relayout: a corpus's dumps joined into one, and its articles one at a time."""

from __future__ import annotations

from bench import relayout

from .made_up import write_corpus


def test_the_joined_dump_keeps_every_gold_article_on_its_own_lines(tmp_path):
    corpus = write_corpus(tmp_path, dumps=3, seed=5)
    text, gold = relayout.joined(corpus)
    lines = text.split("\n")
    originals = [(dump_lines, article) for _, dump_lines, articles in relayout.cases(corpus) for article in articles]
    assert len(gold) == len(originals) > 3
    for moved, (dump_lines, article) in zip(gold, originals):
        assert moved["headline"] == article["headline"]
        assert (lines[moved["line_start"] - 1:moved["line_end"]]
                == dump_lines[article["line_start"] - 1:article["line_end"]])


def test_the_joined_dump_is_scored_against_all_the_gold_articles(tmp_path):
    corpus = write_corpus(tmp_path, dumps=3, seed=5)
    counts = relayout.score_joined(corpus)
    assert counts["gold"] == len(relayout.joined(corpus)[1])
    # made-up records are regular: the dumps' joins cut no record and merge none
    assert counts["matched"] == counts["gold"] == counts["pred"]


def test_every_article_is_processed_alone(tmp_path):
    corpus = write_corpus(tmp_path, dumps=2, seed=9)
    counts = relayout.articles_alone(corpus)
    assert counts["articles"] == len(relayout.joined(corpus)[1])
    assert counts["split_first_has_headline"] <= counts["split"] < counts["articles"]


def test_the_command_says_when_a_directory_has_no_cases(tmp_path, capsys):
    assert relayout.main([str(tmp_path)]) == 2
    assert "no NAME.txt + NAME.json" in capsys.readouterr().err
