#!/bin/sh
# Rewrites the reference lists TAG.txt: each word of the list, hyphenated by
# TeX itself (LuaTeX, Debian package texlive-binaries) with the patterns of
# ../../patterns/TAG/ and the minimums of package lang's row for TAG.
#
#   sh make.sh TAG LEFTMIN RIGHTMIN
#
# To add words, append them to TAG.txt unhyphenated, one a line, lower
# case, letters only, at least 5 of them, and run this again.
set -eu
tag=$1 left=$2 right=$3
here=$(cd "$(dirname "$0")" && pwd)
src=$here/../../patterns/$tag
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
: > "$tmp/pat"
: > "$tmp/hyp"
for f in "$src"/*; do
  case $f in
  *.pat.txt) cat "$f" >> "$tmp/pat"; echo >> "$tmp/pat" ;;
  *.hyp.txt) cat "$f" >> "$tmp/hyp"; echo >> "$tmp/hyp" ;;
  *.dic)
    # libhyphen: a charset line, comments, keyword lines, then patterns
    cs=$(head -n 1 "$f" | tr -d '\r')
    [ "$cs" = ISO8859-1 ] && cs=ISO-8859-1
    tail -n +2 "$f" | iconv -f "$cs" -t UTF-8 | grep -v -e '^[%#]' -e '^[A-Z]' >> "$tmp/pat" ;;
  esac
done
tr -d '-' < "$here/$tag.txt" | sort -u > "$tmp/words"
cp "$here/texhyph.lua" "$here/texhyph.tex" "$tmp/"
cd "$tmp"
TEXHYPH_PAT=$tmp/pat TEXHYPH_HYP=$tmp/hyp TEXHYPH_MIN="$left $right" \
TEXHYPH_IN=$tmp/words TEXHYPH_OUT=$tmp/out \
  luatex --ini --interaction=nonstopmode ./texhyph.tex > log 2>&1 || { tail -20 log >&2; exit 1; }
[ "$(wc -l < out)" = "$(wc -l < words)" ] || { echo "make.sh: luatex hyphenated $(wc -l < out) of $(wc -l < words) words" >&2; exit 1; }
cp out "$here/$tag.txt"
