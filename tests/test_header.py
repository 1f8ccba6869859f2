"""The header zone: decks (subheadlines), bylines, dates and widgets, and where the body starts."""

from workers.pipeline import process_text


def only(text: str):
    (article,) = process_text(text)
    return article


def test_a_short_line_under_the_headline_is_the_deck():
    text = """الإرهاب يضرب مجددًا ويستهدف مقرًا للأمن

بعد أيام على هجمات الشهر الماضي

يضرب الإرهاب من جديد واحدة من المدن، وذلك بعد أيام على إكمال أربعينية ضحايا الهجمات التي تعرضت لها قاعدة للأمن.
وتشير المعلومات الأولية إلى أن رجلاً فتح النيران صباح أمس على مقر الأمن."""
    article = only(text)
    assert article.subheadline == "بعد أيام على هجمات الشهر الماضي"
    assert article.body.startswith("يضرب الإرهاب")


def test_no_deck_when_the_first_paragraph_follows_the_headline():
    article = only("Rank set to sell off film unit\n\nLeisure group Rank could unveil plans to sell its film unit on Thursday.\n\n"
                   "Rank now aims to concentrate on its gaming business.")
    assert article.subheadline is None
    assert article.body.startswith("Leisure group Rank")


def test_several_deck_lines_are_joined_with_newlines_and_bylines_are_dropped():
    text = """Las listas de espera se agravan
Los recortes elevan la demora para operarse un 125% en año y medio
El número de pacientes que aguardan más de 180 días crece un 178%
María Pérez | Madrid
Actualizado domingo 28/10/2012 03:21 horas
Los recortes pasan factura a los pacientes. De diciembre de 2010 a junio de 2012 las listas de espera aumentaron.
Está claro que ninguna comunidad puede presumir de sus listas de espera."""
    article = only(text)
    assert article.subheadline == ("Los recortes elevan la demora para operarse un 125% en año y medio\n"
                                   "El número de pacientes que aguardan más de 180 días crece un 178%")
    assert article.body.startswith("Los recortes pasan factura")
    assert "Madrid" not in article.body


def test_a_prose_deck_above_a_byline_and_its_genre_label_is_dropped():
    text = """Ayrault assume sa méthode
27 octobre 2012 à 18:27
Tweeter
Analyse Après une semaine agitée, le Premier ministre s'est offert un succès d'estrade à bon compte.
Par JEAN DUPONT Envoyé spécial à Toulouse
A Toulouse, le Premier ministre aura fait deux rappels sur scène, une fois son discours bouclé.
Après les turbulences de la semaine, il a défendu le temps long devant les militants."""
    article = only(text)
    assert article.subheadline == "Après une semaine agitée, le Premier ministre s'est offert un succès d'estrade à bon compte."
    assert article.body.startswith("A Toulouse")


def test_a_lead_standing_alone_above_packed_paragraphs_is_the_deck():
    text = """نمایشگاه کتاب تهران آغاز به کار کرد

مدیر نمایشگاه گفت: امسال بیش از دو هزار ناشر داخلی و خارجی در این رویداد فرهنگی شرکت کرده‌اند.

به گزارش خبرنگار ما، نمایشگاه بین‌المللی کتاب تهران با حضور ناشران از امروز آغاز به کار کرد.
این نمایشگاه تا ده روز آینده ادامه خواهد داشت و بخش کودک و نوجوان آن گسترش یافته است.
بازدید از نمایشگاه برای عموم مردم رایگان است."""
    article = only(text)
    assert article.subheadline.startswith("مدیر نمایشگاه گفت")
    assert article.body.startswith("به گزارش خبرنگار ما")


def test_a_dateline_marks_the_first_paragraph():
    text = """Вице-премьер призвал пересмотреть санкции
Глава министерства заявил, что санкции наносят ущерб экономике страны.
МОСКВА, 10 фев — РИА Новости. Правительство намерено добиться пересмотра санкций, заявил вице-премьер.
Он подчеркнул, что режим наносит значительный ущерб экономике."""
    article = only(text)
    assert article.subheadline == "Глава министерства заявил, что санкции наносят ущерб экономике страны."
    assert article.body.startswith("МОСКВА")


def test_a_short_line_between_widgets_and_the_first_paragraph_is_a_caption():
    text = """港特首就住宅违建事件道歉
更新时间 2012年12月10日, 格林尼治标准时间10:41
Facebook
Twitter
打印文稿
特首同时遭到议员质问。
香港行政长官在各方压力下就其大宅的违章建筑问题到立法会接受质询，并向香港民众道歉，强调他没有隐瞒的意图。
特首此前承认早在去年参选之前就已知悉其住宅的违建问题，引发诚信危机。"""
    article = only(text)
    assert article.captions == ["特首同时遭到议员质问。"]
    assert article.body.startswith("香港行政长官")
    assert article.subheadline is None
