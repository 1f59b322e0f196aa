#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# contrib/mkdeb.sh OUT_DIR - what `make deb` runs (VERSION in the environment): copies the
# tracked files (as they are in the working tree, so uncommitted edits count) to a temporary
# directory, puts contrib/debian/ at its top as debian/, runs dpkg-buildpackage -us -uc -b
# there and leaves dhcpdiag_VERSION_ARCH.deb and the build log in OUT_DIR.
set -eu
cd "$(dirname "$0")/.."
out=${1:-build}
version=${VERSION:?VERSION is the Makefile\'s: run make deb}
say() { echo "make deb: $*" >&2; }

for c in dpkg-buildpackage dpkg-parsechangelog dh; do
	command -v "$c" >/dev/null || { say "no $c: install debhelper and dpkg-dev (tests/deps.sh)"; exit 1; }
done
# the version is written in the Makefile; the two changelogs must agree with it
deb_version=$(dpkg-parsechangelog -l contrib/debian/changelog -S Version)
if [ "$deb_version" != "$version" ]; then
	say "contrib/debian/changelog is at $deb_version, the Makefile's VERSION is $version:" \
		"add an entry (dch -c contrib/debian/changelog -v $version)"
	exit 1
fi
if ! grep -q "^## $version " CHANGELOG.md; then
	say "CHANGELOG.md has no '## $version' section"
	exit 1
fi

tmp=$(mktemp -d /tmp/dhcpdiag-deb.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
src=$tmp/dhcpdiag-$version
mkdir "$src"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	# tracked files that still exist (a deleted one would stop tar)
	git ls-files -z | while IFS= read -r -d '' f; do
		[ -e "$f" ] && printf '%s\0' "$f"
	done | tar --null -T - -cf - | tar -xf - -C "$src"
else
	tar --exclude=./build --exclude=./.git -cf - . | tar -xf - -C "$src"
fi
rm -rf "$src/debian"
cp -a contrib/debian "$src/debian"

log=$out/dhcpdiag-deb.log
mkdir -p "$out"
say "building in $src (log: $log)"
# one job a CPU unless DEB_BUILD_OPTIONS says otherwise
export DEB_BUILD_OPTIONS=${DEB_BUILD_OPTIONS:-parallel=$(nproc)}
if ! (cd "$src" && dpkg-buildpackage -us -uc -b) >"$log" 2>&1; then
	say "dpkg-buildpackage failed; the end of $log:"
	tail -n 25 "$log" >&2
	exit 1
fi
debs=("$tmp"/dhcpdiag_"$version"_*.deb)
[ -f "${debs[0]}" ] || { say "dpkg-buildpackage made no .deb"; exit 1; }
cp "${debs[@]}" "$out"/
for d in "${debs[@]}"; do echo "$out/$(basename "$d")"; done
