"""Languages: Babel's numbers and dates per locale, bounded figures worded per language, the
catalogs complete, and the language a page load asks for written into <html lang>."""
import asyncio
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from amnesty.db import connect
from amnesty.html_lang import HtmlLangMiddleware
from amnesty.i18n import LANGUAGES, LOCALE_DIR, best_match, language
from amnesty.wording import az_ablative, figure_text

ROOT = Path(__file__).resolve().parents[1]
NBSP, NNBSP = "\u00a0", "\u202f"
EN, AZ, RU = language("en"), language("az"), language("ru")


def test_numbers_percentages_and_dates_follow_each_locale():
    # The issue's own examples: "20.000" and "20 000" (no-break space), "9,2%" and "9,2 %",
    # "7 mart 2024" and "7 марта 2024 г.".
    assert (EN.number(20000), AZ.number(20000), RU.number(20000)) == ("20,000", "20.000", f"20{NBSP}000")
    assert (EN.percent(9.2), AZ.percent(9.2), RU.percent(9.2)) == ("9.2%", "9,2%", f"9,2{NBSP}%")
    assert EN.percent(64) == "64%"  # a whole share as the source prints it
    assert AZ.date("2024-03-07") == "7 mart 2024"
    assert RU.date("2024-03-07") == f"7 марта 2024{NNBSP}г."
    assert EN.date("2026-02-19") == "19 Feb 2026"
    # The precision the source gives, never more.
    assert (EN.date("2026-02"), AZ.date("2026-02"), RU.date("2026")) == ("Feb 2026", "fevral 2026", "2026")


@pytest.mark.parametrize("number, suffix", [(20000, "-dən"), (5000, "-dən"), (36, "-dan"), (30, "-dan"),
                                            (392, "-dən"), (100, "-dən"), (1_000_000, "-dan"), (6, "-dan"),
                                            (10, "-dan"), (20, "-dən"), (249, "-dan"), (1300, "-dən")])
def test_azerbaijani_ablative_follows_the_last_spoken_word(number, suffix):
    # iyirmi min -> mindən; otuz altı -> altıdan; üç yüz doxsan iki -> ikidən; milyon -> milyondan
    assert az_ablative(number) == suffix


def test_english_wording_is_word_for_word_the_sql_value_text(built_db):
    """One wording in two places for now (SQL writes the data files' English): they agree on
    every figure, derived ones included."""
    with connect(built_db) as con:
        rows = con.sql("select f.figure_id, f.qualifier, f.value, f.low, f.high, m.unit, f.approximate, "
                       "f.value_text from all_figures f join measures m using (measure_id)").fetchall()
    differ = [(r[0], r[7], figure_text(EN, *r[1:7])) for r in rows if figure_text(EN, *r[1:7]) != r[7]]
    assert rows and differ == []


def test_bounds_are_whole_phrases_in_each_language():
    assert figure_text(RU, "more_than", 20000, 20000, None, "persons") == f"более 20{NBSP}000"
    assert figure_text(AZ, "more_than", 20000, 20000, None, "persons") == "20.000-dən çox"
    assert figure_text(AZ, "more_than", 36, 36, None, "persons") == "36-dan çox"
    assert figure_text(RU, "range", None, 25, 30, "persons", approximate=True) == "примерно 25–30"
    assert figure_text(AZ, "about", 1300, 1300, 1300, "persons") == "təqribən 1.300"
    assert figure_text(RU, "unknown", None, None, None, "persons") == "неизвестно"


def test_plural_forms_follow_russian_grammar():
    forms = [RU.n_("The {n} act in our sources, not every amnesty and pardon since 2016.",
                   "The {n} acts in our sources, not every amnesty and pardon since 2016.", n).split()[1]
             for n in (1, 3, 5, 21, 11)]
    assert forms == ["акт", "акта", "актов", "акт", "актов"]


