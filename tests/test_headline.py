"""Headline: the title line of a record, past menus, mastheads and section labels;
its copies are page chrome. The texts are made up for the tests."""

import pytest

from workers.pipeline.titles import (can_be_headline, titles_about_the_text, titles_below_about_the_text,
                                     whole_titles_of_a_cut_headline)
from workers.pipeline.lines import analyse
from workers.pipeline.record import Record
from workers.pipeline.record_context import RecordContext
from workers.pipeline.roles import Role

from .conftest import only_article
from .dumps import ALL, AR_1, EN_1, HEADLINES


def test_headline_is_the_first_title_line():
    assert only_article(EN_1).headline == "Harbour cranes idle as dock strike enters second week"


def test_headline_is_whitespace_normalised():
    text = "  Harbour   cranes idle\tagain  \n\n" + EN_1.split("\n", 2)[2]
    assert only_article(text).headline == "Harbour cranes idle again"


def test_repeated_headline_copies_are_page_chrome():
    headline, rest = AR_1.split("\n", 1)
    copy = headline.replace(" ", "  ", 1)        # dumps repeat it with a doubled space
    text = f"{headline}\n\n{copy}\nTT\n\n{headline}\n{rest}"
    article = only_article(text)
    assert article.headline == headline
    assert headline not in article.body and copy not in article.body
    assert "TT" not in article.body.split("\n")


def test_a_site_menu_above_the_headline_is_skipped():
    text = ("Sign in\nHome\nWorld\nBusiness\nSport\nWeather\n"
            "Ferry crews walk out over new rota as summer timetable begins\n"
            "By Tomas Berg\n"
            "OSLO, June 3 - Ferry crews on the western routes stopped work on Monday, leaving hundreds of "
            "travellers stranded at the harbour as the summer timetable began.\n"
            "The union said the new rota would add two night shifts a week without extra pay.")
    article = only_article(text)
    assert article.headline == "Ferry crews walk out over new rota as summer timetable begins"
    assert article.body.startswith("OSLO, June 3")
    assert article.line_start == 1


def test_a_url_line_opens_the_record_but_is_not_the_headline():
    text = "http://www.example.com/news/1069585\n" + "\n".join(line for line in AR_1.split("\n") if line)
    article = only_article(text)
    assert article.headline == AR_1.split("\n")[0]
    assert article.line_start == 1


@pytest.mark.parametrize("line, headline", [
    ("Home » Business » Shipping » Ports", False),
    ("首页 --> 新闻 --> 正文", False),
    ("News | Sport | Weather | Travel", False),
    ("Ask the Expert | Why the harbour cranes stopped", True),   # one separator: a title with its column
    ("Cars|Homes|Jobs|Classifieds", False),                      # bars with no spaces
    ("港口新聞│ 廣告刊登│ 訂報服務│ Blog", False),
    ("Harbour cranes idle|City Daily", True),                    # one bar: a title and its site
    ("Harbour cranes idle as dock strike enters second week", True),
])
def test_a_breadcrumb_or_menu_line_is_never_the_headline(line, headline):
    (analysed,) = analyse([line])
    assert can_be_headline(analysed) is headline


@pytest.mark.parametrize("line, headline", [
    ("Print Article Send a Tip", False),                        # Print, Send: 2 of 5 words
    ("E-MAIL STORY PRINTER FRIENDLY HARBOUR DESK", False),
    ("0 Ответить Пожаловаться", False),
    ("Share on Facebook Tweet this Email", False),
    ("Log in", False),                                          # half its words or more, even alone
    ("Ferry union says strike news spread on Facebook", True),  # one such word: a headline may mention it
    ("Harbour report: cranes idle", True),
    ("Facebook buys harbour app", True),                       # one of four words
    ("Facebook and Twitter blocked at the harbour office during the long dock strike", True),  # 2 of 13: text
])
def test_a_toolbar_line_is_never_the_headline(line, headline):
    (analysed,) = analyse([line])
    assert can_be_headline(analysed) is headline


