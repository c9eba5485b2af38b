#!/usr/bin/env bash
# Times a whole `edition build` of the corpus edition beside what an editor
# would use instead, in one run on the same machine, and prints one Markdown
# table to paste into the README's "## Performance":
#   edition build (PDF + EPUB) and edition build --no-pdf (EPUB only);
#   pandoc → EPUB; pandoc → HTML → WeasyPrint; pandoc → XeLaTeX (PDF);
#   Typst on the .typ pandoc writes;
#   edition with the corpus 1×, 5× and 10× (72, 360 and 720 posts).
# Every tool reads the same text: what `edition prepare` writes, the posts as
# edition reads them (Liquid rendered, includes made figures, footnote labels
# unique per post as [^ARTICLE-NOTE], images as local files; images edition
# has no file for are their alternative text, so nothing is fetched).
# Wall and CPU (user + system) seconds and peak memory (largest process,
# /usr/bin/time %M) are medians of RUNS runs.
#
# Usage: bench/compare.sh [RUNS]   (default 5)
# Needs ../shared/corpus beside the repository, Go, and root only to install
# what is missing with apt-get (pandoc, weasyprint, texlive-xetex, nodejs,
# npm, time). Typst, which Debian bookworm lacks, comes from npm (pandoc-wasm
# writes the .typ when pandoc is older than 3; typst.ts's Node compiler sets
# it when no typst ≥ 0.12 is installed), cached in
# ${EDITION_BENCH_CACHE:-~/.cache/edition-bench}. A tool that cannot be
# installed is a row saying why. Progress goes to stderr; stdout is the table.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
runs=${1:-5}
if ! [[ $runs =~ ^[1-9][0-9]*$ ]]; then
	echo "usage: bench/compare.sh [RUNS]" >&2
	exit 2
fi
export PATH="$PATH:/usr/local/go/bin"
log() { printf '%s\n' "$*" >&2; }

corpus=../shared/corpus
[ -d "$corpus" ] || { log "no corpus at $corpus"; exit 1; }
command -v go >/dev/null || { log "go is not on PATH"; exit 1; }

# --- Tools --------------------------------------------------------------

apt_updated=
# apt_install PKG...: installs with apt-get when root; fails otherwise.
apt_install() {
	[ "$(id -u)" = 0 ] && command -v apt-get >/dev/null || return 1
	if [ -z "$apt_updated" ]; then
		log "apt-get update"
		apt-get update -qq >&2 || return 1
		apt_updated=1
	fi
	log "apt-get install $*"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null 2>&1
}

# have CMD PKG...: CMD is on PATH, or is after installing PKG...
have() {
	local cmd=$1
	shift
	command -v "$cmd" >/dev/null && return 0
	apt_install "$@" && command -v "$cmd" >/dev/null
}

# why CMD: why a tool is missing, for its row.
why() {
	if [ "$(id -u)" != 0 ]; then
		echo "not installed ($1; apt-get needs root)"
	else
		echo "not installable here: apt-get install of $1 failed"
	fi
}

[ -x /usr/bin/time ] || apt_install time || { log "needs /usr/bin/time (apt-get install time)"; exit 1; }
have pandoc pandoc || true
have weasyprint weasyprint || true
have xelatex texlive-xetex texlive-latex-recommended texlive-fonts-recommended lmodern fonts-lmodern || true

# Typst: how the .typ is written (typ) and set (tpdf), each "native" or
# "npm"; tmiss says why there is no Typst row.
typ='' tpdf='' tmiss='' tver=''
cache=${EDITION_BENCH_CACHE:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/edition-bench}
mods=$cache/node_modules
if command -v pandoc >/dev/null && pandoc --list-output-formats | grep -qx typst; then
	typ=native
fi
if command -v typst >/dev/null; then
	v=$(typst --version | awk '{print $2}')
	if [ "$(printf '%s\n0.12\n' "$v" | sort -V | head -1)" = 0.12 ]; then
		tpdf=native tver="Typst $v"
	fi
fi
if [ -z "$typ" ] || [ -z "$tpdf" ]; then
	if have node nodejs && have npm npm; then
		if [ ! -d "$mods/pandoc-wasm" ] || [ ! -d "$mods/@myriaddreamin/typst-ts-node-compiler" ]; then
			log "npm install pandoc-wasm and typst-ts-node-compiler into $cache"
			mkdir -p "$cache"
			npm install --silent --no-audit --no-fund --prefix "$cache" \
				pandoc-wasm@1.1.0 @myriaddreamin/typst-ts-node-compiler@0.7.0 >&2 || true
		fi
		[ -n "$typ" ] || { [ -d "$mods/pandoc-wasm" ] && typ=npm; }
		[ -n "$tpdf" ] || { [ -d "$mods/@myriaddreamin/typst-ts-node-compiler" ] && tpdf=npm tver="Typst 0.14 (typst.ts 0.7.0)"; }
		[ -n "$typ" ] && [ -n "$tpdf" ] || tmiss="not installable here: npm install of pandoc-wasm or typst-ts-node-compiler failed"
	else
		tmiss="not installable here: no typst ≥ 0.12 or pandoc ≥ 3, and no node and npm to get them from npm"
	fi
