"""How wide a line of text is in the export font, and wrapping text to a width in pixels.

Plotly never wraps text, so every line break in a figure is ours. Counting characters wraps
"WWW" and "iii" alike; measuring with the very font chromium draws the exports in (Debian's
fonts-dejavu-core, the same files Kaleido's chromium loads) wraps each line to the width it
really takes. Pillow reads the TrueType advance widths; chromium adds kerning and its own
rounding, so a line is let fill only SAFETY of the width.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))
FONT_FILES = {False: "DejaVuSans.ttf", True: "DejaVuSans-Bold.ttf"}
# Share of the width a measured line may take: chromium's shaping differs from Pillow's by well
# under 1%; the rest is room for a glyph from a fallback font.
SAFETY = 0.96
# Where the font is missing, an average DejaVu Sans glyph is about this wide per pixel of size
# (wider when bold); exports then still wrap, only less tightly.
FALLBACK_EM = {False: 0.62, True: 0.70}
# Measured in 1/100 px: Pillow's sizes are whole numbers, and a 10.5 px note needs its half pixel.
_UNITS = 100


@lru_cache(maxsize=4)
def _font(bold: bool):
    for folder in FONT_DIRS:
        path = folder / FONT_FILES[bold]
        if path.is_file():
            return ImageFont.truetype(str(path), size=_UNITS * 10)
    return None


@lru_cache(maxsize=50_000)
def _length_at_ten(text: str, bold: bool) -> float:
    font = _font(bold)
    if font is None:
        return len(text) * 10 * FALLBACK_EM[bold]
    return font.getlength(text) / _UNITS


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width in CSS px of `text` on one line at font `size` px."""
    return _length_at_ten(text, bold) * size / 10


def wrap_to_width(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Lines of `text` no wider than `width` px at `size`, broken at spaces; each newline in
    `text` starts a new line. A single word wider than the line is cut where it overflows, so
    no line is ever wider than asked (a URL or a long name would otherwise run off the figure).

    Each line takes as many words as fit, as a greedy wrap does; how many is found by bisection,
    since a line only gets wider as words are added: a footer's line of 25 words is measured
    about 5 times, not 25 (issue 16: measuring was most of laying out a figure)."""
    limit = max(width * SAFETY, size)  # at least one glyph per line, however narrow the figure

    def fits(words: list[str]) -> bool:
        return text_width(" ".join(words), size, bold) <= limit

    lines: list[str] = []
    for paragraph in str(text).split("\n"):
        words, line = paragraph.split(), []
        while words:
            low, high = 0, len(words)  # the most of the next words that fit after `line`
            while low < high:
                middle = (low + high + 1) // 2
                if fits(line + words[:middle]):
                    low = middle
                else:
                    high = middle - 1
            line, words = line + words[:low], words[low:]
            if not words:
                break
            if line:
                lines.append(" ".join(line))
            rest = words.pop(0)  # the word that did not fit starts the next line
            while text_width(rest, size, bold) > limit:
                head = _longest_fitting_prefix(rest, limit, size, bold)
                lines.append(head)
                rest = rest[len(head):]
            line = [rest]
        lines.append(" ".join(line))
    return lines


def _longest_fitting_prefix(word: str, limit: float, size: float, bold: bool) -> str:
    low, high = 1, len(word)  # at least one character, so a line always moves on
    while low < high:
        middle = (low + high + 1) // 2
        if text_width(word[:middle], size, bold) <= limit:
            low = middle
        else:
            high = middle - 1
    return word[:low]