def test_the_headline_under_a_toolbar_is_found():
    text = ("Ferry crews walk out over new rota as summer timetable begins\n"
            "Print Article Send a Tip\n"
            "By Tomas Berg\n"
            "OSLO, June 3 - Ferry crews on the western routes stopped work on Monday, leaving hundreds of "
            "travellers stranded at the harbour as the summer timetable began.\n"
            "The union said the new rota would add two night shifts a week without extra pay.")
    assert only_article(text).headline == "Ferry crews walk out over new rota as summer timetable begins"


def test_a_record_of_many_page_controls_is_decoded_a_few_times_not_once_per_control(monkeypatch):
    from workers.pipeline import line_roles

    calls = []
    real = line_roles.best_layout
    monkeypatch.setattr(line_roles, "best_layout", lambda *args: calls.append(1) or real(*args))
    controls = [f"Tags: Harbour, Ferries, Strike week {k}" for k in range(300)]
    record = Record(analyse(controls))
    line_roles.assign_roles(record)
    assert len(calls) <= 3
    assert Role.HEADLINE not in record.roles


@pytest.mark.parametrize("line", [
    "Tags: Harbour, Ferries, Strikes",
    "Filed under: Transport",
    "Next Article: Dock workers return to the cranes",
    "« Previous post",
    "Photos by Tomas Berg",
    "You are here: Home > Transport",
    "Decrease text size Increase text size",
    "Click here for more strike updates",
    "Sign up for our harbour newsletter",
    "Zaloguj się",
    "« Harbour master retires after forty years",
    "More in Transport »",
    "Labels: harbour, ferries, strike week",
    "【打印】 【大 中 小】 【关闭】",
    "[Harbour] [Ferries] [Docks]",
    # a short line opening with a full date
    "Monday, 16 October 2017 - 10:10AM",
    "Friday, 11 January 2008 Harbour news",
    "Sat, Jan 11th, 2008 - 10:15",
    "Thursday, October 11th, 2012 Harbour company produces licensed cranes for ports",
    # a source label
    "来源：港口日报",
    # a photo's or a comment section's controls and headings, an aside in brackets
    "View larger image",
    "Report abuse",
    "Leave a Comment",
    "(This piece is my year in review; here is last year's)",
])
def test_a_page_label_is_never_the_headline(line):
    (analysed,) = analyse([line])
    assert not can_be_headline(analysed)


@pytest.mark.parametrize("line", [
    "【快讯】港口起重机停工进入第二周",                          # a bracketed label and words after it
    "[VIDEO] Harbour cranes idle as strike enters second week",
    "Harbour cranes idle as strike enters second week (VIDEO)",
    "Caption contest: the best captions for the harbour cranes",
    "May 2024 was the harbour's busiest month in a decade",      # a date in a sentence, no day
])
def test_a_headline_opening_with_a_bracketed_label_or_a_date_is_still_a_headline(line):
    (analysed,) = analyse([line])
    assert can_be_headline(analysed)


@pytest.mark.parametrize("line", [
    # a date and a colon, a date with no weekday, words that open like a date
    "Friday, 13 March 2020: the day the rivers burst their banks",
    "9 November 1989: the night the harbour wall fell",
    "5 Novels, 2023's best harbour stories",
    # an agency's tags in brackets at both ends, bars between a section and a title
    "(LEAD) Council votes to close three libraries (ATTN: ADDS details in paras 3-4)",
    "（受权发布）京沪高铁暑期新增夜间列车（全文）",
    "视频｜京沪高铁｜暑期新增夜间列车",
    # a call to readers, replies to critics, sources in a headline's words
    "Have your say on the plan to close three libraries",
    "5 replies to critics of the library closures",
    "Sources: Council set to close three libraries to save money",
    "Source : la SNCF ajoute des trains de nuit entre Paris et Nice",
    "Sources: Council to close libraries",
    "Quelle: Neue Radwege kommen",
    "Friday, 13 March 2020 – the day the rivers burst",
])
def test_headlines_shaped_like_page_furniture_at_a_glance_are_still_headlines(line):
    (analysed,) = analyse([line])
    assert can_be_headline(analysed)


