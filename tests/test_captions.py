"""Captions: credits on the line, a caption shown twice, credits alone on their line,
and what is not a caption. The texts are made up for the tests."""

import pytest

from workers.pipeline import process_text, rules
from workers.pipeline.captions import apply_caption_rules
from workers.pipeline.headline_fallback import text_without_headline
from workers.pipeline.layout import best_layout
from workers.pipeline.lines import analyse
from workers.pipeline.record import Record
from workers.pipeline.record_context import full_paragraphs
from workers.pipeline.roles import Role

from .conftest import only_article
from .dumps import LONG_PARAGRAPHS, RU_1


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


NAMED_CREDIT_TEXT = """Harbour bridge reopens after repairs

The harbour bridge reopened to traffic on Monday after eight months of repairs to its steel cables and deck.

Engineers replaced more than four hundred cables, the city's transport office said in a statement on Monday.

The bridge carries about sixty thousand vehicles a day, most of them between the port and the ring road.

{c}

The works cost less than planned, the office added, because the old cable anchors could be kept.

Traffic on the two other bridges fell back to its usual level by Monday evening, the police said.

Cyclists, who had used the ferry for free during the works, asked the city to keep a lane for them.

Buses will return to the bridge next week, and the ferry service added during the works will end in June."""


@pytest.mark.parametrize("caption", [
    "Workers check the cables of the harbour bridge before it reopens, Monday, May 6, 2024. (Daily Photo/Jane Roe)",
    "Workers check the cables of the harbour bridge before it reopens on Monday. Photo: Jane Roe",
    "Workers check the cables of the harbour bridge before it reopens on Monday (Photo by Jane Roe)",
    # a page's markup flattened: the credit glued to the caption's last word
    "Workers check the cables of the harbour bridge before it reopens on MondayCredit: Jane Roe",
])
def test_a_sentence_ending_in_a_credit_that_names_the_photographer_is_a_caption(caption):
    article = only_article(NAMED_CREDIT_TEXT.format(c=caption))
    assert article.captions == [caption]
    assert caption not in article.body
    assert "Engineers replaced" in article.body and "The works cost" in article.body


@pytest.mark.parametrize("line, names", [
    ("Crowds wait for the parade on Main Street. (AP Photo/Jane Roe, File)", True),
    ("The mayor opens the new library on Friday (Photo: Jane Roe / City Daily)", True),
    ("The new library opens its doors to readers. Picture: Jane Roe", True),
    ("1月16日，获奖者集体合影。（王申 摄）", True),
    # a tag or a credit that names nobody is not enough
    ("Pop star dyes her hair blue for the new tour (Photo)", False),
    ("Readers queue at the new library (42 photos)", False),
    ("Photo Credit: City Daily", False),          # a credit alone, no caption text before it
    ("Crowds wait for the parade on Main StreetCredit: Jane Roe", True),   # glued on
    ("Apple unveils iPhoto: a new way to sort your pictures", False),      # a name, not a glued credit
    ("Meet myPhoto: the app that sorts your pictures", False),
    ("easyCredit: Bank Posts Record Profit", False),             # no sentence's words before it
    # an agency's credit after the sentence, in the forms agencies send them
    ("Workers check the bridge's cables before it reopens, May 6, 2024. REUTERS/Jane Roe", True),
    ("Workers check the bridge's cables before it reopens on Monday. THE CANADIAN PRESS/HO", True),
    ("Workers check the bridge's cables before it reopens on Monday. Jane Roe / Getty Images", True),
    ("Workers check the bridge's cables before it reopens on Monday.Jane Roe/Getty Images", True),
    ("Workers check the bridge's cables before it reopens on Monday. City/Handout via REUTERS", True),
    ("Workers check the bridge's cables before it reopens on Monday. Image Credit: City of Porto", True),
    ("Workers check the bridge's cables before it reopens on Monday. Image credit: City of Porto/JPL", True),
    ("Workers check the bridge's cables before it reopens on Monday.Credit...Jane Roe/City Daily", True),
    # capitals and a slash ending a sentence's text are no agency's credit
    ("The band closed the night with a song by AC/DC.", False),
    ("Talks between the two blocs ended without a deal on Friday, officials said. NATO/EU", False),
    # nor a sign-off naming agencies, pollsters or products (an adversarial review's cases)
    ("Talks broke down again on Friday, officials said. NATO/Russia", False),
    ("The margin of error is plus or minus 3.6 percentage points. NBC/Marist", False),
    ("Shops expect record sales ahead of the holiday season. AFP/Relaxnews", False),
    ("The new release will run on most desktop systems. GNU/Linux", False),
    ("The talks will resume within a week. With Reuters/AFP", False),
    ("Rozmowy będą kontynuowane z Komisją Europejską. Polska Agencja Prasowa/PAP", False),
    ("The final will be shown on local TV and streaming via AP", False),
    ("Plans are filed every quarter via EPA", False),
    ("The fund sent a short note to investors. Credit... where it is due, Reuters", False),
    ("Oil rose 2% on Monday. Traders fear the Israel/Iran conflict will spread, via Reuters", False),
    ("The museum tells the city's wartime history. AFP/Jiji Press", False),
    ("Brent crude rose 1.1% in early trade. Writing By Jane Roe/Reuters", False),
    ("Workers check the bridge's cables before it reopens. Mandatory credit Jane Roe/via REUTERS", True),
    ("Workers check the bridge's cables before it reopens. Jane Roe/City Daily via Getty Images", True),
])
def test_a_named_credit_is_a_photo_word_with_a_name_after_text(line, names):
    assert bool(rules.NAMED_CREDIT.search(line)) is names


