#!/bin/sh
# alto_mets_schema.sh - `broadsheet run` on a rendered page writes ALTO and
# METS that validate against the official ALTO 4.4 and METS 1.12.1 schemas
# (../shared/schemas, resolved offline through its catalog), and text in
# the encoding asked for.  Skips (exit 77) when ../shared, xmllint, the
# renderer or the broadsheet binary is absent.
set -u
: "${BS_ROOT:?}"
: "${BS_TMP:=$(mktemp -d)}"
BIN="${BS_BIN:-$BS_ROOT/build/asan/bin/broadsheet}"
SCHEMAS="${BS_SHARED:-}/schemas"
if [ -z "${BS_SHARED:-}" ] || [ ! -f "$SCHEMAS/alto-4-4.xsd" ] || [ ! -f "$SCHEMAS/mets-1-12-1.xsd" ]; then
    echo "SKIP: ../shared/schemas absent (ALTO/METS schemas are not in the repository)"
    exit 77
fi
command -v xmllint >/dev/null 2>&1 || { echo "SKIP: xmllint missing (libxml2-utils)"; exit 77; }
[ -x "$BIN" ] || { echo "SKIP: no broadsheet binary at $BIN"; exit 77; }

img=$(ls "$BS_ROOT"/testdata/sample/*.png 2>/dev/null | head -n 1)
if [ -z "$img" ]; then
    img="$BS_TMP/page.png"
    /usr/bin/python3 - "$img" <<'PY' || { echo "SKIP: cannot render a test page (python3-gi, cairo)"; exit 77; }
import sys, gi
gi.require_version('Pango', '1.0'); gi.require_version('PangoCairo', '1.0')
from gi.repository import Pango, PangoCairo
import cairo
s = cairo.ImageSurface(cairo.FORMAT_RGB24, 1400, 900)
c = cairo.Context(s); c.set_source_rgb(1, 1, 1); c.paint(); c.set_source_rgb(0, 0, 0)
l = PangoCairo.create_layout(c)
l.set_font_description(Pango.FontDescription('DejaVu Serif Bold 44'))
c.move_to(60, 40); l.set_text('Harbour Bridge Reopens', -1); PangoCairo.show_layout(c, l)
l.set_font_description(Pango.FontDescription('DejaVu Serif 20'))
l.set_width(600 * Pango.SCALE)
c.move_to(60, 160)
l.set_text('The old harbour bridge opened again on Monday after two years of repairs. '
           'Crowds walked across it in the morning sun & cheered the workers.', -1)
PangoCairo.show_layout(c, l)
c.move_to(740, 160)
l.set_text('The city council said the work cost less than planned and finished early. '
           'Traffic returns to the bridge next week, with a new cycle lane.', -1)
PangoCairo.show_layout(c, l)
s.write_to_png(sys.argv[1])
PY
fi

out="$BS_TMP/out"
if ! OMP_THREAD_LIMIT=1 "$BIN" run "$img" -o "$out" -l eng --no-report -q --encoding UTF-16; then
    echo "FAIL: broadsheet run failed"
    exit 1
fi
fail=0
n=0
for f in "$out"/alto/*.xml; do
    [ -f "$f" ] || continue
    n=$((n + 1))
    if ! XML_CATALOG_FILES="$SCHEMAS/catalog.xml" xmllint --noout --nonet \
            --schema "$SCHEMAS/alto-4-4.xsd" "$f"; then
        echo "FAIL: $f does not validate against ALTO 4.4"
        fail=1
    fi
    grep -q '<String CONTENT="[^"]' "$f" || { echo "FAIL: $f has no text"; fail=1; }
done
[ "$n" -ge 1 ] || { echo "FAIL: no ALTO file written"; fail=1; }
if ! XML_CATALOG_FILES="$SCHEMAS/catalog.xml" xmllint --noout --nonet \
        --schema "$SCHEMAS/mets-1-12-1.xsd" "$out/mets.xml"; then
    echo "FAIL: mets.xml does not validate against METS 1.12.1"
    fail=1
fi
grep -q 'TYPE="ARTICLE"' "$out/mets.xml" || { echo "FAIL: mets.xml lists no article"; fail=1; }
# Every METS area must name a block that exists in the ALTO file it points at.
for id in $(grep -o 'BEGIN="[^"]*"' "$out/mets.xml" | sed 's/BEGIN="//; s/"//'); do
    grep -q "ID=\"$id\"" "$out"/alto/*.xml || { echo "FAIL: METS BEGIN=$id not in ALTO"; fail=1; }
done
# Text files in UTF-16 (with BOM), converted back they hold the headline.
first=$(ls "$out"/articles/*.txt | head -n 1)
head -c 2 "$first" | od -An -tx1 | grep -Eq 'ff fe|fe ff' || { echo "FAIL: $first has no UTF-16 BOM"; fail=1; }
iconv -f UTF-16 -t UTF-8 "$out"/pages/p001.txt | grep -qi 'bridge' || { echo "FAIL: page text lacks 'bridge'"; fail=1; }
[ $fail -eq 0 ] && echo "ok: $n ALTO file(s) and mets.xml validate"
exit $fail
