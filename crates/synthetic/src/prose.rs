//! Vietnamese-looking prose from word lists: sentences, paragraphs, headings, lists,
//! tables and footnotes for the bodies of synthetic articles. It reads like a local
//! news report at a glance and means nothing.

use super::rng::Rng;

/// Who does something, written as inside a sentence (names keep their capitals).
const SUBJECTS: [&str; 24] = [
    "Ban Thường vụ",
    "cấp ủy",
    "chi bộ",
    "Đảng ủy",
    "Ban Tổ chức",
    "Ban Tuyên giáo",
    "Đoàn Thanh niên",
    "Hội Liên hiệp Phụ nữ",
    "Mặt trận Tổ quốc",
    "Hội Cựu chiến binh",
    "công đoàn cơ sở",
    "Trung tâm Chính trị",
    "các tổ chức cơ sở đảng",
    "bí thư chi bộ",
    "đảng viên",
    "quần chúng ưu tú",
    "đoàn viên",
    "hội viên",
    "các chi bộ trực thuộc",
    "tổ công tác",
    "Ủy ban Kiểm tra",
    "lãnh đạo địa phương",
    "Ban Dân vận",
    "giáo viên và học sinh",
];
const VERBS: [&str; 30] = [
    "triển khai",
    "quán triệt",
    "tổ chức",
    "rà soát",
    "bồi dưỡng",
    "giới thiệu",
    "kết nạp",
    "theo dõi",
    "giúp đỡ",
    "đánh giá",
    "kiện toàn",
    "củng cố",
    "nâng cao",
    "đổi mới",
    "phát huy",
    "tuyên truyền",
    "vận động",
    "hướng dẫn",
    "kiểm tra",
    "giám sát",
    "tổng kết",
    "biểu dương",
    "khen thưởng",
    "xây dựng",
    "thực hiện",
    "hoàn thiện",
    "lựa chọn",
    "tạo nguồn",
    "phân công",
    "đôn đốc",
];
const OBJECTS: [&str; 32] = [
    "công tác phát triển đảng viên",
    "nguồn kết nạp",
    "hồ sơ đề nghị kết nạp",
    "lớp nhận thức về Đảng",
    "chất lượng sinh hoạt chi bộ",
    "nghị quyết của cấp ủy",
    "kế hoạch năm",
    "chỉ tiêu được giao",
    "đoàn viên ưu tú",
    "học sinh lớp 12",
    "người lao động trong doanh nghiệp",
    "đồng bào dân tộc thiểu số",
    "người có uy tín ở thôn, bản",
    "quy trình xét kết nạp",
    "lý lịch của quần chúng",
    "phong trào thi đua",
    "mô hình dân vận khéo",
    "tổ dân phố",
    "các thôn chưa có chi bộ",
    "đảng viên dự bị",
    "việc chuyển đảng chính thức",
    "công tác kiểm tra, giám sát",
    "tài liệu học tập",
    "nội dung sinh hoạt",
    "cuộc vận động",
    "đội ngũ cấp ủy viên",
    "quần chúng tích cực",
    "nhiệm vụ chính trị",
    "tiêu chuẩn đảng viên",
    "công tác cán bộ",
    "các hộ gia đình",
    "lực lượng dân quân",
];
const COMPLEMENTS: [&str; 30] = [
    "một cách kịp thời",
    "theo đúng quy định",
    "ngay từ đầu năm",
    "trên địa bàn",
    "trong toàn đảng bộ",
    "gắn với nhiệm vụ chính trị của địa phương",
    "qua từng quý",
    "với nhiều cách làm mới",
    "bằng những việc làm cụ thể",
    "tại các thôn, khu dân cư",
    "trong các trường học",
    "ở khu vực doanh nghiệp",
    "theo tinh thần nghị quyết",
    "một cách thường xuyên",
    "sát với thực tế",
    "trong thời gian tới",
    "cho những năm tiếp theo",
    "để không bỏ sót người tốt",
    "nhằm nâng cao chất lượng",
    "có trọng tâm, trọng điểm",
    "từ cơ sở",
    "đến từng chi bộ",
    "với sự đồng thuận của nhân dân",
    "dù còn nhiều khó khăn",
    "ngay tại cơ sở",
    "một cách nghiêm túc",
    "theo kế hoạch đề ra",
    "trong suốt nhiệm kỳ",
    "qua các đợt sinh hoạt",
    "bảo đảm chất lượng",
];
const OPENERS: [&str; 18] = [
    "Thời gian qua,",
    "Bên cạnh đó,",
    "Đồng thời,",
    "Theo báo cáo,",
    "Năm nay,",
    "Cũng trong dịp này,",
    "Ngoài ra,",
    "Nhờ vậy,",
    "Trước đó,",
    "Tại hội nghị,",
    "Qua rà soát,",
    "Từ đầu năm,",
    "Hiện nay,",
    "Cụ thể,",
    "Tuy nhiên,",
    "Thực tế cho thấy,",
    "Với quyết tâm đó,",
    "Trong năm,",
];
const HEADINGS: [&str; 16] = [
    "Chú trọng tạo nguồn",
    "Những cách làm hay",
    "Khó khăn và vướng mắc",
    "Nhiệm vụ thời gian tới",
    "Kết quả nổi bật",
    "Đổi mới sinh hoạt chi bộ",
    "Bồi dưỡng quần chúng ưu tú",
    "Phát huy vai trò đoàn thể",
    "Sát sao từng hồ sơ",
    "Bài học kinh nghiệm",
    "Ý kiến tại hội nghị",
    "Giải pháp trọng tâm",
    "Nguồn kết nạp ở doanh nghiệp",
    "Ở những thôn khó khăn",
    "Chất lượng hơn số lượng",
    "Hướng tới đại hội",
];
pub const TAGS: [&str; 28] = [
    "kết nạp đảng viên",
    "chỉ tiêu năm",
    "chỉ tiêu nhiệm kỳ",
    "bồi dưỡng nhận thức",
    "đảng viên mới",
    "quần chúng ưu tú",
    "sinh hoạt chi bộ",
    "đoàn thanh niên",
    "phụ nữ",
    "đồng bào dân tộc thiểu số",
    "doanh nghiệp ngoài nhà nước",
    "học sinh",
    "sinh viên",
    "tôn giáo",
    "cựu chiến binh",
    "hội nghị",
    "đại hội",
    "nghị quyết",
    "kiểm tra giám sát",
    "thôn chưa có chi bộ",
    "chuyển đảng chính thức",
    "dân vận khéo",
    "khen thưởng",
    "nông thôn mới",
    "chuyển đổi số",
    "tổng kết năm",
    "sơ kết quý",
    "cơ cấu đảng viên mới",
];