@pytest.mark.parametrize("line, credit", [
    ("Crowds wait for the parade on Main StreetCredit: Jane Roe", True),
    ("Crowds wait for the parade on Main StreetPhoto: City Daily", True),
    ("Jane Roe Submitted photo", True),
    ("A horse grazes by the river. File photo.", True),
    ("The mayor at the opening of the library. City Daily staff photo", True),
    ("Apple unveils iPhoto: a new way to sort your pictures", False),
    ("The police looked again at the file photo", False),
    ("Readers send us their photos", False),
    # the words in a sentence or a headline, a product's name before a clause
    ("Council apologises for Christmas staff photo", False),
    ("Internet mocks NASA file photo", False),
    ("Critics say the council should not have used a 2016 file photo.", False),
    ("Neighbours recognised him only from a Police Scotland handout photo.", False),
    ("Startup MicroCredit: small loans for farmers in the north", False),
    ("Investors Flee as Shares of easyCredit: Bank Warns of Record Losses", False),
    ("The BigPicture: What the Budget Means for You", False),
    ("МегаФото: Лучшие Снимки Года", False),
    ("Police say the first mistake was theirs. The staff photo.", False),
    ("Police released CCTV stills. A handout photo.", False),
    ("The lender behind the loans is easyCredit: a bank that was founded in the city in 1999", False),
    # credits in more languages and forms
    ("The cast on the set of the new series (Courtesy of Northwind Films)", True),
    ("Besucher am Strand von Kiel am Sonntag. Bild: dpa", True),
    ("متظاهرون أمام مبنى البرلمان في العاصمة أمس (أ ف ب)", True),
    ("عمال الإنقاذ يبحثون عن ناجين بين الأنقاض (الأناضول)", True),
    ("أطفال يلعبون في حديقة المدينة (تصوير: أحمد علي)", True),
    ("市民在公园里赏花（新华社记者 李明 摄）", True),
    ("村民在田间收割水稻（县宣传部提供）", True),
    ("遊客在廟前排隊祈福（圖／記者王小明攝）", True),
    ("民众在广场上跳舞。图片来源：视觉中国", True),
    ("桜の下を歩く人たち（撮影・山田太郎）", True),
    ("会見する首相（写真：共同）", True),
    ("会場の様子（写真は主催者提供）", True),
    # not credits: a paragraph describing its picture, a notice, a gallery teaser, data or
    # tips provided by someone, an interview's question to the newspaper Bild, courtesy
    # in a sentence
    ("工业增加值同比增长6.1%，比上月加快1.6个百分点。（数据由国家统计局提供）", False),
    ("记者赶到现场时，火已被扑灭。（线索由读者提供）", False),
    ("BILD: Herr Minister, wie geht es Ihnen nach dieser Woche?", False),
    ("Die Mehrheit ist dagegen, so eine Umfrage der Zeitung (Bild)", False),
    ("The school served lunch for the children (courtesy of the mayor's office)", False),
    ("寒冷的冬天，民眾紛紛穿上靴子走上街頭，醫師提醒要注意足部健康。（圖：灰指甲）", False),
    ("（內容由新浪北京提供。未經授權，不得轉載。）", False),
    ("10组图：女保镖选拔活动在海南举行", False),
    ("The mayor thanked the volunteers (a courtesy call followed)", False),
    # a credit glued on, where the window the end is read in opens on a space
    ("A couple in the valley in May 2019 who died are said to have eaten a small wild marmot - a rodentCredit: The Valley Times", True),
    # the French "droits réservés" after a caption's closing mark or a photo word; not a
    # word ending a sentence
    ("«Le Grand Bleu», «Nikita» et «Léon» DR", True),
    ("Le maire devant la mairie. Photo DR", True),
    ("La maison du peintre à Giverny © DR", True),
    ("We spent a week of our holiday in the DR", False),
    ("Turn left at the junction onto RN 7 DR", False),
])
def test_credits_glued_to_the_caption_or_said_in_words_or_of_other_languages_are_credits(line, credit):
    (analysed,) = analyse([line])
    assert analysed.credit is credit


