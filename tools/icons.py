#!/usr/bin/env python3
"""Draws the extension's icons (extension/icons/icon{16,32,48,128}.png): a blue rounded square
with a white play mark. Run it after changing the artwork; the PNGs are committed.

The Chrome Web Store asks for a 128 px icon whose artwork is 96 px with 16 px of transparent
padding on each side; the smaller sizes (toolbar, favicon, the extensions page) fill their
square, less a pixel or two so their corners stay round at that size.
"""
import os
import struct
import zlib

BLUE = (11, 107, 203)
WHITE = (255, 255, 255)
# Artwork size within each square; the rest is transparent padding.
SIZES = {16: 16, 32: 30, 48: 44, 128: 96}
# Samples per pixel along each axis, for smooth edges without an imaging library.
SS = 4


def inside_rounded(x, y, size, radius):
    """Whether (x, y) lies within a size×size square whose corners are rounded by radius."""
    cx = min(max(x, radius), size - radius)
    cy = min(max(y, radius), size - radius)
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius**2


def inside_play(x, y, size):
    """Whether (x, y) lies within the play triangle, centred by its area in the square."""
    left, right = size * 0.38, size * 0.72
    top, bottom = size * 0.28, size * 0.72
    if x < left or x > right:
        return False
    half = (bottom - top) / 2 * (right - x) / (right - left)
    mid = (top + bottom) / 2
    return mid - half <= y <= mid + half


def draw(canvas, art):
    pad = (canvas - art) / 2
    radius = art * 0.2
    rows = []
    for py in range(canvas):
        row = bytearray([0])  # filter: none
        for px in range(canvas):
            blue = white = 0
            for sy in range(SS):
                for sx in range(SS):
                    x = px + (sx + 0.5) / SS - pad
                    y = py + (sy + 0.5) / SS - pad
                    if 0 <= x <= art and 0 <= y <= art and inside_rounded(x, y, art, radius):
                        if inside_play(x, y, art):
                            white += 1
                        else:
                            blue += 1
            n = SS * SS
            cover = blue + white
            if cover == 0:
                row += bytes(4)
                continue
            rgb = [round((BLUE[i] * blue + WHITE[i] * white) / cover) for i in range(3)]
            row += bytes(rgb + [round(255 * cover / n)])
        rows.append(bytes(row))
    return png(canvas, canvas, b"".join(rows))


def png(w, h, raw):
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


if __name__ == "__main__":
    out = os.path.join(os.path.dirname(__file__), "..", "extension", "icons")
    for canvas, art in SIZES.items():
        with open(os.path.join(out, f"icon{canvas}.png"), "wb") as f:
            f.write(draw(canvas, art))
