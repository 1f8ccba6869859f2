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
