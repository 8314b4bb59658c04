"""A measure's small trend as a PNG for Word, drawn with Pillow from its shape.

The same drawing as the trend's SVG (charts.py): the target as a dashed dark line, the figures
as a blue line with a dot at each, the last figure written beside its point. Converting 2,000
SVGs through vl-convert took about half the Word report's time; this takes less than half as
long. The lines are drawn twice as large and reduced, so their edges are smooth as the SVG
renderer's. The picture is two colours over white: each pixel is how much the target (and the
figure, the same dark colour) covers it and how much the line covers it over that, one of 45
colours of a fixed palette, written as a paletted PNG.
"""

import math
import struct
import zlib
from collections.abc import Sequence
from functools import cache, lru_cache

from PIL import Image, ImageChops, ImageDraw, ImageFont

from councilplan.reports.render.charts import (
    FONT_FILE,
    REPORTED_COLOUR,
    TARGET_COLOUR,
    TEXT_COLOUR,
    TREND_HEIGHT,
    TREND_WIDTH,
    TrendShape,
)

SCALE = 2  # pixels per pixel of the SVG: 300 × 92, about 290 dpi printed 2.6 cm wide
SUPERSAMPLE = 2  # the lines drawn this much larger, then reduced: smooth edges
# As the SVG draws them, in its pixels.
TARGET_WIDTH = 1.2
TARGET_DASH = (4.0, 3.0)
LINE_WIDTH = 2.0
DOT_RADIUS = 2.5
FIGURE_SIZE = 11
# A pixel reduced from 2 × 2 is covered by a line in one of five steps (0 to 4 of the 4);
# the dark colour has twice as many, so that the figure's edges are smoother (the lines use
# every other one). The palette holds every pair of steps, the dark colour's and the line's.
SUBPIXELS = SUPERSAMPLE * SUPERSAMPLE
LINE_LEVELS = SUBPIXELS + 1
DARK_LEVELS = 2 * SUBPIXELS + 1
WIDTH, HEIGHT = TREND_WIDTH * SCALE, TREND_HEIGHT * SCALE

Point = tuple[float, float]


def trend_png(shape: TrendShape) -> bytes:
    k = SCALE * SUPERSAMPLE
    # The lines never reach the figure written after them: only their part is supersampled.
    right = max(x for x, _ in (*shape.points, *shape.targets)) + DOT_RADIUS + 1
    size = (min(math.ceil(right * SCALE), WIDTH) * SUPERSAMPLE, HEIGHT * SUPERSAMPLE)
    # Each colour drawn so that a reduced pixel is its index in the palette straight away: a
    # pixel of SUPERSAMPLE² drawn at `ink` reduces to the count of them covered × ink / SS².
    target = Image.new("L", size, 0)
    if shape.targets:
        draw = ImageDraw.Draw(target)
        for dash in dashes(shape.targets, TARGET_DASH):
            draw.line(_scaled(dash, k), fill=DARK_INK, width=round(TARGET_WIDTH * k))
    line = Image.new("L", size, 0)
    draw = ImageDraw.Draw(line)
    points = _scaled(shape.points, k)
    draw.line(points, fill=LINE_INK, width=round(LINE_WIDTH * k))
    radius = DOT_RADIUS * k
    for x, y in points:
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=LINE_INK)
    # Each row of a PNG starts with its filter (0, none): the picture is a pixel wider than
    # the drawing, its first column that 0, so that its bytes are the PNG's rows.
    dark = Image.new("L", (WIDTH + 1, HEIGHT), 0)
    dark.paste(target.reduce(SUPERSAMPLE), (1, 0))
    x, y, text = shape.last
    figure, (left, top) = _figure(text)
    # To the nearest pixel (a 150th of the picture's width); it is right of every line.
    dark.paste(figure, (1 + round(x * SCALE) + left, round(y * SCALE) + top))
    blue = Image.new("L", (WIDTH + 1, HEIGHT), 0)
    blue.paste(line.reduce(SUPERSAMPLE), (1, 0))
    return png_paletted(ImageChops.add(dark, blue).tobytes(), WIDTH, HEIGHT, _palette())


