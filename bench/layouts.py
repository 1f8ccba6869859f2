"""Invented articles laid out the ways pages get copied: where the pipeline loses text.

    python -m bench.layouts [--show 10]

Each of the tests' invented articles (``tests/dumps.py``: English, French, Spanish,
Arabic, Persian, Russian, Chinese) is laid out in each layout below, with a blank line
between its lines and without, and processed alone; so is a longer article (four
paragraphs of 400 characters). It comes out right when it is one article with its own
headline, every paragraph in its body, its photo caption, if the layout has one, among
its captions, and neither the caption nor what the layout adds (a menu, a byline, a
share bar, related links, a reader's comment) in its body. A first paragraph taken for
the deck is counted apart: above a photo, a standfirst and a lead look alike in plain
text. The gold dumps
score fields; this checks, on text whose every line is known, that nothing of an article
is lost when the page around it changes. Then every ordered pair of the articles is
joined into one dump by one to three blank lines, the second one plain, under its
caption or a comment count, or followed by a comment: both must come out, each with its
headline (a rule that keeps a caption or comments with the text above looks right on an
article alone, and may merge the next article into the one above).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Callable

from tests.dumps import ALL, EN_1, LONG_PARAGRAPHS
from workers.pipeline import process_text

# A photo caption ending in a credit, in each article's language (by its headline).
CAPTIONS = {
    EN_1.split("\n", 1)[0]: "Dockers gather outside the port gates on Monday. (AP Photo/Jane Roe)",
    "Les vendanges commencent plus tôt que jamais en Bourgogne":
        "Des vendangeurs dans une vigne près de Beaune, lundi. (Photo: Jeanne Roux/AFP)",
    "El tren de alta velocidad llegará a la costa en 2027":
        "Obras de la nueva línea cerca de la costa, el lunes. (Foto: Juan Pérez/EFE)",
    "افتتاح أكبر محطة لتحلية المياه في المنطقة": "عمال في موقع المحطة الجديدة أمس (رويترز)",
    "برگزاری نمایشگاه بین‌المللی کتاب در تهران": "بازدیدکنندگان در نمایشگاه کتاب تهران (عکس: ایرنا)",
    "В Москве открылся новый парк на месте бывшего завода":
        "Посетители в новом парке в воскресенье. Фото: РИА Новости",
    "城市地铁新线路正式开通运营": "市民乘坐新开通的地铁列车。（王申 摄）",
    "Port to deepen its channel for the largest ships":
        "A container ship waits offshore for the tide, Monday. (AP Photo/Jane Roe)",
}
ARTICLES = [*ALL, "\n".join(["Port to deepen its channel for the largest ships", *LONG_PARAGRAPHS])]
# A reader's comment in each article's language, in the same order as CAPTIONS.
COMMENTS = dict(zip(CAPTIONS, [
    "Great article, thanks for sharing this with us all.",
    "Merci pour cet article, très intéressant pour nous tous.",
    "Muy buen artículo, gracias por compartirlo con todos.",
    "مقال رائع، شكرا لكم على هذه المعلومات المفيدة.",
    "مقاله بسیار خوبی بود، از شما سپاسگزاریم.",
    "Отличная статья, спасибо, что поделились с нами.",
    "好文章，谢谢分享这么有用的信息。",
    "Good news for the port at last, thanks for the clear report.",
]))


def _first_sentence(paragraph: str) -> str:
    """A paragraph's first sentence: what a pull quote repeats."""
    return re.split(r"(?<=[.。!?])\s*", paragraph)[0]


Layout = Callable[[str, list[str], str], list[str]]
# Each layout: the lines of a page copied from the headline, its paragraphs and a caption.
LAYOUTS: dict[str, Layout] = {
    "plain": lambda head, paras, cap: [head, *paras],
    "byline and date": lambda head, paras, cap: [head, "By Jane Roe", "March 4, 2024", *paras],
    "menu above": lambda head, paras, cap: ["Home", "News", "Business", "Sport", head, *paras],
    "headline twice": lambda head, paras, cap: [head, head, *paras],
    "caption under headline": lambda head, paras, cap: [head, cap, *paras],
    "caption after paragraph 1": lambda head, paras, cap: [head, paras[0], cap, *paras[1:]],
    "caption at the end": lambda head, paras, cap: [head, *paras, cap],
    "caption above headline": lambda head, paras, cap: [cap, head, *paras],
    "share bar under headline": lambda head, paras, cap: [head, "Share", "Tweet", "Email", *paras],
    "related links below": lambda head, paras, cap: [head, *paras, "Related", "Ferry fares to rise in spring",
                                                      "New bridge opens to cyclists"],
    "advertisement mid-text": lambda head, paras, cap: [head, paras[0], "Advertisement", *paras[1:]],
    "read-more link mid-text": lambda head, paras, cap: [head, paras[0], "Read more: Ferry fares to rise in spring",
                                                          *paras[1:]],
    "pull quote": lambda head, paras, cap: [head, paras[0], f"“{_first_sentence(paras[-1])}”", *paras[1:]],
    "a comment below": lambda head, paras, cap: [head, *paras, "1 Comment", COMMENTS[head], "Reply"],
    "comment count above headline": lambda head, paras, cap: ["12 Comments", head, *paras],
}

SEPARATORS = {"blank lines": "\n\n", "no blank lines": "\n"}


