"""Captions: credits on the line, credit lines below, repeats, gallery labels, alt texts."""

from workers.pipeline import process_text


def only(text: str):
    (article,) = process_text(text)
    return article


AR_CAPTION = "وزير المياه خلال افتتاح المحطة (واس)"
AR_TEXT = """افتتاح أكبر محطة لتحلية المياه في المنطقة

{c}
{c}
TT

افتتحت الحكومة أمس أكبر محطة لتحلية مياه البحر في المنطقة بطاقة إنتاجية تبلغ مليون متر مكعب يوميا، في خطوة تهدف إلى تأمين مياه الشرب.

{c2}

وقال وزير المياه إن المحطة تعمل بالطاقة الشمسية جزئيا، وإن المرحلة الثانية من المشروع ستبدأ العام المقبل."""


def test_bracketed_credit_captions_are_found_once_each_in_order_and_left_out_of_the_body():
    second = "جانب من خزانات المياه في المحطة الجديدة (رويترز)"
    article = only(AR_TEXT.format(c=AR_CAPTION, c2=second))
    assert article.captions == [AR_CAPTION, second]
    assert AR_CAPTION not in article.body and second not in article.body
    assert article.body.startswith("افتتحت الحكومة")


def test_a_caption_shown_twice_without_a_credit_is_a_caption():
    caption = "وزير المياه يتفقد خطوط الإنتاج في المحطة"
    article = only(AR_TEXT.format(c=caption, c2=""))
    assert article.captions == [caption]


def test_a_caption_above_a_separate_credit_line_keeps_the_credit_out():
    text = ("Вице-премьер Италии призвал бороться против санкций\n"
            "Глава движения Пять звезд Луиджи Ди Майо на пресс-конференции\n"
            "© AFP 2019 / Alberto Pizzolo\n"
            "МОСКВА, 10 фев — РИА Новости. Правительство Италии намерено добиться пересмотра санкций, заявил вице-премьер.")
    article = only(text)
    assert article.captions == ["Глава движения Пять звезд Луиджи Ди Майо на пресс-конференции"]
    assert article.body.startswith("МОСКВА, 10 фев")
    assert "©" not in article.body


def test_inline_credits_in_several_languages():
    text = """Les vendanges commencent plus tôt que jamais
Par Marie Dupont
Publié le 05/04/2013 à 17:08
Un vigneron dans ses vignes près de Beaune Crédits photo : Jean Martin/Le Figaro
Les viticulteurs ont commencé à récolter le raisin dès la mi-août, une date inédite qui s'explique par un été chaud.
Selon la chambre d'agriculture, les rendements seront en baisse mais la qualité est jugée excellente.
Le ministre dans un vignoble de Côte-d'Or, le 3 septembre (Photo Jean Dupuis. AFP)
Les négociants attendent des prix en hausse pour la prochaine campagne de vente."""
    article = only(text)
    assert article.captions == [
        "Un vigneron dans ses vignes près de Beaune Crédits photo : Jean Martin/Le Figaro",
        "Le ministre dans un vignoble de Côte-d'Or, le 3 septembre (Photo Jean Dupuis. AFP)",
    ]
    assert article.body.startswith("Les viticulteurs")


def test_gallery_labels_and_their_title_line_are_captions():
    text = """Storm floods coastal towns
Heavy rain flooded dozens of coastal towns overnight, forcing thousands of residents to leave their homes.
Flooded streets in the old town of Marina
Item 1 of 9 Flooded streets in the old town of Marina after heavy rain, March 3, 2024. REUTERS/Ana Lopez
[1/9]Flooded streets in the old town of Marina after heavy rain, March 3, 2024. REUTERS/Ana Lopez
THE CLEAN-UP
Volunteers began clearing mud from the streets on Sunday morning as the water started to recede."""
    article = only(text)
    assert article.captions[0] == "Flooded streets in the old town of Marina"
    assert len(article.captions) == 3
    assert "THE CLEAN-UP" in article.body


def test_an_alt_text_in_another_script_above_a_caption_is_a_caption():
    text = """ارتفاع عدد ضحايا غرق القارب قبالة السواحل

انتشل رجال الإنقاذ أربع جثث أخرى بعد يوم من غرق قارب خشبي كان يقل مهاجرين إلى أوروبا إثر اصطدامه بالصخور وسط طقس عاصف.

Prime Minister visits the rescue centre
رئيسة الوزراء خلال زيارتها مركز الإنقاذ أمس (غيتي)
موقف الحكومة
وقالت رئيسة الوزراء في مقابلة تلفزيونية إنها بعثت رسالة إلى قادة الاتحاد الأوروبي تدعوهم إلى التحرك فورا."""
    article = only(text)
    assert article.captions == ["Prime Minister visits the rescue centre", "رئيسة الوزراء خلال زيارتها مركز الإنقاذ أمس (غيتي)"]
    assert "موقف الحكومة" in article.body     # a subheading after a caption stays text


def test_parentheses_ending_a_sentence_are_not_credits():
    text = """Council approves budget

The council approved the budget on Friday (local time).

It also agreed to review bus fares in the spring, the mayor said (without giving details) after the vote"""
    assert only(text).captions == []


def test_related_stories_after_the_text_are_not_captions():
    text = """Storm floods coastal towns
Heavy rain flooded dozens of coastal towns overnight, forcing thousands of residents to leave their homes.
The water began to recede on Sunday, officials said, and schools will reopen on Tuesday.
Related
A man walks past a flooded shop in an earlier storm (AFP)
Earlier floods cost the region millions"""
    article = only(text)
    assert article.captions == []
    assert "Related" not in article.body
