//! Tiếng Việt: the product's language, as an organisation board's written guidance puts it.

use super::{
    Built, ByStanding, CategoryLabels, ChartLabels, Column, ContentCounts, Definition, Help, Labels, Named,
    OutColumns, Progress, ReportColumns, SearchLabels, Setting, SheetLabels, SiteSettings, Starter,
    TrainingFacts, UnitColumns, Usage, Words,
};
use crate::locale::Locale;
use crate::model::Language;
use crate::model::period::PeriodKind;
#[cfg(feature = "serve")]
use crate::serve::ServeError;
use crate::write::Refusal;
use std::path::Path;

pub struct Vi;

/// `1.234`: counts grouped as Vietnamese writes them.
fn n<T: TryInto<u64>>(count: T) -> String {
    Locale::new(Language::Vi).integer(count.try_into().unwrap_or(u64::MAX))
}

/// `; đạt hoặc vượt chỉ tiêu 2/9 năm có chỉ tiêu`, or nothing when no year had a
/// target; `targets` is (years reached, years with a target).
fn years_reached(targets: Option<(usize, usize)>) -> String {
    targets.map_or_else(String::new, |(reached, of)| {
        format!("; đạt hoặc vượt chỉ tiêu {}/{} năm có chỉ tiêu", n(reached), n(of))
    })
}

/// What to do instead, after every refusal of an output folder.
const ELSEWHERE: &str = "hãy chọn một thư mục mới hoặc thư mục trống bằng --output THƯ_MỤC";