@pytest.mark.parametrize("line, opens", [
    ("This undated photo shows the old harbour before the fire.", True),
    ("This illustration shows a concept for a lunar lander.", True),
    ("An artist's concept of the new space telescope in orbit.", True),
    ("Artist’s impression of the planet and its two moons.", True),
    ("На фото: участники марафона на набережной.", True),
    ("Sur la photo, les pompiers devant l'immeuble.", True),
    ("Auf dem Bild: Die Feuerwehr vor dem Haus.", True),
    ("写真は東京駅前の様子", True),
    ("图为颁奖典礼现场。", True),
    ("This photographer spent ten years in the Arctic.", False),
    ("This graphic novel follows a girl across a divided city.", False),
    ("The artist's depiction of her mother is the heart of the show.", False),
    ("На фото видно, как губернатор выходит из машины.", False),
    ("Sur cette photo, publiée sur les réseaux sociaux, on aperçoit le ministre.", False),
    ("Auf dem Foto ist zu sehen, wie der Minister lacht.", False),
    ("图为了迎接春节，市民忙着置办年货。", False),
    ("The artist's concept album sold a million copies.", False),
    ("На фотографиях видно, как растёт город.", False),
    ("In this article, photos by readers show the storm.", False),
    ("In this 2019 interview, photographers explain their craft.", False),
    ("In this three-part 2024 series of photos by readers, we look at the libraries.", False),
])
def test_lines_that_open_like_a_caption(line, opens):
    (analysed,) = analyse([line])
    assert analysed.caption_start is opens


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


def test_paragraphs_of_a_record_without_headline_are_body_unless_the_model_or_a_credit_says_caption():
    # with no headline, the article order allows no body: the labelling that keeps the
    # order puts a paragraph the model calls body in a caption whenever that scores better
    # than "above the headline"; such paragraphs are body text
    lines = analyse(["The harbour authority said on Monday that the quay would open in May.",
                     "Engineers expect the work on the quay to last three years in all."])
    record = Record(lines)
    forced = [Role.BEFORE, Role.CAPTION]
    own = [Role.BODY, Role.BODY]
    assert text_without_headline(record, forced, own, {}) == [Role.BODY, Role.BODY]
    assert text_without_headline(record, forced, [Role.BODY, Role.CAPTION], {}) == [Role.BODY, Role.CAPTION]
    assert text_without_headline(record, forced, own, {1: Role.CAPTION}) == [Role.BODY, Role.CAPTION]
    # a line ending in a credit stays the caption it was labelled
    credited = Record(analyse(["The harbour authority said on Monday that the quay would open in May.",
                               "Workers pour concrete at the new quay on Monday (Reuters)"]))
    assert text_without_headline(credited, forced, own, {}) == [Role.BODY, Role.CAPTION]


