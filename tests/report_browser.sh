#!/bin/sh
# The QC report in a real browser: headless Chromium loads the report of a
# generated issue; the DOM must show every page with its overlay and every
# article, the screenshot must not be blank, and no request may leave the
# machine (every URL in Chromium's network log is file: or data:).
set -u
BIN="${BS_BIN:?}"; ROOT="${BS_ROOT:?}"; T="${BS_TMP:?}"
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROMIUM" ]; then
    echo "SKIP: chromium is not installed (tools/install-deps installs Debian's chromium)"
    exit 77
fi
SAMPLE="$ROOT/testdata/sample/zh"
[ -f "$SAMPLE/issue.json" ] || { echo "FAIL: $SAMPLE/issue.json missing"; exit 1; }
pages=$(/usr/bin/python3 -c 'import json,sys,os; d=json.load(open(sys.argv[1])); print(" ".join(os.path.join(os.path.dirname(sys.argv[1]), p["file"]) for p in d["pages"]))' "$SAMPLE/issue.json")
# shellcheck disable=SC2086
"$BIN" run -q --lang chi_sim $pages -o "$T/out" || { echo "FAIL: broadsheet run failed"; exit 1; }
"$BIN" report "$T/out" >/dev/null || { echo "FAIL: broadsheet report failed"; exit 1; }
REPORT="$T/out/report/index.html"
[ -s "$REPORT" ] || { echo "FAIL: no report"; exit 1; }

chrome() {
    profile=$1; shift
    timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --disable-default-apps --user-data-dir="$T/profile-$profile" "$@" 2>>"$T/chromium.log"
}
chrome dom --dump-dom "file://$REPORT" > "$T/dom.html" || { echo "FAIL: chromium --dump-dom"; cat "$T/chromium.log"; exit 1; }
chrome shot --window-size=1200,1600 --screenshot="$T/shot.png" --log-net-log="$T/netlog.json" \
    "file://$REPORT" >/dev/null || { echo "FAIL: chromium --screenshot"; exit 1; }

/usr/bin/python3 - "$T" <<'PY'
import json, re, sys
from PIL import Image, ImageStat
t = sys.argv[1]
issue = json.load(open(t + "/out/issue.json"))
dom = open(t + "/dom.html", encoding="utf-8").read()
fails = []
def check(cond, msg):
    print(("ok: " if cond else "FAIL: ") + msg)
    if not cond:
        fails.append(msg)
npages = len(issue["pages"])
check(len(re.findall(r'<section class="page" id="page-\d+"', dom)) == npages, "one section per page (%d)" % npages)
check(len(re.findall(r'<svg class="overlay"', dom)) == npages, "one overlay per page")
nregions = sum(len(p["regions"]) for p in issue["pages"])
check(len(re.findall(r'<rect class="region ', dom)) == nregions, "one overlay box per region (%d)" % nregions)
check(len(re.findall(r'<div class="article" id="article-', dom)) == len(issue["articles"]),
      "one article view per article (%d)" % len(issue["articles"]))
check(len(re.findall(r'<img src="pages/p\d+\.jpg"', dom)) == npages, "page pictures present")
check(not re.search(r'(src|href)="(https?:)?//', dom), "no network assets referenced")
ids = re.findall(r'\sid="([^"]+)"', dom)
check(len(ids) == len(set(ids)), "element ids unique (%d repeated)" % (len(ids) - len(set(ids))))
check(len(re.findall(r'<marker id="arrow"', dom)) == 1, "one reading-order arrowhead shared by the overlays")
im = Image.open(t + "/shot.png").convert("L")
stat = ImageStat.Stat(im)
check(stat.stddev[0] > 10, "screenshot is not blank (stddev %.1f)" % stat.stddev[0])
# Chromium's network log: requests the page made carry the page's origin
# as initiator ("null" for file: pages); Chromium's own housekeeping
# (update and time checks, refused here anyway) has "not an origin".
raw = open(t + "/netlog.json", encoding="utf-8", errors="replace").read().rstrip().rstrip(",")
try:
    log = json.loads(raw)
except ValueError:
    log = json.loads(raw + "]}")
urls = {e["params"]["url"] for e in log.get("events", [])
        if "url" in e.get("params", {}) and e["params"].get("initiator", "not an origin") != "not an origin"}
bad = [u for u in urls if not u.startswith(("file:", "data:"))]
check(not bad, "no request from the report leaves the machine%s" % ((": " + ", ".join(sorted(bad)[:5])) if bad else ""))
sys.exit(1 if fails else 0)
PY
