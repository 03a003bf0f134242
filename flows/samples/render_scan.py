"""A text PDF -> the scan of it a county office would publish: each page rasterized (150 dpi by
default), rotated a little, speckled with noise, and wrapped back into a PDF with no text layer."""
from __future__ import annotations

import io
import random
from dataclasses import dataclass

import numpy as np
import pymupdf
from PIL import Image


@dataclass(frozen=True, slots=True)
class ScanStyle:
    dpi: int = 150
    max_rotation: float = 0.8  # degrees, either way
    grain: float = 10.0  # standard deviation of the grey noise over every pixel (paper, sensor)
    specks: float = 0.002  # share of pixels flipped to black or white (dust)
    pages: frozenset[int] | None = None  # 1-based pages to scan; None = every page (the rest keep their text)


def scan_pdf(data: bytes, style: ScanStyle = ScanStyle(), seed: int = 0) -> bytes:
    rng = random.Random(seed)
    src = pymupdf.open(stream=data, filetype="pdf")
    out = pymupdf.open()
    for page in src:
        if style.pages is not None and page.number + 1 not in style.pages:
            out.insert_pdf(src, from_page=page.number, to_page=page.number)
            continue
        png = _scanned_image(page, style, rng)
        new = out.new_page(width=page.rect.width, height=page.rect.height)
        new.insert_image(new.rect, stream=png)
    data = out.tobytes(garbage=3, deflate=True)
    src.close()
    out.close()
    return data


def _scanned_image(page, style: ScanStyle, rng: random.Random) -> bytes:
    pix = page.get_pixmap(dpi=style.dpi, colorspace=pymupdf.csGRAY)
    img = Image.frombytes("L", (pix.width, pix.height), pix.samples)
    img = img.rotate(rng.uniform(-style.max_rotation, style.max_rotation), resample=Image.BILINEAR,
                     fillcolor=255)
    nprng = np.random.default_rng(rng.randrange(2**32))
    px = np.asarray(img, dtype=np.float32) + nprng.normal(0.0, style.grain, (img.height, img.width))
    dust = nprng.random(px.shape)
    px[dust < style.specks / 2] = 0
    px[dust > 1 - style.specks / 2] = 255
    px = np.clip(px, 0, 255).astype(np.uint8)
    buf = io.BytesIO()
    Image.fromarray(px).save(buf, format="PNG", optimize=False)
    return buf.getvalue()