@pytest.mark.parametrize("sep", ["\n\n", "\n"])
@pytest.mark.parametrize("pos", [1, 2, 3])
def test_a_credited_caption_among_paragraphs_with_no_headline_leaves_them_in_the_body(pos, sep):
    # a pasted article with no title and a photo caption among its paragraphs: the
    # paragraphs below the caption used to become captions too
    caption = "Workers pour concrete at the new quay on Monday. (AP Photo/Jane Roe)"
    text = sep.join(LONG_PARAGRAPHS[:pos] + [caption] + LONG_PARAGRAPHS[pos:])
    (article,) = process_text(text)
    assert article.headline is None
    assert article.captions == [caption]
    assert all(paragraph in article.body for paragraph in LONG_PARAGRAPHS)


def test_page_furniture_the_model_takes_for_a_caption_is_not_one():
    lines = ["Storm floods coastal towns",
             "Rescue boats wait at the harbour wall as the water rises on Saturday. (City Daily/Jane Roe)",
             "By Tomas Berg", "Saturday 25 May 2024 15:45 GMT", "Advertisement", "Photo: Reuters",
             "Heavy rain flooded dozens of coastal towns overnight, forcing thousands of residents to leave."]
    record = Record(analyse(lines))
    record.roles = [Role.HEADLINE] + [Role.CAPTION] * 5 + [Role.BODY]
    apply_caption_rules(record)
    assert record.roles[1:6] == [Role.CAPTION, Role.HEADER, Role.HEADER, Role.HEADER, Role.CREDIT]


def _after_caption_rules(line: str, role: Role) -> Role:
    """The role the caption rules leave a line with, given ``role``, between a headline and
    a paragraph."""
    record = Record(analyse(["Storm floods coastal towns", line,
                             "Heavy rain flooded dozens of coastal towns overnight, forcing thousands to leave."]))
    record.roles = [Role.HEADLINE, role, Role.BODY]
    apply_caption_rules(record)
    return record.roles[1]


@pytest.mark.parametrize("credit", [
    "Photo by Jane Roe", "Photograph by: Jane Roe/Getty Images", "Image courtesy of the City Museum",
    "Image via Wikimedia Commons", "(Photo: Jane Roe, City Daily)", "(Credit: Jane Roe/City Daily)",
    "Jane Roe/Getty Images", "janeroe/Getty Images", "Jane Roe | Bloomberg | Getty Images",
    "(Jane Roe/Associated Press)", "(Uncredited/AP)", "(Tim de Waele/Cycling Weekly)",
    "(Image credit: NASA)", "Photo courtesy of the author",
])
def test_a_credit_alone_the_model_takes_for_a_caption_is_a_credit(credit):
    assert _after_caption_rules(credit, Role.CAPTION) is Role.CREDIT


@pytest.mark.parametrize("control", [
    "Text Size A A A", "Decrease font size Increase font size", "Tags: Weather, Floods",
    "Read more: Last year's floods cost the region millions", "Читайте также: Наводнение в Сибири",
    "Click to rate Rating (0)", "Report abuse",
])
def test_a_page_label_or_link_the_model_takes_for_a_caption_is_page_furniture(control):
    assert _after_caption_rules(control, Role.CAPTION) is Role.HEADER