pub static VI: Labels = Labels {
    home: "Trang chủ",
    news: "Tin tức",
    units: "Đơn vị",
    tags: "Chủ đề",
    data: "Số liệu",
    skip: "Chuyển đến nội dung",
    main_nav: "Điều hướng chính",
    breadcrumb: "Đường dẫn",
    period: "Kỳ",
    as_of: "Tính đến",
    admitted: "Kết nạp",
    admitted_long: "Đảng viên mới được kết nạp",
    target: "Chỉ tiêu",
    targets: "Chỉ tiêu",
    achievement: "Tỷ lệ đạt",
    status: "Tình trạng",
    status_exceeded: "Vượt chỉ tiêu",
    status_achieved: "Đạt chỉ tiêu",
    status_behind: "Chưa đạt",
    status_on_pace: "Đúng tiến độ",
    status_behind_pace: "Chậm tiến độ",
    set_by: "Cơ quan giao",
    deadline: "Thời hạn",
    change: "So với cùng kỳ năm trước",
    change_whole_year: "So với năm trước",
    no_comparable: "Chưa có số liệu cùng kỳ năm trước",
    rank: "Xếp hạng",
    rank_admitted: "Hạng theo số kết nạp",
    rank_achievement: "Hạng theo tỷ lệ đạt",
    of: "trên",
    members: "Tổng số đảng viên",
    members_at_start: "Đảng viên đầu kỳ",
    organizations: "Tổ chức đảng trực thuộc",
    admission_rate: "Tỷ lệ kết nạp / đảng viên",
    composition: "Cơ cấu đảng viên mới",
    category: "Thành phần",
    count: "Số lượng",
    share: "Tỷ lệ",
    training: "Bồi dưỡng",
    awareness_classes: "Lớp bồi dưỡng nhận thức về Đảng",
    awareness_trainees: "Quần chúng được bồi dưỡng",
    new_member_classes: "Lớp bồi dưỡng đảng viên mới",
    new_member_trainees: "Đảng viên mới được bồi dưỡng",
    conversion: "Tỷ lệ kết nạp / người được bồi dưỡng",
    confirmed: "Chuyển đảng viên chính thức",
    pace: "Tiến độ",
    elapsed: "Thời gian đã qua",
    expected: "Mức cần đạt đến nay",
    pace_pct: "Tiến độ so với kế hoạch",
    projected: "Dự kiến cuối kỳ",
    required_per_month: "Cần kết nạp mỗi tháng",
    days: "ngày",
    derived: "Tổng hợp từ đơn vị trực thuộc",
    snapshots: "Các lần cập nhật trong kỳ",
    source: "Nguồn",
    note: "Ghi chú",
    author: "Tác giả",
    published: "Ngày đăng",
    main_points: "Điểm chính",
    headline: "Số liệu chính",
    ranking: "Xếp hạng các đơn vị",
    by_achievement_order: "Xếp theo tỷ lệ đạt chỉ tiêu",
    by_admitted_order: "Xếp theo số kết nạp",
    without_target: "Đơn vị chưa có chỉ tiêu",
    children: "Đơn vị trực thuộc",
    unit: "Đơn vị",
    figures: "Số liệu theo kỳ",
    latest_news: "Tin mới",
    all_news: "Tất cả tin",
    unit_news: "Tin về đơn vị",
    charts: "Biểu đồ",
    chart_data: "Số liệu của biểu đồ",
    no_data: "Chưa có số liệu",
    no_news: "Chưa có tin",
    contact: "Liên hệ",
    next_release: "Kỳ cập nhật tiếp theo",
    page: "Trang",
    previous_page: "Trang trước",
    next_page: "Trang sau",
    pagination: "Phân trang",
    tagged: "Tin theo chủ đề",
    articles_count: "bài",
    units_in_article: "Số liệu của đơn vị được nêu",
    downloads: "Tải số liệu",
    json_file: "Toàn bộ chỉ số (JSON)",
    csv_file: "Bảng chỉ số (CSV, dạng máy đọc: số viết với dấu chấm thập phân)",
    xlsx_file: "Bảng chỉ số (Excel, LibreOffice): một trang báo cáo, một trang chỉ tiêu",
    spreadsheet_advice: "Để xem hoặc tính tiếp bằng Excel hay LibreOffice, hãy mở tệp indicators.xlsx: số, \
                         tỷ lệ và ngày hiện đúng trên mọi máy. Tệp CSV dành cho các chương trình xử lý số \
                         liệu; mở trực tiếp bằng Excel trên máy cài tiếng Việt, các số thập phân có thể bị \
                         đọc sai.",
    chart_downloads: "Tải bảng số liệu này",
    definitions: "Cách tính các chỉ số",
    not_found: "Không tìm thấy trang",
    not_found_text: "Trang bạn tìm không có trong bản tin. Hãy về trang chủ hoặc xem danh sách tin.",
    feed: "Theo dõi tin (Atom)",
    sub_units: "Đơn vị cấp dưới",
    sub_units_no_figures: "Đơn vị trực thuộc chưa có số liệu kỳ này",
    latest_figures: "Số liệu mới nhất",
    period_details: "Chi tiết từng kỳ",
    show_ranking: "Xem bảng xếp hạng",
    first_page: "Trang đầu",
    last_page: "Trang cuối",
    archive: "Lưu trữ theo tháng",
    all_units: "Tất cả đơn vị",
    summary_of: "Tổng hợp",
    read_more: "Đọc tiếp",
    task_done: "Đã xong",
    task_open: "Chưa xong",
    youth_in_sentence: "đoàn viên thanh niên",
    women_in_sentence: "nữ",
    summed_mark: "(tổng hợp)",
    search: SearchLabels {
        label: "Tìm kiếm",
        button: "Tìm",
        hint: "Gõ tên hoặc mã đơn vị, hay từ khóa trong tin bài; có dấu hoặc không dấu đều được, \
               ví dụ “dang vien” hay “Đắk Lắk”.",
        needs_script: "Muốn tìm kiếm, trình duyệt cần bật JavaScript. Bạn vẫn có thể tìm đơn vị ở mục \
                       “Đơn vị” và tin bài ở mục “Tin tức”.",
        found_one: "Tìm thấy 1 kết quả",
        found: "Tìm thấy {n} kết quả",
        none: "Không tìm thấy kết quả nào",
        more: "Xem thêm kết quả",
        unavailable: "Không mở được dữ liệu tìm kiếm. Hãy mở bản tin từ thư mục đầy đủ hoặc từ trang web \
                      của bản tin.",
    },
    glossary: [
        Definition {
            term: "Kết nạp",
            text: "Số quần chúng được kết nạp vào Đảng trong kỳ, tính đến ngày ghi ở cột “Tính đến”.",
        },
        Definition {
            term: "Tỷ lệ đạt chỉ tiêu",
            text: "Số kết nạp chia cho chỉ tiêu, nhân 100. Ví dụ: kết nạp 929 trên chỉ tiêu 850 là 109,3%.",
        },
        Definition {
            term: "Tình trạng",
            text: "“Vượt chỉ tiêu” khi số kết nạp lớn hơn chỉ tiêu (hoặc lớn hơn mức trên của một khoảng \
                   chỉ tiêu); “Đạt chỉ tiêu” khi bằng hoặc cao hơn chỉ tiêu. Khi chưa đạt mà chưa đến hạn: \
                   “Đúng tiến độ” nếu số kết nạp bằng hoặc cao hơn mức cần đạt đến nay, còn lại là “Chậm \
                   tiến độ”; đã đến hạn mà chưa đạt là “Chưa đạt”.",
        },
        Definition {
            term: "Chỉ tiêu theo tỷ lệ",
            text: "Chỉ tiêu giao bằng tỷ lệ so với số đảng viên đầu kỳ (ví dụ 3–4%) được quy ra số người: \
                   3% của 5.544 đảng viên là 166,32, tức phải kết nạp ít nhất 167 người. Tỷ lệ đạt và tình \
                   trạng tính theo số chưa làm tròn.",
        },
        Definition {
            term: "Cơ cấu",
            text: "Số đảng viên mới thuộc từng thành phần (đoàn viên thanh niên, nữ, dân tộc thiểu số…) \
                   chia cho tổng số kết nạp, nhân 100. Không tính khi kết nạp bằng 0.",
        },
        Definition {
            term: "Tỷ lệ kết nạp / đảng viên",
            text: "Số kết nạp chia cho tổng số đảng viên của đơn vị, nhân 100.",
        },
        Definition {
            term: "Tỷ lệ kết nạp / người được bồi dưỡng",
            text: "Số kết nạp chia cho số quần chúng được bồi dưỡng nhận thức về Đảng, nhân 100.",
        },
        Definition {
            term: "Tiến độ",
            text: "Khi kỳ chưa đến hạn: số ngày đã qua (tính cả ngày đầu và ngày cuối) so với tổng số \
                   ngày đến hạn; mức cần đạt đến nay = chỉ tiêu × ngày đã qua ÷ tổng số ngày; tiến độ = \
                   số kết nạp ÷ mức cần đạt; dự kiến cuối kỳ = số kết nạp × tổng số ngày ÷ ngày đã qua; \
                   số cần kết nạp mỗi tháng = phần còn thiếu ÷ số tháng còn lại (một tháng tính 30,4375 \
                   ngày).",
        },
        Definition {
            term: "So với cùng kỳ năm trước",
            text: "Với kỳ là một năm: chênh lệch số kết nạp so với số của cùng đơn vị tính đến cùng ngày \
                   năm trước (hoặc ngày gần nhất trong vòng 7 ngày), và chênh lệch đó tính theo phần trăm \
                   của năm trước. Số cả năm so với cả năm trước. Không có số liệu cùng kỳ thì không so sánh.",
        },
        Definition {
            term: "Xếp hạng",
            text: "So với các đơn vị cùng cấp trên có số liệu cùng kỳ: theo số kết nạp và theo tỷ lệ đạt \
                   chỉ tiêu thứ nhất; các đơn vị bằng nhau cùng hạng (1, 2, 2, 4).",
        },
        Definition {
            term: "Tổng hợp (Σ)",
            text: "Khi một đơn vị không có báo cáo riêng cho một kỳ, số liệu của nó là tổng của các đơn vị \
                   trực thuộc có báo cáo; “Σ 3/4 đơn vị” nghĩa là tổng của 3 trong 4 đơn vị trực thuộc. Số \
                   liệu tổng hợp không có chỉ tiêu. Một chỉ số chỉ được cộng khi mọi đơn vị được cộng đều \
                   có chỉ số đó.",
        },
    ],
    categories: CategoryLabels {
        youth: "Đoàn viên thanh niên",
        women: "Nữ",
        ethnic_minority: "Dân tộc thiểu số",
        religious: "Người theo tôn giáo",
        pupils: "Học sinh",
        students: "Sinh viên",
        enterprise_workers: "Người lao động trong doanh nghiệp",
        postgraduate: "Trình độ sau đại học",
        university: "Trình độ đại học",
    },
    chart: ChartLabels {
        status: ByStanding {
            behind: "chưa đạt",
            behind_pace: "chậm tiến độ",
            on_pace: "đúng tiến độ",
            achieved: "đạt",
            exceeded: "vượt",
        },
        legend: ByStanding {
            behind: "Chưa đạt chỉ tiêu",
            behind_pace: "Chưa đến hạn, chậm tiến độ",
            on_pace: "Chưa đến hạn, đúng tiến độ",
            achieved: "Đạt chỉ tiêu",
            exceeded: "Vượt chỉ tiêu",
        },
        target_line: "100% = chỉ tiêu",
        achievement_axis: "Tỷ lệ đạt chỉ tiêu (số kết nạp so với chỉ tiêu)",
        achievement_headers: ["Đơn vị", "Kết nạp", "Chỉ tiêu", "Tỷ lệ đạt", "Đánh giá"],
        admitted: "Kết nạp",
        target: "Chỉ tiêu",
        target_range: "Khoảng chỉ tiêu",
        years_headers: ["Năm", "Kết nạp", "Chỉ tiêu", "Tỷ lệ đạt"],
        composition_headers: ["Nhóm", "Số người", "Tỷ lệ"],
        admitted_so_far: "Đã kết nạp (cộng dồn)",
        even_pace: "Tiến độ đều đến chỉ tiêu",
        projected_at_pace: "Ước đạt nếu giữ nhịp độ",
        progress_headers: ["Ngày", "Đã kết nạp", "Cần có theo tiến độ", "So với chỉ tiêu"],
        trained_awareness: "Quần chúng ưu tú được bồi dưỡng nhận thức về Đảng",
        admitted_to_party: "Được kết nạp vào Đảng",
        new_members_trained: "Đảng viên mới được bồi dưỡng",
        people_axis: "Số người",
        people_axis_conversion: "Số người; (%) = số được kết nạp so với số quần chúng được bồi dưỡng",
        conversion_row: "Tỷ lệ kết nạp so với số được bồi dưỡng",
        training_headers: ["Nội dung", "Số người", "Số lớp"],
    },
};

