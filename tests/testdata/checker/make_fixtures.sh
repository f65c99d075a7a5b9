#!/usr/bin/env bash
# Remakes the checker's PDF and DOCX fixtures from the seed report and sample 13 with
# LibreOffice (not needed to build or test; the outputs are checked in):
#   seed.pdf / seed.docx     ← tests/testdata/reports/seed/*.txt        (A4 pages, one paragraph per line)
#   form13.pdf / form13.docx ← tests/testdata/reports/published-reports/13.txt (a flattened score table)
# src/checker/corpus_test.cpp checks each gives the same extraction as its text.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$(ls "$root"/tests/testdata/reports/seed/*.txt | head -n1)" "$work/seed.txt"
cp "$root/tests/testdata/reports/published-reports/13.txt" "$work/form13.txt"
lo=(soffice "-env:UserInstallation=file://$work/profile" --headless "--infilter=Text (encoded):UTF8")
(cd "$work" && HOME="$work" "${lo[@]}" --convert-to pdf seed.txt form13.txt >/dev/null 2>&1)
(cd "$work" && HOME="$work" "${lo[@]}" --convert-to 'docx:MS Word 2007 XML' seed.txt form13.txt >/dev/null 2>&1)
cp "$work"/seed.pdf "$work"/seed.docx "$work"/form13.pdf "$work"/form13.docx "$here/"
echo "made: seed.pdf seed.docx form13.pdf form13.docx in $here"