fi

# --- The corpus, as edition reads it -------------------------------------

work=$(mktemp -d "${TMPDIR:-/tmp}/edition-compare.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp -r "$corpus" "$work/corpus"
chmod -R u+w "$work/corpus"
log "building edition"
go build -o "$work/edition" ./cmd/edition
ed=$work/edition
"$ed" assemble "$work/corpus" -o "$work/corpus/edition.yaml" --number 1 2>/dev/null
"$ed" prepare -q "$work/corpus/edition.yaml" -o "$work/prep" 2>/dev/null
prep=$work/prep
md=$(cd "$prep" && ls ./*.md)
md=${md#./}
posts=$(grep -c '^  - ' "$work/corpus/edition.yaml")
words=$(wc -w <"$prep/$md")

# --- Measuring ----------------------------------------------------------

# median: the median of the numbers on stdin.
median() { sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

# measure DIR CMD...: runs CMD in DIR RUNS times; sets wall, cpu (s) and
# rss (MB) to the medians, or err to why it failed.
measure() {
	local dir=$1 i
	shift
	wall='' cpu='' rss='' err=''
	: >"$work/times"
	for ((i = 0; i < runs; i++)); do
		if ! (cd "$dir" && /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" >"$work/cmd.log" 2>&1); then
			err="failed: $(grep -v '^\s*$' "$work/cmd.log" | tail -n 2 | tr '\n|' '  ' | cut -c1-160)"
			return
		fi
		tail -n 1 "$work/time" >>"$work/times"
	done
	wall=$(awk '{print $1}' "$work/times" | median)
	cpu=$(awk '{print $2 + $3}' "$work/times" | median)
	rss=$(awk '{print $4 / 1024}' "$work/times" | median)
}

rows=()
# row WHAT OUTPUT POSTS [BASE_WALL BASE_CPU]: a table row from the last
# measure, with its ratios to the base (an edition build) when given.
row() {
	if [ -n "$err" ]; then
		rows+=("| $1 | $2 | $3 | $err | | | | |")
		return
	fi
	local rw=— rc=—
	if [ $# -ge 5 ]; then
		rw=$(awk -v a="$wall" -v b="$4" 'BEGIN {printf "%.1f×", a / b}')
		rc=$(awk -v a="$cpu" -v b="$5" 'BEGIN {printf "%.1f×", a / b}')
	fi
	rows+=("$(awk -v w="$1" -v o="$2" -v p="$3" -v t="$wall" -v c="$cpu" -v m="$rss" -v rw="$rw" -v rc="$rc" \
		'BEGIN {printf "| %s | %s | %s | %.2f | %.2f | %.0f | %s | %s |", w, o, p, t, c, m, rw, rc}')")
}
skip() { rows+=("| $1 | $2 | $3 | $4 | | | | |"); }

load0=$(cut -d' ' -f1-3 /proc/loadavg)

log "edition build"
measure "$work" "$ed" build -q corpus/edition.yaml -o out
row "edition build" "PDF + EPUB" "$posts"
ed_wall=$wall ed_cpu=$cpu
log "edition build --no-pdf"
measure "$work" "$ed" build -q --no-pdf corpus/edition.yaml -o out
row "edition build --no-pdf" EPUB "$posts"
epub_wall=$wall epub_cpu=$cpu

if command -v pandoc >/dev/null; then
	log "pandoc → EPUB"
	measure "$prep" pandoc -f markdown -t epub3 -o "$work/pandoc.epub" "$md"
	row "pandoc → EPUB" EPUB "$posts" "$epub_wall" "$epub_cpu"
else
	skip "pandoc → EPUB" EPUB "$posts" "$(why pandoc)"
fi
if command -v pandoc >/dev/null && command -v weasyprint >/dev/null; then
	log "pandoc → HTML → WeasyPrint"
	# The HTML beside the prepared file, so its images/ resolve. pandoc's
	# CSS hyphenates the body, code included, which WeasyPrint 57 crashes
	# on (IndexError in split_first_line) for some code blocks: code is
	# not hyphenated, as in every other output.
	echo 'pre, code { hyphens: manual; }' >"$work/code.css"
	# shellcheck disable=SC2016 # $1 … $3 are the inner shell's
	measure "$prep" bash -c 'pandoc -s -f markdown -t html5 -o all.html "$1" && weasyprint -q -s "$3" all.html "$2"' _ "$md" "$work/weasy.pdf" "$work/code.css"
	row "pandoc → HTML → WeasyPrint" PDF "$posts" "$ed_wall" "$ed_cpu"
else
	skip "pandoc → HTML → WeasyPrint" PDF "$posts" "$(why weasyprint)"
fi
if command -v pandoc >/dev/null && command -v xelatex >/dev/null; then
	log "pandoc → XeLaTeX"
	measure "$prep" pandoc -f markdown --pdf-engine=xelatex -o "$work/xelatex.pdf" "$md"
	row "pandoc → LaTeX → XeLaTeX" PDF "$posts" "$ed_wall" "$ed_cpu"
else
	skip "pandoc → LaTeX → XeLaTeX" PDF "$posts" "$(why texlive-xetex)"
fi
typst_what="Typst (\`typst compile\` of pandoc's .typ)"
if [ -z "$tmiss" ]; then
	log "pandoc → Typst (.typ, untimed)"
	if [ "$typ" = native ]; then
		pandoc -s -f markdown -t typst -o "$prep/all.typ" "$prep/$md" 2>/dev/null
	else
		node "$repo/bench/typst.mjs" typ "$mods" "$prep/$md" "$prep/all.typ" 2>/dev/null
	fi
	log "Typst"
	if [ "$tpdf" = native ]; then
		measure "$prep" typst compile all.typ "$work/typst.pdf"
	else
		typst_what="Typst (typst.ts compiler on pandoc's .typ)"
		measure "$prep" node "$repo/bench/typst.mjs" pdf "$mods" all.typ "$work/typst.pdf" /usr/share/fonts
	fi
	row "$typst_what" PDF "$posts" "$ed_wall" "$ed_cpu"
else
	skip "$typst_what" PDF "$posts" "$tmiss"
fi

# Scaling: the corpus repeated 5× and 10× under new names.
for k in 5 10; do
	d=$work/x$k
	for i in $(seq "$k"); do
		mkdir -p "$d/c$i"
		cp -r "$work/corpus/." "$d/c$i/"
		rm -f "$d/c$i/edition.yaml"
	done
	"$ed" assemble "$d" -o "$d/edition.yaml" --number 1 2>/dev/null
	n=$(grep -c '^  - ' "$d/edition.yaml")
	log "edition build, $n posts"
	measure "$d" "$ed" build -q edition.yaml -o out
	row "edition build" "PDF + EPUB" "$n"
	rm -rf "$d"
done
load1=$(cut -d' ' -f1-3 /proc/loadavg)

# --- The table ----------------------------------------------------------

ver() { "$@" 2>/dev/null | head -n 1 || true; }
cpu_model=$(awk -F': *' '/^model name/ {print $2; exit}' /proc/cpuinfo)
mem=$(awk '/^MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)
# shellcheck disable=SC1091
os=$( (. /etc/os-release && echo "$PRETTY_NAME") 2>/dev/null || uname -sr)
rev=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -z "$(git -C "$repo" status --porcelain 2>/dev/null)" ] || rev+="+dirty"
versions="edition $rev, $(go version | awk '{print $3}')"
versions+=", pandoc $(ver pandoc --version | awk '{print $2}')"
command -v weasyprint >/dev/null && versions+=", WeasyPrint $(ver weasyprint --version | awk '{print $NF}')"
[ -n "$tver" ] && versions+=", $tver"
[ "$typ" = npm ] && versions+=" (its .typ from pandoc-wasm 1.1.0)"
command -v xelatex >/dev/null && versions+=", $(ver xelatex --version)"

cat <<EOF
Measured $(date -u +%Y-%m-%d) with \`bench/compare.sh $runs\` (medians of $runs runs): $(nproc) cores ($cpu_model), $mem, $os; load average $load0 before, $load1 after.
Versions: $versions.
Input: the corpus (\`../shared/corpus\`), $posts posts, $words words as \`edition prepare\` writes them; every tool reads that text and its images.

| what | output | posts | wall s | CPU s | peak MB | wall ÷ edition | CPU ÷ edition |
| --- | --- | --: | --: | --: | --: | --: | --: |
EOF
printf '%s\n' "${rows[@]}"
cat <<EOF

The ratios divide each tool's time by edition's for the same output: EPUB by
\`edition build --no-pdf\`, PDF by the whole \`edition build\` (which writes the
EPUB as well). CPU is user + system time of all the command's processes;
peak MB is the largest one's resident memory.
EOF
if [ "$typ" = npm ]; then
	echo "The Typst row times only the compile: this machine's pandoc has no Typst writer, so pandoc-wasm (pandoc 3 as WASM) writes the .typ beforehand."
else
	echo "The Typst row times only \`typst compile\`; pandoc writes the .typ beforehand."
fi