def test_a_headline_with_a_colon_is_still_a_headline():
    (analysed,) = analyse(["Harbour strike: ferry crews walk out over new rota"])
    assert can_be_headline(analysed)


@pytest.mark.parametrize("line", [
    "« Nous ne céderons pas » : les marins du port en grève",
    "Grève au port : « Nous ne céderons pas »",
])
def test_a_headline_quoting_in_guillemets_is_still_a_headline(line):
    (analysed,) = analyse([line])
    assert can_be_headline(analysed)



def test_paragraphs_ending_in_the_devanagari_full_stop_are_not_taken_for_the_headline():
    # "।" is a full stop: read as "!" it made each short paragraph look like a headline
    text = ("किसी एक औरत पर तो भरोसा करो\n\n"
            "उसने कहा कि गांव के लोग अब नई सड़क के बनने का इंतजार कर रहे हैं।\n\n"
            "बारिश के मौसम में पुराना रास्ता पूरी तरह बंद हो जाता है।\n\n"
            "अधिकारियों ने बताया कि काम अगले महीने शुरू होगा।")
    article = only_article(text)
    assert article.headline == "किसी एक औरत पर तो भरोसा करो"
    assert article.body.startswith("उसने कहा कि गांव")


# A breadcrumb trail ending in the headline, above the headline itself; under the
# headline, page chrome or nothing before the text.
@pytest.mark.parametrize("crumb", ["Home : News : {h}", "Home » World » {h}", "Βρίσκεστε εδώ: Αρχική Ειδήσεις {h}"])
@pytest.mark.parametrize("chrome", ["", "View Larger Image\nA A | Email | Print\nShare\n"], ids=["plain", "chrome"])
@pytest.mark.parametrize("brief", ALL, ids=[h[:20] for h in HEADLINES])
def test_a_breadcrumb_ending_in_the_headline_is_not_the_headline(brief, chrome, crumb):
    headline, rest = brief.split("\n", 1)
    article = only_article(f"{crumb.format(h=headline)}\n{headline}\n{chrome}{rest}")
    assert article.headline == headline
    assert article.body.startswith(rest.strip().split("\n", 1)[0])


def test_a_breadcrumb_and_its_tail_are_marked_for_the_role_model():
    lines = analyse(["Home : Health : Clinics open late in winter", "Clinics open late in winter",
                     "Clinics open late in winter",             # a copy: no longer than the line it ends
                     "More from Health : News", "News",          # too short a tail to say anything
                     "The city's clinics will stay open until nine in the evening from December, the health office said."])
    context = RecordContext(Record(lines))
    assert context.crumbs == {0}
    assert context.crumb_tails == {1}


@pytest.mark.parametrize("above, below", [
    ("Budget 2025 | what it means for your family", "what it means for your family"),   # a clause, lower-case
    ("Winter recipes: Food and drink", "Food and drink"),                              # a menu item
    ("The mayor was clear. « We will rebuild every house. »", "« We will rebuild every house. »"),  # a quote
    ("Read also: Ferry fares to rise in the summer", "Ferry fares to rise in the summer"),         # a teaser
    ("Czytaj także: Promy podrożeją od czerwca", "Promy podrożeją od czerwca"),
    ("WATCH: Bus fares to rise again in the autumn", "Bus fares to rise again in the autumn"),
    ("1 of 5 A resident carries a chair out of his flooded kitchen", "A resident carries a chair out of his flooded kitchen"),
    ("Image caption, A resident carries a chair out of his kitchen", "A resident carries a chair out of his kitchen"),
    ("The mayor said, “We will rebuild every house”", "“We will rebuild every house”"),
    ("The mayor said: “We will rebuild every house”", "“We will rebuild every house”"),
    ("Harbour strike: Ferry crews walk out over rota", "Ferry crews walk out over rota"),          # its own deck
])
def test_a_line_ending_with_a_line_below_is_no_breadcrumb_unless_a_trail_of_links_over_a_title(above, below):
    context = RecordContext(Record(analyse([above, "Home", below, "The city's ferries will cost more "
                                            "from June, the transport office said on Monday."])))
    assert context.crumbs == set() and context.crumb_tails == set()