pub static VI_SHEETS: SheetLabels = SheetLabels {
    units_sheet: "Đơn vị",
    reports_sheet: "Báo cáo",
    guide_sheet: "Hướng dẫn",
    targets_sheet: "Chỉ tiêu",
    guide_title: "Hướng dẫn nhập số liệu phát triển đảng viên",
    guide_intro: [
        "Trang “Đơn vị” khai báo các tổ chức đảng: mỗi dòng một đơn vị. Trang “Báo cáo” ghi số liệu: \
         mỗi dòng là kết quả của một đơn vị trong một kỳ, tính đến một ngày.",
        "Giữ nguyên dòng tiêu đề (tên các cột) của mỗi trang; có thể bỏ các cột không dùng, thêm dòng \
         tùy ý. Ô để trống là không có số liệu.",
        "Ghi số bằng chữ số, không dùng dấu chấm hay dấu phẩy phân cách hàng nghìn; ngày ghi theo \
         kiểu ngày của Excel hoặc dạng năm-tháng-ngày (2024-05-04).",
        "Lưu tệp trong thư mục data/ của bản tin, rồi chạy bantin check để kiểm tra: mỗi lỗi chỉ rõ \
         tên trang và ô, ví dụ Báo cáo!D12.",
    ],
    guide_headers: ["Cột", "Tên trường", "Bắt buộc", "Ý nghĩa"],
    required: "bắt buộc",
    optional: "không bắt buộc",
    units: UnitColumns {
        id: Column {
            header: "Mã đơn vị",
            note: "Mã riêng của đơn vị, chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang, ví dụ \
                   krong-pac. Không được trùng.",
        },
        name: Column {
            header: "Tên đơn vị", note: "Tên đầy đủ, ví dụ Đảng bộ huyện Krông Pắc."
        },
        kind: Column {
            header: "Loại hình", note: "Loại tổ chức đảng để hiển thị, ví dụ Đảng bộ huyện."
        },
        parent: Column {
            header: "Mã đơn vị cấp trên",
            note: "Mã của đơn vị cấp trên trực tiếp; để trống với đơn vị cao nhất.",
        },
        order: Column {
            header: "Thứ tự",
            note: "Số thứ tự khi xếp các đơn vị cùng cấp; để trống thì xếp theo tên.",
        },
    },
    reports: ReportColumns {
        unit: Column {
            header: "Mã đơn vị", note: "Mã của một đơn vị có trong trang Đơn vị."
        },
        unit_name: Column {
            header: "Tên đơn vị",
            note: "Tên đơn vị để người nhập dễ đối chiếu; bantin không đọc cột này.",
        },
        period: Column {
            header: "Kỳ",
            note: "Một năm (2024) hoặc một nhiệm kỳ (2020-2025). Với kỳ có ngày riêng, ghi tên kỳ ở đây \
                   và ghi thêm Từ ngày, Đến ngày.",
        },
        period_from: Column { header: "Từ ngày", note: "Ngày bắt đầu của kỳ có ngày riêng." },
        period_to: Column { header: "Đến ngày", note: "Ngày kết thúc của kỳ có ngày riêng." },
        as_of: Column {
            header: "Tính đến ngày",
            note: "Ngày chốt số liệu, nằm trong kỳ; để trống là ngày cuối kỳ.",
        },
        admitted: Column {
            header: "Kết nạp",
            note: "Số đảng viên mới được kết nạp trong kỳ, cộng dồn từ đầu kỳ đến ngày chốt số liệu.",
        },
        members: Column {
            header: "Tổng số đảng viên",
            note: "Tổng số đảng viên của đơn vị tại ngày chốt số liệu.",
        },
        members_at_start: Column {
            header: "Đảng viên đầu kỳ",
            note: "Số đảng viên tại ngày đầu kỳ; cần khi chỉ tiêu giao theo tỷ lệ %.",
        },
        organizations: Column {
            header: "Tổ chức đảng trực thuộc", note: "Số tổ chức đảng trực thuộc."
        },
        confirmed: Column {
            header: "Chuyển chính thức",
            note: "Số đảng viên dự bị được công nhận đảng viên chính thức trong kỳ.",
        },
        source: Column {
            header: "Nguồn",
            note: "Đường dẫn (slug) của bài trong news/ hoặc địa chỉ web bắt đầu bằng https://.",
        },
        note: Column { header: "Ghi chú", note: "Ghi chú tùy ý." },
        target_value: Column {
            header: "Chỉ tiêu {n}",
            note: "Chỉ tiêu kết nạp được giao (số người, lớn hơn 0); là mức dưới khi giao theo khoảng.",
        },
        target_max: Column {
            header: "Chỉ tiêu {n} tối đa",
            note: "Mức trên khi chỉ tiêu giao theo khoảng, ví dụ 220 đến 240.",
        },
        target_rate_pct: Column {
            header: "Chỉ tiêu {n} tỷ lệ %",
            note: "Chỉ tiêu giao theo tỷ lệ % so với số đảng viên đầu kỳ, thay cho cột Chỉ tiêu.",
        },
        target_max_rate_pct: Column {
            header: "Chỉ tiêu {n} tỷ lệ % tối đa",
            note: "Mức trên khi chỉ tiêu tỷ lệ giao theo khoảng.",
        },
        target_by: Column { header: "Chỉ tiêu {n} cơ quan giao", note: "Cơ quan giao chỉ tiêu." },
        target_document: Column {
            header: "Chỉ tiêu {n} văn bản",
            note: "Văn bản giao chỉ tiêu, ví dụ Nghị quyết Đại hội.",
        },
        target_deadline: Column {
            header: "Chỉ tiêu {n} thời hạn",
            note: "Hạn hoàn thành, nằm trong kỳ; để trống là ngày cuối kỳ.",
        },
    },
    composition_note: "Số đảng viên mới thuộc nhóm này, không lớn hơn số kết nạp.",
    training_note: "Số lớp hoặc số người được bồi dưỡng trong kỳ.",
    out: OutColumns {
        unit_id: "Mã đơn vị",
        unit_name: "Tên đơn vị",
        unit_path: "Thuộc",
        from: "Từ ngày",
        to: "Đến ngày",
        latest: "Số liệu mới nhất của kỳ",
        derived: "Tổng hợp từ đơn vị trực thuộc",
        target_number: "Chỉ tiêu thứ",
        value: "Chỉ tiêu",
        max: "Chỉ tiêu tối đa",
        document: "Văn bản giao",
        elapsed_days: "Số ngày đã qua",
        total_days: "Tổng số ngày đến hạn",
        elapsed_pct: "Thời gian đã qua",
        change_previous: "Kỳ so sánh",
        change_delta: "Tăng, giảm so với năm trước",
        change_pct: "Tăng, giảm so với năm trước (%)",
        rank_of: "Số đơn vị được xếp hạng",
        count_suffix: "(số người)",
        share_suffix: "(tỷ lệ)",
        source_note: "Số liệu do bantin tính từ các báo cáo; tỷ lệ giữ nguyên độ chính xác, ô chỉ \
                      hiển thị làm tròn.",
    },
};

