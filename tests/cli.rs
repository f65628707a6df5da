//! End-to-end tests of the `bantin` command line (SPEC §1, §6).
//!
//! Every broken fixture under `tests/fixtures/broken/<rule>/` is a tiny content folder
//! with exactly one problem (except `two_files/` and `count_above_maximum/`). The expected lines were worked out by
//! hand from the fixture text: 1-based line and column of the offending value, of the
//! key for unknown fields and categories, of the item's first key for a whole list item,
//! or 1:1 for a problem with the whole file.

mod common;

use common::{Run, TempDir, bantin, bantin_with_lang, snapshot};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const BROKEN: &str = "tests/fixtures/broken";
const VALID: &str = "tests/fixtures/valid";
const WARNINGS: &str = "tests/fixtures/warnings";

fn check(dir: &str) -> Run {
    bantin(&["check", "--content", dir])
}

fn build(content: &str, output: &Path) -> Run {
    let output = output.to_str().expect("temporary paths are UTF-8");
    bantin(&["build", "--content", content, "--output", output])
}

fn has_line(run: &Run, line: &str) -> bool {
    run.stderr.lines().any(|l| l == line)
}

/// `bantin check` on `broken/<rule>` exits 1 and prints each of `lines`
/// (`file:line:col: message`, the file relative to the fixture) and the count line,
/// in Vietnamese like the fixtures' sites.
fn assert_errors(rule: &str, lines: &[&str], count: &str) {
    let dir = format!("{BROKEN}/{rule}");
    let run = check(&dir);
    assert_eq!(run.code, 1, "exit status of check {dir}: {run:#?}");
    for line in lines {
        let expected = format!("{dir}/{line}");
        assert!(
            has_line(&run, &expected),
            "expected the line\n  {expected}\nin the stderr of check {dir}:\n{}",
            run.stderr
        );
    }
    assert!(
        has_line(&run, count),
        "expected the count line `{count}` in the stderr of check {dir}:\n{}",
        run.stderr
    );
}

/// The fixture has exactly one problem, printed as `line`.
fn assert_one_error(rule: &str, line: &str) {
    assert_errors(rule, &[line], "1 lỗi, 0 cảnh báo");
}

// ---------------------------------------------------------------------------------------
// Temporary folders and snapshots.

/// The names directly inside `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("folder can be read")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A copy of the valid fixture in a temporary folder, to add files to.
fn valid_copy(tmp: &TempDir) -> PathBuf {
    let content = tmp.join("content");
    common::copy_dir(Path::new(VALID), &content);
    content
}

fn check_at(content: &Path) -> Run {
    bantin(&["check", "--content", content.to_str().expect("temporary paths are UTF-8")])
}

/// An output folder from an earlier build (marked as bantin's): a file with known
/// bytes (not all UTF-8) and a sub-folder holding another file and an empty folder.
fn previous_output(parent: &TempDir) -> PathBuf {
    let out = parent.0.join("out");
    fs::create_dir_all(out.join("tin-tuc/trong")).unwrap();
    fs::write(out.join(".bantin"), "made by bantin\n").unwrap();
    fs::write(out.join("index.html"), b"<h1>B\xe1\xba\xa3n tin c\xc5\xa9</h1>\n\x00\xff\r\n").unwrap();
    fs::write(out.join("tin-tuc/bai-cu.html"), "Bài cũ, giữ nguyên.\n").unwrap();
    out
}

/// `bantin build` on `broken/<rule>` exits 1 and leaves an existing output folder
/// byte for byte as it was, with nothing added beside it.
fn assert_build_leaves_output_untouched(rule: &str) {
    let tmp = TempDir::new(rule);
    let out = previous_output(&tmp);
    let before = snapshot(&out);
    let run = build(&format!("{BROKEN}/{rule}"), &out);
    assert_eq!(run.code, 1, "exit status of build {rule}: {run:#?}");
    assert_eq!(snapshot(&out), before, "build {rule} changed the output folder");
    assert_eq!(names(&tmp.0), vec!["out".to_string()], "build {rule} left files beside the output folder");
}

// ---------------------------------------------------------------------------------------
// The valid fixture.

#[test]
fn check_valid_content_succeeds_with_a_summary() {
    let run = check(VALID);
    assert_eq!(run.code, 0, "{run:#?}");
    // The first line is the summary; the latest figures of the top-level units follow.
    let summary = run.stdout.lines().next().unwrap_or_default();
    for part in ["4 đơn vị", "6 báo cáo", "3 bài viết", "3 kỳ"] {
        assert!(summary.contains(part), "`{part}` in the summary: {summary}");
    }
    assert_eq!(run.stderr, "", "the valid fixture has no problem");
}