/// A sentence of 10 to 25 words ending in a full stop.
pub fn sentence(rng: &mut Rng) -> String {
    let mut s = String::new();
    if rng.chance(0.35) {
        s.push_str(rng.pick(&OPENERS));
        s.push(' ');
        s.push_str(rng.pick(&SUBJECTS));
    } else {
        s.push_str(&upper_first(rng.pick(&SUBJECTS)));
    }
    for i in 0..rng.range(1, 2) {
        s.push_str(if i == 0 { " " } else { ", " });
        s.push_str(rng.pick(&VERBS));
        s.push(' ');
        s.push_str(rng.pick(&OBJECTS));
    }
    s.push(' ');
    s.push_str(rng.pick(&COMPLEMENTS));
    s.push('.');
    s
}

/// What an everyday article's title says a unit did: "nâng cao chất lượng sinh hoạt chi bộ".
pub fn headline(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(&VERBS), rng.pick(&OBJECTS))
}

pub fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// A paragraph of 3 to 6 sentences, now and then with an emphasised phrase.
pub fn paragraph(rng: &mut Rng) -> String {
    let n = rng.range(3, 6);
    let mut sentences: Vec<String> = (0..n).map(|_| sentence(rng)).collect();
    if rng.chance(0.15) {
        let i = rng.below(sentences.len());
        sentences[i] = format!("**{}**", sentences[i]);
    }
    sentences.join(" ")
}

pub fn heading(rng: &mut Rng) -> String {
    format!("## {}", rng.pick(&HEADINGS))
}

/// A bulleted or numbered list of short tasks; now and then a task list.
pub fn list(rng: &mut Rng) -> String {
    let n = rng.range(3, 5);
    let style = rng.below(6);
    (1..=n)
        .map(|i| {
            let item = format!("{} {} {}", rng.pick(&VERBS), rng.pick(&OBJECTS), rng.pick(&COMPLEMENTS));
            let item = upper_first(&item);
            match style {
                0 => format!("{i}. {item};"),
                1 => format!("- [{}] {item}", if rng.chance(0.5) { "x" } else { " " }),
                _ => format!("- {item};"),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// A quotation from a made-up official.
pub fn quote(rng: &mut Rng) -> String {
    format!("> {}\n>\n> — {}", sentence(rng), rng.pick(&super::news::AUTHORS))
}

/// A sentence with a struck-out first draft of its last words.
pub fn correction(rng: &mut Rng) -> String {
    let s = sentence(rng);
    format!("{} ~~{}~~ {}.", s.trim_end_matches('.'), rng.pick(&COMPLEMENTS), rng.pick(&COMPLEMENTS))
}

/// A paragraph that cites its source in a footnote, and the footnote itself.
pub fn footnoted(rng: &mut Rng, note: &str) -> (String, String) {
    let text = paragraph(rng);
    (format!("{}[^1]", text), format!("[^1]: {note}"))
}

/// Markdown table rows from a header and rows of cells.
pub fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = format!("| {} |\n|", header.join(" | "));
    for i in 0..header.len() {
        out.push_str(if i == 0 { " --- |" } else { " ---: |" });
    }
    for row in rows {
        out.push_str(&format!("\n| {} |", row.join(" | ")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_are_long_enough_and_capitalised() {
        let mut rng = Rng::new(3);
        for _ in 0..100 {
            let s = sentence(&mut rng);
            assert!(words(&s) >= 8, "{s}");
            assert!(s.chars().next().unwrap().is_uppercase(), "{s}");
            assert!(s.ends_with('.'));
        }
    }

    #[test]
    fn tables_have_a_separator_row() {
        let t = table(&["Đơn vị", "Kết nạp"], &[vec!["Xã A".into(), "12".into()]]);
        assert_eq!(t, "| Đơn vị | Kết nạp |\n| --- | ---: |\n| Xã A | 12 |");
    }
}