def dashes(points: Sequence[Point], pattern: tuple[float, float]) -> list[list[Point]]:
    """The drawn pieces of a dashed line through `points`, the pattern carried on round its
    corners as SVG's stroke-dasharray does (a dash first, from the line's start)."""
    pieces: list[list[Point]] = []
    drawing = True
    left = pattern[0]
    piece = [points[0]]
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        length = math.hypot(x1 - x0, y1 - y0)
        done = 0.0
        while length - done > left:
            done += left
            share = done / length
            at = (x0 + (x1 - x0) * share, y0 + (y1 - y0) * share)
            if drawing:
                piece.append(at)
                pieces.append(piece)
            else:
                piece = [at]
            drawing = not drawing
            left = pattern[0] if drawing else pattern[1]
        left -= length - done
        if drawing:
            piece.append((x1, y1))
    if drawing and len(piece) > 1:
        pieces.append(piece)
    return pieces


def png_paletted(rows: bytes, width: int, height: int, palette: bytes) -> bytes:
    """A PNG from its rows, each a 0 (no filter) then a byte a pixel, an index into
    `palette` (RGB triples)."""
    # Run lengths only (Z_RLE): quick, and the rows are runs of one colour.
    compressor = zlib.compressobj(6, zlib.DEFLATED, 15, 9, zlib.Z_RLE)
    header = struct.pack(">IIBBBBB", width, height, 8, 3, 0, 0, 0)
    return b"".join(
        (
            b"\x89PNG\r\n\x1a\n",
            _chunk(b"IHDR", header),
            _chunk(b"PLTE", palette),
            _chunk(b"IDAT", compressor.compress(rows) + compressor.flush()),
            _chunk(b"IEND", b""),
        )
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _scaled(points: Sequence[Point], k: float) -> list[Point]:
    # Pillow's pixel i is centred on i, SVG's on i + 0.5.
    return [(x * k - 0.5, y * k - 0.5) for x, y in points]


# Inks that reduce to palette indexes: n of the subpixels covered by the line reduce to n
# (its column), by the target to row 2n (LINE_LEVELS × 2n).
LINE_INK = SUBPIXELS
DARK_INK = LINE_LEVELS * 2 * SUBPIXELS
# The figure's coverage (0 to 255, smooth edges) to the palette's rows.
_DARK_STEPS = [LINE_LEVELS * round(value * (DARK_LEVELS - 1) / 255) for value in range(256)]


@lru_cache(maxsize=1024)
def _figure(text: str) -> tuple[Image.Image, tuple[int, int]]:
    """The figure written in the palette's rows, and where its box starts from its baseline's
    start (figures repeat: each is drawn once)."""
    font = _font()
    left, top, right, bottom = (math.floor(side) for side in font.getbbox(text, anchor="ls"))
    picture = Image.new("L", (max(right - left, 1), max(bottom - top, 1)), 0)
    ImageDraw.Draw(picture).text((-left, -top), text, font=font, fill=255, anchor="ls")
    return picture.point(_DARK_STEPS), (left, top)


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _mix(under: Sequence[int], over: Sequence[int], share: float) -> list[int]:
    return [round(a + (b - a) * share) for a, b in zip(under, over, strict=True)]


@cache
def _palette() -> bytes:
    """Index LINE_LEVELS × d + b: white covered d / (DARK_LEVELS - 1) by the dark colour (the
    target and the figure), then b / (LINE_LEVELS - 1) by the line's colour (drawn over)."""
    assert TARGET_COLOUR == TEXT_COLOUR, "the target and the figure share the palette's rows"
    white = (255, 255, 255)
    colours: list[int] = []
    for dark in range(DARK_LEVELS):
        under = _mix(white, _rgb(TARGET_COLOUR), dark / (DARK_LEVELS - 1))
        for blue in range(LINE_LEVELS):
            colours.extend(_mix(under, _rgb(REPORTED_COLOUR), blue / (LINE_LEVELS - 1)))
    return bytes(colours)


@cache
def _font() -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(FONT_FILE, FIGURE_SIZE * SCALE)
