"""`ExportSpec`: every choice an editor makes about one exported figure, and its TOML file.

The app's "Customise and download" panel and `amnesty export figures` share it: the panel offers
the spec as a download, and `amnesty export figures --spec figure.toml` makes the same files
from it (flags on the command line override the file). A newsroom re-makes its figure after a
data update with that one command.

A word left as None is our wording, which follows the data: after an update the title says the
new numbers. A word the editor typed stays as typed. Our source line cannot be removed or
replaced: `source_extra` is added after it.

Sizes are CSS pixels (the size the words are set at) times `scale` (PNG pixels per CSS pixel):
- article 800 × 450 at ×2, a 1600 × 900 PNG (16:9). Laid out at 800 px, the words are the size
  they are in a web column; ×2 keeps them sharp on a high-density screen.
- square 540 × 540 at ×2 (1080 × 1080, 1:1), for social posts.
- portrait 540 × 675 at ×2 (1080 × 1350, 4:5), for phone feeds.
- print 170 × 120 mm at 300 dpi (2008 × 1417 px): a column of a printed page. CSS pixels are
  1/96 inch, so it is laid out at 642.5 × 453.5 px and rendered at 300/96.
- custom: the width and height given (no height: the height the chart needs at that width).
"""
from __future__ import annotations

import math
import tomllib
from dataclasses import asdict, dataclass, fields, replace

import tomli_w

from amnesty.i18n import LANGUAGES, N_
from components.dark_theme import THEMES

MM_PER_INCH = 25.4
CSS_PX_PER_INCH = 96
HTML_MODES = ("self-contained", "small")
HTML_MODE_HELP = {
    "self-contained": N_("Self-contained: plotly.js is inside the file (about 4.8 MB); works offline."),
    "small": N_("Small: loads plotly.js from its pinned public copy on cdn.plot.ly (a few kB); "
                "needs the internet when opened."),
}
# An editor's word is at most this long: a title of a thousand words is a mistake, not a figure.
MAX_TEXT = 2000


@dataclass(frozen=True)
class Preset:
    name: str
    width: float   # CSS px
    height: float  # CSS px
    scale: float   # PNG px per CSS px
    use: str       # a message: {width} × {height} are the PNG's pixels, from the three above

    @property
    def png_size(self) -> tuple[int, int]:
        return round(self.width * self.scale), round(self.height * self.scale)


def _mm(millimetres: float) -> float:
    return millimetres / MM_PER_INCH * CSS_PX_PER_INCH


PRESETS = {
    "article": Preset("article", 800, 450, 2, N_("16:9 for an article or a slide: {width} × {height} px")),
    "square": Preset("square", 540, 540, 2, N_("1:1 for social posts: {width} × {height} px")),
    "portrait": Preset("portrait", 540, 675, 2, N_("4:5 for phone feeds: {width} × {height} px")),
    "print": Preset("print", _mm(170), _mm(120), 300 / CSS_PX_PER_INCH,
                    N_("170 × 120 mm at 300 dpi: {width} × {height} px; use the PDF or SVG")),
}
CUSTOM = "custom"
PRESET_NAMES = (*PRESETS, CUSTOM)
DEFAULT_PRESET = "article"
CUSTOM_DEFAULT_SCALE = 2.0
MAX_PX = 10_000  # per side of the PNG; chromium refuses far larger canvases


class SpecError(ValueError):
    """A spec file or option that cannot be used; the message says which field and why."""


@dataclass(frozen=True)
class ExportSpec:
    name: str
    title: str | None = None        # None: our wording, which follows the data
    subtitle: str | None = None
    notes: str | None = None
    byline: str | None = None       # "Graphic: …"; None: ours, "" for none
    source_extra: str = ""          # added after our source line, never instead of it
    alt_text: str | None = None
    preset: str = DEFAULT_PRESET
    width: float | None = None      # CSS px; None: the preset's
    height: float | None = None     # CSS px; None: the preset's shape (custom: the chart's own)
    scale: float | None = None      # PNG px per CSS px; None: the preset's
    theme: str = "light"
    html_mode: str = "self-contained"
    lang: str = "en"                # the language of our words and the footer (en, az, ru)

    def __post_init__(self) -> None:
        _check(self)


WORDS = ("title", "subtitle", "notes", "byline", "source_extra", "alt_text")
FIELDS = tuple(f.name for f in fields(ExportSpec))


@dataclass(frozen=True)
class PixelSize:
    """The file's size: layout `width` × `height` CSS px (height None: the chart's own) at `scale`."""
    width: float
    height: float | None
    scale: float

    @property
    def png_width(self) -> int:
        return round(self.width * self.scale)

    @property
    def png_height(self) -> int | None:
        return None if self.height is None else round(self.height * self.scale)

    @property
    def dpi(self) -> float:
        return CSS_PX_PER_INCH * self.scale