pub static VI_STARTER: Starter = Starter {
    site_intro: "# Cài đặt của bản tin. Dòng bắt đầu bằng dấu # là lời giải thích, bantin bỏ qua.\n\
                 # Muốn dùng một cài đặt đang tắt, xóa dấu # ở đầu dòng của nó.\n\
                 # Số liệu nằm trong thư mục data/ (bảng tính bao-cao.xlsx), tin bài trong news/.\n",
    site: SiteSettings {
        title: Setting {
            comment: "Tên bản tin (bắt buộc), hiện ở đầu mọi trang.",
            line: "title: Bản tin công tác phát triển đảng viên",
        },
        description: Setting {
            comment: "Một câu giới thiệu bản tin.",
            line: "description: Số liệu và tin tức về công tác phát triển đảng viên",
        },
        base_url: Setting {
            comment: "Địa chỉ web nơi đăng bản tin (bắt buộc), kết thúc bằng dấu /.",
            line: "base_url: https://example.org/ban-tin/",
        },
        language: Setting {
            comment: "Ngôn ngữ của trang: vi (tiếng Việt) hoặc en (tiếng Anh).",
            line: "language: vi",
        },
        root_unit: Setting {
            comment: "Mã đơn vị mà trang chủ tổng hợp: một mã trong trang Đơn vị của bảng tính.",
            line: "root_unit: tinh",
        },
        current_period: Setting {
            comment: "Kỳ mà trang chủ tổng hợp; để tắt thì lấy kỳ mới nhất có số liệu.",
            line: "# current_period: 2024",
        },
        percent_decimals: Setting {
            comment: "Số chữ số thập phân của các tỷ lệ phần trăm trên trang.",
            line: "percent_decimals: 1",
        },
        contact: Setting {
            comment: "Nơi liên hệ, hiện ở cuối mọi trang.",
            line: "contact: Ban Tổ chức Tỉnh ủy, điện thoại 0000 000 000",
        },
        next_release: Setting {
            comment: "Ngày dự kiến cập nhật số liệu lần sau (năm-tháng-ngày).",
            line: "# next_release: 2024-10-15",
        },
        issuer: Setting {
            comment: "Cơ quan ban hành bản tin.", line: "# issuer: Ban Tổ chức Tỉnh ủy"
        },
        place: Setting { comment: "Nơi ban hành.", line: "# place: Tên tỉnh" },
        edition: Setting {
            comment: "Số và ngày phát hành của bản tin.",
            line: "# edition:\n#   number: 1\n#   issued: 2024-07-10",
        },
        private: Setting {
            comment: "true: không cho máy tìm kiếm đưa bản tin vào kết quả tìm kiếm.",
            line: "# private: true",
        },
        categories: Setting {
            comment: "Nhóm cơ cấu riêng ngoài các nhóm có sẵn: mã (chữ thường không dấu, dấu _) và tên. \
                      Trong bảng tính, mỗi nhóm là một cột có tiêu đề là mã của nhóm.",
            line: "# categories:\n#   veterans: Cựu chiến binh",
        },
    },
    workbook: "bao-cao.xlsx",
    article_slug: "huyen-dong-ket-nap-dang-vien-6-thang",
    article: "---\n\
              title: Huyện Đông kết nạp 57 đảng viên mới trong sáu tháng đầu năm\n\
              date: 2024-07-05\n\
              units: [huyen-dong]\n\
              tags: [kết nạp đảng viên, bài mẫu]\n\
              source: Ban Tổ chức Tỉnh ủy\n\
              ---\n\
              Đây là bài mẫu của bản tin: hãy sửa hoặc xóa tệp này, và viết các bài khác trong thư mục \
              news/, mỗi bài một tệp .md.\n\n\
              Sáu tháng đầu năm 2024, Đảng bộ huyện Đông kết nạp 57 đảng viên mới, bằng gần một nửa chỉ \
              tiêu cả năm. Trong số đảng viên mới có 25 người là nữ và 31 người là đoàn viên thanh niên.\n\n\
              Phần đầu bài (giữa hai dòng `---`) ghi tiêu đề, ngày đăng và mã các đơn vị được nói tới; số \
              liệu của các đơn vị đó hiện ngay dưới bài.\n",
    units: [
        ["tinh", "Đảng bộ tỉnh", "Đảng bộ tỉnh"],
        ["huyen-dong", "Đảng bộ huyện Đông", "Đảng bộ huyện"],
        ["huyen-tay", "Đảng bộ huyện Tây", "Đảng bộ huyện"],
    ],
    target_by: ["Huyện ủy Đông", "Huyện ủy Tây"],
    target_document: "Nghị quyết Đại hội Đảng bộ huyện",
    report_note: "Số liệu mẫu: hãy thay bằng số liệu của đơn vị",
};