@pytest.mark.parametrize("line", [
    "(Editor's note: this story was updated on 3/14.)", "(Updated 10:30 a.m. ET/7:30 a.m. PT)",
    "(Laughter/applause)", "(AP/NORC poll)", "(He/she)", "(Jane Roe/Reuters contributed reporting)",
    "(Translated by Maria Lopez/El País)", "Photos by local residents flooded social media on Sunday.",
    "Image by image, a city rebuilds",
])
def test_a_line_in_brackets_or_about_photos_is_no_credit_alone(line):
    assert _after_caption_rules(line, Role.BODY) is Role.BODY


@pytest.mark.parametrize("caption", [
    "Facebook and Twitter logos on a phone screen",                   # a toolbar's words, not a toolbar
    "Kids at the fair / AP",                                          # a caption's words, not a name
    "Photos via our readers: the best of the summer",                 # a headline of photos
    "Picture by picture, the town rebuilt its harbour after the storm. (Jane Roe/AFP)",
])
def test_a_caption_with_a_credit_is_not_a_credit_alone(caption):
    assert _after_caption_rules(caption, Role.CAPTION) is Role.CAPTION


@pytest.mark.parametrize("caption", [
    "Pupils plant tomato seedlings behind the school hall at 10:45 (AP Photo/Jane Roe)",   # a clock time
    "By Friday, volunteers had filled two thousand sandbags along the river bank.",      # "By <Name>"
    "Di Pietro, il sindaco, visita il cantiere della nuova scuola elementare.",
])
def test_a_caption_whose_words_look_like_furniture_stays_a_caption(caption):
    record = Record(analyse(["Storm floods coastal towns", caption,
                             "Heavy rain flooded dozens of coastal towns overnight, forcing thousands to leave."]))
    record.roles = [Role.HEADLINE, Role.CAPTION, Role.BODY]
    apply_caption_rules(record)
    assert record.roles[1] is Role.CAPTION


def test_a_full_paragraph_under_a_credited_caption_stays_in_the_body():
    headline, lead, second = [line for line in RU_1.split("\n") if line.strip()]
    caption = "Посетители в новом парке в воскресенье. Фото: РИА Новости"
    article = only_article("\n".join([headline, lead, caption, second]))
    assert article.captions == [caption]
    assert lead in article.body and second in article.body


def test_full_paragraphs_are_the_main_runs_lines_as_long_as_its_usual_paragraph_without_a_credit():
    short = "The mayor cut the ribbon on Monday morning, watched by a small crowd."
    lines = ["Harbour reopens after a year of repairs",
             "Source: Valley News 09/12/11-11:06",
             LONG_PARAGRAPHS[1],
             short,                                                 # shorter than the usual paragraph
             LONG_PARAGRAPHS[0] + " (Photo: Anna Berg)",           # a credit: may be a caption
             LONG_PARAGRAPHS[3]]
    assert full_paragraphs(Record(analyse(lines))) == {2, 5}
    assert full_paragraphs(Record(analyse(lines[:2]))) == set()


def test_a_long_line_over_or_under_a_credit_alone_may_still_be_a_caption():
    paragraphs = [LONG_PARAGRAPHS[1], LONG_PARAGRAPHS[0], LONG_PARAGRAPHS[3], LONG_PARAGRAPHS[2]]
    assert full_paragraphs(Record(analyse(["Carnival crowds fill the old town", *paragraphs]))) == {1, 3}
    credited = ["Carnival crowds fill the old town", paragraphs[0], "Photo: Claire Dubois", *paragraphs[1:]]
    assert full_paragraphs(Record(analyse(credited))) == {4}


def test_a_line_ruled_out_as_a_caption_gets_the_best_other_role():
    scores = [{"headline": 2.0, "caption": 0.0, "body": 0.0},
              {"headline": 0.0, "caption": 3.0, "body": 1.0},
              {"headline": 0.0, "caption": 0.0, "body": 2.0}]
    assert best_layout(scores, {}) == [Role.HEADLINE, Role.CAPTION, Role.BODY]
    assert best_layout(scores, {}, not_caption={1}) == [Role.HEADLINE, Role.BODY, Role.BODY]


