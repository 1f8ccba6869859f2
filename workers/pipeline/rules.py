"""Heuristics as data: every pattern the pipeline knows about page text lives here.

Each entry says what real text it matches. A new site's dump should mean adding a
line to one of these tables, not a branch in the code. A form feed alone on its line
is a separator too (``lines.analyse_line``: the key drops control characters). Patterns are
matched against a line's *key*: NFKC-normalised, invisible marks removed, whitespace collapsed
(see ``text.line_key``).
"""

from __future__ import annotations

import re


def _any(*patterns: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """One compiled alternation of whole-line patterns (each anchored by the caller)."""
    return re.compile("|".join(f"(?:{p})" for p in patterns), flags)


# --- Separators: lines that sit between records and belong to no article --------------
SEPARATOR = _any(
    r"^[-=_~#*+.]{3,}$",              # rules: "-----", "=====", "____", "~~~~", "....."
    r"^(?:[-=*~#•·]\s*){3,}$",       # spaced rules: "* * *", "- - -", "• • •"
    r"^==> .+ <==$",                  # `tail -n +1 a.txt b.txt` file headers
    r"^[-=\[(]*\s*page \d+(?: of \d+)?\s*[-=\])]*$",  # page markers: "Page 3", "--- Page 2 of 9 ---", "[Page 5]"
    r"^-- ?\d+ ?--$",                 # pdftotext-style page numbers: "-- 3 --"
)

# --- Page chrome: whole lines that are widgets, not text ---------------------------------
CHROME = _any(
    r"^T ?T$",                                   # aawsat.com text-size button "TT"
    r"^[-+]$|^A$|^A[-+]$|^[-+]A$",               # Libération text-size widget "-", "A", "+"
    r"^(?:Disminuye|Aumenta) el tamaño del texto$",  # El Mundo text-size widget
    r"^(?:Increase|Decrease) (?:the )?(?:text|font) size$",
    r"^\d{1,7}$",                                # bare counters: share/comment counts "745"
    r"^\d{1,2}:\d{2}(?::\d{2})?$",               # video durations "0:25", "02:47"
    r"^مدة الفيديو\b.*$",                        # Al Jazeera video length "مدة الفيديو 02 minutes 47 seconds"
    r"^(?:video|audio) duration\b.*$",
    r"^(?:Share|Partager|Compartir|Teilen|مشاركة|شارك|Tweet|Tweeter|Twittear|Envoyer|Enviar|Imprimer|Imprimir|Print|Email|E-mail|Close|Fermer|Cerrar|Commenter|Comentar|Recommander)$",
    r"^(?:Share|Partager|Compartir) (?:on|sur|en|via|cet article)\b.*$",  # "Share on Facebook", "Partager cet article X"
    r"^(?:Envoyer|Enviar) (?:par mail|a \w+|Imprimir)\b.*$",  # "Envoyer par mail", "Enviar a LinkedIn 0"
    r"^(?:Recomendar|Recommend) (?:en|on) \w+.*$",            # "Recomendar en Facebook 0"
    r"^Twittear \d+$",
    r"^View more sharing options$",
    r"^Reuse this content$",
    r"^(?:Facebook|Twitter|X|LinkedIn|WhatsApp|Messenger|Pinterest|Google\+|Telegram|Reddit|Tuenti|Menéame|Eskup|人人|开心网|新浪微博|qq空间|豆瓣|百度搜藏|myshare书签|联合报书签|转寄朋友|打印文稿)$",
    r"^点击 ?页首$",                              # BBC Chinese "back to top"
    r"^(?:Haut de page|Back to top|Volver arriba)$",
    r"^(?:Publicité|Advertisement|Anuncio|Publicidad|إعلان|Werbung|Реклама)(?: · Scroll to continue)?$",
    r"^Advertisement · Scroll to continue$",     # Reuters in-article ad slot
    r"^Abonnez-vous\b.*$|^Subscribe\b.{0,40}$",   # paywall prompts "Abonnez-vous à partir de 1€"
    r"^Click here\b.*$",                          # Guardian promo "Click here for an exclusive ..."
    r"^(?:Comentarios|Comments|Commentaires|تعليقات) ?\d*$",  # comment counters "Comentarios 15"
    r"^(?:\.\.\.|…) ?(?:المزيد|more|plus|más)$",  # aawsat "...المزيد" (read more) teaser tail
    r"^Oui Non$|^Imprimer$",                      # Le Figaro newsletter/print box
    r"^احفظ المقالات\b.*$",                       # Al Jazeera "save articles to read later"
    r"^Archivado en:?$",                          # El País tag box header
    r"^(?:Home|Accueil|Inicio|Startseite|الرئيسية) [A-ZÉ]{3,}\b.*$",  # breadcrumbs "Home ECONOMIE Conjoncture"
    r"^@\w{2,30}$",                               # author social handles "@emmabrockes"
    r"^// ?يتبع ?//$",                            # SPA wire "to be continued"
)

# Dates and datelines of publication, shown between headline and body.
DATE_LINE = _any(
    r"^(?:Mis à jour|Publié|Updated|Published|Actualizado|Publicado|Aktualisiert|Last updated|更新时间|نشر في|آخر تحديث)\b.*$",
    r"^\d{1,2}(?:/|-|\.)\d{1,2}(?:/|-|\.)\d{2,4}$",                        # "28/2/2023"
    r"^\d{1,2} (?:\w+\.? ){1,2}\d{4}$",                                    # "28 February 2023", "28 Feb. 2023"
    r"^(?:\w+,? )?(?:\w+ )?\d{1,2},? \d{4}\b.{0,60}$",                     # "February 27, 2023 7:02 AM GMT+1"
    r"^.{0,80}\b\d{1,2}[:h]\d{2}\b.{0,30}$",                               # a short line with a clock time: "... 27 OCT 2012 - 12:14 CET"
    r"^.{0,30}\d{4}年\d{1,2}月\d{1,2}日.*$",                               # "2012年12月10日"
    r"^\d+ (?:hrs?|mins?|days?|hours?|minutes?) ago$",                     # "8 hrs ago"
)

# Bylines: who wrote it. Removed from the header; never part of the deck or body.
BYLINE = _any(
    # "By Davide Ghiglione & Alexandra Fouché,", "Par LILIAN ALEMAGNA, LAURE BRETTON ...": a capitalised name follows
    r"^(?:By|Par|Por|Von|Door|Av|От) [A-ZÀ-ÝА-ЯЁ][\w.'’-]*(?:[ ,&]+(?:and |et |y |und )?[A-ZÀ-ÝА-ЯЁ][\w.'’-]*){0,6}\b.{0,80}$",
    r"^(?:بقلم|كتب|نوشته) ?: ?.{2,60}$|^(?:بقلم|كتب|نوشته) .{2,60}$",  # Arabic/Persian "بقلم ..." (written by)
    r"^[\w.'’ -]{3,40} \| [\w'’ -]{2,30}$",            # El Mundo "Ángeles Escrivá | Madrid"
    r"^[\w\s]{2,30} [-–—] (?:متابعات|خاص|وكالات)$",    # Saudi sites "عين اليوم – متابعات" (follow-ups desk)
    flags=0,  # case matters: "By Name" is a byline, "By the end of ..." is text
)

# Lines that close an article's own text on a whole-page copy: what follows is
# related stories, tags, footers. Captions are not looked for past them.
TAIL_MARKER = _any(
    r"^(?:Related|Related Topics|Related stories|More on this story|More|Read more|Top stories|Most read|Topics|Tags)$",
    r"^(?:À lire aussi|Sur le même sujet|Lire aussi|Noticias relacionadas|Más información)$",
    r"^(?:حول هذه القصة|اقرأ أيضا|اقرأ أيضاً|المزيد من أخبار .+|يتصدر الآن|مواضيع ذات صلة|أخبار ذات صلة)$",
    r"^(?:相关新闻|相关报道|热门新闻)$",
)

# Page footers: the last line of a whole-page copy. A record boundary follows them.
FOOTER = _any(
    r"^(?:Copyright|©|\(c\)) ?.{0,200}$",
    r"^.{0,120}\bAll rights reserved\b.*$",
    r"^.{0,120}جميع الحقوق محفوظة.*$",
    r"^Our Standards: .*$",                       # Reuters footer "Our Standards: The Thomson Reuters Trust Principles."
)

# Source attributions that end an article's text: "المصدر : الجزيرة + وكالات".
SOURCE_LINE = _any(r"^(?:المصدر|Source|Fuente|Quelle) ?: ?.{1,80}$")

# --- Captions -------------------------------------------------------------------------
# A credit on the same line marks a photo caption.
CAPTION_CREDIT = _any(
    # bracketed credit naming a photo or an agency: "(Photo Lionel Bonaventure. AFP)", "(AP Photo/Giuseppe Pipita)"
    r"\((?:[^()]*\b(?:Photo|Photos|Foto|Fotos|Crédit|Credit|AFP|AP|EPA|Reuters|Getty|Anadolu|DPA|Xinhua)\b[^()]*)\)$",
    # a bracketed one- to four-word credit with no sentence end before it: "(كايسيد)", "(الأناضول)", "(غيتي)"
    r"[^.!?。؟\s]\s+\((?=[^()]*[^\W\d_])[^()\d.!?،,:;]{2,40}\)$",
    r"\bCrédits? photo ?:.*$",                    # Le Figaro "Crédits photo : Jean-Christophe MARMARA/Le Figaro"
    r"\bPhotograph(?:s)?: .{2,80}$",             # Guardian "Photograph: Andrew Yee for the Guardian"
    r"\b(?:Photo|Foto|Picture|Image|صورة|Фото)s? ?: ?.{2,60}$",  # "Photo: AFP", "صورة: رويترز"
    r"\bREUTERS/[\w .'-]+$",                     # Reuters "REUTERS/Giuseppe Pipita"
    r"\b[A-Z][\w.]+/[A-Z]\w+(?: [A-Z][\w'-]+){0,3}$",  # "Anadolu/Valeria Ferraro", "Universal/Everett/Rex"
    r" / [A-ZÁÉÍÓÚÑÜ]{2,}(?: [A-ZÁÉÍÓÚÑÜ.]{2,}){0,3}$",  # El País "... madrileño. / GORKA LEJARCEGI"
    r"(?:Getty Images|AFP|EPA|PA Media|Reuters)$",  # BBC alt text with the credit glued on: "... 27 Feb 23EPA"
    r"\((?:AFP|أ\.ف\.ب|ا ف ب|رويترز|أ ب|د ب أ|وكالات|AP|Reuters|EPA|DPA)\)$",
    flags=0,  # case matters: agency names and all-capitals photographer names
)

# Whole-line captions recognised by how they start: gallery labels and alt texts.
CAPTION_START = _any(
    r"^Item \d+ of \d+\b",                       # Reuters gallery "Item 1 of 14 Rescuers recover ..."
    r"^\[\d+/\d+\]",                             # Reuters gallery "[1/14]Rescuers recover ..."
    r"^(?:Watch|Video|Listen|Photo|Picture|Gallery|Image|Map|Graphic|Chart|شاهد|فيديو|صور) ?: ",  # "Watch: Footage shows ..."
    r"^(?:A |An |The )?(?:graphic|map|chart|photo|picture|image|illustration|diagram) (?:showing|of|shows)\b",  # BBC alt texts
)

# A credit alone on its line, directly under the caption it belongs to: "© AFP 2019 / Alberto Pizzolo".
CREDIT_ONLY = _any(
    r"^© ?.{2,80}$",
    r"^(?:Photo|Foto|Фото|صورة|Credit|Crédit|Photograph) ?: ?.{2,60}$",
    r"^\((?:AFP|AP|Reuters|EPA|Getty Images)\)$",
)

# --- Header and body openers ----------------------------------------------------------
# A line that opens the body text: datelines and attributions. Whatever sits between the
# headline and such a line is a deck.
BODY_OPENER = _any(
    r"^به گزارش\b",                               # Persian "according to the report of ..." (Fars, IRNA, ISNA)
    r"^[A-ZÀ-ÝА-ЯЁ][A-ZÀ-ÝА-ЯЁ .'-]{2,40}, .{2,30}?[-–—]",  # "ROME, Feb 26 (Reuters) - ", "МОСКВА, 10 фев — РИА Новости"
    r"^[A-ZÀ-Ý][A-ZÀ-Ý .'-]{2,40} \((?:AP|AFP|Reuters|dpa)\) [-–—]",  # "LONDON (Reuters) -"
    r"^(?:\w+\s){0,3}\((?:واس|رويترز|أ ف ب|وكالات)\)\s*[-–—]",  # Arabic wire dateline "الرياض (واس) -"
    flags=0,  # case matters: datelines are in capitals
)

# Deck lines that start with the agency's name and a colon: "خبرگزاري فارس: ..."
DECK_OPENER = _any(r"^(?:خبرگزاری|خبرگزاري|وكالة الأنباء)\s+\S+(?:\s\S+)?\s?:")

# Genre labels fused onto the front of a deck line; the label is not part of the deck.
DECK_LABEL = re.compile(
    r"^(?:Analyse|Analysis|Analyse:|Décryptage|Récit|Reportage|Tribune|Éditorial|Editorial|Chronique|"
    r"Opinion|Interview|Entretien|Análisis|Crónica|Reportaje|Comment)\s+(?=[A-ZÀ-Ý«\"])"
)

# List bullets opening a line: in-article subheadings and lists ("* توقع الفيتو", "• Item"),
# never an article's headline.
BULLET = re.compile(r"^(?:[*•·▪►■◆-]|\d{1,2}[.)])\s")

URL = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)

# Sentence-final punctuation across the scripts we see, optionally followed by closing quotes.
SENTENCE_END = re.compile(r"[.!?。！？؟…:;]['\"”’»)\]]*$")
# A full stop alone (not an ellipsis or "?!") at the end: headlines rarely end this way.
FULL_STOP_END = re.compile(r"(?<!\.)[.。]['\"”’»)\]]*$")
