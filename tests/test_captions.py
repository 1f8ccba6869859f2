"""Captions: credits on the line, a caption shown twice, credits alone on their line,
and what is not a caption. The texts are made up for the tests."""

from .conftest import only_article


AR_CAPTION = "وزير المياه خلال افتتاح المحطة الجديدة أمس (رويترز)"
AR_TEXT = """افتتاح أكبر محطة لتحلية المياه في المنطقة

{c}
{c}
TT

افتتحت الحكومة أمس أكبر محطة لتحلية مياه البحر في المنطقة بطاقة إنتاجية تبلغ مليون متر مكعب يوميا، في خطوة تهدف إلى تأمين مياه الشرب.

{c}

وقال وزير المياه إن المحطة تعمل بالطاقة الشمسية جزئيا، وإن المرحلة الثانية من المشروع ستبدأ العام المقبل.

وأضاف أن المشروع يوفر ألف فرصة عمل لسكان المنطقة."""


def test_a_credited_caption_shown_several_times_is_one_caption_and_out_of_the_body():
    article = only_article(AR_TEXT.format(c=AR_CAPTION))
    assert article.captions == [AR_CAPTION]
    assert AR_CAPTION not in article.body
    assert article.body.startswith("افتتحت الحكومة")
    assert article.headline == "افتتاح أكبر محطة لتحلية المياه في المنطقة"


def test_a_credit_alone_on_its_line_is_neither_caption_nor_body():
    text = """Storm floods coastal towns
Heavy rain flooded dozens of coastal towns overnight, forcing thousands of residents to leave their homes and sleep in school halls.
© Photo Agency 2024 / Ana Lopez
The water began to recede on Sunday, officials said, and schools will reopen on Tuesday if the roads are clear.
Insurers expect claims to run into the hundreds of millions."""
    article = only_article(text)
    assert "©" not in article.body
    assert not any(c.startswith("©") for c in article.captions)


def test_parentheses_ending_a_sentence_are_not_credits():
    text = """Council approves budget

The council approved the budget on Friday (local time).

It also agreed to review bus fares in the spring, the mayor said (without giving details) after the vote"""
    assert only_article(text).captions == []


def test_related_stories_after_the_text_are_not_captions_or_body():
    text = """Storm floods coastal towns
Heavy rain flooded dozens of coastal towns overnight, forcing thousands of residents to leave their homes.
The water began to recede on Sunday, officials said, and schools will reopen on Tuesday.
Related
A man walks past a flooded shop in an earlier storm (AFP)
Earlier floods cost the region millions"""
    article = only_article(text)
    assert article.captions == []
    assert "Related" not in article.body
    assert "Earlier floods" not in article.body