def check(head: str, paras: list[str], caption: str | None, text: str,
          chrome: tuple[str, ...] = ()) -> list[str]:
    """What is wrong with the articles of one laid-out article (nothing: right). The
    ``chrome`` lines (a menu, a share bar, a comment) must stay out of the body."""
    articles = process_text(text)
    if len(articles) != 1:
        return [f"{len(articles)} articles"]
    article = articles[0]
    wrong = []
    if article.headline != head:
        wrong.append(f"headline {article.headline!r:.60}")
    for paragraph in paras:
        if paragraph not in article.body:
            where = ("deck" if paragraph in (article.subheadline or "") else
                     "caption" if paragraph in article.captions else "lost")
            wrong.append(f"paragraph as {where}: {paragraph!r:.50}")
    if caption is not None and (caption not in article.captions or caption in article.body):
        wrong.append("caption " + ("in body" if caption in article.body else "not found"))
    body_lines = set(article.body.split("\n"))
    wrong.extend(f"in body: {line!r:.40}" for line in chrome if line in body_lines)
    return wrong


def run() -> tuple[Counter, Counter, Counter, list[str]]:
    """Per (layout, separator): articles right, articles whose lead was taken for the deck
    and nothing else went wrong, all articles; and a line for each article not right."""
    right: Counter = Counter()
    lead_as_deck: Counter = Counter()
    total: Counter = Counter()
    failures = []
    for dump in ARTICLES:
        head, *rest = [line for line in dump.split("\n") if line.strip()]
        caption = CAPTIONS[head]
        for layout_name, layout in LAYOUTS.items():
            lines = layout(head, rest, caption)
            shown = caption if caption in lines else None
            # what the layout adds besides the article's own lines (a pull quote repeats
            # a sentence of the text: where it goes is not checked)
            chrome = tuple(line for line in lines if line not in (head, caption, *rest)
                           and not line.startswith("“"))
            for sep_name, sep in SEPARATORS.items():
                key = (layout_name, sep_name)
                total[key] += 1
                wrong = check(head, rest, shown, sep.join(lines), chrome)
                if not wrong:
                    right[key] += 1
                elif wrong == [f"paragraph as deck: {rest[0]!r:.50}"]:
                    lead_as_deck[key] += 1
                else:
                    failures.append(f"{layout_name}, {sep_name}, {head[:40]!r}: " + "; ".join(wrong))
    return right, lead_as_deck, total, failures


# Blank lines between two articles joined into one dump, and how the second one opens.
JOIN_GAPS = {"1 blank line": "\n\n", "2 blank lines": "\n\n\n", "3 blank lines": "\n\n\n\n"}
JOINED_OPENINGS = ("plain", "caption above headline", "comment count above headline", "a comment below")


def run_joined() -> tuple[Counter, Counter, list[str]]:
    """Every ordered pair of articles joined into one dump (the first one plain, its lines
    without blank lines between; the second in each of ``JOINED_OPENINGS``): per (opening,
    gap), the dumps that come out as exactly the two articles, by their headlines. Laid
    out alone, a rule that keeps a caption or comments with the text above looks right;
    joined, it may merge the next article into the one above."""
    right: Counter = Counter()
    total: Counter = Counter()
    failures = []
    split = [[line for line in dump.split("\n") if line.strip()] for dump in ARTICLES]
    for (head_a, *rest_a), (head_b, *rest_b) in ((a, b) for a in split for b in split if a is not b):
        for opening in JOINED_OPENINGS:
            second = "\n".join(LAYOUTS[opening](head_b, rest_b, CAPTIONS[head_b]))
            for gap_name, gap in JOIN_GAPS.items():
                key = (opening, gap_name)
                total[key] += 1
                found = [article.headline for article in process_text("\n".join([head_a, *rest_a]) + gap + second)]
                if found == [head_a, head_b]:
                    right[key] += 1
                else:
                    failures.append(f"joined, {opening}, {gap_name}, {head_a[:25]!r} + {head_b[:25]!r}: "
                                    f"{len(found)} articles")
    return right, total, failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=10, help="failures to print (0: all)")
    args = parser.parse_args(argv)
    right, lead_as_deck, total, failures = run()
    print(f"{'layout':28} {'separator':15} {'right':>5} {'lead as deck':>12} {'of':>3}")
    for key in total:
        print(f"{key[0]:28} {key[1]:15} {right[key]:5d} {lead_as_deck[key]:12d} {total[key]:3d}")
    print(f"{'all':28} {'':15} {sum(right.values()):5d} {sum(lead_as_deck.values()):12d} {sum(total.values()):3d}")
    joined_right, joined_total, joined_failures = run_joined()
    print(f"\n{'two articles joined, second':28} {'gap':15} {'right':>5} {'of':>4}")
    for key in joined_total:
        print(f"{key[0]:28} {key[1]:15} {joined_right[key]:5d} {joined_total[key]:4d}")
    print(f"{'all':28} {'':15} {sum(joined_right.values()):5d} {sum(joined_total.values()):4d}")
    failures = failures + joined_failures
    shown = failures if args.show == 0 else failures[: args.show]
    if shown:
        print("\n" + "\n".join(shown))
    if len(shown) < len(failures):
        print(f"... and {len(failures) - len(shown)} more (--show 0 prints all)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
