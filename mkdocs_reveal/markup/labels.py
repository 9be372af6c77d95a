"""Reader-facing words of the stamps and notices, per language, and dates written by CLDR.

Every language Material for MkDocs ships has its stamp words here (the hand-written table
below); dates and relative times are never hand-written: they come from CLDR through babel.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Literal

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_time, format_timedelta, get_datetime_format

from mkdocs_reveal.diagnostics import log


@dataclass(frozen=True)
class Labels:
    """The words a reader sees around a reveal date, in one language."""

    locale: str  # babel's name of the locale the labels and dates are for, such as "nb_NO"
    coming: str  # state label of a sealed stamp: "Coming Monday, November 3, 2025"
    revealed: str  # state label of a revealed stamp
    available: str  # overlay line of a sealed preview, with {date}
    sealed_until: str  # author preview marker, with {date}
    due: str  # state label the countdown shows once a newer build has revealed the part
    reload: str  # the countdown's button that fetches the page again
    add_to_calendar: str  # the link to the site's calendar next to a sealed stamp
    # The stamp of a held part (sealed, no date yet), and the state label once the instant has
    # passed but the site has not been rebuilt yet.
    coming_soon: str = "Coming soon"
    intl: str = ""  # BCP 47 tags for the browser's Intl, best first; default: from `locale`

    @property
    def intl_locales(self) -> str:
        """The space-separated language tags the countdown hands to `Intl.RelativeTimeFormat`."""
        return self.intl or self.locale.replace("_", "-")


ENGLISH = Labels(
    locale="en",
    coming="Coming",
    revealed="Revealed",
    available="Available {date}",
    sealed_until="Sealed until {date} — author preview, not public yet",
    due="Out now",
    reload="Reload",
    add_to_calendar="Add to calendar",
    coming_soon="Coming soon",
)

NORWEGIAN_BOKMAL = Labels(
    locale="nb",
    coming="Kommer",
    revealed="Publisert",
    available="Tilgjengelig fra {date}",
    sealed_until="Forseglet til {date} — forfatterens forhåndsvisning, ikke offentlig ennå",
    due="Ute nå",
    reload="Last inn på nytt",
    add_to_calendar="Legg til i kalenderen",
    coming_soon="Kommer snart",
)

# Languages with every word written by hand, the notices and author preview included.
WRITTEN: dict[str, Labels] = {
    "en": ENGLISH,
    "nb": NORWEGIAN_BOKMAL,
    # "no" is the macrolanguage; Bokmål is what nearly every Norwegian site means by it.
    "no": replace(NORWEGIAN_BOKMAL, locale="no", intl="no nb"),
    "nn": Labels(
        locale="nn",
        coming="Kjem",
        revealed="Publisert",
        available="Tilgjengeleg frå {date}",
        sealed_until="Forsegla til {date} — førehandsvising for forfattaren, ikkje offentleg enno",
        due="Ute no",
        reload="Last inn på nytt",
        add_to_calendar="Legg til i kalenderen",
        coming_soon="Kjem snart",
        # Some browsers carry no Nynorsk data for relative times; Bokmål's is the closest.
        intl="nn nb",
    ),
    "sv": Labels(
        locale="sv",
        coming="Kommer",
        revealed="Publicerad",
        available="Tillgänglig från {date}",
        sealed_until="Förseglad till {date} — förhandsvisning för författaren, inte offentlig än",
        due="Ute nu",
        reload="Ladda om",
        add_to_calendar="Lägg till i kalendern",
        coming_soon="Kommer snart",
    ),
    "da": Labels(
        locale="da",
        coming="Kommer",
        revealed="Udgivet",
        available="Tilgængelig fra {date}",
        sealed_until="Forseglet indtil {date} — forfatterens forhåndsvisning, ikke offentlig endnu",
        due="Ude nu",
        reload="Genindlæs",
        add_to_calendar="Føj til kalenderen",
        coming_soon="Kommer snart",
    ),
    "de": Labels(
        locale="de",
        coming="Erscheint",
        revealed="Erschienen",
        available="Verfügbar ab {date}",
        sealed_until="Versiegelt bis {date} — Autorenvorschau, noch nicht öffentlich",
        due="Jetzt erschienen",
        reload="Neu laden",
        add_to_calendar="Zum Kalender hinzufügen",
        coming_soon="Demnächst",
    ),
    "fr": Labels(
        locale="fr",
        coming="À paraître",
        revealed="Publié",
        available="Disponible le {date}",
        sealed_until="Scellé jusqu’au {date} — aperçu de l’auteur, pas encore public",
        due="Disponible maintenant",
        reload="Recharger",
        add_to_calendar="Ajouter au calendrier",
        coming_soon="Prochainement",
    ),
    "es": Labels(
        locale="es",
        coming="Próximamente",
        revealed="Publicado",
        available="Disponible el {date}",
        sealed_until="Sellado hasta el {date} — vista previa del autor, aún no es público",
        due="Ya disponible",
        reload="Recargar",
        add_to_calendar="Añadir al calendario",
        coming_soon="Muy pronto",
    ),
}

# The other languages of Material for MkDocs (its `theme.language` codes): the badge words, the
# reload button and the calendar link. Each is (babel locale, coming, revealed, coming soon,
# reload, add to calendar). The notice reads as the stamp does ("<coming> <date>"), and the
# author-only preview marker stays English. Words a native reader should check first are those
# of eu, hy, ka, kn, ku-IQ, lb, mn, my, sa, si and te.
STAMP_WORDS: dict[str, tuple[str, str, str, str, str, str]] = {
    "af": ("af", "Verskyn", "Gepubliseer", "Binnekort beskikbaar", "Herlaai", "Voeg by kalender"),
    "ar": ("ar", "يُنشر", "نُشر", "قريبًا", "إعادة التحميل", "أضف إلى التقويم"),
    "az": ("az", "Dərc olunacaq", "Dərc olunub", "Tezliklə", "Yenidən yüklə", "Təqvimə əlavə et"),
    "be": ("be", "Выйдзе", "Апублікавана", "Хутка", "Перазагрузіць", "Дадаць у каляндар"),
    "bg": ("bg", "Предстои", "Публикувано", "Очаквайте скоро", "Презареди", "Добави в календара"),
    "bn": (
        "bn",
        "আসছে",
        "প্রকাশিত",
        "শীঘ্রই আসছে",
        "পুনরায় লোড করুন",
        "ক্যালেন্ডারে যোগ করুন",
    ),
    "ca": (
        "ca",
        "Es publicarà",
        "Publicat",
        "Properament",
        "Torna a carregar",
        "Afegeix al calendari",
    ),
    "cs": ("cs", "Vyjde", "Publikováno", "Již brzy", "Načíst znovu", "Přidat do kalendáře"),
    "cy": (
        "cy",
        "Yn dod",
        "Cyhoeddwyd",
        "Yn dod cyn bo hir",
        "Ail-lwytho",
        "Ychwanegu at y calendr",
    ),
    "el": (
        "el",
        "Έρχεται",
        "Δημοσιεύτηκε",
        "Έρχεται σύντομα",
        "Επαναφόρτωση",
        "Προσθήκη στο ημερολόγιο",
    ),
    "eo": ("eo", "Aperos", "Aperis", "Baldaŭ", "Reŝargi", "Aldoni al kalendaro"),
    "et": ("et", "Ilmub", "Avaldatud", "Varsti tulekul", "Laadi uuesti", "Lisa kalendrisse"),
    "eu": ("eu", "Argitaratuko da", "Argitaratua", "Laster", "Birkargatu", "Gehitu egutegira"),
    "fa": ("fa", "منتشر می‌شود", "منتشر شد", "به‌زودی", "بارگذاری مجدد", "افزودن به تقویم"),
    "fi": ("fi", "Ilmestyy", "Julkaistu", "Tulossa pian", "Lataa uudelleen", "Lisää kalenteriin"),
    "gl": ("gl", "Publicarase", "Publicado", "Proximamente", "Recargar", "Engadir ao calendario"),
    "he": ("he", "יתפרסם", "פורסם", "בקרוב", "טעינה מחדש", "הוספה ליומן"),
    "hi": (
        "hi",
        "प्रकाशित होगा",
        "प्रकाशित",
        "जल्द आ रहा है",
        "फिर से लोड करें",
        "कैलेंडर में जोड़ें",
    ),
    "hr": ("hr", "Izlazi", "Objavljeno", "Uskoro", "Ponovno učitaj", "Dodaj u kalendar"),
    "hu": ("hu", "Megjelenik", "Megjelent", "Hamarosan", "Újratöltés", "Hozzáadás a naptárhoz"),
    "hy": (
        "hy",
        "Կհրապարակվի",
        "Հրապարակված է",
        "Շուտով",
        "Վերաբեռնել",
        "Ավելացնել օրացույցին",
    ),
    "id": (
        "id",
        "Akan terbit",
        "Diterbitkan",
        "Segera hadir",
        "Muat ulang",
        "Tambahkan ke kalender",
    ),
    "is": ("is", "Kemur út", "Birt", "Væntanlegt", "Endurhlaða", "Bæta við dagatal"),
    "it": (
        "it",
        "In uscita",
        "Pubblicato",
        "Prossimamente",
        "Ricarica",
        "Aggiungi al calendario",
    ),
    "ja": ("ja", "公開予定", "公開済み", "近日公開", "再読み込み", "カレンダーに追加"),
    "ka": (
        "ka",
        "გამოქვეყნდება",
        "გამოქვეყნდა",
        "მალე",
        "გადატვირთვა",
        "კალენდარში დამატება",
    ),
    "kn": (
        "kn",
        "ಪ್ರಕಟವಾಗಲಿದೆ",
        "ಪ್ರಕಟವಾಗಿದೆ",
        "ಶೀಘ್ರದಲ್ಲೇ ಬರಲಿದೆ",
        "ಮರುಲೋಡ್ ಮಾಡಿ",
        "ಕ್ಯಾಲೆಂಡರ್‌ಗೆ ಸೇರಿಸಿ",
    ),
    "ko": ("ko", "공개 예정", "공개됨", "곧 공개", "새로고침", "캘린더에 추가"),
    # Material's ku-IQ file is Sorani (Central Kurdish, Arabic script): CLDR calls it ckb.
    "ku-IQ": (
        "ckb_IQ",
        "بڵاودەکرێتەوە",
        "بڵاوکرایەوە",
        "بەم زووانە",
        "دووبارە بارکردنەوە",
        "زیادکردن بۆ ساڵنامە",
    ),
    "lb": (
        "lb",
        "Erschéngt",
        "Publizéiert",
        "Geschwënn",
        "Nei lueden",
        "An de Kalenner derbäisetzen",
    ),
    "lt": ("lt", "Pasirodys", "Paskelbta", "Netrukus", "Įkelti iš naujo", "Pridėti į kalendorių"),
    "lv": ("lv", "Iznāks", "Publicēts", "Drīzumā", "Pārlādēt", "Pievienot kalendāram"),
    "mk": ("mk", "Излегува", "Објавено", "Наскоро", "Вчитај повторно", "Додај во календар"),
    "mn": ("mn", "Нийтлэгдэнэ", "Нийтлэгдсэн", "Тун удахгүй", "Дахин ачаалах", "Хуанлид нэмэх"),
    "ms": (
        "ms",
        "Akan diterbitkan",
        "Diterbitkan",
        "Akan datang",
        "Muat semula",
        "Tambah ke kalendar",
    ),
    "my": (
        "my",
        "ထုတ်ဝေမည်",
        "ထုတ်ဝေပြီး",
        "မကြာမီ လာမည်",
        "ပြန်လည်ဖွင့်ရန်",
        "ပြက္ခဒိန်သို့ ထည့်ရန်",
    ),
    "nl": ("nl", "Verschijnt", "Verschenen", "Binnenkort", "Opnieuw laden", "Toevoegen aan agenda"),
    "pl": ("pl", "Ukaże się", "Opublikowano", "Wkrótce", "Odśwież", "Dodaj do kalendarza"),
    # Material's `pt` file is European Portuguese ("Criada", "Voltar ao topo"); CLDR's `pt` is
    # Brazilian.
    "pt": (
        "pt_PT",
        "A publicar",
        "Publicado",
        "Brevemente",
        "Recarregar",
        "Adicionar ao calendário",
    ),
    "pt-BR": (
        "pt_BR",
        "Será publicado",
        "Publicado",
        "Em breve",
        "Recarregar",
        "Adicionar à agenda",
    ),
    "ro": ("ro", "Apare", "Publicat", "În curând", "Reîncarcă", "Adaugă în calendar"),
    "ru": ("ru", "Выйдет", "Опубликовано", "Скоро", "Обновить", "Добавить в календарь"),
    "sa": (
        "sa",
        "प्रकाशयिष्यते",
        "प्रकाशितम्",
        "शीघ्रम् आगमिष्यति",
        "पुनः आरोपयतु",
        "पञ्चाङ्गे योजयतु",
    ),
    # `sh` (Serbo-Croatian, Latin script) is a deprecated code babel rejects; CLDR aliases it
    # to sr_Latn.
    "sh": ("sr_Latn", "Izlazi", "Objavljeno", "Uskoro", "Ponovo učitaj", "Dodaj u kalendar"),
    "si": (
        "si",
        "ප්\u200dරකාශයට පත් වේ",
        "ප්\u200dරකාශයට පත් විය",
        "ළඟදීම",
        "නැවත පූරණය කරන්න",
        "දින දර්ශනයට එක් කරන්න",
    ),
    "sk": ("sk", "Vyjde", "Publikované", "Už čoskoro", "Znova načítať", "Pridať do kalendára"),
    "sl": ("sl", "Izide", "Objavljeno", "Kmalu", "Znova naloži", "Dodaj v koledar"),
    "sq": ("sq", "Publikohet", "Publikuar", "Së shpejti", "Ringarko", "Shto në kalendar"),
    "sr": ("sr", "Излази", "Објављено", "Ускоро", "Поново учитај", "Додај у календар"),
    "ta": (
        "ta",
        "வெளியாகும்",
        "வெளியானது",
        "விரைவில்",
        "மீண்டும் ஏற்று",
        "நாட்காட்டியில் சேர்",
    ),
    "te": (
        "te",
        "విడుదల కానుంది",
        "ప్రచురించబడింది",
        "త్వరలో",
        "మళ్లీ లోడ్ చేయి",
        "క్యాలెండర్‌కు జోడించు",
    ),
    "th": ("th", "จะเผยแพร่", "เผยแพร่แล้ว", "เร็วๆ นี้", "โหลดซ้ำ", "เพิ่มลงในปฏิทิน"),
    # `tl` (Tagalog): babel reads it as fil_PH (Filipino), whose CLDR data is complete.
    "tl": ("fil_PH", "Ilalabas", "Inilabas", "Malapit na", "I-reload", "Idagdag sa kalendaryo"),
    "tr": ("tr", "Yayımlanacak", "Yayımlandı", "Çok yakında", "Yeniden yükle", "Takvime ekle"),
    "uk": ("uk", "Вийде", "Опубліковано", "Незабаром", "Перезавантажити", "Додати до календаря"),
    "ur": (
        "ur",
        "شائع ہوگا",
        "شائع ہوا",
        "جلد آ رہا ہے",
        "دوبارہ لوڈ کریں",
        "کیلنڈر میں شامل کریں",
    ),
    "uz": (
        "uz",
        "Nashr etiladi",
        "Nashr etilgan",
        "Tez orada",
        "Qayta yuklash",
        "Taqvimga qo‘shish",
    ),
    "vi": ("vi", "Sẽ xuất bản", "Đã xuất bản", "Sắp ra mắt", "Tải lại", "Thêm vào lịch"),
    "zh": ("zh", "即将发布", "已发布", "敬请期待", "重新加载", "添加到日历"),
    "zh-Hant": ("zh_Hant", "即將發布", "已發布", "敬請期待", "重新載入", "加入行事曆"),
    "zh-TW": ("zh_Hant_TW", "即將發布", "已發布", "敬請期待", "重新載入", "加入行事曆"),
}

# Language tags a browser knows where babel's locale name is not one (deprecated or aliased).
INTL = {"sh": "sr-Latn sh", "ku-IQ": "ckb-IQ ckb ku-IQ", "tl": "fil-PH fil tl", "pt": "pt-PT pt"}


def _composed(code: str, words: tuple[str, str, str, str, str, str]) -> Labels:
    """The labels of a language from its stamp words; the notice reads as the stamp does."""
    babel, coming, revealed, soon, reload, calendar = words
    return Labels(
        locale=babel,
        coming=coming,
        revealed=revealed,
        available=f"{coming} {{date}}",
        sealed_until=ENGLISH.sealed_until,  # for the author only
        due=revealed,
        reload=reload,
        add_to_calendar=calendar,
        coming_soon=soon,
        intl=INTL.get(code, ""),
    )


CATALOGUE: dict[str, Labels] = dict(
    sorted(
        {
            **{code: _composed(code, words) for code, words in STAMP_WORDS.items()},
            **WRITTEN,
        }.items()
    )
)

# The languages a site may choose, for docs and warnings.
SUPPORTED = tuple(CATALOGUE)
_BY_FOLDED = {code.casefold(): code for code in CATALOGUE}


def _babel_name(name: str) -> str | None:
    """Babel's name for a locale such as 'nb', 'pt-BR' or 'en_GB', or None if it knows none."""
    known = _BY_FOLDED.get(name.strip().replace("_", "-").casefold())
    if known is not None:
        return CATALOGUE[known].locale
    try:
        return str(Locale.parse(name.strip().replace("-", "_")))
    except (UnknownLocaleError, ValueError, TypeError):
        return None


