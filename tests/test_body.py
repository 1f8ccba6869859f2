"""Where the body ends: reader comments under the text are not part of it. The texts are
made up for the tests."""

import pytest

from workers.pipeline.shapes import can_open_body
from workers.pipeline.lines import analyse
from workers.pipeline.rules import is_photo_counter

from .conftest import only_article

ARTICLE = """Village library reopens after two years of repairs
Comments (3)
The village library reopened on Saturday after two years of repairs to its roof and walls, the council said.
Volunteers carried the books back in by hand, shelf by shelf, over the last three weekends.
The reading room now has space for forty people and a corner for children's story hours."""
LAST_PARAGRAPH = "The reading room now has space for forty people and a corner for children's story hours."


def test_reader_comments_under_a_heading_are_cut_off_from_the_body():
    text = ARTICLE + """
Share this article
3 Comments
Leave a Reply
Anna says:
May 4 at 9:12 am
What wonderful news for the village, we have missed the old reading room so much.
Reply
Tom says:
May 4 at 10:40 am
Finally! My children will be delighted to hear about the story hours again.
Reply"""
    body = only_article(text).body
    assert body.endswith(LAST_PARAGRAPH)
    assert "Leave a Reply" not in body and "What wonderful news" not in body and "Reply" not in body


def test_comments_shown_with_no_heading_are_cut_at_their_first_reply_control():
    text = ARTICLE + """
Anna, 4 May 2024: What wonderful news for the village, we have missed the old reading room so much.
Reply
Tom, 4 May 2024: Finally! My children will be delighted to hear about the story hours again.
Reply
Lisa, 5 May 2024: Will the library keep its Saturday opening hours now that the repairs are done?
Reply"""
    body = only_article(text).body
    assert body.startswith("The village library reopened") and LAST_PARAGRAPH in body
    # with no heading, where the first comment starts is not known: it stays, the rest goes
    assert "Reply" not in body and "Finally! My children" not in body and "opening hours" not in body


def test_a_group_of_comment_headings_goes_with_the_comments():
    text = ARTICLE + """
Comments (2)
Here's what other readers have said about this story.
The comments below have not been moderated.
Newest
Oldest
What wonderful news for the village, we have missed the old reading room so much.
- Anna, Lowfield, 4/5/2024 09:12
Click to rate Rating 3
Report abuse"""
    body = only_article(text).body
    assert body.endswith(LAST_PARAGRAPH)


def test_the_form_for_a_new_comment_ends_the_text_with_no_comment_shown():
    text = ARTICLE + """
Leave a Reply
Name (required)
Mail (will not be published)
Website
You must be logged in to post a comment, and comments are checked by the editors before they appear."""
    body = only_article(text).body
    assert body.endswith(LAST_PARAGRAPH)


def test_a_comment_counter_in_the_toolbar_alone_cuts_nothing():
    # "Comments (3)" above the text, and no comment control anywhere below it
    body = only_article(ARTICLE).body
    assert body.startswith("The village library reopened")
    assert body.endswith(LAST_PARAGRAPH)


def test_comments_followed_by_related_stories_end_the_body_at_the_comments():
    text = ARTICLE + """
2 Comments
Anna says:
What wonderful news for the village, we have missed the old reading room so much.
Reply
Tom says:
Finally! My children will be delighted to hear about the story hours again.
Reply
Related
Museum opens a new wing for local history"""
    body = only_article(text).body
    assert body.endswith(LAST_PARAGRAPH)


def test_one_reply_line_in_an_article_cuts_nothing():
    # a letters page answering a reader under a "Reply" subheading; an embedded post's button
    text = """Why does the bus to the hospital stop at six?
A reader wrote to us this week about the evening bus service to the county hospital, which ends too early.
My mother's appointments end after six, and the last bus home leaves at ten to six. Why was the evening service cut?
Reply
The transport authority says the evening service was cut last spring for lack of passengers, but it will review it.
A spokesman said patients can ask the hospital for a taxi voucher when an appointment runs late."""
    body = only_article(text).body
    assert body.endswith("when an appointment runs late.")


