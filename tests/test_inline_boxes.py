"""A box of related stories inside an article's text ("Related" over a few titles) is
passed over: the paragraphs below it are the article's. The same marker under the text,
over teasers, other stories or comments, still ends the body. The texts are made up for
the tests."""

from .conftest import only_article

TOP = """Harbour town opens its new lifeboat station after a year of building work
By Mara Quinn
The harbour town opened its new lifeboat station on Saturday, after a year of building work on the old quay that cost the council and the lifeboat charity far more than planned.
The station holds two boats, a crew room and a small shop, and the lifeboat crew moved in with their boats and their kit on Friday evening, one day before the opening ceremony began.
Crowds lined the quay to watch the first launch from the new slipway, which the crew say saves them two minutes on every call out to the open sea beyond the harbour wall."""
BOX = """Related
Coastguard warns walkers about spring tides
Fishing fleet returns early as storm nears
Town council approves harbour budget"""
BELOW = """The old lifeboat station, built in 1904, had become too small for the modern boats, and its slipway was too steep for the heavier lifeboat the crew was given last year.
Building work on the new station was delayed twice by winter storms that damaged the quay, and the charity had to raise more money from the town to finish the slipway.
The lifeboat crew answered eighty calls from the old station last year, most of them to walkers cut off by the tide and to small boats in trouble off the harbour.
The charity says the new station and its slipway should serve the town and its lifeboat crew for the next fifty years at least."""


def test_the_text_below_a_box_of_related_stories_stays_in_the_body():
    body = only_article("\n".join([TOP, BOX, BELOW])).body
    assert body.startswith("The harbour town opened")
    for paragraph in BELOW.splitlines():
        assert paragraph in body
    assert "Related" not in body and "Coastguard warns" not in body and "harbour budget" not in body


def test_a_short_line_under_the_box_goes_with_it_and_the_paragraphs_stay():
    # a short line under the titles is not told from a teaser's date or summary
    short = "The crew cheered. So did the mayor."
    body = only_article("\n".join([TOP, BOX, short, BELOW])).body
    assert BELOW in body.replace("\n\n", "\n")
    assert short not in body and "Fishing fleet returns" not in body


def test_a_related_marker_over_teasers_of_other_stories_ends_the_body():
    teasers = """Related
Railway bridge to close for repairs in March
Engineers will replace the steel deck of the railway bridge over the river, closing the line between the two cities for three weeks in March while trains are replaced by buses.
Museum buys a rare painting of the old market square
The museum paid an undisclosed sum at an auction in London for the painting, which shows the market square on a busy Saturday morning some two hundred years ago.
School choir wins national prize"""
    body = only_article("\n".join([TOP, teasers])).body
    assert body.endswith("beyond the harbour wall.")
    assert "Engineers will replace" not in body and "The museum paid" not in body


def test_a_marker_over_paragraphs_about_other_things_ends_the_body():
    # three full paragraphs in a row, but they share no words with the article: other stories
    others = """Most read
Railway bridge to close for repairs in March
Engineers will replace the steel deck of the railway bridge over the river, closing the line between the two cities for three weeks in March while trains are replaced by buses.
The museum paid an undisclosed sum at an auction in London for a painting which shows the market square on a busy Saturday morning some two hundred years ago.
Students of the music school gave their first concert in the renovated theatre, playing pieces by composers from every century of its history to a full house."""
    body = only_article("\n".join([TOP, others])).body
    assert body.endswith("beyond the harbour wall.")
    assert "Engineers will replace" not in body


def test_a_marker_over_a_short_excerpt_ends_the_body():
    # "Read more" over another story's title and a two-paragraph excerpt of it
    excerpt = """Read more
Harbour festival returns in June
The harbour festival returns to the old quay in June, with boat races, music and food stalls along the harbour wall for three days.
Organisers expect more visitors than last year, when the festival drew crowds from the whole coast to watch the lifeboat crew race."""
    body = only_article("\n".join([TOP, excerpt])).body
    assert body.endswith("beyond the harbour wall.")


def test_a_footer_in_the_box_ends_the_body():
    box = BOX.replace("Related\n", "Related\n© 2024 Harbour Herald. All rights reserved.\n")
    body = only_article("\n".join([TOP, box, BELOW])).body
    assert body.endswith("beyond the harbour wall.")