def test_a_date_that_ends_a_sentence_keeps_one_full_stop(run_page):
    """A Russian date ends in "г.": where a sentence ends on it, the sentence's own full stop goes,
    not doubled ("версия от 7 октября 2025 г.. Охват" was on Political prisoners)."""
    from app_runner import shown

    dated = RU.date("2025-10-07")
    assert dated.endswith("г.")
    said = RU._("The Union list is the civil-society list of political prisoners kept by the {keeper}, dated "
                "{date}. The act's reach is measured against it.", keeper="K", date=dated)
    assert f"{dated} Охват" in said and ".." not in said
    assert EN._("{act}: {derivation}.", act="A", derivation="B") == "A: B."  # only a value's own stop is kept
    app = run_page("app_pages/political_prisoners.py", lang="ru")
    page = " ".join(shown(e.value) for e in [*app.markdown, *app.caption])
    assert "г. Охват акта" in page and "г.." not in page


@pytest.mark.parametrize("header, expected", [
    ("ru-RU,ru;q=0.9,en;q=0.8", "ru"), ("de-DE,az;q=0.5", "az"), ("en-US", "en"), ("de", None),
    ("az_AZ", "az"), ("en;q=0.1,ru;q=0.9", "ru"), ("", None), (None, None), ("ru;q=x", None)])
def test_browser_preference_picks_one_of_our_languages(header, expected):
    assert best_match(header) == expected


def _extracted_messages() -> set:
    """Every message the code and the data hold, extracted as `make messages` does."""
    with open(ROOT / "babel.cfg") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    found = set()
    for _, _, message, _, _ in extract_from_dir(ROOT, method_map, options_map,
                                                keywords={"_": None, "N_": None, "n_": (1, 2)}):
        found.add(message)
    return found


@pytest.mark.parametrize("code", [c for c in LANGUAGES if c != "en"])
def test_every_message_has_a_finished_translation(code):
    """A message in the code or the data that the catalog lacks, or an entry that is empty or
    fuzzy, fails here: run `make messages` and translate what it adds."""
    with open(LOCALE_DIR / code / "LC_MESSAGES" / "messages.po", "rb") as po:
        catalog = read_po(po, locale=code)
    missing = sorted(str(m) for m in _extracted_messages() if m not in catalog)
    unfinished = [m.id for m in catalog if m.id and (m.fuzzy or not all(
        (m.string,) if isinstance(m.string, str) else m.string))]
    assert missing == [] and unfinished == []
    # Placeholders survive translation: a {name} the code fills must be in the translation.
    lost = [m.id for m in catalog if m.id and isinstance(m.id, str) and
            not _placeholders(m.id) <= (_placeholders(m.string) | {"number"} if "{number_from}" in m.string
                                        else _placeholders(m.string))]
    assert lost == []


def _placeholders(text: str) -> set:
    import string
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _served(path: str, query: bytes = b"", accept_language: str | None = None,
            body: bytes = b'<!doctype html><html lang="en"><head></head></html>') -> tuple[bytes, dict]:
    """The middleware around a stand-in for Streamlit's index page; returns body and headers."""
    seen = {}

    async def index(scope, receive, send):
        seen["accept-encoding"] = dict(scope["headers"]).get(b"accept-encoding")
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"text/html"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})

    sent = []

    async def send(message):
        sent.append(message)

    headers = [(b"accept-encoding", b"gzip")] + (
        [(b"accept-language", accept_language.encode())] if accept_language else [])
    scope = {"type": "http", "method": "GET", "path": path, "query_string": query, "headers": headers}
    asyncio.run(HtmlLangMiddleware(index)(scope, None, send))
    start = dict(sent[0]["headers"])
    return sent[1]["body"], {**start, "upstream accept-encoding": seen["accept-encoding"]}


def test_html_lang_follows_the_link_then_the_browser():
    body, headers = _served("/act", b"act=amnesty-2021&lang=ru")
    assert b'<html lang="ru">' in body and int(headers[b"content-length"]) == len(body)
    assert headers["upstream accept-encoding"] is None  # asked uncompressed, so it can be edited
    assert b'<html lang="az">' in _served("/", accept_language="az-AZ,az;q=0.9")[0]
    assert b'<html lang="en">' in _served("/", b"lang=%3Cscript%3E", accept_language="ru")[0]
    # Not a page: left alone, compressed or not.
    body, headers = _served("/static/js/index.js", b"lang=ru")
    assert b'<html lang="en">' in body and headers["upstream accept-encoding"] == b"gzip"