/// "(1 drafts)", "1 articles", "1 periods" read wrong; the count line already says "1 error".
#[test]
fn check_summary_uses_the_singular_for_one() {
    let run = bantin(&["check", "--lang", "en", "--content", VALID]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(
        run.stdout.contains("3 articles (1 draft),"),
        "expected `3 articles (1 draft),` in the summary: {}",
        run.stdout
    );
    let run = bantin(&["--lang", "en", "check", "--content", WARNINGS]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(
        run.stdout.contains("1 article (0 drafts), 1 period"),
        "expected `1 article (0 drafts), 1 period` in the summary: {}",
        run.stdout
    );
}

/// Warnings are printed with their place and do not fail the check (SPEC §6).
#[test]
fn warnings_are_printed_and_check_succeeds() {
    let run = check(WARNINGS);
    assert_eq!(run.code, 0, "{run:#?}");
    for line in [
        "data/don-vi.yaml:10:15: cảnh báo: các đơn vị trực thuộc `huyen-thu-nghiem` cộng lại kết nạp \
         12 trong kỳ 2023, nhiều hơn số của chính đơn vị này (10)",
        "data/don-vi.yaml:11:13: cảnh báo: bài nguồn `tin-thu` đề ngày 2023-06-01, trước ngày số liệu \
         as_of (2023-12-31)",
        "0 lỗi, 2 cảnh báo",
    ] {
        let expected =
            if line.starts_with("data/") { format!("{WARNINGS}/{line}") } else { line.to_string() };
        assert!(
            has_line(&run, &expected),
            "expected the line\n  {expected}\nin the stderr of check {WARNINGS}:\n{}",
            run.stderr
        );
    }
}

#[test]
fn build_with_warnings_succeeds() {
    let tmp = TempDir::new("warnings");
    let out = tmp.0.join("out");
    let run = build(WARNINGS, &out);
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(out.is_dir(), "the output folder is written");
}

#[test]
fn build_valid_content_creates_the_output_folder() {
    let tmp = TempDir::new("valid");
    let out = tmp.0.join("out");
    let run = build(VALID, &out);
    assert_eq!(run.code, 0, "{run:#?}");
    assert_eq!(
        fs::read(out.join("logo.svg")).expect("the static file is copied"),
        fs::read(Path::new(VALID).join("static/logo.svg")).unwrap()
    );
    assert_eq!(names(&tmp.0), vec!["out".to_string()]);
}

#[test]
fn build_valid_content_replaces_an_existing_output_folder() {
    let tmp = TempDir::new("valid-replace");
    let out = previous_output(&tmp);
    let run = build(VALID, &out);
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(out.join("logo.svg").is_file(), "the static file is copied");
    assert!(!out.join("tin-tuc/bai-cu.html").exists(), "files of the previous build are gone");
    assert_eq!(names(&tmp.0), vec!["out".to_string()], "no staging folder is left beside the output");
}

// ---------------------------------------------------------------------------------------
// Usage.

#[test]
fn check_missing_content_folder_is_a_usage_error() {
    let run = check("does-not-exist");
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(run.stderr.contains("does-not-exist"), "{}", run.stderr);
}

#[test]
fn build_missing_content_folder_is_a_usage_error() {
    let tmp = TempDir::new("missing-content");
    let out = tmp.0.join("out");
    let run = build("does-not-exist", &out);
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(!out.exists(), "nothing is written");
}

#[test]
fn unknown_command_is_a_usage_error() {
    let run = bantin(&["frobnicate"]);
    assert_eq!(run.code, 2, "{run:#?}");
}

#[test]
fn help_exits_0() {
    let run = bantin(&["--help"]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(run.stdout.contains("build") && run.stdout.contains("check"));
}

/// SPEC §1 lists every command with its options; the top-level help should too.
#[test]
fn help_mentions_the_options() {
    let run = bantin(&["--help"]);
    assert_eq!(run.code, 0, "{run:#?}");
    for option in ["--content", "--templates", "--output"] {
        assert!(run.stdout.contains(option), "`{option}` in bantin --help:\n{}", run.stdout);
    }
}

#[test]
fn build_help_mentions_the_options() {
    let run = bantin(&["build", "--help"]);
    assert_eq!(run.code, 0, "{run:#?}");
    for option in ["--content", "--templates", "--output"] {
        assert!(run.stdout.contains(option), "`{option}` in bantin build --help:\n{}", run.stdout);
    }
}

#[test]
fn check_help_mentions_content() {
    let run = bantin(&["check", "--help"]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(run.stdout.contains("--content"), "{}", run.stdout);
    assert!(run.stdout.contains("--timings"), "{}", run.stdout);
}

/// `check --timings` says where a check's time went, stage by stage, on stderr, and
/// leaves stdout to the summary and the figures.
#[test]
fn check_timings_name_each_stage_on_stderr() {
    let run = bantin(&["check", "--content", VALID, "--timings"]);
    assert_eq!(run.code, 0, "{run:#?}");
    let stages: Vec<&str> = run.stderr.lines().filter_map(|l| l.split_whitespace().next()).collect();
    for stage in ["walk", "parse", "validate", "compute", "total"] {
        assert!(stages.contains(&stage), "`{stage}` in:\n{}", run.stderr);
    }
    assert!(!run.stdout.contains("total"), "{}", run.stdout);
    assert!(run.stdout.contains("đơn vị"), "{}", run.stdout);
}

// ---------------------------------------------------------------------------------------
// One problem per fixture.

/// `    name: Đảng bộ: xã Thử Nghiệm`: the second `: ` starts a key where none may be.
/// libyaml's own words ("mapping values are not allowed in this context") do not say
/// what to do; the message should.
#[test]
fn yaml_syntax() {
    assert_one_error(
        "yaml_syntax",
        "data/don-vi.yaml:3:18: giá trị có dấu \": \" phải đặt trong ngoặc kép, ví dụ name: \"Chi bộ: thôn 1\" (YAML: mapping values are not allowed in this context)",
    );
}

#[test]
fn missing_field() {
    assert_one_error("missing_field", "data/don-vi.yaml:5:5: thiếu trường bắt buộc `admitted`");
}

#[test]
fn wrong_type() {
    assert_one_error(
        "wrong_type",
        "data/don-vi.yaml:7:15: admitted: `nhiều` không phải số nguyên: số người, số lớp là số nguyên từ 0 trở lên",
    );
}

#[test]
fn negative_count() {
    assert_one_error(
        "negative_count",
        "data/don-vi.yaml:9:27: training.awareness_trainees: `-40` là số âm: cần số nguyên từ 0 trở lên",
    );
}

#[test]
fn unknown_field() {
    assert_one_error(
        "unknown_field",
        "data/don-vi.yaml:8:5: không có trường `compostion`. Có phải là `composition`?",
    );
}

#[test]
fn unknown_unit() {
    assert_one_error(
        "unknown_unit",
        "data/don-vi.yaml:5:11: không có đơn vị mã `xa-khong-co`: cần mã của một đơn vị khai báo trong data/",
    );
}

#[test]
fn unknown_category() {
    assert_one_error(
        "unknown_category",
        "data/don-vi.yaml:10:7: không có nhóm cơ cấu `cuu_chien_binh`. Các nhóm dùng được: `youth`, `women`, `ethnic_minority`, `religious`, `pupils`, `students`, `enterprise_workers`, `postgraduate`, `university`; nhóm khác phải khai báo trong mục categories của site.yaml.",
    );
}

#[test]
fn unknown_article_source() {
    assert_one_error(
        "unknown_article_source",
        "data/don-vi.yaml:8:13: source `bai-khong-co` không phải bài viết nào: cần đường dẫn (slug) của một bài trong news/ hoặc một địa chỉ http(s)",
    );
}

#[test]
fn source_url_not_allowed() {
    assert_one_error(
        "source_url_not_allowed",
        "news/tin-thu.md:5:13: source_url `javascript:alert(1)` không phải địa chỉ http(s): cần địa chỉ bắt đầu bằng http:// hoặc https://",
    );
}

#[test]
fn duplicate_unit_id() {
    assert_one_error(
        "duplicate_unit_id",
        "data/b.yaml:4:9: mã đơn vị `xa-thu-nghiem` bị dùng hai lần (lần đầu tại tests/fixtures/broken/duplicate_unit_id/data/a.yaml:2:9): mỗi đơn vị cần một mã riêng",
    );
}

#[test]
fn duplicate_slug() {
    assert_one_error(
        "duplicate_slug",
        "news/z-ban-sao.md:4:7: đường dẫn (slug) `tin-thu` bị dùng hai lần (lần đầu tại tests/fixtures/broken/duplicate_slug/news/tin-thu.md:2:1): mỗi bài cần một đường dẫn riêng",
    );
}

#[test]
fn date_not_exist() {
    assert_one_error(
        "date_not_exist",
        "data/don-vi.yaml:7:12: as_of: `2023-02-29` là ngày không có thật: tháng 2/2023 chỉ có 28 ngày",
    );
}

#[test]
fn as_of_before_period() {
    assert_one_error(
        "as_of_before_period",
        "data/don-vi.yaml:7:12: as_of (2022-12-31) sớm hơn ngày bắt đầu kỳ 2023 (2023-01-01)",
    );
}

#[test]
fn deadline_outside_period() {
    assert_one_error(
        "deadline_outside_period",
        "data/don-vi.yaml:10:19: deadline (2024-03-31) nằm ngoài kỳ 2023 (2023-01-01 … 2023-12-31)",
    );
}

/// Reported once, at the `parent` of the unit whose id sorts first (`chi-bo-hai`).
#[test]
fn cycle() {
    assert_one_error(
        "cycle",
        "data/don-vi.yaml:7:13: các đơn vị tạo thành vòng lặp (chi-bo-hai → chi-bo-mot → chi-bo-hai): mỗi đơn vị chỉ có một cấp trên và cây đơn vị không được quay vòng",
    );
}

#[test]
fn composition_above_admitted() {
    assert_one_error(
        "composition_above_admitted",
        "data/don-vi.yaml:9:14: composition.women (15) lớn hơn số kết nạp admitted (12)",
    );
}

/// `    period: {from: …}`: the value starts at the `{` (column 13), not at `from`.
#[test]
fn label_two_meanings() {
    assert_one_error(
        "label_two_meanings",
        "data/don-vi.yaml:9:13: kỳ `2020-2025` ở đây là 2020-10-01 … 2025-09-30 nhưng tại tests/fixtures/broken/label_two_meanings/data/don-vi.yaml:6:13 là 2020-01-01 … 2025-12-31: một nhãn kỳ phải luôn chỉ cùng những ngày",
    );
}

#[test]
fn duplicate_report() {
    assert_one_error(
        "duplicate_report",
        "data/don-vi.yaml:8:5: báo cáo thứ hai của `xa-thu-nghiem` cho kỳ 2023 tính đến 2023-12-31 (báo cáo đầu tại tests/fixtures/broken/duplicate_report/data/don-vi.yaml:5:5): mỗi đơn vị, kỳ và ngày as_of chỉ có một báo cáo",
    );
}

#[test]
fn bad_slug() {
    assert_one_error(
        "bad_slug",
        "news/tin-thu.md:4:7: đường dẫn (slug) `a/b` không dùng được trong địa chỉ web: hãy viết `a-b`",
    );
}

#[test]
fn front_matter_missing() {
    assert_one_error(
        "front_matter_missing",
        "news/tin-thu.md:1:1: thiếu phần đầu bài: tệp phải bắt đầu bằng một dòng `---`, tiếp theo là các trường (title, date…) và một dòng `---` nữa",
    );
}

#[test]
fn front_matter_unclosed() {
    assert_one_error(
        "front_matter_unclosed",
        "news/tin-thu.md:1:1: phần đầu bài chưa đóng: cần một dòng `---` sau các trường",
    );
}

/// Byte 0xEA (Latin-1 `ê`) in `Nghi\xeam`, after 29 characters of line 3.
#[test]
fn non_utf8() {
    assert_one_error(
        "non_utf8",
        "data/don-vi.yaml:3:30: tệp không phải văn bản UTF-8 từ chỗ này: hãy lưu lại bằng mã UTF-8",
    );
}

#[test]
fn missing_site_yaml() {
    assert_one_error(
        "missing_site_yaml",
        "site.yaml:1:1: thiếu tệp site.yaml: cần một tệp site.yaml có ít nhất `title` (tên bản tin) và `base_url` (địa chỉ xuất bản)",
    );
}

#[test]
fn base_url_not_absolute() {
    assert_one_error(
        "base_url_not_absolute",
        "site.yaml:2:11: base_url `/thu/` chưa phải địa chỉ web đầy đủ: cần địa chỉ dạng https://example.org/ban-tin/",
    );
}

#[test]
fn unknown_parent() {
    assert_one_error(
        "unknown_parent",
        "data/don-vi.yaml:4:13: không có đơn vị mã `huyen-khong-co`: cần mã của một đơn vị khai báo trong data/",
    );
}

#[test]
fn target_range_inverted() {
    assert_one_error(
        "target_range_inverted",
        "data/don-vi.yaml:10:14: max (15) nhỏ hơn value (20): mức trên của chỉ tiêu phải không nhỏ hơn mức dưới",
    );
}

#[test]
fn article_unknown_unit() {
    assert_one_error(
        "article_unknown_unit",
        "news/tin-thu.md:4:24: không có đơn vị mã `xa-khong-co`: cần mã của một đơn vị khai báo trong data/",
    );
}

/// Two broken items in one data file and a broken article: all in one run. The unit
/// that writes `ten` (Vietnamese for "name") gets one message, not also "missing name".
#[test]
fn problems_in_two_files_and_two_items_are_all_reported() {
    assert_errors(
        "two_files",
        &[
            "data/don-vi.yaml:5:5: không có trường `ten`. Có phải là `name`?",
            "data/don-vi.yaml:9:15: admitted: `-2` là số âm: cần số nguyên từ 0 trở lên",
            "news/tin-thu.md:3:7: date: `2023-02-30` là ngày không có thật: tháng 2/2023 chỉ có 28 ngày",
        ],
        "3 lỗi, 0 cảnh báo",
    );
}

// ---------------------------------------------------------------------------------------
// Bounded input.

/// The largest count is 100,000,000: larger ones are errors, so that no sum can wrap
/// (`u64::MAX` and 2 of two children used to roll up to 1).
#[test]
fn counts_above_the_maximum_are_errors() {
    let too_large = "vượt quá số lớn nhất cho phép: cần số nguyên từ 0 đến 100000000";
    assert_errors(
        "count_above_maximum",
        &[
            "data/don-vi.yaml:10:12: order: `200000000` nằm ngoài khoảng cho phép: cần số nguyên \
             từ -100000000 đến 100000000",
            &format!("data/don-vi.yaml:14:15: admitted: `18446744073709551615` {too_large}"),
            &format!("data/don-vi.yaml:22:16: targets[0].value: `100000001` {too_large}"),
            // The unit whose `order` is broken is left out; the report naming it waits.
            "data/don-vi.yaml:1:1: cảnh báo: 1 chỗ nhắc tới đơn vị hoặc bài viết có thể khai báo \
             trong tệp này chưa được kiểm tra: hãy sửa lỗi của tệp này trước",
        ],
        "3 lỗi, 1 cảnh báo",
    );
}

#[test]
fn failed_build_on_a_count_above_the_maximum_leaves_output_untouched() {
    assert_build_leaves_output_untouched("count_above_maximum");
}

/// Pathological YAML (200 KB of nested brackets or dashes) in a data file, site.yaml and
/// an article's front matter: each is one error at its first level too deep, found at
/// once rather than after minutes in the YAML parser.
#[test]
fn yaml_nested_too_deep_is_an_error_at_the_first_level_too_deep() {
    let tmp = TempDir::new("deep");
    let content = valid_copy(&tmp);
    let nested = |open: &str, close: &str| format!("{}1{}", open.repeat(50_000), close.repeat(50_000));
    fs::write(content.join("data/maps.yaml"), nested("{a: ", "}")).unwrap();
    fs::write(content.join("data/dashes.yaml"), format!("{}x\n", "- ".repeat(100_000))).unwrap();
    fs::write(
        content.join("news/lists.md"),
        format!("---\ntitle: x\ndate: 2024-01-01\ntags: {}\n---\n", nested("[", "]")),
    )
    .unwrap();
    let site = fs::read_to_string(content.join("site.yaml")).unwrap();
    fs::write(content.join("site.yaml"), format!("{site}private: {}\n", nested("{a: ", "}"))).unwrap();
    let site_line = site.lines().count() + 1;

    let started = Instant::now();
    let run = check_at(&content);
    let took = started.elapsed();
    eprintln!("check of 4 files nested 50,000 levels deep took {took:?}");
    assert_eq!(run.code, 1, "{run:#?}");
    let deep = "danh sách và bảng lồng nhau quá 32 cấp tại đây: số liệu chỉ cần vài cấp";
    let c = content.display();
    for line in [
        format!("{c}/data/maps.yaml:1:129: {deep}"),
        format!("{c}/data/dashes.yaml:1:65: {deep}"),
        format!("{c}/news/lists.md:4:38: {deep}"),
        format!("{c}/site.yaml:{site_line}:134: {deep}"),
    ] {
        assert!(has_line(&run, &line), "expected the line\n  {line}\nin:\n{}", run.stderr);
    }
    // Not a timed test: only a bound no machine misses unless the scan is gone.
    assert!(took < Duration::from_secs(30), "check took {took:?}");
}

#[test]
fn a_file_larger_than_16_mib_is_an_error() {
    let tmp = TempDir::new("large");
    let content = valid_copy(&tmp);
    fs::write(content.join("data/large.yaml"), "#".repeat(16 * 1024 * 1024 + 1)).unwrap();
    let run = check_at(&content);
    assert_eq!(run.code, 1, "{run:#?}");
    let line = format!(
        "{}/data/large.yaml:1:1: tệp lớn hơn 16 MiB: hãy chia số liệu thành nhiều tệp, mỗi tệp \
         không quá 16 MiB",
        content.display()
    );
    assert!(has_line(&run, &line), "expected the line\n  {line}\nin:\n{}", run.stderr);
}

// ---------------------------------------------------------------------------------------
// static/ stays inside the content folder.

/// Links in static/ to a file and to a folder outside the content folder are not
/// published, with a warning naming each link; a link that stays inside is followed.
#[cfg(unix)]
#[test]
fn static_links_leading_outside_the_content_are_not_published() {
    use std::os::unix::fs::symlink;
    let tmp = TempDir::new("static-links");
    let content = valid_copy(&tmp);
    let outside = tmp.join("outside");
    fs::create_dir_all(&outside).unwrap();
    fs::write(outside.join("secret.txt"), "secret").unwrap();
    symlink("/etc/passwd", content.join("static/passwd")).unwrap();
    symlink(&outside, content.join("static/shared")).unwrap();
    symlink("../site.yaml", content.join("static/site.txt")).unwrap();

    let out = tmp.join("out");
    for run in [check_at(&content), build(content.to_str().unwrap(), &out)] {
        assert_eq!(run.code, 0, "{run:#?}");
        for (link, target) in
            [("passwd", fs::canonicalize("/etc/passwd").unwrap()), ("shared", outside.clone())]
        {
            let line = format!(
                "{}/static/{link}:1:1: cảnh báo: liên kết tượng trưng trỏ tới {}, nằm ngoài thư mục nội \
                 dung: không xuất bản (muốn xuất bản thì chép tệp đó vào static/)",
                content.display(),
                target.display()
            );
            assert!(has_line(&run, &line), "expected the line\n  {line}\nin:\n{}", run.stderr);
        }
    }
    assert!(!out.join("passwd").exists() && !out.join("shared").exists(), "{:?}", names(&out));
    assert_eq!(fs::read(out.join("site.txt")).unwrap(), fs::read(content.join("site.yaml")).unwrap());
    assert!(out.join("logo.svg").is_file());
}

/// A link loop is reported once as a warning and not followed.
#[cfg(unix)]
#[test]
fn static_link_loop_is_a_warning() {
    let tmp = TempDir::new("static-loop");
    let content = valid_copy(&tmp);
    std::os::unix::fs::symlink("..", content.join("static/up")).unwrap();
    let run = check_at(&content);
    assert_eq!(run.code, 0, "{run:#?}");
    let line = format!(
        "{}/static/up:1:1: cảnh báo: liên kết tượng trưng quay vòng: không đi theo",
        content.display()
    );
    assert!(has_line(&run, &line), "expected the line\n  {line}\nin:\n{}", run.stderr);
}

/// A static file that cannot be read fails `check` and `build` alike, at its path, and
/// the output folder stays as it was.
#[cfg(unix)]
#[test]
fn unreadable_static_files_are_errors() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = TempDir::new("static-unreadable");
    let content = valid_copy(&tmp);
    let nowhere = tmp.join("nowhere.png");
    std::os::unix::fs::symlink(&nowhere, content.join("static/gone.png")).unwrap();
    let c = content.display();
    let mut expected = vec![format!(
        "{c}/static/gone.png:1:1: liên kết tượng trưng trỏ tới {}, nơi không có tệp nào: hãy sửa hoặc \
         xóa liên kết",
        nowhere.display()
    )];
    let locked = content.join("static/locked.svg");
    fs::write(&locked, "<svg/>").unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    // The superuser reads every file: there the dangling link is the only case.
    if fs::read(&locked).is_err() {
        expected
            .push(format!("{c}/static/locked.svg:1:1: không đọc được tệp: Permission denied (os error 13)"));
    } else {
        fs::remove_file(&locked).unwrap();
    }

    let out = previous_output(&tmp);
    let before = snapshot(&out);
    for run in [check_at(&content), build(content.to_str().unwrap(), &out)] {
        assert_eq!(run.code, 1, "{run:#?}");
        for line in &expected {
            assert!(has_line(&run, line), "expected the line\n  {line}\nin:\n{}", run.stderr);
        }
    }
    assert_eq!(snapshot(&out), before, "the failed build changed the output folder");
}

// ---------------------------------------------------------------------------------------
// A failed build never touches the output folder.

#[test]
fn failed_build_on_broken_yaml_leaves_output_untouched() {
    assert_build_leaves_output_untouched("yaml_syntax");
}

#[test]
fn failed_build_on_a_validation_error_leaves_output_untouched() {
    assert_build_leaves_output_untouched("cycle");
}

#[test]
fn failed_build_on_non_utf8_leaves_output_untouched() {
    assert_build_leaves_output_untouched("non_utf8");
}

#[test]
fn failed_build_without_site_yaml_leaves_output_untouched() {
    assert_build_leaves_output_untouched("missing_site_yaml");
}

#[test]
fn failed_build_with_problems_in_two_files_leaves_output_untouched() {
    assert_build_leaves_output_untouched("two_files");
}

#[test]
fn failed_build_creates_no_output_folder() {
    let tmp = TempDir::new("no-output");
    let out = tmp.0.join("out");
    let run = build(&format!("{BROKEN}/composition_above_admitted"), &out);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(names(&tmp.0).is_empty(), "nothing is written on failure");
}

#[test]
fn build_refuses_an_output_folder_that_holds_the_content() {
    let run = bantin(&["build", "--content", "tests/fixtures/valid", "--output", "tests/fixtures"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("lỗi: thư mục đầu ra `tests/fixtures` chứa `tests/fixtures/valid`"),
        "{}",
        run.stderr
    );
    assert!(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/site.yaml").is_file());
}

#[test]
fn build_with_a_missing_templates_folder_is_a_usage_error() {
    let run = bantin(&["build", "--content", "tests/fixtures/valid", "--templates", "no-such-templates"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("lỗi: không tìm thấy thư mục mẫu trang `no-such-templates`"),
        "{}",
        run.stderr
    );
}

// ---------------------------------------------------------------------------------------
// The language of messages: --lang, else the site's, else LANG (Vietnamese by default).

#[test]
fn check_speaks_the_language_of_the_site() {
    let run = check(VALID);
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(run.stdout.starts_with("4 đơn vị, 6 báo cáo, 3 bài viết (1 bản nháp), 3 kỳ\n"), "{}", run.stdout);
    assert!(run.stdout.contains("Đơn vị  ") && run.stdout.contains("31 (tổng hợp)"), "{}", run.stdout);

    // LANG speaks only until site.yaml is read.
    let run = bantin_with_lang(&["check", "--content", "tests/fixtures/site_en"], Some("vi_VN.UTF-8"));
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(
        run.stdout.starts_with("4 units, 6 reports, 3 articles (1 draft), 3 periods\n"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("Unit  ") && run.stdout.contains("31 (sum)"), "{}", run.stdout);
}

#[test]
fn problems_are_counted_in_the_language_of_the_site_or_of_lang() {
    let run = check(WARNINGS);
    assert!(has_line(&run, "0 lỗi, 2 cảnh báo"), "{}", run.stderr);
    let run = bantin_with_lang(&["check", "--content", WARNINGS], Some("en_US.UTF-8"));
    assert!(has_line(&run, "0 lỗi, 2 cảnh báo"), "the site's language wins over LANG:\n{}", run.stderr);
    // Without a site.yaml, LANG decides.
    let dir = format!("{BROKEN}/missing_site_yaml");
    let run = bantin_with_lang(&["check", "--content", &dir], Some("en_US.UTF-8"));
    assert!(has_line(&run, "1 error, 0 warnings"), "{}", run.stderr);
}

#[test]
fn lang_en_speaks_english_on_a_vietnamese_site() {
    let run = bantin(&["check", "--content", VALID, "--lang", "en"]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(
        run.stdout.starts_with("4 units, 6 reports, 3 articles (1 draft), 3 periods\n"),
        "{}",
        run.stdout
    );
    // The table's figures follow the language of the messages too.
    assert!(run.stdout.contains("2024-12-31") && run.stdout.contains("110.7%"), "{}", run.stdout);

    let tmp = TempDir::new("lang-en");
    let out = tmp.0.join("out");
    let out = out.to_str().unwrap();
    let run = bantin(&["--lang", "en", "build", "--content", VALID, "--output", out]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(run.stderr.starts_with("built ") && run.stderr.contains(" pages, "), "{}", run.stderr);
    let run = bantin(&["build", "--content", VALID, "--output", out]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(run.stderr.starts_with("Đã xuất bản ") && run.stderr.contains(" trang, "), "{}", run.stderr);
    // The pages keep the site's language.
    let index = fs::read_to_string(Path::new(out).join("index.html")).unwrap();
    assert!(index.contains("<html lang=\"vi\">"), "{index}");
}

#[test]
fn help_speaks_english_only_when_lang_says_so() {
    let run = bantin_with_lang(&["--help"], Some("en_US.UTF-8"));
    assert_eq!(run.code, 0, "{run:#?}");
    for text in ["Usage: bantin", "Commands:", "Options:", "Validate the content", "Exit status:"] {
        assert!(run.stdout.contains(text), "`{text}` in bantin --help:\n{}", run.stdout);
    }
    for lang in [None, Some(""), Some("vi_VN.UTF-8"), Some("C.UTF-8")] {
        let run = bantin_with_lang(&["--help"], lang);
        assert_eq!(run.code, 0, "{run:#?}");
        for text in ["Cách dùng: bantin", "Lệnh:", "Tùy chọn:", "Kiểm tra nội dung", "Mã thoát:"]
        {
            assert!(
                run.stdout.contains(text),
                "`{text}` in bantin --help with LANG={lang:?}:\n{}",
                run.stdout
            );
        }
        assert!(!run.stdout.contains("Print help"), "{}", run.stdout);
    }
    let run = bantin_with_lang(&["build", "--help", "--lang", "vi"], Some("en_US.UTF-8"));
    assert!(
        run.stdout.contains("--output <THƯ_MỤC>") && run.stdout.contains("[mặc định: output]"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_mistyped_option_is_explained_in_the_language_of_lang() {
    let run = bantin(&["build", "--contnt", "x"]);
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(
        has_line(&run, "lỗi: không hiểu tham số `--contnt`; có phải ý bạn là `--content`?"),
        "{}",
        run.stderr
    );
    assert!(has_line(&run, "Xem hướng dẫn: bantin build --help"), "{}", run.stderr);
    let run = bantin_with_lang(&["biuld"], Some("en_US.UTF-8"));
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(has_line(&run, "error: unknown command `biuld`; did you mean `build`?"), "{}", run.stderr);
}

#[test]
fn a_refused_output_folder_is_explained_in_vietnamese() {
    let tmp = TempDir::new("refused-vi");
    fs::write(tmp.0.join("ghi-chu.txt"), "của tôi\n").unwrap();
    let run = build(VALID, &tmp.0);
    assert_eq!(run.code, 2, "{run:#?}");
    let expected = format!(
        "lỗi: thư mục đầu ra `{}` có 1 mục không do bantin tạo ra (ghi-chu.txt); xuất bản sẽ xóa mục \
         này nên thư mục được giữ nguyên: hãy chọn một thư mục mới hoặc thư mục trống bằng --output \
         THƯ_MỤC, hoặc làm trống thư mục này trước (tệp cần đăng kèm bản tin thì đặt trong thư mục \
         static/ của nội dung)",
        tmp.0.display()
    );
    assert!(has_line(&run, &expected), "expected\n  {expected}\nin:\n{}", run.stderr);
    assert_eq!(fs::read_to_string(tmp.0.join("ghi-chu.txt")).unwrap(), "của tôi\n");
}

/// `--version` names the version and the commit the binary was built from.
#[test]
fn version_names_the_commit() {
    let run = bantin(&["--version"]);
    assert_eq!(run.code, 0, "{run:#?}");
    let line = run.stdout.trim();
    let commit = line
        .strip_prefix(concat!("bantin ", env!("CARGO_PKG_VERSION"), " ("))
        .and_then(|rest| rest.strip_suffix(')'))
        .unwrap_or_else(|| panic!("unexpected version line: {line}"));
    assert!(
        commit == "unknown" || (commit.len() == 12 && commit.bytes().all(|b| b.is_ascii_hexdigit())),
        "{line}"
    );
}
