//! Every label of the built-in theme, in Vietnamese and English.

use crate::model::Language;
use std::collections::BTreeMap;

/// key, Vietnamese, English.
const LABELS: &[(&str, &str, &str)] = &[
    ("home", "Trang chủ", "Home"),
    ("news", "Tin tức", "News"),
    ("units", "Đơn vị", "Units"),
    ("tags", "Chủ đề", "Topics"),
    ("data", "Số liệu", "Data"),
    ("skip", "Chuyển đến nội dung", "Skip to content"),
    ("main_nav", "Điều hướng chính", "Main navigation"),
    ("breadcrumb", "Đường dẫn", "Breadcrumb"),
    ("period", "Kỳ", "Period"),
    ("as_of", "Tính đến", "As of"),
    ("admitted", "Kết nạp", "Admitted"),
    ("admitted_long", "Đảng viên mới được kết nạp", "New members admitted"),
    ("target", "Chỉ tiêu", "Target"),
    ("targets", "Chỉ tiêu", "Targets"),
    ("achievement", "Tỷ lệ đạt", "Achievement"),
    ("status", "Tình trạng", "Status"),
    ("status_exceeded", "Vượt chỉ tiêu", "Exceeded"),
    ("status_achieved", "Đạt chỉ tiêu", "Achieved"),
    ("status_behind", "Chưa đạt", "Behind"),
    ("set_by", "Cơ quan giao", "Set by"),
    ("deadline", "Thời hạn", "Deadline"),
    ("change", "So với năm trước", "Change on previous year"),
    ("rank", "Xếp hạng", "Rank"),
    ("rank_admitted", "Hạng theo số kết nạp", "Rank by admissions"),
    ("rank_achievement", "Hạng theo tỷ lệ đạt", "Rank by achievement"),
    ("of", "trên", "of"),
    ("members", "Tổng số đảng viên", "Party members"),
    ("organizations", "Tổ chức đảng trực thuộc", "Subordinate organisations"),
    ("admission_rate", "Tỷ lệ kết nạp / đảng viên", "Admissions per member"),
    ("composition", "Cơ cấu đảng viên mới", "Composition of the admitted"),
    ("category", "Thành phần", "Category"),
    ("count", "Số lượng", "Count"),
    ("share", "Tỷ lệ", "Share"),
    ("training", "Bồi dưỡng", "Training"),
    ("awareness_classes", "Lớp bồi dưỡng nhận thức về Đảng", "Party awareness classes"),
    ("awareness_trainees", "Quần chúng được bồi dưỡng", "Awareness trainees"),
    ("new_member_classes", "Lớp bồi dưỡng đảng viên mới", "New-member classes"),
    ("new_member_trainees", "Đảng viên mới được bồi dưỡng", "New-member trainees"),
    ("conversion", "Tỷ lệ kết nạp / người được bồi dưỡng", "Admitted per awareness trainee"),
    ("confirmed", "Chuyển đảng viên chính thức", "Made full members"),
    ("pace", "Tiến độ", "Pace"),
    ("elapsed", "Thời gian đã qua", "Time elapsed"),
    ("expected", "Mức cần đạt đến nay", "Expected by now"),
    ("pace_pct", "Tiến độ so với kế hoạch", "Pace against plan"),
    ("projected", "Dự kiến cuối kỳ", "Projected at deadline"),
    ("required_per_month", "Cần kết nạp mỗi tháng", "Needed per month"),
    ("days", "ngày", "days"),
    ("derived", "Tổng hợp từ đơn vị trực thuộc", "Summed from subordinate units"),
    ("snapshots", "Các lần cập nhật trong kỳ", "Updates during the period"),
    ("source", "Nguồn", "Source"),
    ("note", "Ghi chú", "Note"),
    ("author", "Tác giả", "Author"),
    ("published", "Ngày đăng", "Published"),
    ("main_points", "Điểm chính", "Main points"),
    ("headline", "Số liệu chính", "Key figures"),
    ("ranking", "Xếp hạng các đơn vị", "Ranking of units"),
    ("children", "Đơn vị trực thuộc", "Subordinate units"),
    ("unit", "Đơn vị", "Unit"),
    ("figures", "Số liệu theo kỳ", "Figures by period"),
    ("latest_news", "Tin mới", "Latest news"),
    ("all_news", "Tất cả tin", "All news"),
    ("unit_news", "Tin về đơn vị", "News about this unit"),
    ("charts", "Biểu đồ", "Charts"),
    ("chart_data", "Số liệu của biểu đồ", "Chart data"),
    ("no_data", "Chưa có số liệu", "No data yet"),
    ("no_news", "Chưa có tin", "No news yet"),
    ("contact", "Liên hệ", "Contact"),
    ("next_release", "Kỳ cập nhật tiếp theo", "Next release"),
    ("page", "Trang", "Page"),
    ("previous_page", "Trang trước", "Previous page"),
    ("next_page", "Trang sau", "Next page"),
    ("pagination", "Phân trang", "Pagination"),
    ("tagged", "Tin theo chủ đề", "News on"),
    ("articles_count", "bài", "articles"),
    ("units_in_article", "Số liệu của đơn vị được nêu", "Figures of the units named"),
    ("downloads", "Tải số liệu", "Download the data"),
    ("json_file", "Toàn bộ chỉ số (JSON)", "All indicators (JSON)"),
    ("csv_file", "Bảng chỉ số (CSV, mở được bằng Excel)", "Indicator table (CSV, opens in spreadsheets)"),
    ("definitions", "Cách tính các chỉ số", "How the indicators are computed"),
    ("not_found", "Không tìm thấy trang", "Page not found"),
    (
        "not_found_text",
        "Trang bạn tìm không có trong bản tin. Hãy về trang chủ hoặc xem danh sách tin.",
        "The page you asked for is not in this bulletin. Go to the front page or the list of news.",
    ),
    ("feed", "Theo dõi tin (Atom)", "News feed (Atom)"),
    ("sub_units", "Đơn vị cấp dưới", "Units below"),
    ("all_units", "Tất cả đơn vị", "All units"),
    ("summary_of", "Tổng hợp", "Summary of"),
    ("read_more", "Đọc tiếp", "Read more"),
    ("task_done", "Đã xong", "Done"),
    ("task_open", "Chưa xong", "Not done"),
];

/// The labels of one language, for templates (`{{ l.admitted }}`).
pub fn labels(language: Language) -> BTreeMap<&'static str, &'static str> {
    LABELS.iter().map(|&(key, vi, en)| (key, if language == Language::Vi { vi } else { en })).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_exists_in_both_languages() {
        let mut keys = std::collections::HashSet::new();
        for (key, vi, en) in LABELS {
            assert!(keys.insert(key), "{key} twice");
            assert!(!vi.is_empty() && !en.is_empty(), "{key}");
        }
        assert_eq!(labels(Language::En)["admitted"], "Admitted");
    }
}