def test_english_credits_are_word_for_word_the_sql_ones(built_db):
    from amnesty.db import run_query
    from amnesty.wording import credit_text, kind_text

    with connect(built_db) as con:
        sources = run_query(con, "source_credit_words")
    assert len(sources) and [
        (s.credit_text, s.kind_text) for s in sources.itertuples()
        if (s.credit_text, s.kind_text) != (credit_text(EN, s.short_name, s.kind, s.ai_written, s.secondary,
                                                        s.reported_in_name),
                                            kind_text(EN, s.kind, s.ai_written, s.secondary))] == []


def test_derivations_are_worded_input_by_input_in_each_language(built_db):
    """A derivation is SQL's arithmetic of its inputs' value_text; worded in English from the
    inputs' bounds it is SQL's text exactly, and in Russian each input is worded in Russian."""
    from amnesty.dataset import figures_frame
    from amnesty.db import run_query
    from amnesty.wording import derivation_words

    with connect(built_db) as con:
        every = sorted(set(figures_frame(None, con=con)["derivation"].dropna()))
        derivations = run_query(con, "derivation_words", derivations=every)
    assert len(derivations) == len(every) > 10
    english = derivation_words(EN, derivations)
    assert [d for d, worded in english.items() if d != worded] == []
    russian = derivation_words(language("ru"), derivations)
    assert russian["more than 3,000 ÷ more than 16,000"] == "более 3\u00a0000 ÷ более 16\u00a0000"
    assert all(d != worded for d, worded in russian.items() if any(c.isdigit() and c != "0" for c in d)
               and ("," in d or "more" in d or "least" in d or "approximately" in d))
    # A chart in Russian shows the Russian arithmetic.
    from amnesty.figures import build_chart

    with connect(built_db) as con:
        chart = build_chart("release-rate", con, lang=language("ru"))
    shown = [d for d in chart.data["derivation"] if isinstance(d, str)]
    assert shown and set(shown) <= set(russian.values()) and not set(shown) & (set(russian) - set(russian.values()))


def test_a_view_reads_the_words_of_its_own_derivations_only(built_db):
    """The app works out the credits once per language and hands them to every chart; each chart
    reads the words of the derivations it shows, and no other (at a million figures there are
    32,012, and reading them all took a second). Left to find the credits itself, it draws the same."""
    from amnesty.db import run_query
    from amnesty.figures import build_chart
    from amnesty.wording import data_words

    ru = language("ru")
    with connect(built_db) as con:
        asked = []

        def fetch(name, **params):
            asked.append((name, params))
            return run_query(con, name, **params)

        words = data_words(ru, fetch)
        assert [name for name, _ in asked] == ["source_credit_words"]
        asked.clear()
        given = build_chart("release-rate", fetch=fetch, lang=ru, words=words)
        assert [name for name, _ in asked] == ["release_rate_by_act", "derivation_words"]
        shown = set(run_query(con, *asked[0][:1], **asked[0][1])["derivation"].dropna())
        assert shown and asked[1][1] == {"derivations": sorted(shown)}
        alone = build_chart("release-rate", fetch=fetch, lang=ru)
    assert given.figure.to_json() == alone.figure.to_json()


def test_the_method_pages_english_is_word_for_word_the_sql_ones(built_db):
    """amnesty/method_words.py words the Sources & method tables per language from codes and
    bounds; in English they are exactly what the queries write."""
    from amnesty import method_words
    from amnesty.db import run_query

    with connect(built_db) as con:
        for name, word, columns in (
                ("qualifier_readings", method_words.qualifier_readings, ["qualifier_text", "reading", "example_text"]),
                ("largest_previous_claim_check", method_words.claim_check,
                 ["reading", "verdict", "latest_text", "previous_text", "twice_previous_text"]),
                ("unknown_figures", method_words.unknowns, ["subject", "what_is_unknown", "why"])):
            frame = run_query(con, name)
            assert len(frame) and frame[columns].equals(word(EN, frame)[columns]), name