def test_below_a_box_a_second_marker_ends_the_body():
    teaser = """See also
Coastguard warns walkers about spring tides
The coastguard warned walkers on the harbour path to check the tide tables before setting out, after two walkers were cut off by the tide last week.
The lifeboat crew brought both walkers back to the harbour, and the coastguard says the spring tides this month will be the highest of the year.
Walkers cut off by the tide should call the coastguard at once and never try to swim back to the beach below the harbour wall."""
    body = only_article("\n".join([TOP, BOX, BELOW, teaser])).body
    assert body.endswith("for the next fifty years at least.")
    assert "coastguard warned" not in body


def test_below_a_box_a_paragraph_in_another_script_ends_the_body():
    other = "Городской совет утвердил бюджет на следующий год, в котором больше всего денег получат школы, больницы и ремонт дорог в старой части города."
    body = only_article("\n".join([TOP, BOX, BELOW, other])).body
    assert body.endswith("for the next fifty years at least.")


def test_text_spaced_otherwise_below_a_box_leaves_the_paragraphs_above_as_they_were():
    # above the box a line break ends each paragraph (a subheading stays a line of its
    # own); below it, blank lines: the text above is still read line by line
    top = TOP.replace("\nCrowds lined", "\nThe first launch\nCrowds lined")
    below = "\n\n".join(BELOW.splitlines())
    body = only_article("\n".join([top, BOX, ""]) + below).body
    assert "\n\nThe first launch\n\nCrowds lined" in body


def test_a_related_marker_over_comments_ends_the_body():
    comments = """Related
Coastguard warns walkers about spring tides
3 Comments
Anna said: the new lifeboat station on the quay is a wonderful thing for the harbour town and its crew, and the slipway looks very fine indeed from the beach.
Tom said: a year of building work on the quay for the lifeboat station was a long wait for the town, but the crew and the boats were worth every day of it."""
    body = only_article("\n".join([TOP, comments])).body
    assert body.endswith("beyond the harbour wall.")
    assert "Anna said" not in body


def test_text_in_another_script_below_the_marker_is_not_the_articles():
    other = """Related
Новости региона
Городской совет утвердил бюджет на следующий год, в котором больше всего денег получат школы, больницы и ремонт дорог в старой части города у реки.
Мэр заявил, что новые автобусы выйдут на маршруты весной, а старые будут проданы соседним городам, которые давно просили их о помощи с транспортом."""
    body = only_article("\n".join([TOP, other])).body
    assert body.endswith("beyond the harbour wall.")


def test_below_a_box_the_body_ends_before_the_pages_feed_of_links():
    feed = "\n".join(f"Harbour story number {n} from the archive" for n in range(12))
    tail = "Share this story\nLike\nComment\nNewsletter sign-up"
    body = only_article("\n".join([TOP, BOX, BELOW, feed, tail])).body
    assert body.endswith("for the next fifty years at least.")
    assert "Harbour story number" not in body and "Newsletter" not in body


def test_a_marker_that_only_ends_pages_is_never_a_box():
    for marker in ("Most read", "Tags", "You may also like", "Read next"):
        body = only_article("\n".join([TOP, BOX.replace("Related", marker), BELOW])).body
        assert body.endswith("beyond the harbour wall."), marker


def test_a_box_holding_a_byline_or_a_date_heads_another_story():
    # "Related", a title, its byline and date, then that story's paragraphs
    story = BOX + "\nBy Tom Reed\nMarch 4, 2024"
    body = only_article("\n".join([TOP, story, BELOW])).body
    assert body.endswith("beyond the harbour wall.")


def test_titles_just_above_the_box_go_with_it():
    top = TOP + "\nMore on this:\nLifeboat crews train for winter storms"
    body = only_article("\n".join([top, BOX, BELOW])).body
    assert "More on this" not in body and "train for winter storms" not in body
    assert BELOW.splitlines()[-1] in body


def test_below_a_box_titles_before_a_closing_marker_are_left_out():
    titles = "Will the ferry run again this summer?\nWhat next for the old station?\nMost read\nA list of stories"
    body = only_article("\n".join([TOP, BOX, BELOW, titles])).body
    assert body.endswith("for the next fifty years at least.")