def test_subheadings_and_sentences_about_comments_cut_nothing():
    text = ARTICLE + """
Discussion
Residents can leave a comment in the visitors' book at the door, the librarian said, and many already have.
Leave a comment in the visitors' book at the door.
40 responses came in during the consultation on the opening hours, most asking for late evenings.
The library will open until eight on Thursdays from next month."""
    body = only_article(text).body
    assert body.endswith("The library will open until eight on Thursdays from next month.")


def test_a_gallerys_photo_counters_are_not_paragraphs_of_the_body():
    text = ARTICLE + """
Image 2 of 5
Volunteers carried the last boxes of books up the new stairs to the reading room on Friday.
3/5
The council will pay for new shelves in the children's corner next spring, it said."""
    body = only_article(text).body
    assert "Image 2 of 5" not in body and "3/5" not in body
    assert "new stairs to the reading room" in body and body.endswith("next spring, it said.")
    # a count inside a sentence, or a counter that cannot be one, is text
    assert not any(map(is_photo_counter, ["2 of 5 volunteers stayed late", "5 of 2", "0 of 3"]))


def test_a_read_more_link_between_paragraphs_is_not_text_and_the_text_goes_on():
    paragraphs = [
        "Heavy rain flooded dozens of coastal towns overnight, forcing thousands of residents to leave their homes.",
        "The water began to recede on Sunday, officials said, and schools will reopen on Tuesday if the roads are clear.",
        "Insurers expect claims to run into the hundreds of millions, the association of insurers said on Monday.",
        "Farmers said the rain came too late for the harvest, which had already suffered from a dry summer.",
    ]
    link = "Read more: Last year's floods cost the region millions"
    text = "\n\n".join(["Storm floods coastal towns", *paragraphs[:2], link, *paragraphs[2:]])
    from workers.pipeline import process_text

    article, _ = process_text(text + "\n\n-----\n\nCouncil approves budget\n\n"
                              "The council approved the budget on Friday after a long debate.")
    assert link not in article.body
    assert all(paragraph in article.body for paragraph in paragraphs[1:])


@pytest.mark.parametrize("line", [
    "See also: the full list of winners below", "Related: how we reported this story",
    "Recommended: two servings of fish a week", "Don't miss: the Perseid meteor shower peaks tonight",
])
def test_a_line_of_the_text_under_a_link_label_stays_in_it(line):
    from workers.pipeline import process_text

    paragraphs = [
        "Heavy rain flooded dozens of coastal towns overnight, forcing thousands of residents to leave their homes.",
        "The water began to recede on Sunday, officials said, and schools will reopen on Tuesday if the roads are clear.",
        "Insurers expect claims to run into the hundreds of millions, the association of insurers said on Monday.",
    ]
    text = "\n\n".join(["Storm floods coastal towns", *paragraphs[:2], line, *paragraphs[2:]])
    article, _ = process_text(text + "\n\n-----\n\nCouncil approves budget\n\n"
                              "The council approved the budget on Friday after a long debate.")
    assert line in article.body


@pytest.mark.parametrize("line, opens", [
    ("CONNECT TWEET LINKEDIN GOOGLE+ PINTEREST", False),               # a toolbar
    ("Tags: Schools, Gardens, Awards", False),                          # a page label
    ("Share", False),                                                   # a lone word
    ("The school's garden won the national prize on Tuesday.", True),
    # a paragraph whose words a page label's pattern finds ("Click here") still opens a body
    ("The new lens is in stock at two shops (click here), and only a few are left, the maker said on Monday.", True),
    ("(((Not that the press can do a thing about it, as the minister knows very well by now.)))", True),
    # a byline with its date; a sentence opening like a byline; a fact box's clock times
    ("By Jane Roe on Saturday, March 25th, 2017 at 12:30 p.m.", False),
    ("By Friday, volunteers had cleared 20 roads in the valley.", True),
    ("By Tuesday evening at 11.45, most of the water had drained away.", True),
    ("(Updated with comment from the mayor)", True),
    ("كتب وزير المياه عام 2024 رسالة إلى السكان عن الأسعار.", True),   # "wrote": a sentence
    ("When (TV): 7:10 p.m. Friday-Saturday (WPCH), 8:05 p.m. Sunday", True),
])
def test_the_body_opens_with_a_paragraph_never_with_page_furniture(line, opens):
    (analysed,) = analyse([line])
    assert can_open_body(analysed) is opens