@pytest.mark.parametrize("code", ["az", "ru"])
def test_the_figure_studio_speaks_the_pages_language(run_page, monkeypatch, code):
    """An editor on the Azerbaijani or Russian page gets the "Customise and download" panel in that
    language: its fields, sizes, themes, HTML modes and button (they were English on every page)."""
    import amnesty.render

    lang = language(code)
    # Without chromium the panel draws its fields and a hint instead of a preview: the words are
    # what is checked here (tests/e2e/test_studio.py renders the files).
    monkeypatch.setattr(amnesty.render, "chromium_available", lambda: False)
    app = run_page("app_pages/overview.py", lang=code)
    app.session_state["overview-studio"] = True
    app.run()
    assert not app.exception
    labels = [w.label for w in [*app.text_area, *app.text_input, *app.selectbox, *app.number_input, *app.radio]]
    for english in ("Title", "Subtitle", "Notes", "Byline", "Alt text", "Size", "Custom width (CSS px)",
                    "Theme", "HTML file"):
        assert lang._(english) != english and lang._(english) in labels
    # AppTest lists a choice's options as the reader sees them.
    size = next(w for w in app.selectbox if w.label == lang._("Size"))
    assert lang._("{preset}: {use}", preset=lang._("Square"),
                  use=lang._("1:1 for social posts: {width} × {height} px", width="1080", height="1080")) \
        in size.options
    theme = next(w for w in app.radio if w.label == lang._("Theme"))
    assert theme.options == [lang._("Light"), lang._("Dark")]
    assert lang._("Apply") in [b.label for b in app.get("form_submit_button")]


def test_a_source_line_with_21_sources_says_sources_in_russian():
    """Russian's plural form for 21 is its singular's: a chart citing 21 sources read "Источник:"."""
    from components.chart import source_line

    one, many = source_line([["A"]], RU), source_line([[f"S{i}" for i in range(21)]], RU)
    assert one == "Источник: A"
    assert many.startswith("Источники: S0; S1") and many.endswith("S20")
    assert source_line([["A", "B"]], language("az")).startswith("Mənbələr: ")


def test_a_qualifier_and_a_caveat_are_different_words():
    """'Qualifier: more than' on a hover and '**Caveat:**' on a claim sat side by side on Act detail,
    both "Оговорка" in Russian."""
    for lang in (RU, language("az")):
        qualifier = lang._("Qualifier: {qualifier}", qualifier="X").split(":")[0]
        caveat = lang._("**Caveat:** {statement}", statement="X").strip("*").split(":")[0]
        assert qualifier.lower() != caveat.lower()


def test_people_agrees_with_the_reachs_last_number_in_russian(run_page):
    """The Overview's lede wrote "**{reach}** человек" whatever the number: right for 18,355 and
    "more than 20,000", wrong for a count ending in 2-4 ("на 18 352 человека")."""
    from app_runner import shown
    from amnesty.wording import bounds_count

    announced = ("The **{act}** announced **{reach}** person affected ({date}).",
                 "The **{act}** announced **{reach}** people affected ({date}).")
    applied = ("By {date}, the latest count in our sources ({stage}, from the {by}), it had been applied to "
               "**{reach}** person.", "By {date}, the latest count in our sources ({stage}, from the {by}), it "
               "had been applied to **{reach}** people.")
    said = {n: (RU.n_(*announced, n, act="A", reach=str(n), date="D"),
                RU.n_(*applied, n, date="D", stage="S", by="B", reach=str(n))) for n in (18352, 18355, 21)}
    assert "на **18352** человека" in said[18352][0] and "отношении **18352** человек." in said[18352][1]
    assert "на **18355** человек" in said[18355][0] and "отношении **18355** человек." in said[18355][1]
    assert "на **21** человека" in said[21][0] and "отношении **21** человека." in said[21][1]
    # The count is the last number written: a range's high end, a lower bound's own number.
    bounds = dict(qualifier="range", value=None, low=25, high=32, unit="persons", approximate=True)
    assert bounds_count(bounds) == 32
    assert bounds_count(dict(bounds, qualifier="more_than", value=20000, low=20000, high=None)) == 20000
    page = " ".join(shown(e.value) for e in run_page("app_pages/overview.py", lang="ru").markdown)
    assert "на **более 20\xa0000** человек" in page and "в отношении **18\xa0355** человек" in page
