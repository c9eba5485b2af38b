#!/usr/bin/env bash
# Rebuilds newsprint.icc, the PDF/X output profile, from the CGATS TR 002
# characterization data, and copies srgb.icc (see README.md). Needs the
# Debian packages icc-profiles-free (the data and sRGB.icc) and argyll
# (colprof), and python3. colprof writes its creation date into the
# profile, so a rebuild differs from the committed file in the header.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=${ICC_DIR:-/usr/share/color/icc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$src/sRGB.icc" "$here/srgb.icc"
cp "$src/TR002.ti3" "$tmp/"
cd "$tmp"
# -qm: medium quality; -Z m: matte paper; -kr: black ramp (colprof's default generation);
# -l240: SNAP's total area coverage; -nc: leave the measurements out;
# -S: perceptual and saturation tables gamut-mapped from sRGB, the space
# of the images they will convert.
colprof -qm -Z m -kr -l240 -nc -S "$here/srgb.icc" \
  -D "Based on CGATS TR 002 (SNAP coldset newsprint), edition" \
  -C "No copyright, use freely. Characterization data: ANSI CGATS/SNAP TR 002-2007, NPES" \
  TR002 >/dev/null
# The ICC registry asks profiles made from registered data to carry a
# charTargetTag "ICCHDAT <reference name>": add it (colprof's -nc omits
# the tag, and without -nc it holds the whole measurement file).
python3 - TR002.icc "$here/newsprint.icc" <<'PY'
import struct, sys
b = bytearray(open(sys.argv[1], 'rb').read())
n = struct.unpack('>I', b[128:132])[0]
tags = [struct.unpack('>4sII', b[132+12*i:144+12*i]) for i in range(n)]
assert all(t[0] != b'targ' for t in tags)
data = b'text' + b'\0'*4 + b'ICCHDAT CGATS TR 002\0'
body = b[132+12*n:]
tags = [(s, o+12, l) for s, o, l in tags]
end = len(b) + 12
end += (-end) % 4
tags.append((b'targ', end, len(data)))
out = bytearray(b[:128]) + struct.pack('>I', n+1)
for s, o, l in tags:
    out += struct.pack('>4sII', s, o, l)
out += body
out += b'\0' * (end - len(out)) + data
out += b'\0' * ((-len(out)) % 4)
out[0:4] = struct.pack('>I', len(out))
open(sys.argv[2], 'wb').write(out)
PY
