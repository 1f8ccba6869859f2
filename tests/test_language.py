"""Language identification: codes, und for short text, determinism, bounded sample."""

import json
import os
import subprocess
import sys

import pytest

from workers.pipeline import language_backends
from workers.pipeline.langdetect_detector import ExactDetector
from workers.pipeline.language import SAMPLE_CHARS, detect_language

from .dumps import AR_1, EN_1, ES_1, FA_1, FR_1, RU_1, ZH_1
from .processes import ROOT


def body(dump: str) -> str:
    return dump.split("\n", 2)[2]


@pytest.mark.parametrize("backend", language_backends.BACKENDS)
@pytest.mark.parametrize("dump, code", [
    (EN_1, "en"), (FR_1, "fr"), (ES_1, "es"), (AR_1, "ar"), (FA_1, "fa"), (RU_1, "ru"), (ZH_1, "zh"),
])
def test_each_backend_names_the_languages_of_our_dumps(dump, code, backend):
    guess = detect_language(body(dump), backend=backend)
    assert guess.language == code
    assert 0.5 <= guess.confidence <= 1.0


@pytest.mark.parametrize("text, code", [
    ("서울시는 오늘 새로운 지하철 노선을 개통했다고 밝혔다.", "ko"),
    ("東京都は本日、新しい地下鉄の路線を開業したと発表しました。", "ja"),
    ("กรุงเทพมหานครเปิดเส้นทางรถไฟฟ้าสายใหม่ในวันนี้", "th"),
    ("Η κυβέρνηση ανακοίνωσε σήμερα νέα μέτρα για την οικονομία.", "el"),
])
def test_scripts_of_a_single_language_decide_alone(text, code):
    assert detect_language(text).language == code


@pytest.mark.parametrize("text", ["", "   ", "TT", "12 34 56", "ok", "\x00\x01\u200f"])
def test_too_short_text_is_undetermined(text):
    guess = detect_language(text)
    assert (guess.language, guess.confidence) == ("und", 0.0)


def test_all_capitals_text_is_read_as_lower_case():
    text = "THE COUNCIL VOTED TO BUILD FORTY KILOMETRES OF PROTECTED CYCLE LANES OVER THE NEXT FOUR YEARS"
    assert detect_language(text).language == "en"


def test_only_a_bounded_sample_reaches_the_detector(monkeypatch):
    seen = []
    real_append = ExactDetector.append

    def spying_append(self, text):
        seen.append(len(text))
        real_append(self, text)

    monkeypatch.setattr(ExactDetector, "append", spying_append)
    detect_language(body(EN_1) * 50)
    assert seen and max(seen) <= SAMPLE_CHARS


# Texts in several scripts with what langdetect's own text handling meets: URLs and e-mail
# addresses, runs of spaces, ALL-CAPS words, punctuation, Vietnamese combining marks,
# Latin words inside another script, kana, hangul and digits.
EXACTNESS_TEXTS = [
    body(EN_1), body(FR_1), body(ES_1), body(AR_1), body(FA_1), body(RU_1), body(ZH_1),
    "The NATO summit   opened in  Brussels; see https://example.org/a?b=1 or mail press@example.org.",
    "Thủ tướng phát biểu tại hội nghị về kinh tế và xã hội ở Hà Nội hôm nay.",
    "Tiếng Việt viết bằng dấu tổ hợp: Hà Nội, Đà Nẵng, Huế.",
    "قال الرئيس في مؤتمر صحفي إن الاتفاق مع IMF و World Bank سيوقع قريبا",
    "東京都は本日、新しい地下鉄の路線を開業したと発表しました。NHK",
    "서울시는 오늘 새로운 지하철 노선을 개통했다고 밝혔다 (KBS 2024)",
    "Η κυβέρνηση ανακοίνωσε σήμερα νέα μέτρα — «ΑΝΑΚΟΙΝΩΣΗ» 12/03",
    "A", "   ", "123 456 789", "ÉCOLE ÉTÉ été école",
]


@pytest.mark.parametrize("text", EXACTNESS_TEXTS)
def test_the_faster_detector_gives_langdetects_own_probabilities(text):
    from langdetect.detector import Detector
    from langdetect.lang_detect_exception import LangDetectException

    def probabilities(detector_class):
        detector = detector_class(language_backends.langdetect_factory())
        detector.append(text)
        try:
            return [(r.lang, r.prob) for r in detector.get_probabilities()]
        except LangDetectException as exc:
            return str(exc)

    assert probabilities(ExactDetector) == probabilities(Detector)


def test_profiles_load_once_per_process():
    assert language_backends.langdetect_factory() is language_backends.langdetect_factory()