def test_a_pull_quote_repeating_the_end_of_a_paragraph_leaves_headline_and_text_alone():
    text = ("La piscine du quartier sera rénovée\n"
            "Le conseil municipal a voté lundi la rénovation de la piscine du quartier, fermée depuis deux ans "
            "à cause de fuites dans le grand bassin.\n"
            "La maire a été claire. « Nous rouvrirons avant l'été. »\n"
            "« Nous rouvrirons avant l'été. »\n"
            "Les travaux coûteront environ six millions d'euros et devraient durer une année entière, "
            "selon les services techniques de la ville.\n"
            "Les clubs de natation, contraints de s'entraîner dans les communes voisines, ont salué une "
            "décision attendue depuis longtemps.")
    article = only_article(text)
    assert article.headline == "La piscine du quartier sera rénovée"
    assert article.body.startswith("Le conseil municipal a voté lundi")
    assert "La maire a été claire." in article.body


def test_a_headline_ending_with_a_section_name_in_the_menu_below_stays_the_headline():
    text = ("Лучшие зимние рецепты: Еда и напитки\n"
            "Главная\nЕда и напитки\nПутешествия и отдых\n"
            "Зимой хочется горячего: мы собрали десять простых рецептов супов и рагу, которые можно "
            "приготовить за час из того, что есть дома.\n"
            "Начнём с борща, который каждая семья готовит по-своему, и закончим рагу из овощей.")
    article = only_article(text)
    assert article.headline == "Лучшие зимние рецепты: Еда и напитки"
    assert article.body.startswith("Зимой хочется горячего")


@pytest.mark.parametrize("trail", ["Home : Health : ", "Home » World » ", "Home / News / Health / ",
                                   "You are here: Home News Health ", "当前位置：首页 > 新闻 > "])
def test_a_trail_of_links_ending_in_the_title_below_is_a_breadcrumb(trail):
    title = "Clinics open late all winter"
    context = RecordContext(Record(analyse([trail + title, title, "The city's clinics will stay open "
                                            "until nine in the evening from December, the health office said."])))
    assert context.crumbs == {0} and context.crumb_tails == {1}


PARAGRAPHS = ("The school's garden, planted by pupils three years ago on a strip of unused land behind the "
              "sports hall, won the national prize for community projects on Tuesday.\n"
              "The jury praised the way older pupils teach the younger ones to grow vegetables, which are "
              "then cooked in the school kitchen twice a week.\n"
              "The prize money will pay for a greenhouse, the head teacher said, so that the garden can be "
              "used in winter too.")


@pytest.mark.parametrize("above", [
    "1 of 5 Pupils water the tomato beds behind the sports hall\nPupils water the tomato beds behind the sports hall",
    "WATCH: Bus fares to rise again in the autumn\nBus fares to rise again in the autumn",
    "The mayor said, “We will plant a garden in every school”\n“We will plant a garden in every school”",
])
def test_a_line_shown_again_with_a_prefix_above_the_text_is_not_the_headline(above):
    headline = "School garden project wins national award"
    article = only_article(f"{headline}\n{above}\n{PARAGRAPHS}")
    assert article.headline == headline
    assert "The school's garden, planted by pupils" in article.body


def _record_with_roles(rows: list[tuple[str, Role]]) -> tuple[Record, list[Role]]:
    record = Record(analyse([text for text, _ in rows]))
    return record, [role for _, role in rows]


GARDEN_TITLE = "School garden project wins national award"