pub static VI_HELP: Help = Help {
    about: "bantin biên soạn bản tin công tác phát triển đảng viên thành trang web tĩnh (HTML), có \
            chỉ số và biểu đồ, từ một thư mục số liệu YAML và tin bài Markdown.",
    usage_heading: "Cách dùng",
    commands_heading: "Lệnh",
    options_heading: "Tùy chọn",
    usage: "bantin <LỆNH> [TÙY_CHỌN]",
    usage_lines: "Các cách dùng:",
    defaults: "Mặc định: --content content, --templates templates (nếu có thư mục này, nếu không thì \
               dùng mẫu có sẵn), --output output.\n\
               Ngôn ngữ của thông báo: theo --lang vi|en nếu có; nếu không thì theo ngôn ngữ của nội \
               dung (site.yaml), hoặc, trước khi đọc site.yaml, theo biến môi trường LANG (bắt đầu bằng \
               en: tiếng Anh; còn lại: tiếng Việt).\n\
               Mã thoát: 0 thành công (có thể kèm cảnh báo), 1 nội dung hoặc mẫu trang có lỗi, 2 dùng \
               lệnh sai.",
    build: "Kiểm tra nội dung, tính các chỉ số và xuất bản trang web.",
    build_long: "Thư mục đầu ra chỉ được thay thế khi mọi bước đều thành công: nếu có lỗi, bản tin đã \
                 xuất bản trước đó được giữ nguyên.",
    build_usage: "bantin build [--content THƯ_MỤC] [--templates THƯ_MỤC] [--output THƯ_MỤC] [--timings] [--no-pdf]",
    check: "Kiểm tra nội dung và tính các chỉ số; liệt kê mọi lỗi và cảnh báo, không ghi tệp nào.",
    check_usage: "bantin check [--content THƯ_MỤC] [--timings]",
    serve: "Dựng bản tin trong bộ nhớ để xem trước bằng trình duyệt, tự cập nhật sau mỗi lần sửa.",
    serve_long: "Mỗi trang và biểu đồ được tạo khi mở lần đầu, nên bản tin lớn cũng xem được ngay. \
                 Theo dõi thư mục nội dung và thư mục mẫu trang; mỗi khi một tệp được lưu, chỉ những \
                 trang và biểu đồ liên quan được tạo lại, các trang đang mở tự tải lại. Khi nội dung có \
                 lỗi, các lỗi được in ra và hiện đè lên trang, còn lần dựng thành công gần nhất vẫn được \
                 giữ để xem. Không ghi gì vào đĩa.",
    serve_usage: "bantin serve [--content THƯ_MỤC] [--templates THƯ_MỤC] [--port 1111] [--bind 127.0.0.1] \
                  [--open] [--timings]",
    new: "Tạo một bản tin mẫu trong một thư mục mới hoặc thư mục trống.",
    new_long: "Thư mục mới có site.yaml (mỗi cài đặt đều có lời giải thích), một bài viết mẫu trong news/ \
               và bảng tính data/bao-cao.xlsx với trang Đơn vị, trang Báo cáo và trang Hướng dẫn, đã có \
               số liệu mẫu. Nhập số liệu thật vào bảng tính bằng Excel hoặc LibreOffice, rồi chạy bantin \
               check và bantin build.",
    new_usage: "bantin new THƯ_MỤC",
    new_dir: "Thư mục sẽ chứa bản tin mẫu: chưa có hoặc đang trống.",
    theme: "Làm việc với giao diện (mẫu trang) của bản tin.",
    theme_export: "Chép giao diện có sẵn ra một thư mục mới hoặc thư mục trống để sửa.",
    theme_export_long: "Thư mục nhận mọi mẫu trang có sẵn (base.html, unit.html, style.css…). Đặt tên nó là \
                        templates, cạnh thư mục content, rồi sửa tệp nào cần sửa và xóa những tệp giữ nguyên: \
                        bantin build và bantin serve dùng tệp trong đó thay cho mẫu có sẵn cùng tên. Mẫu có sẵn \
                        vẫn dùng được dưới tên builtin/<tên>, ví dụ {% extends \"builtin/base.html\" %}.",
    theme_usage: "bantin theme export THƯ_MỤC",
    theme_dir: "Thư mục sẽ chứa giao diện: chưa có hoặc đang trống.",
    help_command: "In hướng dẫn này, hoặc hướng dẫn của lệnh được nêu",
    content: "Thư mục nội dung (site.yaml, data/, news/, static/). [mặc định: content]",
    templates: "Thư mục mẫu trang, dùng thay mẫu có sẵn cùng tên [mặc định: templates, nếu có thư mục này].",
    output: "Thư mục ghi bản tin. [mặc định: output]",
    timings: "In ra stderr thời gian, số mục và số mục mỗi giây của từng bước.",
    serve_timings: "In ra stderr thời gian từng bước của mỗi lần dựng lại.",
    no_pdf: "Không tạo bulletin.pdf (các trang khi đó không dẫn tới tệp này).",
    port: "Cổng mạng của bản xem trước. [mặc định: 1111]",
    bind: "Địa chỉ của bản xem trước; 0.0.0.0 cho phép các máy khác xem được. [mặc định: 127.0.0.1]",
    open: "Mở bản tin bằng trình duyệt mặc định.",
    lang: "Ngôn ngữ của thông báo và hướng dẫn: vi (tiếng Việt) hoặc en (tiếng Anh) [mặc định: ngôn \
           ngữ của nội dung; trước khi đọc site.yaml thì theo biến môi trường LANG].",
    help: "In hướng dẫn",
    version: "In số phiên bản",
    dir_value: "THƯ_MỤC",
    address_value: "ĐỊA_CHỈ",
    port_value: "CỔNG",
    lang_value: "vi|en",
};

impl Words for Vi {
    fn language(&self) -> Language {
        Language::Vi
    }

    fn error(&self, message: &str) -> String {
        format!("lỗi: {message}")
    }

    fn usage_error(&self, usage: &Usage, help_command: &str) -> String {
        let maybe = |s: Option<&str>| s.map(|s| format!("; có phải ý bạn là `{s}`?")).unwrap_or_default();
        let problem = match *usage {
            Usage::UnknownOption { option, suggestion } => {
                format!("không hiểu tham số `{option}`{}", maybe(suggestion))
            }
            Usage::UnknownCommand { command, suggestion } => {
                format!("không có lệnh `{command}`{}", maybe(suggestion))
            }
            Usage::BadValue { option, value, valid } if !valid.is_empty() => {
                format!("giá trị `{value}` không dùng được cho {option}: hãy chọn {}", valid.join(" hoặc "))
            }
            Usage::BadValue { option, value, .. } => {
                format!("giá trị `{value}` không dùng được cho {option}")
            }
            Usage::Twice { option } => format!("tùy chọn {option} chỉ được dùng một lần"),
        };
        format!("{problem}\nXem hướng dẫn: {help_command}")
    }

