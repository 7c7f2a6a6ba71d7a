#!/usr/bin/env bash
# Brings public repositories into a gitignored corpus folder for the benchmarks that run their
# notebooks (Benchmarks/notebook/notebook_fidelity.sh, Benchmarks/init/public_notebooks.sh).
# Nothing of them is committed here.
#
#   Benchmarks/corpus_fetch.sh CORPUS_DIR OWNER/NAME[@COMMIT] ...
#
# Each repository lands in CORPUS_DIR/OWNER+NAME (skipped when already there), with the commit
# it holds in CORPUS_DIR/OWNER+NAME/.commit. With @COMMIT that commit is checked out (pinned);
# without, the default branch's newest. With CORPUS_MIRROR=DIR (FIDELITY_MIRROR is read too)
# the repositories come from DIR/OWNER+NAME/repo, a local git directory, instead of github.com;
# a mirror may lack its largest files, which are then named as missing.
set -euo pipefail
corpus=$1; shift
mirror_root="${CORPUS_MIRROR:-${FIDELITY_MIRROR:-}}"
mkdir -p "$corpus"
for spec in "$@"; do
    repository=${spec%@*}
    commit=HEAD; [ "$spec" != "$repository" ] && commit=${spec#*@}
    folder="$corpus/${repository/\//+}"
    [ -d "$folder" ] && continue
    if [ -n "$mirror_root" ]; then
        mirror="$mirror_root/${repository/\//+}/repo"
        mkdir -p "$folder.partial"
        git -C "$mirror" ls-tree -r "$commit" | while IFS=$'\t' read -r meta path; do
            read -r mode _ hash <<< "$meta"
            mkdir -p "$folder.partial/$(dirname "$path")"
            if [ "$mode" = 120000 ]; then
                ln -s "$(git -C "$mirror" cat-file blob "$hash")" "$folder.partial/$path"
            else
                git -C "$mirror" cat-file blob "$hash" > "$folder.partial/$path" 2>/dev/null \
                    || { echo "corpus: $repository: $path is missing from the mirror" >&2; rm -f "$folder.partial/$path"; }
            fi
        done
        git -C "$mirror" rev-parse --short "$commit" > "$folder.partial/.commit"
    else
        if [ "$commit" = HEAD ]; then
            git clone -q --depth 1 "https://github.com/$repository" "$folder.partial"
        else
            git clone -q --no-checkout "https://github.com/$repository" "$folder.partial"
            git -C "$folder.partial" checkout -q "$commit"
        fi
        git -C "$folder.partial" rev-parse --short HEAD > "$folder.partial/.commit"
    fi
    mv "$folder.partial" "$folder"
done
