#!/usr/bin/env bash
# Fills corpus/<target>/ with seeds from the sample content and the test fixtures:
# articles, data files, the period and date values written in them, and whole content
# folders joined as the `check` target reads them. Existing corpus files are kept.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=fuzz/corpus
# Every content folder: the sample, the fixtures, and each broken fixture.
mapfile -t folders < <(ls -d content tests/fixtures/*/ tests/fixtures/broken/*/ | grep -vx 'tests/fixtures/broken/')

# A seed named after its content, as libFuzzer names the inputs it keeps.
seed() {
    local dir="$corpus/$1" file
    mkdir -p "$dir"
    file="$(mktemp)"
    cat >"$file"
    mv "$file" "$dir/$(sha1sum <"$file" | cut -c1-40)"
}

articles() { find "$1" -path '*/news/*' -name '*.md' -type f | sort; }
data_files() { find "$1" -path '*/data/*' -name '*.yaml' -type f | sort; }

for folder in "${folders[@]}"; do
    folder="${folder%/}"
    mapfile -t news < <(articles "$folder")
    for article in "${news[@]}"; do
        seed article <"$article"
        seed markdown <"$article"
    done
    mapfile -t yamls < <(data_files "$folder")
    for data in "${yamls[@]}"; do
        seed data <"$data"
        # site.yaml, this data file and every article, as the check target splits them.
        {
            cat "$folder/site.yaml" 2>/dev/null || true
            printf '\n@@@@\n'
            cat "$data"
            for article in "${news[@]}"; do
                printf '\n@@@@\n'
                cat "$article"
            done
        } | seed check
    done
done

# Every value of a period or date field, one seed each.
grep -rhoE '^[ -]*(period|as_of|deadline|date|next_release|issued|from|to): *[^#]+' \
    "${folders[@]}" --include='*.yaml' --include='*.md' |
    sed -E 's/^[ -]*[a-z_]+: *//; s/ *$//' | sort -u |
    while IFS= read -r value; do
        printf '%s' "$value" | seed period
    done