    fn content_missing(&self, folder: &Path) -> String {
        format!(
            "không tìm thấy thư mục nội dung `{}`: hãy chạy bantin tại thư mục chứa content/ hoặc chỉ \
             rõ bằng --content THƯ_MỤC",
            folder.display()
        )
    }

    fn templates_missing(&self, folder: &Path) -> String {
        format!("không tìm thấy thư mục mẫu trang `{}`", folder.display())
    }

    fn waiting_for_build(&self, output: &Path) -> String {
        format!("Đang chờ một lần xuất bản khác vào thư mục {} kết thúc…", output.display())
    }

    fn building(&self, stage: &str) -> String {
        let doing = match stage {
            "walk" => "tìm các tệp",
            "parse" => "đọc các tệp",
            "validate" => "kiểm tra số liệu",
            "resolve" => "lập danh mục các trang",
            "compute" => "tính các chỉ số",
            "charts" => "vẽ biểu đồ",
            "render" => "tạo các trang",
            "data" => "ghi tệp số liệu",
            "write" => "ghi thư mục xuất bản",
            other => other,
        };
        format!("Đang xuất bản: {doing}…")
    }

    fn build_failed(&self, output: &Path) -> String {
        format!("Xuất bản không thành công: thư mục {} được giữ nguyên", output.display())
    }

    fn built(&self, b: &Built) -> String {
        let seconds = Locale::new(Language::Vi).decimal(b.took.as_secs_f64(), 2);
        format!(
            "Đã xuất bản {} trang, {} biểu đồ, {} tệp ({}) vào thư mục {} trong {seconds} giây",
            n(b.pages),
            n(b.charts),
            n(b.files),
            b.summary,
            b.output.display()
        )
    }

    fn cannot_write(&self, path: &Path, error: &std::io::Error) -> String {
        format!("không ghi được {}: {error}", path.display())
    }

    fn refusal(&self, refusal: &Refusal) -> String {
        match refusal {
            Refusal::IsInput(out, input) => format!(
                "thư mục đầu ra `{}` chính là `{}`, nơi bantin đọc dữ liệu: {ELSEWHERE}",
                out.display(),
                input.display()
            ),
            Refusal::HoldsInput(out, input) => format!(
                "thư mục đầu ra `{}` chứa `{}`; xuất bản vào đó sẽ xóa mất `{}`: {ELSEWHERE}",
                out.display(),
                input.display(),
                input.display()
            ),
            Refusal::InsideInput(out, input) => format!(
                "thư mục đầu ra `{}` nằm trong `{}`, nơi bantin đọc dữ liệu: hãy chọn một thư mục mới \
                 hoặc thư mục trống ở ngoài `{}` bằng --output THƯ_MỤC",
                out.display(),
                input.display(),
                input.display()
            ),
            Refusal::Home(out) => format!(
                "thư mục đầu ra `{}` là thư mục cá nhân của bạn; xuất bản vào đó sẽ xóa mọi thứ trong \
                 thư mục: {ELSEWHERE}",
                out.display()
            ),
            Refusal::Root(out) => {
                format!("thư mục đầu ra `{}` là thư mục gốc của ổ đĩa: {ELSEWHERE}", out.display())
            }
            Refusal::NotAFolder(out) => format!(
                "`{}` là một tệp, không phải thư mục; tệp này được giữ nguyên: {ELSEWHERE}",
                out.display()
            ),
            Refusal::Foreign { output, first, count } => format!(
                "thư mục đầu ra `{}` có {} mục không do bantin tạo ra ({}{}); xuất bản sẽ xóa {} nên thư \
                 mục được giữ nguyên: {ELSEWHERE}, hoặc làm trống thư mục này trước (tệp cần đăng kèm bản \
                 tin thì đặt trong thư mục static/ của nội dung)",
                output.display(),
                n(*count),
                first.join(", "),
                if *count > first.len() { ", …" } else { "" },
                if *count == 1 { "mục này" } else { "các mục này" },
            ),
            Refusal::Io(out, e) => format!("không dùng được thư mục đầu ra `{}`: {e}", out.display()),
        }
    }

    fn new_not_empty(&self, folder: &Path) -> String {
        format!(
            "thư mục `{}` đã có tệp: bantin new chỉ tạo bản tin mẫu trong thư mục mới hoặc thư mục trống, \
             để không ghi đè lên tệp nào",
            folder.display()
        )
    }

    fn theme_not_empty(&self, folder: &Path) -> String {
        format!(
            "thư mục `{}` đã có tệp: bantin theme export chỉ chép giao diện vào thư mục mới hoặc thư mục trống, \
             để không ghi đè lên tệp nào",
            folder.display()
        )
    }

    fn theme_written(&self, folder: &Path, files: usize) -> String {
        format!(
            "Đã chép {files} tệp giao diện vào thư mục {}. Sửa tệp cần sửa, xóa các tệp giữ nguyên, rồi chạy: \
             bantin build --templates {}",
            folder.display(),
            folder.display()
        )
    }

    fn new_written(&self, folder: &Path, workbook: &Path) -> String {
        format!(
            "Đã tạo bản tin mẫu trong thư mục {}. Nhập số liệu vào {} bằng Excel hoặc LibreOffice, rồi \
             chạy: bantin check --content {}",
            folder.display(),
            workbook.display(),
            folder.display()
        )
    }

    fn content_summary(&self, c: &ContentCounts) -> String {
        format!(
            "{} đơn vị, {} báo cáo, {} bài viết ({} bản nháp), {} kỳ",
            n(c.units),
            n(c.reports),
            n(c.articles),
            n(c.drafts),
            n(c.periods)
        )
    }

    fn problem_count(&self, errors: usize, warnings: usize) -> String {
        format!("{} lỗi, {} cảnh báo", n(errors), n(warnings))
    }

    #[cfg(feature = "serve")]
    fn serve_error(&self, error: &ServeError) -> String {
        match error {
            ServeError::PortInUse(addr) => format!(
                "cổng {} trên {} đang được dùng: hãy tắt chương trình đang dùng cổng này hoặc chọn cổng \
                 khác, ví dụ --port {}",
                addr.port(),
                addr.ip(),
                addr.port().wrapping_add(1).max(1024)
            ),
            ServeError::Bind(addr, e) => format!("không mở được địa chỉ {addr} để xem trước: {e}"),
            ServeError::Watch(folder, e) => {
                format!("không theo dõi được các thay đổi: {}{e}", super::folder_prefix(folder))
            }
            ServeError::Server(e) => format!("bản xem trước đã dừng: {e}"),
        }
    }