def _gallery_roles(lines: list[str]) -> list[Role]:
    """The roles the caption rules leave on a gallery's lines between a headline and a
    paragraph, all of them body text to begin with."""
    record = Record(analyse(["Storm floods coastal towns", *lines,
                             "Heavy rain flooded dozens of coastal towns overnight, forcing thousands to leave."]))
    record.roles = [Role.HEADLINE] + [Role.BODY] * (len(lines) + 1)
    apply_caption_rules(record)
    return record.roles[1:-1]


def test_a_line_between_a_photo_counter_and_its_credit_or_the_next_counter_is_a_caption():
    roles = _gallery_roles([
        "Photo 1 of 3", "Rescue boats wait at the harbour wall as the water rises", "(Photo credit: Jane Roe)",
        "Photo 2 of 3", "Volunteers fill sandbags outside the town hall", "Photo by Tomas Berg",
        "3 / 3", "A flooded street in the old town on Saturday morning", "4 / 3",
    ])
    assert roles[1] is Role.CAPTION and roles[4] is Role.CAPTION
    assert roles[2] is Role.CREDIT and roles[5] is Role.CREDIT
    assert roles[7] is Role.BODY                     # no credit below, and "4 / 3" counts no photo


def test_gallery_counters_with_captions_between_them_mark_every_caption_but_the_last():
    roles = _gallery_roles(["Photo 1 of 3", "Rescue boats wait at the harbour wall as the water rises",
                            "Photo 2 of 3", "Volunteers fill sandbags outside the town hall",
                            "Photo 3 of 3", "A flooded street in the old town on Saturday morning"])
    assert roles[1] is Role.CAPTION and roles[3] is Role.CAPTION
    assert roles[5] is Role.BODY


@pytest.mark.parametrize("lines", [
    ["1/18", "left", "2/18"],                                               # a gallery's buttons
    ["10/26", "Why rain is heavier in the mountains this year", "10/17"],   # dated posts, not photos
    ["1 of 2", "Share This Gallery", "Photo by Tomas Berg"],                # a control, not a caption
    ["1 of 2", "Volunteers fill sandbags outside the town hall", "2 of 5"],  # another gallery's count
    # an adversarial review's cases: a chain of bare counts numbers steps, questions, posts
    ["1 of 4", "Heat the oven to 180C and line a loaf tin with baking paper.", "2 of 4"],
    ["Photo 1 of 10", "Which country held a snap general election on Sunday?", "Photo 2 of 10"],
    ["1/3", '"Our emergency crews were stretched to the limit all week," the mayor wrote.', "2/3"],
    ["4/6", "The minister resigns after the vote on the budget fails in parliament.", "5/6"],  # dates
    ["3/4", "About 60 students set up tents on the main lawn and said they would stay all week.",
     "Photo by Jane Roe"],
    # a wire story's sign-off below: an agency's name alone, a copyright line
    ["Photo 1 of 3", "The regional government has asked Rome to declare a state of emergency.", "AFP"],
    ["4 / 4", "The blossoms are expected to last about a week if the weather holds.", "©2024 AFP"],
    # a lead paragraph under a photo whose caption was not copied
    ["Image 1 of 6", "More than 3,000 people were evacuated overnight as the river burst its banks in two places, "
     "flooding the old town, the railway station and the road to the airport, the regional "
     "government said on Sunday morning.", "Nicolas Roe/AFP/Getty Images"],
])
def test_lines_around_counters_that_are_no_gallery_stay_as_they_were(lines):
    assert _gallery_roles(lines)[1] is not Role.CAPTION


def test_a_paragraph_under_a_run_of_counters_is_text_whatever_credit_follows():
    # a carousel whose captions were not copied: its counters in a run, then the text
    roles = _gallery_roles(["Image 1 of 3", "Image 2 of 3", "Image 3 of 3",
                            "The earcups are covered in soft synthetic leather and fold flat.",
                            "(Image credit: Jane Roe)"])
    assert roles[3] is Role.BODY
