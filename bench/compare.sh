#!/usr/bin/env bash
# Times a whole `edition build` of the corpus edition beside what an editor
# would use instead, in one run on the same machine:
#   pandoc → EPUB, and pandoc → HTML → WeasyPrint → PDF, from the same posts;
# then edition's scaling with 72, 360 and 720 posts and its peak memory.
# Usage: bench/compare.sh [RUNS]   (default 5; needs root for apt-get)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
export PATH="$PATH:/usr/local/go/bin"

need=()
for t in pandoc weasyprint /usr/bin/time; do command -v "$t" >/dev/null || need+=("$t"); done
if [ ${#need[@]} -gt 0 ]; then
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq && apt-get install -y -qq pandoc weasyprint time >/dev/null
fi

corpus=../shared/corpus
[ -d "$corpus" ] || { echo "no corpus at $corpus" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$corpus" "$work/corpus"
chmod -R u+w "$work/corpus"
go build -o "$work/edition" ./cmd/edition
"$work/edition" assemble "$work/corpus" -o "$work/corpus/edition.yaml" --number 1 2>/dev/null

# The same posts as one document for pandoc, front matter stripped.
mapfile -t posts < <(grep -E '^  - ' "$work/corpus/edition.yaml" | sed 's/^  - //')
for p in "${posts[@]}"; do
	awk 'NR==1 && /^---/ {fm=1; next} fm && /^(---|\.\.\.)/ {fm=0; next} !fm' "$work/corpus/$p"
	printf '\n\n'
done > "$work/all.md"

# median RUNS CMD...: prints the median wall time in seconds.
median() {
	local times=()
	for _ in $(seq "$runs"); do
		local s e
		s=$(date +%s.%N)
		"$@" >/dev/null 2>&1 || true
		e=$(date +%s.%N)
		times+=("$(echo "$e - $s" | bc -l)")
	done
	printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

echo "runs per measurement: $runs; posts: ${#posts[@]}; words: $(wc -w < "$work/all.md")"
ed=$(median "$work/edition" build -q "$work/corpus/edition.yaml" -o "$work/out")
pe=$(median pandoc -f markdown -t epub3 --metadata title=Corpus -o "$work/pandoc.epub" "$work/all.md")
# The same text from an empty folder, where pandoc finds none of the
# posts' local files to embed (what the issue's reference 2.7 s measured).
mkdir -p "$work/alone" && cp "$work/all.md" "$work/alone/"
pa=$(median pandoc -f markdown -t epub3 --metadata title=Corpus -o "$work/alone/pandoc.epub" "$work/alone/all.md")
pw=$(median bash -c "pandoc -s -f markdown -t html5 --metadata title=Corpus -o '$work/all.html' '$work/all.md' && weasyprint '$work/all.html' '$work/weasy.pdf'")
printf '%-40s %8.3f s\n' "edition build (PDF + EPUB)" "$ed" "pandoc → EPUB" "$pe" "pandoc → EPUB, from an empty folder" "$pa" "pandoc → HTML → WeasyPrint PDF" "$pw"
printf 'ratio pandoc EPUB / edition:      %6.1f×\n' "$(echo "$pe / $ed" | bc -l)"
printf 'ratio pandoc EPUB (empty folder) / edition: %6.1f×\n' "$(echo "$pa / $ed" | bc -l)"
printf 'ratio pandoc+WeasyPrint / edition: %6.1f×\n' "$(echo "$pw / $ed" | bc -l)"

rss=$( { /usr/bin/time -f '%M' "$work/edition" build -q "$work/corpus/edition.yaml" -o "$work/out" ; } 2>&1 | tail -1)
printf 'edition peak memory (corpus): %d MB\n' "$((rss / 1024))"

# Scaling: the corpus repeated 5× and 10× under new names.
for k in 5 10; do
	d="$work/x$k"
	mkdir -p "$d"
	for i in $(seq "$k"); do
		mkdir -p "$d/c$i"
		cp -r "$work/corpus/." "$d/c$i/"
		rm -f "$d/c$i/edition.yaml"
	done
	"$work/edition" assemble "$d" -o "$d/edition.yaml" --number 1 2>/dev/null
	t=$(median "$work/edition" build -q "$d/edition.yaml" -o "$d/out")
	n=$(grep -c '^  - ' "$d/edition.yaml")
	rss=$( { /usr/bin/time -f '%M' "$work/edition" build -q "$d/edition.yaml" -o "$d/out" ; } 2>&1 | tail -1)
	printf 'edition, %4d posts: %8.3f s  (%.2f ms/post, peak %d MB)\n' "$n" "$t" "$(echo "$t * 1000 / $n" | bc -l)" "$((rss / 1024))"
done
printf 'edition, %4d posts: %8.3f s  (%.2f ms/post)\n' "${#posts[@]}" "$ed" "$(echo "$ed * 1000 / ${#posts[@]}" | bc -l)"
