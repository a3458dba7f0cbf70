"""Halftone photos and scan degradation (numpy + PIL)."""
import io
import math

import numpy as np
from PIL import Image, ImageFilter


def _smooth_field(nr, h, w, cells):
    """Low-frequency random field in [0, 1] of shape (h, w)."""
    gh, gw = max(2, int(h / cells) + 2), max(2, int(w / cells) + 2)
    g = nr.random((gh, gw)).astype(np.float32)
    im = Image.fromarray((g * 255).astype(np.uint8)).resize((w, h), Image.BICUBIC)
    return np.asarray(im, dtype=np.float32) / 255.0


def photo(nr, w, h, scale=1.0):
    """A gray 'news photo': smooth shapes + texture, screened with a 45 degree halftone dot.
    Returns uint8 (h, w), 255 = paper."""
    w, h = max(8, int(w)), max(8, int(h))
    sky = _smooth_field(nr, h, w, max(w, h) / 3)
    tex = _smooth_field(nr, h, w, max(8, 40 * scale))
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    img = 0.55 + 0.35 * (sky - 0.5) - 0.25 * (yy / h)
    # horizon / ground
    hor = h * (0.45 + 0.3 * nr.random())
    img = np.where(yy > hor + 20 * np.sin(xx / w * 6 + nr.random() * 6), img - 0.25 + 0.2 * tex, img)
    # a few figures / buildings
    for _ in range(nr.integers(2, 7)):
        cx, cy = nr.random() * w, hor + (nr.random() - 0.7) * h * 0.4
        rw, rh = (0.04 + 0.12 * nr.random()) * w, (0.15 + 0.4 * nr.random()) * h
        tone = nr.random() * 0.5 - 0.35
        if nr.random() < 0.5:
            m = (abs(xx - cx) < rw / 2) & (yy > cy - rh) & (yy < cy + rh * 0.3)
        else:
            m = ((xx - cx) / rw) ** 2 + ((yy - cy) / (rh * 0.6)) ** 2 < 1
        img = np.where(m, img + tone + 0.15 * (tex - 0.5), img)
    img = np.clip(img + 0.12 * (tex - 0.5), 0.02, 0.98)
    # halftone: compare against a rotated dot screen
    period = max(3.0, 5.0 * scale)
    a = math.radians(45)
    u = (xx * math.cos(a) + yy * math.sin(a)) * (2 * math.pi / period)
    v = (-xx * math.sin(a) + yy * math.cos(a)) * (2 * math.pi / period)
    screen = (np.cos(u) * np.cos(v) + 1) / 2  # 0..1
    dots = img > screen
    out = np.where(dots, 245, 25).astype(np.uint8)
    out = np.asarray(Image.fromarray(out).filter(ImageFilter.GaussianBlur(0.6 * scale)))
    return out


def rotate_point(x, y, cx, cy, deg):
    """Where page point (x, y) lands in the scan: the scan is Image.rotate(-deg) of the page
    (positive skew_deg = content turned clockwise; deskew with Image.rotate(+skew_deg))."""
    a = math.radians(-deg)  # PIL's counter-clockwise angle
    dx, dy = x - cx, y - cy
    return cx + dx * math.cos(a) + dy * math.sin(a), cy - dx * math.sin(a) + dy * math.cos(a)


def skew_box(box, w, h, deg):
    x, y, bw, bh = box
    pts = [rotate_point(px, py, w / 2, h / 2, deg) for px, py in
           ((x, y), (x + bw, y), (x, y + bh), (x + bw, y + bh))]
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return [int(math.floor(min(xs))), int(math.floor(min(ys))),
            int(math.ceil(max(xs) - min(xs))), int(math.ceil(max(ys) - min(ys)))]


def compose(ink, photos, w, h, nr, clean, params):
    """ink: uint8 (h, w) coverage; photos: [(x, y, array)].  Returns a PIL 'L' image."""
    if clean:
        paper, inkc = 255.0, 0.0
    else:
        paper, inkc = params['paper'], params['ink']
    page = np.full((h, w), paper, dtype=np.float32)
    for x, y, arr in photos:
        ph, pw = arr.shape
        sub = page[y:y + ph, x:x + pw]
        a = arr[:sub.shape[0], :sub.shape[1]].astype(np.float32) / 255.0
        page[y:y + ph, x:x + pw] = inkc + (paper - inkc) * a
    cov = ink.astype(np.float32) / 255.0
    page = page * (1 - cov) + inkc * cov
    if clean:
        return Image.fromarray(np.clip(page + 0.5, 0, 255).astype(np.uint8))
    if params['bleed'] > 0:
        back = Image.fromarray(ink[:, ::-1]).filter(ImageFilter.GaussianBlur(3.0 * params['scale']))
        b = np.asarray(back, dtype=np.float32) / 255.0
        sh = params['bleed_shift']
        b = np.roll(b, sh, axis=(0, 1))
        page -= params['bleed'] * (paper - inkc) * b
    if params['light'] > 0:
        f = _smooth_field(nr, h, w, max(w, h) / 2.5)
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        g = (xx / w) * params['light_dir'][0] + (yy / h) * params['light_dir'][1]
        page *= 1 - params['light'] * (0.6 * f + 0.4 * g)
    return Image.fromarray(np.clip(page + 0.5, 0, 255).astype(np.uint8))


def scan(im, nr, params):
    """Skew, blur, noise and JPEG artefacts on a composed page (PIL 'L')."""
    if params['skew']:
        im = im.rotate(-params['skew'], resample=Image.BICUBIC, expand=False,
                       fillcolor=int(params['paper'] * 0.97))
    if params['blur'] > 0:
        im = im.filter(ImageFilter.GaussianBlur(params['blur']))
    if params['noise'] > 0:
        a = np.asarray(im, dtype=np.float32)
        a = a + nr.normal(0, params['noise'], a.shape).astype(np.float32)
        im = Image.fromarray(np.clip(a + 0.5, 0, 255).astype(np.uint8))
    if params['jpeg']:
        buf = io.BytesIO()
        im.save(buf, 'JPEG', quality=params['jpeg'])
        buf.seek(0)
        im = Image.open(buf)
        im.load()
    return im


def params_for(rng, scale, clean, modest=False):
    p = {'scale': scale, 'paper': 255.0, 'ink': 0.0, 'skew': 0.0, 'blur': 0.0, 'noise': 0.0,
         'jpeg': 0, 'bleed': 0.0, 'light': 0.0, 'light_dir': (0, 0), 'bleed_shift': (0, 0)}
    # draw every random number even when clean, so that --clean changes nothing else
    paper = rng.uniform(228, 250)
    ink = rng.uniform(15, 45)
    skew = round(rng.uniform(-2.0, 2.0), 2)
    blur = rng.uniform(0.4, 1.1) * scale
    noise = rng.uniform(2.5, 7)
    jpeg = rng.choice([0, 45, 60, 75, 85])
    bleed = rng.choice([0, 0, 0.05, 0.09])
    light = rng.uniform(0.03, 0.14)
    ldir = (rng.uniform(-1, 1), rng.uniform(-1, 1))
    bsh = (rng.randrange(-20, 20), rng.randrange(-20, 20))
    if clean:
        return p
    if modest:
        skew = round(skew / 2.5, 2)
        # mild and compressible: no pixel noise, little bleed-through (committed samples)
        blur, noise, jpeg, bleed, light = blur * 0.7, 0.0, 0, 0.0, light / 2
    p.update(paper=paper, ink=ink, skew=skew, blur=blur, noise=noise, jpeg=jpeg, bleed=bleed,
             light=light, light_dir=ldir, bleed_shift=bsh)
    return p