def pixel_size(spec: ExportSpec) -> PixelSize:
    """The preset's size, with the spec's width, height and scale put over it. A width without a
    height keeps the preset's shape (article at 1000 px wide is 1000 × 562.5)."""
    if spec.preset == CUSTOM:
        width = spec.width or PRESETS[DEFAULT_PRESET].width
        return PixelSize(width, spec.height, spec.scale or CUSTOM_DEFAULT_SCALE)
    base = PRESETS[spec.preset]
    width = spec.width or base.width
    height = spec.height or (base.height * width / base.width if spec.width else base.height)
    return PixelSize(width, height, spec.scale or base.scale)


def _check(spec: ExportSpec) -> None:
    if not isinstance(spec.name, str) or not spec.name:
        raise SpecError("name: the figure's name is missing (see `amnesty export figures --list`)")
    for name in WORDS:
        value = getattr(spec, name)
        if value is None and name != "source_extra":
            continue
        if not isinstance(value, str):
            raise SpecError(f"{name}: text expected, not {type(value).__name__}")
        if len(value) > MAX_TEXT:
            raise SpecError(f"{name}: at most {MAX_TEXT} characters, not {len(value)}")
    if spec.preset not in PRESET_NAMES:
        raise SpecError(f"preset: unknown preset {spec.preset!r}; choose one of {', '.join(PRESET_NAMES)}")
    if spec.theme not in THEMES:
        raise SpecError(f"theme: unknown theme {spec.theme!r}; choose one of {', '.join(THEMES)}")
    if spec.lang not in LANGUAGES:
        raise SpecError(f"lang: unknown language {spec.lang!r}; choose one of {', '.join(LANGUAGES)}")
    if spec.html_mode not in HTML_MODES:
        raise SpecError(f"html_mode: unknown mode {spec.html_mode!r}; choose one of {', '.join(HTML_MODES)}")
    for name in ("width", "height", "scale"):
        value = getattr(spec, name)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
                or value <= 0:
            raise SpecError(f"{name}: a positive number expected, not {value!r}")
    size = pixel_size(spec)
    for side, px in (("width", size.png_width), ("height", size.png_height)):
        if px is not None and not 10 <= px <= MAX_PX:
            raise SpecError(f"{side}: the PNG would be {px} px; keep width and height × scale "
                            f"between 10 and {MAX_PX:,} px")


def export_file_name(spec: ExportSpec, fmt: str) -> str:
    """'NAME.png', or 'NAME-ru.png' in another language than English, so files of one figure in
    several languages sit side by side."""
    return f"{spec.name}{'' if spec.lang == 'en' else '-' + spec.lang}.{fmt}"


# -- overrides (the command line over a spec file) ---------------------------------------------------
def with_overrides(spec: ExportSpec, **changes) -> ExportSpec:
    """`spec` with each change that is not None. A new preset brings its own size: the spec's
    width, height and scale are dropped unless they are changed too."""
    changes = {key: value for key, value in changes.items() if value is not None}
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise SpecError(f"unknown field(s): {', '.join(sorted(unknown))}")
    if "preset" in changes and changes["preset"] != spec.preset:
        spec = replace(spec, preset=changes["preset"], width=None, height=None, scale=None)
    return replace(spec, **changes)


# -- TOML ---------------------------------------------------------------------------------------------
def to_toml(spec: ExportSpec, our_words: dict[str, str] | None = None) -> str:
    """The spec as TOML. Words left as ours are listed as comments, so the file shows what the
    figure said without pinning it: uncomment a line to keep that wording after a data update."""
    size = pixel_size(spec)
    head = [
        "# A figure from Azerbaijan's amnesties and pardons, as its editor chose it.",
        f"# Re-make it (after a data update, too): amnesty export figures --spec {spec.name}.toml",
        "# Flags on that command line override this file. Sizes are CSS px; the PNG is × scale:",
        f"# this one is {size.png_width} × "
        + (f"{size.png_height} px" if size.png_height else "(the chart's own height) px")
        + f" at {size.dpi:g} dpi.",
    ]
    ours = [name for name in WORDS if getattr(spec, name) is None]
    if ours:
        head.append("# Words that follow the data (ours, as of this file):")
        for name in ours:
            text = (our_words or {}).get(name)
            head.append(f"# {name} = {_toml_string(text)}" if text is not None else f"# {name} = (ours)")
    values = {key: value for key, value in asdict(spec).items() if value is not None}
    return "\n".join(head) + "\n\n" + tomli_w.dumps(values)


def _toml_string(text: str) -> str:
    # One line of TOML, however many lines the text has: a comment cannot span lines.
    return tomli_w.dumps({"x": text}).split("=", 1)[1].strip()


def from_toml(text: str) -> ExportSpec:
    """Read a spec file; every problem is a SpecError naming the field."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise SpecError(f"not a TOML file: {error}") from None
    unknown = sorted(set(data) - set(FIELDS))
    if unknown:
        raise SpecError(f"unknown field(s) {', '.join(unknown)}; a spec has {', '.join(FIELDS)}")
    if "name" not in data:
        raise SpecError("name: the figure's name is missing (see `amnesty export figures --list`)")
    return ExportSpec(**data)
