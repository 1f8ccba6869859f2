"""The header: decks (subheadlines), bylines, dates and widgets between the headline and
the body, and where the body starts. The texts are made up for the tests."""

from .conftest import only_article


def test_a_deck_under_the_headline_is_the_subheadline():
    text = """Rail operator orders forty new trains for the coastal line

The first trains are due in service within three years

By Lena Hart
March 4, 2024

The regional rail operator has ordered forty electric trains to replace its ageing diesel fleet on the coastal line, the company said on Monday.

The order is worth about 600 million euros and includes maintenance for fifteen years.

Passenger groups welcomed the news but asked for more seats during the summer months."""
    article = only_article(text)
    assert article.subheadline == "The first trains are due in service within three years"
    assert article.body.startswith("The regional rail operator")
    assert "Lena Hart" not in article.body and "March 4, 2024" not in article.body


def test_no_deck_when_the_first_paragraph_follows_the_headline():
    article = only_article("Bakery chain to close twelve shops\n\nThe bakery chain will close twelve of its city "
                           "centre shops by the end of the year, blaming rising rents and fewer office workers.\n\n"
                           "The company said staff would be offered jobs in its other branches.\n\n"
                           "It opened its first shop in the old market hall forty years ago.")
    assert article.subheadline is None
    assert article.body.startswith("The bakery chain will close")


def test_bylines_dates_and_share_buttons_stay_out_of_the_body():
    text = """Heatwave closes schools across the south
Published 12 July 2023
By Marta Costa
Share
Print
Schools across the south closed early on Wednesday as temperatures passed forty degrees for the third day running.
Health officials urged older people to stay indoors during the afternoon and to drink plenty of water.
The weather service expects the heat to ease by the weekend."""
    article = only_article(text)
    assert article.headline == "Heatwave closes schools across the south"
    assert article.body.startswith("Schools across the south closed early")
    for chrome in ("Published 12 July 2023", "By Marta Costa", "Share", "Print"):
        assert chrome not in article.body.split("\n")


def test_a_dateline_opens_the_body():
    text = """Central bank holds rates as inflation cools
LISBON, Feb 26 (Reuters) - The central bank kept its main rate unchanged on Thursday, saying inflation was easing faster than expected.
Economists had expected the pause after three rises in a row.
The bank will publish new forecasts in March."""
    article = only_article(text)
    assert article.subheadline is None
    assert article.body.startswith("LISBON, Feb 26 (Reuters)")
