"""Normalisation: line splitting and comparison keys."""

from workers.pipeline.text import gist, line_key, script_of, split_lines, word_count, word_pieces


def test_split_lines_accepts_lf_crlf_and_cr():
    assert split_lines("a\nb\r\nc\rd") == ["a", "b", "c", "d"]


def test_final_line_break_does_not_open_an_empty_line():
    assert split_lines("a\nb\n") == ["a", "b"]
    assert split_lines("a\nb") == ["a", "b"]
    assert split_lines("a\n\n") == ["a", ""]


def test_form_feed_and_unicode_separators_do_not_split_lines():
    assert split_lines("a\fb\u2028c\x85d") == ["a\fb\u2028c\x85d"]


def test_line_key_collapses_whitespace_and_drops_invisible_marks():
    assert line_key("  كازاخستان  \u200fويستهدف\t ") == "كازاخستان ويستهدف"
    assert line_key("a\u00a0b\u200bc") == "a bc"


def test_line_key_applies_nfkc_and_removes_control_characters():
    assert line_key("ﬁle\x00name\x92") == "file name"


def test_word_count_counts_cjk_pairs_and_ignores_punctuation_tokens():
    assert word_count("Kristen Wiig : hello") == 3
    assert word_count("港特首梁振英就住宅违建事件道歉") == 8


def test_script_of_names_the_dominant_script():
    assert script_of("Italian Prime Minister") == "latin"
    assert script_of("جورجيا ميلوني") == "arabic"
    assert script_of("МОСКВА") == "cyrillic"
    assert script_of("香港") == "cjk"
    assert script_of("123 -- !") == "none"


def test_gist_is_the_casefolded_words_without_punctuation():
    assert gist("The Bodies wash in Cutro, a «city»!") == {"the", "bodies", "wash", "in", "cutro", "a", "city"}


def test_gist_of_chinese_is_its_pairs_of_characters():
    assert gist("城市地铁") == {"城市", "市地", "地铁"}


def test_word_pieces_are_what_inflected_forms_of_a_word_share():
    assert word_pieces({"bridges"}, 5) & word_pieces({"bridge"}, 5) == {"bridg", "ridge"}
    assert word_pieces({"москве"}, 5) & word_pieces({"москва"}, 5) == {"москв"}
    assert word_pieces({"الجسر"}, 4) & word_pieces({"للجسر"}, 4) == {"لجسر"}
    assert word_pieces({"大桥"}) == {"大", "桥"}                  # a CJK pair: its Han characters
    assert word_pieces({"bus"}, 5) == {"bus"}                     # a short word is its own piece
    assert not word_pieces({"garden"}, 5) & word_pieces({"gardener"[::-1]}, 5)


def test_word_count_is_linear_on_a_long_line_of_punctuation():
    assert word_count("-" * 200_000) == 0
    assert word_count("a - b -- c") == 3


def test_a_long_run_of_combining_marks_is_cut_before_normalising():
    # NFKC sorts a run of combining marks by insertion (quadratic in the run): the key keeps
    # the first MAX_COMBINING_RUN marks of a run, so a few KB cannot hold a worker
    from workers.pipeline.text import MAX_COMBINING_RUN

    key = line_key("a" + "\u0301\u0316" * 100_000)
    assert len(key) <= MAX_COMBINING_RUN + 1
    assert line_key("كَايْسِيدٌ") == "كَايْسِيدٌ"          # ordinary diacritics are kept


def test_every_blank_line_is_one_shared_object():
    from workers.pipeline.lines import BLANK, analyse

    lines = analyse(["", "  ", "\t", "text", ""])
    assert lines[0] is lines[1] is lines[2] is lines[4] is BLANK
    assert lines[3].number == 4 and not lines[3].blank
    page_break = analyse(["\f"])[0]
    assert page_break.separator and page_break is not BLANK


def test_a_line_of_megabytes_collapses_like_a_short_one():
    # pieces are cut at whitespace past 10,000 characters: no word may be cut in two
    words = ["alpha", "be\u00a0ta", "gamma\t", "  delta", "x" * 12_000, "\u3000eps", "zeta\n"]
    text = " ".join(words[i % len(words)] for i in range(20_000))
    assert line_key(text) == " ".join(text.split())
    clean = "word " * 5000 + "end"
    assert line_key(clean) == clean


def test_a_long_line_with_only_its_ends_to_trim_keys_as_its_stripped_text():
    for text in ["word " * 5000, "\t  " + "word " * 5000 + "end \n", " " * 20_000 + "x" + " " * 9_000]:
        assert line_key(text) == text.strip() == " ".join(text.split())
