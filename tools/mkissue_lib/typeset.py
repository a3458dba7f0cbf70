"""Pango/Cairo text layout.  All sizes are device pixels (the cairo surface is the page)."""
import gi
gi.require_version('Pango', '1.0')
gi.require_version('PangoCairo', '1.0')
from gi.repository import Pango, PangoCairo  # noqa: E402
import cairo  # noqa: E402

S = Pango.SCALE
IDSP = '\u3000'


class Ink:
    """An A8 cairo surface holding the page's ink (text and rules); 255 = full ink."""

    def __init__(self, w, h, lang):
        self.w, self.h = w, h
        self.surf = cairo.ImageSurface(cairo.FORMAT_A8, w, h)
        self.cr = cairo.Context(self.surf)
        self.cr.set_source_rgba(0, 0, 0, 1)
        fo = cairo.FontOptions()
        fo.set_hint_metrics(cairo.HINT_METRICS_OFF)
        fo.set_hint_style(cairo.HINT_STYLE_NONE)
        fo.set_antialias(cairo.ANTIALIAS_GRAY)
        self.ctx = PangoCairo.create_context(self.cr)
        PangoCairo.context_set_font_options(self.ctx, fo)
        PangoCairo.context_set_resolution(self.ctx, 72)
        self.ctx.set_round_glyph_positions(False)
        self.ctx.set_language(Pango.Language.from_string(
            {'zh': 'zh-cn', 'zh-Hant': 'zh-tw', 'en': 'en'}[lang]))

    def layout(self, text, font, size, width=None, align='left', justify=False, indent=0,
               wrap='word', spacing=0, maxlines=0):
        L = Pango.Layout.new(self.ctx)
        fd = Pango.FontDescription.from_string(font)
        fd.set_absolute_size(size * S)
        L.set_font_description(fd)
        if width is not None:
            L.set_width(int(width * S))
            L.set_wrap({'word': Pango.WrapMode.WORD, 'char': Pango.WrapMode.CHAR,
                        'wordchar': Pango.WrapMode.WORD_CHAR}[wrap])
        L.set_alignment({'left': Pango.Alignment.LEFT, 'center': Pango.Alignment.CENTER,
                         'right': Pango.Alignment.RIGHT}[align])
        L.set_justify(justify)
        if indent:
            L.set_indent(int(indent * S))
        if spacing:
            L.set_spacing(int(spacing * S))
        attrs = Pango.AttrList()
        a = Pango.attr_insert_hyphens_new(False)
        attrs.insert(a)
        L.set_attributes(attrs)
        L.set_text(text, -1)
        return L

    def lines(self, L, text):
        """[(line, x_offset, text_of_line, char_start, char_end)] for a layout of `text`."""
        b = text.encode('utf-8')
        out = []
        it = L.get_iter()
        while True:
            line = it.get_line_readonly()
            ink, log = it.get_line_extents()
            s0 = len(b[:line.start_index].decode('utf-8'))
            s1 = len(b[:line.start_index + line.length].decode('utf-8'))
            out.append((line, log.x / S, text[s0:s1], s0, s1))
            if not it.next_line():
                break
        return out

    def size(self, L):
        ink, log = L.get_pixel_extents()
        return log.width, log.height

    def draw_line(self, line, x, baseline):
        self.cr.move_to(x, baseline)
        PangoCairo.show_layout_line(self.cr, line)

    def draw_layout(self, L, x, y):
        """Draws a whole layout with its top-left at (x, y); returns its box [x, y, w, h]
        (logical extents, in page pixels)."""
        self.cr.move_to(x, y)
        PangoCairo.show_layout(self.cr, L)
        ink, log = L.get_pixel_extents()
        return [x + log.x, y + log.y, log.width, log.height]

    def rule(self, x0, y0, x1, y1, width):
        self.cr.set_line_width(width)
        self.cr.move_to(x0, y0)
        self.cr.line_to(x1, y1)
        self.cr.stroke()

    def rect(self, x, y, w, h, width):
        self.cr.set_line_width(width)
        self.cr.rectangle(x, y, w, h)
        self.cr.stroke()

    def fill_rect(self, x, y, w, h):
        self.cr.rectangle(x, y, w, h)
        self.cr.fill()

    def array(self):
        import numpy as np
        self.surf.flush()
        stride = self.surf.get_stride()
        a = np.frombuffer(self.surf.get_data(), dtype=np.uint8).reshape(self.h, stride)
        return a[:, :self.w].copy()
