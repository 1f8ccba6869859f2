"""Where the body ends: reader comments under the text are not part of it. The texts are
made up for the tests."""

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
    assert body.startswith("The village library reopened")
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
