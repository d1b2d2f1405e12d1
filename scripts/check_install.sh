#!/usr/bin/env bash
# A new user's first run, end to end: a fresh clone of this branch, a fresh venv, a regular
# (non-editable) `pip install .`, then `vienalign demo` in an empty folder. Prints the demo's table
# and what it wrote; exits 0 when every TMX file and report.html are there. With an argument, the
# demo's output folder is copied there (e.g. to screenshot the report).
# (tests/test_packaging.py checks the wheel's contents and the corpora lookup quickly, offline.)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
branch=$(git -C "$repo" rev-parse --abbrev-ref HEAD)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git clone -q --branch "$branch" "$repo" "$work/clone"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q --disable-pip-version-check "$work/clone"
mkdir "$work/empty"
cd "$work/empty"
"$work/venv/bin/vienalign" demo
pairs=$(cat "$work"/clone/corpora/*/pairs.tsv | grep -vc '^name')
tmx=$(ls vienalign-out/*.tmx | wc -l)
echo "check_install: $tmx TMX files for $pairs pairs, report: $(ls vienalign-out/report.html)"
if [ $# -gt 0 ]; then cp -r vienalign-out "$1"; fi
test "$tmx" -eq "$pairs"
