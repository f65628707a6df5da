//! The words of the shared bulletin (PDF and HTML), in Vietnamese and English.
//!
//! One struct with one constant per language: a missing word is a compile error.
//! Patterns mark their blanks with `{name}`; [`fill`] puts the values in.

use crate::model::Language;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct BulletinWords {
    /// The party's name at the top right of the header.
    pub party: &'static str,
    /// Before the bulletin's number: `Số 12`.
    pub number: &'static str,
    /// The place and date of issue: `{place}`, `{day}`, `{month}`, `{year}`.
    pub place_date: &'static str,
    /// The date of issue without a place.
    pub date_only: &'static str,
    /// Month names or numbers, January first.
    pub months: [&'static str; 12],
    /// Whether days below 10 take a leading zero (Party documents: `ngày 05`).
    pub zero_day: bool,
    /// Under the title: `{period}` and `{date}`.
    pub subject: &'static str,
    /// Under the title when nothing is counted yet.
    pub subject_no_date: &'static str,
    /// `{period}` as a phrase: a calendar year and any other period.
    pub year_phrase: &'static str,
    pub term_phrase: &'static str,
    /// `{period}` under the title: a calendar year and any other period.
    pub year_title: &'static str,
    pub term_title: &'static str,
    /// The headline: one unit with a target (`{date}`, `{unit}`, `{admitted}`, `{pct}`,
    /// `{target}`, `{period}`), one unit without, several units (`{count}`).
    pub headline_target: &'static str,
    pub headline_one: &'static str,
    pub headline_many: &'static str,
    pub main_points: &'static str,
    pub key_figures: &'static str,
    pub admitted: &'static str,
    /// Under the number admitted.
    pub new_members: &'static str,
    pub target: &'static str,
    pub achievement: &'static str,
    /// `{admitted}` of `{target}`.
    pub of_target: &'static str,
    /// The change on the previous year: `{previous}`.
    pub change_on: &'static str,
    pub no_target: &'static str,
    pub share_of_admitted: &'static str,
    pub results: &'static str,
    /// Caption of the table: `{parent}` and `{period}`, or only `{period}`.
    pub table_caption_parent: &'static str,
    pub table_caption: &'static str,
    pub unit: &'static str,
    pub status: &'static str,
    pub change: &'static str,
    pub rank: &'static str,
    pub exceeded: &'static str,
    pub achieved: &'static str,
    pub behind: &'static str,
    /// While the period runs and the target is not reached yet.
    pub on_pace: &'static str,
    pub behind_pace: &'static str,
    /// The mark of figures summed from the units below, and what it means.
    pub derived_note: &'static str,
    pub charts: &'static str,
    /// A chart's numbers, for readers who cannot see it (HTML).
    pub chart_data: &'static str,
    pub definitions_and_sources: &'static str,
    /// Indicator, explanation.
    pub definitions: [(&'static str, &'static str); 7],
    /// `{date}`: the day the figures are counted up to.
    pub figures_source: &'static str,
    pub cited: &'static str,
    pub online: &'static str,
    pub contact: &'static str,
    /// `{date}`.
    pub next_release: &'static str,
    /// Page footer: `{page}` and `{total}`.
    pub page: &'static str,
    /// The front page's and data page's links to the bulletin.
    pub share: &'static str,
    pub pdf_link: &'static str,
    pub html_link: &'static str,
    /// For the table of several units side by side.
    pub units: &'static str,
}

pub const VI: BulletinWords = BulletinWords {
    party: "Đảng Cộng sản Việt Nam",
    number: "Số",
    place_date: "{place}, ngày {day} tháng {month} năm {year}",
    date_only: "Ngày {day} tháng {month} năm {year}",
    months: ["01", "02", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"],
    zero_day: true,
    subject: "{period} · Số liệu tính đến ngày {date}",
    subject_no_date: "{period}",
    year_phrase: "năm {period}",
    term_phrase: "kỳ {period}",
    year_title: "Năm {period}",
    term_title: "Kỳ {period}",
    headline_target: "Tính đến ngày {date}, {unit} đã kết nạp {admitted} đảng viên mới, đạt {pct} chỉ tiêu {target} đảng viên {period}.",
    headline_one: "Tính đến ngày {date}, {unit} đã kết nạp {admitted} đảng viên mới {period}.",
    headline_many: "Tính đến ngày {date}, {count} đơn vị đã kết nạp tổng cộng {admitted} đảng viên mới {period}.",
    main_points: "Những điểm chính",
    key_figures: "Số liệu chủ yếu",
    admitted: "Kết nạp",
    new_members: "đảng viên mới",
    target: "Chỉ tiêu",
    achievement: "Tỷ lệ đạt chỉ tiêu",
    of_target: "{admitted}/{target} đảng viên",
    change_on: "So với năm {previous}",
    no_target: "Không có chỉ tiêu riêng",
    share_of_admitted: "Tỷ lệ trong số đảng viên mới",
    results: "Kết quả của các đơn vị",
    table_caption_parent: "Kết quả kết nạp đảng viên của các đơn vị trực thuộc {parent}, {period}",
    table_caption: "Kết quả kết nạp đảng viên của các đơn vị, {period}",
    unit: "Đơn vị",
    status: "Đánh giá",
    change: "So với năm trước",
    rank: "Xếp hạng",
    exceeded: "Vượt chỉ tiêu",
    achieved: "Đạt chỉ tiêu",
    behind: "Chưa đạt",
    on_pace: "Đúng tiến độ",
    behind_pace: "Chậm tiến độ",
    derived_note: "Σ: số liệu tổng hợp từ các đơn vị trực thuộc, không có chỉ tiêu riêng.",
    charts: "Biểu đồ",
    chart_data: "Số liệu của biểu đồ",
    definitions_and_sources: "Giải thích chỉ tiêu và nguồn số liệu",
    definitions: [
        ("Kết nạp", "số quần chúng được kết nạp vào Đảng trong kỳ, tính đến ngày ghi trên bản tin."),
        (
            "Tỷ lệ đạt chỉ tiêu",
            "số kết nạp chia cho chỉ tiêu được giao, nhân 100 (ví dụ: 929/850 là 109,3%).",
        ),
        (
            "Đánh giá",
            "“Vượt chỉ tiêu” khi số kết nạp lớn hơn chỉ tiêu (hoặc mức trên của khoảng chỉ tiêu); “Đạt chỉ tiêu” khi bằng chỉ tiêu; còn lại là “Chưa đạt”.",
        ),
        ("Cơ cấu", "số đảng viên mới thuộc từng thành phần chia cho tổng số kết nạp, nhân 100."),
        (
            "So với năm trước",
            "chênh lệch số kết nạp so với cùng thời điểm năm trước của cùng đơn vị, và tỷ lệ phần trăm của chênh lệch đó.",
        ),
        (
            "Xếp hạng",
            "thứ hạng theo số kết nạp giữa các đơn vị cùng cấp có số liệu cùng kỳ; đơn vị bằng nhau cùng hạng.",
        ),
        (
            "Tổng hợp (Σ)",
            "đơn vị không có báo cáo riêng trong kỳ được cộng từ báo cáo của các đơn vị trực thuộc.",
        ),
    ],
    figures_source: "Số liệu do các đơn vị báo cáo, tính đến ngày {date}; tỷ lệ được làm tròn khi hiển thị.",
    cited: "Nguồn được dẫn",
    online: "Bản tin điện tử và toàn bộ số liệu",
    contact: "Liên hệ",
    next_release: "Bản tin số tiếp theo dự kiến phát hành ngày {date}.",
    page: "Trang {page}/{total}",
    share: "Bản tin để gửi và in",
    pdf_link: "Tải bản PDF (khổ A4)",
    html_link: "Bản HTML một tệp (xem trên điện thoại)",
    units: "các đơn vị",
};

pub const EN: BulletinWords = BulletinWords {
    party: "Communist Party of Viet Nam",
    number: "No.",
    place_date: "{place}, {day} {month} {year}",
    date_only: "{day} {month} {year}",
    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    zero_day: false,
    subject: "{period} · Figures as of {date}",
    subject_no_date: "{period}",
    year_phrase: "in {period}",
    term_phrase: "in the period {period}",
    year_title: "Year {period}",
    term_title: "Period {period}",
    headline_target: "As of {date}, {unit} has admitted {admitted} new party members, {pct} of its target of {target} {period}.",
    headline_one: "As of {date}, {unit} has admitted {admitted} new party members {period}.",
    headline_many: "As of {date}, {count} units have admitted {admitted} new party members in all {period}.",
    main_points: "Main points",
    key_figures: "Key figures",
    admitted: "Admitted",
    new_members: "new party members",
    target: "Target",
    achievement: "Achievement of target",
    of_target: "{admitted} of {target}",
    change_on: "Change on {previous}",
    no_target: "No target of its own",
    share_of_admitted: "Share of the new members",
    results: "Results by unit",
    table_caption_parent: "Admissions of the units under {parent}, {period}",
    table_caption: "Admissions by unit, {period}",
    unit: "Unit",
    status: "Status",
    change: "Change on previous year",
    rank: "Rank",
    exceeded: "Exceeded",
    achieved: "Achieved",
    behind: "Behind",
    on_pace: "On pace",
    behind_pace: "Behind pace",
    derived_note: "Σ: summed from the units below; no target of its own.",
    charts: "Charts",
    chart_data: "Chart data",
    definitions_and_sources: "Definitions and sources",
    definitions: [
        ("Admitted", "people admitted to the Party in the period, counted up to the date of this bulletin."),
        (
            "Achievement of target",
            "admissions divided by the target, times 100 (for example, 929 of 850 is 109.3%).",
        ),
        (
            "Status",
            "“Exceeded” when admissions are above the target (or the top of a target range); “Achieved” when they reach it; otherwise “Behind”.",
        ),
        ("Composition", "new members in each group divided by all admissions, times 100."),
        (
            "Change on previous year",
            "the difference from the same unit's admissions at the same date of the previous year, and that difference as a percentage.",
        ),
        (
            "Rank",
            "by admissions, among the units at the same level with figures for the same period; ties share a rank.",
        ),
        (
            "Summed (Σ)",
            "a unit without a report of its own for the period is summed from the units below it.",
        ),
    ],
    figures_source: "Figures reported by the units, as of {date}; percentages are rounded for display.",
    cited: "Sources cited",
    online: "Online bulletin and all figures",
    contact: "Contact",
    next_release: "The next issue is due on {date}.",
    page: "Page {page} of {total}",
    share: "The bulletin to share and print",
    pdf_link: "Download the PDF (A4)",
    html_link: "One-file HTML (for phones)",
    units: "units",
};

/// The words of one language.
pub fn words(language: Language) -> &'static BulletinWords {
    match language {
        Language::Vi => &VI,
        Language::En => &EN,
    }
}

/// A pattern with its `{name}` blanks filled; blanks without a value stay as written.
pub fn fill(pattern: &str, values: &[(&str, &str)]) -> String {
    let mut out = pattern.to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_is_written_in_both_languages() {
        for w in [&VI, &EN] {
            let json = serde_json::to_value(w).unwrap();
            let mut texts = Vec::new();
            fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
                match v {
                    serde_json::Value::String(s) => out.push(s.clone()),
                    serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
                    serde_json::Value::Object(o) => o.values().for_each(|x| walk(x, out)),
                    _ => {}
                }
            }
            walk(&json, &mut texts);
            assert!(texts.len() > 60, "{}", texts.len());
            assert!(texts.iter().all(|t| !t.trim().is_empty()), "an empty word");
        }
    }

    #[test]
    fn patterns_take_their_values() {
        let line =
            fill(VI.place_date, &[("place", "Khánh Hòa"), ("day", "10"), ("month", "5"), ("year", "2024")]);
        assert_eq!(line, "Khánh Hòa, ngày 10 tháng 5 năm 2024");
        assert_eq!(fill(EN.page, &[("page", "1"), ("total", "3")]), "Page 1 of 3");
    }
}