def test_results_are_the_same_in_every_process():
    # Short, ambiguous texts are where an unseeded langdetect changes its answer.
    texts = ["nice work today", "ok ok ok yes", "der die das und", "banco nacional", "مرحبا بكم جميعا"]
    code = ("import json, sys; from workers.pipeline.language import detect_language; "
            "print(json.dumps([[g.language, g.confidence] for g in map(detect_language, json.loads(sys.argv[1]))]))")
    runs = {
        subprocess.run([sys.executable, "-c", code, json.dumps(texts)], cwd=ROOT, check=True, capture_output=True,
                       text=True, timeout=120, env={**os.environ, "PYTHONHASHSEED": str(hash_seed)}).stdout
        for hash_seed in (1, 2, 3)
    }
    assert len(runs) == 1
    assert json.loads(runs.pop()) == [[g.language, g.confidence] for g in map(detect_language, texts)]


@pytest.mark.parametrize("text, code", [
    ("မြန်မာနိုင်ငံ၏ မြို့တော်တွင် ယနေ့ အစည်းအဝေး ကျင်းပခဲ့သည်", "my"),       # Myanmar
    ("រាជធានីភ្នំពេញ ថ្ងៃនេះ មានកិច្ចប្រជុំ ធំមួយ", "km"),                         # Khmer
    ("ນະຄອນຫຼວງວຽງຈັນ ມື້ນີ້ ມີກອງປະຊຸມ ໃຫຍ່", "lo"),                            # Lao
    ("කොළඹ නගරයේ අද විශාල රැස්වීමක් පැවැත්විණි", "si"),                         # Sinhala
])
def test_scripts_langdetect_has_no_profile_for_still_name_their_language(text, code):
    assert detect_language(text).language == code


def test_chinese_in_traditional_characters_is_never_korean_or_japanese():
    # langdetect alone ranks Korean first for some traditional Chinese text
    text = "據報道，研究人員表示，戒煙的口香糖、皮膚黏貼或是鼻腔噴霧劑，長期來說並不能有效的幫助煙民戒除煙癮。"
    for _ in range(3):
        assert detect_language(text).language == "zh"


@pytest.mark.parametrize("dump, code", [(AR_1, "ar"), (FA_1, "fa")])
def test_arabic_script_languages_are_told_apart_by_their_letters(dump, code):
    text = body(dump) * 2                 # long enough for the letters to decide
    guess = detect_language(text)
    assert guess.language == code and guess.confidence > 0.5


def test_urdu_is_told_by_its_own_letters():
    text = ("پاکستان کے دارالحکومت اسلام آباد میں آج ایک بڑا اجلاس ہوا جس میں ملک بھر سے آئے ہوئے نمائندوں نے شرکت کی۔ "
            "اجلاس میں تعلیم، صحت اور روزگار کے مسائل پر تفصیل سے بات ہوئی اور حکومت نے نئے منصوبوں کا اعلان کیا۔ ") * 2
    assert detect_language(text).language == "ur"


# --- the optional fast backend (py3langid; in the test extra) ------------------------------

def test_the_settings_know_the_pipelines_backends():
    from workers.config import LANGUAGE_BACKENDS

    assert LANGUAGE_BACKENDS == language_backends.BACKENDS


def test_an_unknown_backend_setting_stops_at_start(monkeypatch):
    from workers.config import Settings

    monkeypatch.setenv("DUMPLING_LANGUAGE_BACKEND", "cld9")
    with pytest.raises(SystemExit, match="DUMPLING_LANGUAGE_BACKEND must be one of langdetect, fast"):
        Settings.from_env()


@pytest.mark.parametrize("text, code", [
    ("Der Bundestag hat am Donnerstag ein neues Gesetz zur Förderung erneuerbarer Energien beschlossen.", "de"),
    ("Il governo ha approvato oggi una nuova legge sul lavoro e sulle pensioni dei giovani.", "it"),
    ("Rząd przyjął dziś nowy projekt ustawy o podatkach i finansach samorządów.", "pl"),
    ("Hükümet bugün vergi ve emeklilik konusunda yeni bir yasa tasarısını onayladı.", "tr"),
])
def test_both_backends_agree_on_latin_script_languages(text, code):
    assert detect_language(text).language == code
    assert detect_language(text, backend=language_backends.FAST).language == code


def test_the_fast_backend_keeps_the_short_text_rule():
    assert detect_language("ok", backend=language_backends.FAST).language == "und"


def test_a_missing_fast_backend_is_a_clear_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "py3langid.langid", None)        # as if not installed
    monkeypatch.setattr(language_backends, "_loaded", {})
    with pytest.raises(language_backends.BackendUnavailable, match=r"pip install 'dumpling\[fast\]'"):
        language_backends.load(language_backends.FAST)


def test_process_command_takes_the_fast_backend(tmp_path):
    dump = tmp_path / "dump.txt"
    dump.write_text(EN_1 + "\n\n\n" + FR_1, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "workers.pipeline", "--language-backend", "fast", str(dump)],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert [a["language"] for a in json.loads(result.stdout)["articles"]] == ["en", "fr"]
