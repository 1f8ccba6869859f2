"""Headline: the first title-like line, past menus, mastheads and kickers; copies removed."""

from workers.pipeline import process_text

from .dumps import AR_1, EN_1


def only(text: str):
    (article,) = process_text(text)
    return article


def test_headline_is_the_first_title_line():
    assert only(EN_1).headline == "Harbour cranes idle as dock strike enters second week"


def test_headline_is_whitespace_normalised():
    assert only("  Harbour   cranes idle\tagain  \n\n" + EN_1.split("\n", 2)[2]).headline == "Harbour cranes idle again"


def test_repeated_headline_copies_are_page_chrome():
    headline, rest = AR_1.split("\n", 1)
    copy = headline.replace(" ", "  ", 1)        # the seed repeats it with a doubled space
    text = f"{headline}\n\n{copy}\nTT\n\n{headline}\n{rest}"
    article = only(text)
    assert article.headline == headline
    assert headline not in article.body and copy not in article.body
    assert "TT" not in article.body.split("\n")


def test_a_short_kicker_above_the_headline_is_not_the_headline():
    text = "En Macon, cerca de Lyon\nCae en Francia la jefa del aparato militar de la banda y otro de sus miembros\n" \
           "La Guardia Civil ha detenido en un hotel de Macon, a setenta kilómetros de Lyon, a la jefa del aparato militar."
    assert only(text).headline.startswith("Cae en Francia")


def test_a_one_word_section_label_is_skipped():
    text = "Politiques\nAyrault «assume» et «revendique» sa méthode\n" \
           "A Toulouse, le Premier ministre a fait deux rappels sur scène devant les congressistes réunis."
    assert only(text).headline == "Ayrault «assume» et «revendique» sa méthode"


def test_site_menu_and_masthead_slogan_are_skipped():
    text = ("Exclusive news, data and analytics for financial market professionals\n"
            "Reuters home\nWorld\nBusiness\nMarkets\nEurope\n"
            "Migrant shipwreck kills at least 59 off southern coast\n"
            "By Jane Doe\n"
            "ROME, Feb 26 (Reuters) - At least 59 people died when a wooden boat crashed against rocks near the coast.\n"
            "The vessel had sailed from Turkey four days earlier with about 200 people on board.")
    article = only(text)
    assert article.headline == "Migrant shipwreck kills at least 59 off southern coast"
    assert article.body.startswith("ROME, Feb 26 (Reuters)")
    assert article.line_start == 1


def test_a_url_line_opens_the_record_but_is_not_the_headline():
    text = "http://www.example.com/news/1069585\n" + "\n".join(l for l in AR_1.split("\n") if l)
    article = only(text)
    assert article.headline == AR_1.split("\n")[0]
    assert article.line_start == 1