def known_locale(name: str) -> bool:
    """Tell whether stamps can speak the locale: a language of the catalogue, or a variant."""
    return _find(name) is not None


@functools.cache
def _find(name: str) -> Labels | None:
    """The labels of a Material code or a babel locale (its language's words), if any."""
    code = _BY_FOLDED.get(name.strip().replace("_", "-").casefold())
    if code is not None:
        return CATALOGUE[code]
    found = _babel_name(name)
    if found is None:
        return None
    language = found.split("_")[0]
    labels = CATALOGUE.get(language)
    if labels is None:
        return None
    # A regional variant (en_GB, de_AT) keeps its own date formats and Intl tag.
    tags = " ".join(dict.fromkeys([found.replace("_", "-"), *labels.intl_locales.split()]))
    return replace(labels, locale=found, intl=tags)


def labels_for(name: str) -> Labels:
    """Return the labels for a locale (its language's words, its own date formats), else English."""
    found = _find(name)
    if found is None:
        _warn_unknown(name)
        return ENGLISH
    return found


@functools.cache
def _warn_unknown(name: str) -> None:
    """Say once per locale name that it has no labels and English is used instead."""
    log.warning(
        "reveal: no labels for locale %r: stamps and dates are shown in English (supported: "
        "the %d languages of Material for MkDocs, such as de, ja or pt-BR)",
        name,
        len(SUPPORTED),
    )


