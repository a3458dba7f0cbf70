#!/bin/sh
# zh_lists_both_scripts.sh - every Chinese word the text rules match
# (string literals in the sources that hold them) is listed in its
# traditional forms too: OpenCC's Hong Kong and Taiwan conversion of each
# literal (s2hk, s2twp) stands in the same file, and every character of
# a character-set literal (date_words_zh) has its forms in that literal.
# A list written in simplified only leaves traditional text unread (the
# reporter's formula 記者從…獲悉 was missed until 7 December 2026).
set -u
R=${BS_ROOT:?}
command -v opencc > /dev/null || { echo "SKIP: no opencc (tools/install-deps installs it)"; exit 77; }
/usr/bin/python3 - "$R/src/line_kind.c" "$R/src/reflow.c" "$R/src/reflow_roles.c" <<'PY'
import re, subprocess, sys
# literals of this many Chinese characters or more are character sets, not words
CHARSET_CHARS = 20
def han(s):
    return sum(1 for c in s if '\u4e00' <= c <= '\u9fff')
bad = []
for path in sys.argv[1:]:
    code = re.sub(r'/\*.*?\*/', '', open(path, encoding='utf-8').read(), flags=re.S)
    lits = sorted({l for l in re.findall(r'"((?:[^"\\]|\\.)*)"', code) if re.search('[\u4e00-\u9fff]', l)})
    for cfg in ('s2hk', 's2twp'):
        out = subprocess.run(['opencc', '-c', cfg], input='\n'.join(lits), capture_output=True,
                             text=True, check=True).stdout.split('\n')
        for lit, conv in zip(lits, out):
            if han(lit) >= CHARSET_CHARS:
                missing = ''.join(sorted(set(c for c in conv if c not in lit)))
                if missing:
                    bad.append('%s: "%s…" lacks %s (%s)' % (path, lit[:8], missing, cfg))
            elif conv != lit and conv not in code:
                bad.append('%s: "%s" has no "%s" (%s)' % (path, lit, conv, cfg))
for b in bad:
    print('FAIL:', b)
sys.exit(1 if bad else 0)
PY
