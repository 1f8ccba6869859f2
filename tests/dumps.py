"""Small dumps written for the tests, in several languages and scripts and layouts.

The texts are our own; they imitate the layouts seen in real dumps (see the corpus README
in ../shared/corpus when it is there), not any one site's text.
"""

EN_1 = """Harbour cranes idle as dock strike enters second week

Container ships are queuing outside the port after talks between the dockers' union and the operators broke down on Monday evening.

The union says wages have not kept pace with prices for three years, and that the new shift patterns put safety at risk.

Operators warned that perishable cargo would be diverted to other ports if the dispute was not settled by Friday."""

EN_2 = """City council approves new cycle lanes

The council voted by 31 to 12 to build forty kilometres of protected cycle lanes over the next four years, funded by a national grant.

Shop owners on the high street had asked for more loading bays, and the final plan includes twelve of them."""

EN_3 = """Museum returns bronze statues to their village

Six bronze statues taken from a mountain village in the 1920s were handed back at a ceremony attended by hundreds of residents.

The museum's director said the return closed a long and painful chapter for the community and for the institution."""

FR_1 = """Les vendanges commencent plus tôt que jamais en Bourgogne

Les viticulteurs ont commencé à récolter le raisin dès la mi-août, une date inédite qui s'explique par un été particulièrement chaud et sec.

Selon la chambre d'agriculture, les rendements seront en baisse mais la qualité du raisin est jugée excellente."""

ES_1 = """El tren de alta velocidad llegará a la costa en 2027

El ministerio confirmó que las obras del último tramo comenzarán en primavera y que el servicio reducirá el viaje a menos de dos horas.

Los alcaldes de la comarca celebraron el anuncio, aunque pidieron más paradas en las estaciones intermedias."""

AR_1 = """افتتاح أكبر محطة لتحلية المياه في المنطقة

افتتحت الحكومة أمس أكبر محطة لتحلية مياه البحر في المنطقة بطاقة إنتاجية تبلغ مليون متر مكعب يوميا، في خطوة تهدف إلى تأمين مياه الشرب لملايين السكان.

وقال وزير المياه إن المحطة تعمل بالطاقة الشمسية جزئيا، وإن المرحلة الثانية من المشروع ستبدأ العام المقبل."""

FA_1 = """برگزاری نمایشگاه بین‌المللی کتاب در تهران

نمایشگاه بین‌المللی کتاب تهران با حضور ناشران داخلی و خارجی از امروز آغاز به کار کرد و تا ده روز آینده ادامه خواهد داشت.

مدیر نمایشگاه گفت امسال بیش از دو هزار ناشر در این رویداد فرهنگی شرکت کرده‌اند و بخش کودک و نوجوان گسترش یافته است."""

RU_1 = """В Москве открылся новый парк на месте бывшего завода

Парк площадью двадцать гектаров открылся в субботу на территории бывшего промышленного предприятия, сообщили в мэрии.

По словам архитекторов, в парке сохранены несколько старых цехов, в которых разместятся выставочные залы и кафе."""

ZH_1 = """城市地铁新线路正式开通运营

新线路全长三十二公里，共设二十四座车站，预计每天可运送乘客五十万人次。

市交通部门表示，新线路将大大缓解城市东部地区的交通压力，并方便市民出行。"""

ALL = [EN_1, FR_1, AR_1, ES_1, FA_1, RU_1, ZH_1]
HEADLINES = [d.split("\n", 1)[0] for d in ALL]


def joined(separator: str, dumps=ALL) -> str:
    return separator.join(dumps)


def packed(dump: str) -> str:
    """The same record with no blank lines inside: one paragraph per line."""
    return "\n".join(line for line in dump.split("\n") if line.strip())

# An article's paragraphs, each too long to be anyone's headline (LINE.headline_max_chars).
LONG_PARAGRAPHS = [
    "The harbour authority said on Monday that the new quay would take ships of up to four hundred metres, "
    "twice the size of those it takes today, and that dredging of the channel would begin in the spring once "
    "the last permits are granted by the regional government, which has promised to decide before the end of "
    "the year. The authority's chairman called it the largest investment in the port since the war.",
    "Engineers expect the work to last three years. The authority has set aside two hundred million for it, "
    "most of it from the port fees that shipping lines pay, and the rest from a loan that the regional "
    "development bank approved in the autumn after a long review of the port's accounts, its traffic "
    "forecasts and the environmental studies that the authority commissioned last year from two "
    "independent firms of engineers and ecologists.",
    "Shipping lines welcomed the plan but asked for a timetable. Several of them said that their newest "
    "vessels already had to anchor offshore and wait for smaller boats to carry their containers in, which "
    "adds a day or more to every call at the port and costs them thousands in fuel and fees, and that some "
    "had begun to call at rival ports along the coast instead, where the water is deeper and the cranes "
    "are newer and faster than here.",
    "Residents of the old harbour district were less pleased. They fear that the dredging will stir up the "
    "silt of a century of industry, and they asked the authority to publish the results of the soil tests "
    "before any work begins near the beaches, where the town's summer trade depends on clean water and on "
    "the fishing boats that still land their catch at the old pier, as their families have done for as "
    "long as anyone in the town remembers.",
]