# Babel formatting is slow and a site formats the same few dates on many pages.
@functools.lru_cache(maxsize=1024)
def format_date_words(instant: datetime, locale: str, *, with_time: bool = False) -> str:
    """Write an instant as a reader-facing date in the locale (for dates not written in words)."""
    babel_locale = _babel_name(locale) or "en"
    day = str(format_date(instant.date(), format="full", locale=babel_locale))
    if not with_time:
        return day
    clock = str(format_time(instant, format="short", locale=babel_locale, tzinfo=instant.tzinfo))
    # The locale's own glue between date and time ("{1}, {0}", "{1} 'kl'. {0}"), quotes dropped.
    glue = str(get_datetime_format("long", locale=babel_locale)).replace("'", "")
    return glue.replace("{1}", day).replace("{0}", clock)


# The countdown's units, as reveal.js picks them: days from two days on, then hours, minutes
# and seconds.
Unit = Literal["day", "hour", "minute", "second"]
_SECONDS: dict[Unit, int] = {"day": 86400, "hour": 3600, "minute": 60, "second": 1}


def countdown_unit(left: timedelta) -> tuple[int, Unit]:
    """The time left as one (value, unit) pair, rounded exactly as the reader's countdown does."""
    seconds = left.total_seconds()
    if seconds >= 2 * _SECONDS["day"]:
        return math.floor(seconds / _SECONDS["day"] + 0.5), "day"  # JavaScript's Math.round
    if seconds >= _SECONDS["hour"]:
        return math.floor(seconds / _SECONDS["hour"] + 0.5), "hour"
    if seconds >= _SECONDS["minute"]:
        return math.ceil(seconds / _SECONDS["minute"]), "minute"
    return max(1, math.ceil(seconds)), "second"


@functools.lru_cache(maxsize=1024)
def relative_words(value: int, unit: Unit, locale: str) -> str | None:
    """Say "in 12 days" in a locale from CLDR, or None where CLDR has no words for it."""
    length = timedelta(seconds=value * _SECONDS[unit])
    words = _in_words(length, unit, _babel_name(locale) or "en")
    # Locales whose CLDR data lacks relative times (ckb, sa) fall back to root's "+12 d".
    return None if words == _in_words(length, unit, "root") else words


def _in_words(length: timedelta, unit: Unit, locale: str) -> str:
    """A relative time in one unit, from CLDR."""
    # An endless threshold keeps babel at the unit asked for (it would say "in 2 weeks").
    return str(
        format_timedelta(
            length, granularity=unit, threshold=math.inf, add_direction=True, locale=locale
        )
    )