@pytest.mark.parametrize("taken", [
    "Ferry fares to rise in the summer",                  # a teaser for another story
    "Anna Berg, Tomas Lind and Maria Holm",               # the writers' names
    "More news related to press releases",                # a box's heading
])
def test_a_headline_sharing_no_word_with_its_text_gives_way_to_a_title_above_that_does(taken):
    record, roles = _record_with_roles(
        [("Home", Role.BEFORE), (GARDEN_TITLE, Role.BEFORE), (taken, Role.HEADLINE)]
        + [(p, Role.BODY) for p in PARAGRAPHS.split("\n")])
    assert titles_about_the_text(record, roles) == {1}


def test_a_headline_sharing_a_word_with_its_text_stays():
    record, roles = _record_with_roles(
        [(GARDEN_TITLE, Role.BEFORE), ("Pupils grow vegetables for the kitchen", Role.HEADLINE)]
        + [(p, Role.BODY) for p in PARAGRAPHS.split("\n")])
    assert titles_about_the_text(record, roles) == set()


def test_only_titles_above_the_headline_and_ruled_in_may_replace_it():
    rows = [("Share « Previous Email Print", Role.BEFORE),             # a toolbar using the text's words
            ("Garden", Role.BEFORE),                                   # one word: says too little
            ("A garden for the school", Role.BEFORE),                  # ruled out by the caller
            ("The Weekly Gazette", Role.HEADLINE),
            ("Pupils' vegetable garden wins the national prize", Role.DECK)]   # under it: a deck
    record, roles = _record_with_roles(rows + [(p, Role.BODY) for p in PARAGRAPHS.split("\n")] + [("Share Email Print", Role.BODY)])
    assert titles_about_the_text(record, roles, not_headline={2}) == set()


def test_titles_about_the_text_in_chinese_compare_pairs_of_characters():
    text = ("新线路全长三十二公里，共设二十四座车站，地铁公司表示新线路预计每天可运送乘客五十万人次。\n"
            "地铁公司表示，新线路开通后，城市东部居民进城的时间将缩短一半。")
    record, roles = _record_with_roles(
        [("城市地铁新线路开通", Role.BEFORE), ("本周热门视频推荐", Role.HEADLINE)]
        + [(p, Role.BODY) for p in text.split("\n")])
    assert titles_about_the_text(record, roles) == {0}


def test_a_headline_whose_words_come_back_inflected_in_its_text_stays():
    text = ("В Москве с понедельника на три месяца закроют для движения мосты через реку, сообщили в мэрии. "
            "Автобусы пустят в объезд по соседним улицам.\n"
            "Жители района уже пожаловались на пробки, пишет «Столичный вестник городских новостей».")
    record, roles = _record_with_roles(
        [("Столичный вестник городских новостей", Role.BEFORE), ("Москва закроет три моста на ремонт", Role.HEADLINE)]
        + [(p, Role.BODY) for p in text.split("\n")])
    assert titles_about_the_text(record, roles) == set()


@pytest.mark.parametrize("above", ["Valley Courier", "Have your say"])
def test_a_masthead_or_a_call_to_readers_sharing_a_word_with_the_text_is_no_title_about_it(above):
    text = ("Rain has been pouring through the roof of the primary school for three months, and neither the "
            "county nor the trust will pay, parents told the Valley Courier on Wednesday.\n"
            "Teachers have moved two classes into the hall and placed buckets along the corridors.")
    record, roles = _record_with_roles(
        [(above, Role.BEFORE), ("Who foots the bill?", Role.HEADLINE)] + [(p, Role.BODY) for p in text.split("\n")])
    assert titles_about_the_text(record, roles) == set()


def test_a_headline_sharing_little_with_its_text_gives_way_to_a_title_further_down_that_does():
    rows = [("Ferry fares to rise in the summer", Role.HEADLINE),       # a teaser above the article
            ("Share", Role.HEADER),
            ("Tweet", Role.HEADER),
            ("Pupils' vegetable garden wins the national prize", Role.HEADER),
            ("By Anna Berg", Role.HEADER)]
    record, roles = _record_with_roles(rows + [(p, Role.BODY) for p in PARAGRAPHS.split("\n")])
    assert titles_below_about_the_text(record, roles) == {3}