    fn serving(&self, content: &Path, url: &str) -> String {
        format!("Đang xem trước {} tại {url} (nhấn Ctrl+C để dừng)", content.display())
    }

    fn browser_failed(&self, error: &std::io::Error) -> String {
        format!("cảnh báo: không mở được trình duyệt: {error}")
    }

    fn nothing_changed(&self, millis: u128) -> String {
        format!("Đã cập nhật trong {millis} ms; không trang nào đã mở thay đổi")
    }

    fn rebuilt(&self, pages: usize, charts: usize, millis: u128) -> String {
        format!("Đã tạo lại {} trang và {} biểu đồ trong {millis} ms", n(pages), n(charts))
    }

    fn still_serving(&self, has_site: bool) -> String {
        match has_site {
            true => "Bản xem trước giữ lần dựng thành công gần nhất cho đến khi sửa xong các lỗi",
            false => "Chưa có gì để xem trước cho đến khi sửa xong các lỗi",
        }
        .into()
    }

    fn overlay_heading(&self) -> String {
        "bantin: nội dung có lỗi".into()
    }

    fn overlay_note(&self, has_site: bool) -> String {
        match has_site {
            true => {
                "Trang bên dưới là lần dựng thành công gần nhất; trang sẽ tự tải lại khi các tệp được sửa."
            }
            false => "Chưa dựng được trang nào; trang này sẽ tự tải lại khi các tệp được sửa.",
        }
        .into()
    }

    fn rounding(&self, decimals: u8) -> String {
        format!(
            "Các tỷ lệ trong tệp số liệu giữ nguyên độ chính xác; trên trang, chúng được làm tròn đến \
             {decimals} chữ số thập phân như hàm ROUND của bảng tính (từ 5 trở lên thì làm tròn lên: \
             101,25% thành 101,3%). Số người tính ra từ công thức (mức cần đạt, dự kiến) được làm tròn \
             đến người; số cần kết nạp mỗi tháng được làm tròn lên."
        )
    }

    fn period_title(&self, label: &str, kind: PeriodKind) -> String {
        match kind {
            PeriodKind::Year => format!("Năm {label}"),
            PeriodKind::Term => format!("Giai đoạn {label}"),
            PeriodKind::Named => label.to_string(),
        }
    }

    fn rate_target(&self, rate: &str) -> String {
        format!("{rate} số đảng viên đầu kỳ")
    }

    fn exceeded_by(&self, pct: &str) -> String {
        format!("Vượt chỉ tiêu {pct}")
    }

    fn summed(&self, units: usize, of: usize) -> String {
        format!("Σ {}/{} đơn vị", n(units), n(of))
    }

    fn partial_sum(&self, units: usize, of: usize) -> String {
        format!(
            "Tổng hợp từ {}/{} đơn vị trực thuộc; chưa có số liệu của {} đơn vị",
            n(units),
            n(of),
            n(of.saturating_sub(units))
        )
    }

    fn previous_as_of(&self, date: &str) -> String {
        format!("năm trước tính đến {date}")
    }

    fn unit_figure(&self, period: &str, admitted: &str, achievement: Option<&str>) -> String {
        match achievement {
            Some(pct) => format!("{period}: kết nạp {admitted}, đạt {pct} chỉ tiêu"),
            None => format!("{period}: kết nạp {admitted}"),
        }
    }

    fn units_below(&self, units: usize) -> String {
        format!("{} đơn vị trực thuộc", n(units))
    }

    fn month_title(&self, year: i32, month: u32) -> String {
        format!("Tháng {month}/{year}")
    }

    fn month_name(&self, month: u32) -> String {
        format!("Tháng {month}")
    }

    fn articles(&self, count: usize) -> String {
        format!("{} bài", n(count))
    }

    fn all_articles(&self, count: usize) -> String {
        format!("Xem tất cả {} bài", n(count))
    }

    fn units_count(&self, units: usize) -> String {
        format!("{} đơn vị", n(units))
    }

    fn admitted_point(&self, period: &str, as_of: &str, who: &str, admitted: u64) -> String {
        format!("{period}, tính đến {as_of}: {who} kết nạp {} đảng viên mới.", n(admitted))
    }

    fn reached_point(&self, reached: usize, units: usize) -> String {
        format!("{}/{} đơn vị có chỉ tiêu đã đạt hoặc vượt chỉ tiêu.", n(reached), n(units))
    }

    fn pace_standing_point(&self, on_pace: usize, behind_pace: usize) -> String {
        let parts: Vec<String> = [(on_pace, "đúng tiến độ"), (behind_pace, "chậm tiến độ")]
            .iter()
            .filter(|(count, _)| *count > 0)
            .map(|(count, word)| format!("{} đơn vị {word}", n(*count)))
            .collect();
        format!("Chưa đến hạn: {}.", parts.join(", "))
    }

    fn highest_lowest_point(&self, (hn, hp): Named, (ln, lp): Named) -> String {
        format!("Tỷ lệ đạt cao nhất: {hn} ({hp}); thấp nhất: {ln} ({lp}).")
    }

    fn same_achievement_point(&self, units: usize, achievement: &str) -> String {
        format!("Tỷ lệ đạt của {} đơn vị bằng nhau: {achievement}.", n(units))
    }

    fn single_target_point(&self, unit: &str, achievement: &str, target: &str) -> String {
        format!("{unit} đạt {achievement} chỉ tiêu {target}.")
    }

    fn composition_point(&self, shares: &[String]) -> String {
        format!("Trong số đảng viên mới: {}.", shares.join(", "))
    }

    fn change_point(&self, delta: i64, pct: Option<&str>, whole_year: bool) -> String {
        let (amount, pct) = (n(delta.unsigned_abs()), pct.map(|p| format!(" ({p})")).unwrap_or_default());
        let since = if whole_year { "năm trước" } else { "cùng kỳ năm trước" };
        match delta.signum() {
            0 => format!("Số kết nạp bằng {since}."),
            1 => format!("Số kết nạp tăng {amount} so với {since}{pct}."),
            _ => format!("Số kết nạp giảm {amount} so với {since}{pct}."),
        }
    }

    fn no_comparable_point(&self) -> String {
        "Chưa có số liệu cùng kỳ năm trước để so sánh.".into()
    }

    fn pace_point(
        &self,
        unit: &str,
        projected: &str,
        deadline: &str,
        target: &str,
        per_month: &str,
    ) -> String {
        format!(
            "Theo tiến độ hiện nay, {unit} dự kiến kết nạp khoảng {projected} người đến {deadline}; để đạt \
             chỉ tiêu {target} cần kết nạp ít nhất {per_month} người mỗi tháng."
        )
    }

