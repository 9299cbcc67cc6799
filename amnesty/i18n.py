"""The reader's language: English, Azerbaijani (Latin script) or Russian.

A `Language` holds one gettext catalog and formats numbers and dates with Babel for its locale.
There is one per language, shared read-only by every session: looking a message up changes
nothing. Nothing is ever installed process-wide (no `gettext.install`, no global `_`), because
the sessions of every reader share one process and each may read another language.

Our English words are the message ids. The catalogs are `amnesty/locale/<lang>/LC_MESSAGES/
messages.po`, under version control; `make` compiles them to `.mo` files (see the README for how to
extract, update and correct them).
"""
from __future__ import annotations

import copy
import datetime as dt
import gettext
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path

from babel.dates import format_date
from babel import Locale
from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol

LANGUAGES = {"en": "English", "az": "Azərbaycanca", "ru": "Русский"}
DEFAULT = "en"
# Babel's locales. Plain "en" (not en_GB, which abbreviates September "Sept") writes dates the way
# the English pages always have: "8 Feb 2026".
LOCALES = {"en": "en", "az": "az_Latn_AZ", "ru": "ru_RU"}
LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "messages"
# How a full date and a month are written: English keeps its short month; Azerbaijani and Russian
# write the month in full ("7 mart 2024", "7 марта 2024 г."), as their press does.
DAY_FORMATS = {"en": "d MMM y", "az": "long", "ru": "long"}
MONTH_FORMATS = {"en": "MMM y", "az": "LLLL y", "ru": "LLLL y"}


def N_(message: str) -> str:
    """Marks a message for `pybabel extract` where it is defined (in a table of words, say) and
    translated later, with Language._, where it is shown."""
    return message


@dataclass(frozen=True)
class Language:
    code: str
    translations: gettext.NullTranslations

    @property
    def locale(self) -> str:
        return LOCALES[self.code]

    @property
    def plotly_separators(self) -> str:
        """Plotly's `separators`: the locale's decimal sign, then its group sign."""
        return get_decimal_symbol(self.locale) + get_group_symbol(self.locale)

    def _(self, message: str, **values) -> str:
        """`message` in this language, with `values` put in its {placeholders}."""
        text = self.translations.gettext(message)
        return _filled(text, values) if values else text

    def n_(self, singular: str, plural: str, n: int, **values) -> str:
        """The form for `n` (Russian has three); `n` is also there as {n}, formatted."""
        return _filled(self.translations.ngettext(singular, plural, n), dict(n=self.number(n), **values))

    def ids_containing(self, words: str) -> list[str]:
        """The English message ids whose translation here holds `words` (case aside), so a search
        typed in this language finds what the data holds in English (an act's title, say)."""
        wanted = words.strip().casefold()
        if not wanted or self.code == DEFAULT:
            return []
        # GNUTranslations keeps its messages in _catalog (msgid -> msgstr; a plural's key is a tuple).
        return [msgid for msgid, text in self.translations._catalog.items()
                if isinstance(msgid, str) and msgid and wanted in text.casefold()]

    def language_name(self, code) -> str:
        """A language's name in this language, from Babel ('ru' -> 'Russian', 'русский'); an
        unknown code as it is."""
        if not isinstance(code, str):
            return ""
        return Locale.parse(self.locale).languages.get(code, code)

    def number(self, value, decimals: int = 0) -> str:
        """20000 -> '20,000', '20.000' or '20 000' (with a no-break space)."""
        return _number(self.locale, value, decimals)

    def percent(self, value) -> str:
        """A share given in percent (9.2 -> '9.2%', '9,2%', '9,2 %'): one decimal, or none when
        it is whole, as a source prints 64%, not 64.0%."""
        share = float(value)
        pattern = copy.copy(Locale.parse(self.locale).percent_formats[None])
        pattern.frac_prec = (0, 0) if share == round(share) else (1, 1)  # the locale's spacing stays
        return pattern.apply(Decimal(repr(share)) / 100, self.locale)

    def date(self, iso) -> str:
        """'2026-02-08' -> '8 Feb 2026', '2026-02' -> 'Feb 2026', '2026' -> '2026': the precision
        the source gives, never more."""
        if not isinstance(iso, str) or not iso:
            return self._("date not given")
        return _date(self.code, iso)


def _filled(text: str, values: dict) -> str:
    """text.format(**values), where a value that ends in a full stop takes the sentence's: a Russian
    date ends in one ("7 октября 2025 г."), and "dated {date}." would read "г.."."""
    for name, value in values.items():
        if isinstance(value, str) and value.endswith("."):
            text = text.replace("{" + name + "}.", "{" + name + "}")
    return text.format(**values)


# Babel parses its locale and pattern on every call: a page's tables and source list format the
# same few hundred counts and dates on every rerun (11 ms of Sources & method's, issue 16), so
# each is formatted once per process. The results depend on nothing else.
@lru_cache(maxsize=8192)
def _number(locale: str, value, decimals: int) -> str:
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=locale)


@lru_cache(maxsize=8192)
def _date(code: str, iso: str) -> str:
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    if len(parts) == 2:
        return format_date(dt.date(parts[0], parts[1], 1), MONTH_FORMATS[code], locale=LOCALES[code])
    return format_date(dt.date(*parts), DAY_FORMATS[code], locale=LOCALES[code])


@cache
def language(code: str) -> Language:
    """The Language for `code` (one of LANGUAGES), its catalog read once per process."""
    if code not in LANGUAGES:
        raise ValueError(f"no language {code!r}; known: {', '.join(LANGUAGES)}")
    if code == DEFAULT:
        return Language(code, gettext.NullTranslations())  # the message ids are the English
    path = LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: `make` compiles it from the .po file beside it "
                                "(pybabel compile -d amnesty/locale)")
    with path.open("rb") as mo:
        return Language(code, gettext.GNUTranslations(mo))


ENGLISH = language(DEFAULT)


def best_match(preferences: str | None) -> str | None:
    """The first of our languages in a browser's preference ('ru-RU', 'az', or an
    Accept-Language header such as 'ru-RU,ru;q=0.9,en;q=0.8'), or None."""
    ranked = []
    for position, part in enumerate((preferences or "").split(",")):
        tag, _, weight = part.strip().partition(";q=")
        try:
            quality = float(weight) if weight else 1.0
        except ValueError:
            continue
        ranked.append((-quality, position, tag.strip().replace("_", "-").split("-")[0].lower()))
    for _, _, code in sorted(ranked):
        if code in LANGUAGES:
            return code
    return None