@pytest.mark.parametrize("between", [
    ["By Anna Berg", "Thursday, 16 May 2024"],       # the headline's byline and date
    ["Zobacz też"],                                  # a related box's label
    ["Read more: Ferry fares to rise in the summer"],
])
def test_a_title_under_a_byline_or_a_related_link_is_no_better_headline(between):
    rows = ([("Turning the final page", Role.HEADLINE)] + [(line, Role.HEADER) for line in between]
            + [("Pupils' vegetable garden wins the national prize", Role.HEADER)])
    record, roles = _record_with_roles(rows + [(p, Role.BODY) for p in PARAGRAPHS.split("\n")])
    assert titles_below_about_the_text(record, roles) == set()


@pytest.mark.parametrize("rows", [
    # a deck right under a headline with a pun: the headline stays
    [("Green fingers", Role.HEADLINE), ("Pupils' vegetable garden wins the national prize", Role.DECK)],
    # a headline sharing a quarter of its words with the text stays
    [("Pupils win award for a kitchen garden", Role.HEADLINE), ("By Anna Berg", Role.HEADER),
     ("Pupils' vegetable garden wins the national prize", Role.HEADER)],
])
def test_a_title_under_a_headline_is_no_better_headline_right_under_it_or_under_one_about_the_text(rows):
    record, roles = _record_with_roles(rows + [(p, Role.BODY) for p in PARAGRAPHS.split("\n")])
    assert titles_below_about_the_text(record, roles) == set()


def test_a_headline_whose_words_come_back_inflected_keeps_its_place_over_a_caption_below():
    text = ("В Москве с понедельника на три месяца закроют для движения мосты через реку, сообщили в мэрии. "
            "Автобусы пустят в объезд по соседним улицам.\n"
            "Жители района уже пожаловались на пробки, пишет «Столичный вестник городских новостей».")
    record, roles = _record_with_roles(
        [("Москва закроет три моста на ремонт", Role.HEADLINE), ("12 января 2024", Role.HEADER),
         ("Фото: Иван Петров", Role.HEADER),
         ("Мосты через реку закроют для движения на три месяца", Role.HEADER)]   # a caption's words
        + [(p, Role.BODY) for p in text.split("\n")])
    assert titles_below_about_the_text(record, roles) == set()


@pytest.mark.parametrize("top", [
    "Ferry fares to rise in the summer\nPosted 3 hours ago\nShare\nTweet",
    "Ferry fares to rise in the summer as fuel costs climb\n3 hours ago\nShare\nTweet",
])
def test_the_article_under_a_teaser_the_model_takes_for_its_headline_gets_its_own_headline(top):
    # the committed model takes the teaser for the headline in each (it did before the rule)
    assert only_article(f"{top}\n{GARDEN_TITLE}\n{PARAGRAPHS}").headline == GARDEN_TITLE


@pytest.mark.parametrize("cut", [
    "Pupils' vegetable garden wins ...",
    "/ Pupils' vegetable garden wins …",
])
def test_a_headline_cut_short_gives_way_to_the_whole_of_it(cut):
    rows = [(cut, Role.HEADLINE), ("Most read", Role.HEADER),
            ("Pupils' vegetable garden wins the national prize", Role.HEADER)]
    record, roles = _record_with_roles(rows + [(p, Role.BODY) for p in PARAGRAPHS.split("\n")])
    assert whole_titles_of_a_cut_headline(record, roles) == {2}


@pytest.mark.parametrize("headline", ["And now, the weather report…", "Garden wins ..."])
def test_a_headline_ending_in_an_ellipsis_with_no_longer_copy_or_too_short_stays(headline):
    rows = [(headline, Role.HEADLINE), ("Garden wins the national prize", Role.HEADER)]
    record, roles = _record_with_roles(rows + [(p, Role.BODY) for p in PARAGRAPHS.split("\n")])
    assert whole_titles_of_a_cut_headline(record, roles) == set()