    fn period(&self, label: &str, kind: PeriodKind) -> String {
        match kind {
            PeriodKind::Year => format!("năm {label}"),
            PeriodKind::Term => format!("giai đoạn {label}"),
            PeriodKind::Named => label.to_string(),
        }
    }

    fn achievement_title(&self, period: &str) -> String {
        format!("Tỷ lệ thực hiện chỉ tiêu kết nạp đảng viên của các đơn vị, {period}")
    }

    fn achievement_one(&self, unit: &str, admitted: u64, achievement: &str, status: &str) -> String {
        format!("{unit}: kết nạp {} đảng viên, bằng {achievement} chỉ tiêu ({status}).", n(admitted))
    }

    fn achievement_many(&self, units: usize, reached: usize, (hn, hp): Named, (ln, lp): Named) -> String {
        let units = n(units);
        format!(
            "Tỷ lệ đạt chỉ tiêu kết nạp của {units} đơn vị: cao nhất {hn} ({hp}), thấp nhất {ln} ({lp}); \
             {}/{units} đơn vị đạt hoặc vượt chỉ tiêu.",
            n(reached)
        )
    }

    fn achievement_alike(&self, units: usize, reached: usize, achievement: &str) -> String {
        let units = n(units);
        format!(
            "Tỷ lệ đạt chỉ tiêu kết nạp của {units} đơn vị đều là {achievement}; {}/{units} đơn vị đạt \
             hoặc vượt chỉ tiêu.",
            n(reached)
        )
    }

    fn years_title(&self, unit: &str) -> String {
        format!("Số đảng viên kết nạp qua các năm – {unit}")
    }

    fn year_to(&self, year: i32, as_of: &str) -> String {
        format!("{year} (đến {as_of})")
    }

    fn years_one(&self, year: i32, unit: &str, admitted: u64, target: Option<Named>) -> String {
        match target {
            Some((target, pct)) => {
                format!("Năm {year}, {unit} kết nạp {} đảng viên, chỉ tiêu {target} ({pct}).", n(admitted))
            }
            None => format!("Năm {year}, {unit} kết nạp {} đảng viên.", n(admitted)),
        }
    }

    fn years_span(
        &self,
        unit: &str,
        (first, last): (i32, i32),
        (most, most_years): (u64, &[i32]),
        (fewest, fewest_years): (u64, &[i32]),
        targets: Option<(usize, usize)>,
    ) -> String {
        format!(
            "{unit} kết nạp đảng viên từ {first} đến {last}: nhiều nhất {} ({}), ít nhất {} \
             ({}){}.",
            n(most),
            super::joined(most_years),
            n(fewest),
            super::joined(fewest_years),
            years_reached(targets)
        )
    }

    fn years_alike(
        &self,
        unit: &str,
        (first, last): (i32, i32),
        years: usize,
        admitted: u64,
        targets: Option<(usize, usize)>,
    ) -> String {
        format!(
            "{unit} kết nạp mỗi năm {} đảng viên trong {} năm có số liệu, từ {first} đến {last}{}.",
            n(admitted),
            n(years),
            years_reached(targets)
        )
    }

    fn composition_title(&self, unit: &str, period: &str) -> String {
        format!("Cơ cấu đảng viên mới kết nạp – {unit}, {period}")
    }

    fn composition_one(&self, admitted: u64, group: &str, share: &str, count: u64) -> String {
        format!("Trong {} đảng viên được kết nạp, {group} chiếm {share} ({} người).", n(admitted), n(count))
    }

    fn composition_many(&self, admitted: u64, (hn, hp): Named, (ln, lp): Named) -> String {
        format!(
            "Trong {} đảng viên được kết nạp, nhóm có tỷ lệ cao nhất là {hn} ({hp}), thấp nhất là {ln} \
             ({lp}); một người có thể thuộc nhiều nhóm.",
            n(admitted)
        )
    }

    fn composition_alike(&self, admitted: u64, share: &str) -> String {
        format!(
            "Trong {} đảng viên được kết nạp, các nhóm có tỷ lệ bằng nhau, đều là {share}; một người có \
             thể thuộc nhiều nhóm.",
            n(admitted)
        )
    }

    fn composition_axis(&self, admitted: u64) -> String {
        format!("Tỷ lệ trong {} người được kết nạp (số người trong ngoặc)", n(admitted))
    }

    fn progress_title(&self, unit: &str, period: &str) -> String {
        format!("Tiến độ thực hiện chỉ tiêu kết nạp – {unit}, {period}")
    }

    fn progress_desc(&self, p: &Progress) -> String {
        let Progress { unit, as_of, target, share, deadline, .. } = *p;
        let admitted = n(p.admitted);
        match p.pace {
            Some((pace, projected)) => format!(
                "Đến {as_of}, {unit} đã kết nạp {admitted}/{target} đảng viên ({share} chỉ tiêu), bằng \
                 {pace} mức cần có theo tiến độ; nếu giữ nhịp độ này, đến {deadline} ước đạt {projected}."
            ),
            None => format!(
                "Đến {as_of}, {unit} đã kết nạp {admitted}/{target} đảng viên ({share} chỉ tiêu, hạn \
                 {deadline})."
            ),
        }
    }

    fn target_mark(&self, target: &str) -> String {
        format!("Chỉ tiêu {target}")
    }

    fn projected_mark(&self, projected: &str) -> String {
        format!("Ước đạt {projected}")
    }

    fn progress_caption(&self, title: &str, target: &str) -> String {
        format!("{title} (chỉ tiêu {target})")
    }

    fn projected_row(&self, deadline: &str) -> String {
        format!("{deadline} (ước tính)")
    }

    fn training_title(&self, unit: &str, period: &str) -> String {
        format!("Bồi dưỡng và kết nạp đảng viên – {unit}, {period}")
    }

    fn training_desc(&self, f: &TrainingFacts) -> String {
        let mut parts = Vec::new();
        if let Some(count) = f.awareness {
            parts.push(format!("{} quần chúng ưu tú được bồi dưỡng nhận thức về Đảng", n(count)));
        }
        let conversion = f.conversion.map(|c| format!(" (bằng {c} số được bồi dưỡng)")).unwrap_or_default();
        parts.push(format!("{} người được kết nạp{conversion}", n(f.admitted)));
        if let Some(count) = f.new_members {
            parts.push(format!("{} đảng viên mới được bồi dưỡng", n(count)));
        }
        format!("{}, {}: {}.", f.unit, f.period, parts.join("; "))
    }

    fn classes(&self, classes: u64) -> String {
        format!("{} lớp", n(classes))
    }
}
