#!/usr/bin/env bash
# Fetches the public test corpora the tests read (see Tests/HarnessTests/Support/
# PublicCorpora.swift) into FOLDER, at the commits they were taken from, for a machine that
# has no ../shared/corpora (GitHub's runners). Then: HARNESS_CORPORA=FOLDER swift test.
#
#   scripts/fetch-corpora.sh FOLDER
set -euo pipefail
target="${1:?usage: fetch-corpora.sh FOLDER}"
mkdir -p "$target"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

# name, repository, commit, the folder of it the tests read
corpora=(
    "csv-spectrum maxogden/csv-spectrum b251546d5ccb79217a61aa8ca623ce573977d7e1 ."
    "csvlint-fixtures Data-Liberation-Front/csvlint.rb 675a528ba80c2eb225673f60c035328ac6bc96c6 features"
    "frictionless-data frictionlessdata/frictionless-py 44661adf0c9ec593d48642ba380ce33bbad95e15 data"
    "json-schema-test-suite json-schema-org/JSON-Schema-Test-Suite 44401e0c046704b476ec9d2e2fccdaee618f259d ."
)
for line in "${corpora[@]}"; do
    read -r name repository commit folder <<<"$line"
    [ -d "$target/$name" ] && continue
    git init -q "$scratch/$name"
    git -C "$scratch/$name" fetch -q --depth 1 "https://github.com/$repository" "$commit"
    git -C "$scratch/$name" -c advice.detachedHead=false checkout -q FETCH_HEAD
    mkdir -p "$target/$name.partial"
    if [ "$folder" = . ]; then
        cp -R "$scratch/$name/." "$target/$name.partial/"
        rm -rf "$target/$name.partial/.git"
    else
        cp -R "$scratch/$name/$folder" "$target/$name.partial/$folder"
    fi
    mv "$target/$name.partial" "$target/$name"
    echo "fetch-corpora: $name: $repository @ $commit"
done