LIBRARY_TEXT = ("Three of the town's seven libraries will close in September after the council voted on "
                "Wednesday night to cut its spending on books, buildings and staff.\n\n"
                "The closures, which were debated for more than four hours, will save about 800,000 pounds "
                "a year, according to the council's finance director.\n\n"
                "Campaigners who had gathered outside the town hall said the decision would hurt children "
                "and older residents who depend on the libraries most.")


@pytest.mark.parametrize("top, headline", [
    # headlines the rules take for a page label or a date line: with nothing but the text's
    # paragraphs left to take their place, they stand, and the lead stays in the body
    ("Labels: the fight over three library closures", "Labels: the fight over three library closures"),
    ("January 6, 2021: a timeline of the library closures\nBy Anna Whitfield\nThursday, 16 May 2024",
     "January 6, 2021: a timeline of the library closures"),
    ("March 5, 1770: the night the Northgate library was founded\nBy Anna Whitfield\nThursday, 16 May 2024",
     "March 5, 1770: the night the Northgate library was founded"),
])
def test_a_headline_the_rules_rule_out_stands_over_its_lead_rather_than_a_paragraph(top, headline):
    article = only_article(f"{top}\n\n{LIBRARY_TEXT}")
    assert article.headline == headline
    assert article.body.startswith("Three of the town's seven libraries")


def test_a_title_the_model_prefers_to_a_page_label_above_it_stays_the_headline():
    article = only_article(f"Tags: libraries, council, local news\nCouncil votes to close three libraries.\n\n{LIBRARY_TEXT}")
    assert article.headline == "Council votes to close three libraries."
    assert article.body.startswith("Three of the town's seven libraries")


def test_the_lead_a_headline_cut_short_quotes_stays_the_lead():
    article = only_article(f"Three of the town's seven libraries ...\nBy Anna Whitfield\nThursday, 16 May 2024\n{LIBRARY_TEXT}")
    assert article.body.startswith("Three of the town's seven libraries will close in September")


FERRY_HEADLINE = "Island ferry operator raises fares by a fifth from April, blaming fuel costs and an ageing fleet."
FERRY_TEXT = ("Fares on the ferries between the mainland and the three northern islands will rise by about 20 "
              "per cent from the first of April, the operator said on Monday.\n\n"
              "The island ferry operator blamed fuel costs and an ageing fleet for raising fares by a fifth.")


@pytest.mark.parametrize("furniture", ["Tags: floods, weather, local news", "Home | News | Sport | Business | Weather"])
def test_page_furniture_over_a_one_sentence_headline_never_stands_as_the_headline(furniture):
    article = only_article(f"{furniture}\n\n{FERRY_HEADLINE}\n\n{FERRY_TEXT}")
    assert article.headline == FERRY_HEADLINE      # its words come back in the text below
    assert article.body.startswith("Fares on the ferries")


def test_a_byline_with_its_date_never_opens_the_text_of_a_record_without_a_headline():
    text = f"By Jane Roe on Saturday, March 25th, 2017 at 12:30 p.m.\n\n{FERRY_HEADLINE}\n\n{FERRY_TEXT}"
    article = only_article(text)
    assert not article.body.startswith("By Jane Roe")
    assert "Fares on the ferries" in article.body


def test_a_title_under_a_paragraph_is_no_better_headline():
    rows = [("Turning the final page", Role.HEADLINE),
            ("The town's oldest library opened in 1770 and has never closed for a single day since.", Role.HEADER),
            ("Pupils' vegetable garden wins the national prize", Role.HEADER)]
    record, roles = _record_with_roles(rows + [(p, Role.BODY) for p in PARAGRAPHS.split("\n")])
    assert titles_below_about_the_text(record, roles) == set()
