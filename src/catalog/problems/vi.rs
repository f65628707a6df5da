//! Content problems in Vietnamese, as an organisation board's staff would be told them:
//! what is wrong, then how to write it.

use super::{Fault, Msg, SyntaxHint, quoted_list};

/// "; có phải là `x`?" when a near name is known.
fn maybe(nearest: &Option<String>) -> String {
    nearest.as_ref().map(|n| format!(". Có phải là `{n}`?")).unwrap_or_default()
}

pub(super) fn text(msg: &Msg, first: &str) -> String {
    match msg {
        Msg::SiteMissing { written: None } => {
            "thiếu tệp site.yaml: cần một tệp site.yaml có ít nhất `title` (tên bản tin) và `base_url` \
             (địa chỉ xuất bản)"
                .into()
        }
        Msg::SiteMissing { written: Some(written) } => format!(
            "thiếu tệp site.yaml, nhưng có tệp `{written}`: hãy đổi tên tệp đó thành site.yaml (để thấy \
             đuôi tên tệp trong File Explorer: Xem › Phần mở rộng tên tệp)"
        ),
        Msg::CannotRead { cause } => format!("không đọc được tệp: {cause}"),
        Msg::FileTooLarge { mib } => {
            format!("tệp lớn hơn {mib} MiB: hãy chia số liệu thành nhiều tệp, mỗi tệp không quá {mib} MiB")
        }
        Msg::Utf16 => "tệp được lưu bằng mã UTF-16: hãy lưu lại bằng mã UTF-8 (trong Notepad: \
                       Save As, mục Encoding chọn UTF-8)"
            .into(),
        Msg::NotUtf8 => "tệp không phải văn bản UTF-8 từ chỗ này: hãy lưu lại bằng mã UTF-8".into(),
        Msg::ControlChar { code } => format!(
            "có ký tự điều khiển U+{code:04X} (không hiển thị được) tại đây: hãy xóa ký tự này \
             (thường do sao chép từ chương trình khác)"
        ),
        Msg::TooDeep { max } => {
            format!("danh sách và bảng lồng nhau quá {max} cấp tại đây: số liệu chỉ cần vài cấp")
        }
        Msg::YamlSyntax { hint, detail } => {
            let plain = match hint {
                Some(SyntaxHint::ColonInValue) => {
                    "giá trị có dấu \": \" phải đặt trong ngoặc kép, ví dụ name: \"Chi bộ: thôn 1\""
                }
                Some(SyntaxHint::CannotStart) => {
                    "ký tự này không thể đứng đầu một giá trị: hãy đặt văn bản trong ngoặc kép, \
                     và thụt lề bằng dấu cách, không dùng phím Tab"
                }
                Some(SyntaxHint::KeyIndentation) => "thụt lề không thẳng hàng với các trường phía trên",
                Some(SyntaxHint::ListIndentation) => {
                    "thụt lề không thẳng hàng với các mục danh sách (bắt đầu bằng `- `) phía trên"
                }
                Some(SyntaxHint::Unclosed) => "có dấu ngoặc kép hoặc ngoặc chưa đóng",
                Some(SyntaxHint::Tab) => "dòng này thụt lề bằng phím Tab: hãy thụt lề bằng dấu cách",
                None => "sai cú pháp YAML",
            };
            format!("{plain} (YAML: {detail})")
        }
        Msg::DataNotMapping => {
            "tệp số liệu phải là một bảng có danh sách `units:` (đơn vị) và/hoặc `reports:` (báo cáo)".into()
        }
        Msg::DataIsList { list: Some(list) } => {
            format!("danh sách này chưa có tên: hãy thêm dòng `{list}:` lên trên, ở đầu dòng")
        }
        Msg::DataIsList { list: None } => "danh sách này chưa có tên: hãy thêm dòng `units:` (đơn vị) hoặc \
                                            `reports:` (báo cáo) lên trên, ở đầu dòng"
            .into(),
        Msg::NotAList { list } => format!("`{list}` phải là một danh sách, mỗi mục bắt đầu bằng `- `"),
        Msg::FrontMatterMissing => "thiếu phần đầu bài: tệp phải bắt đầu bằng một dòng `---`, tiếp theo \
                                    là các trường (title, date…) và một dòng `---` nữa"
            .into(),
        Msg::FrontMatterUnclosed => "phần đầu bài chưa đóng: cần một dòng `---` sau các trường".into(),
        Msg::FrontMatterEmpty => "phần đầu bài trống: cần ít nhất `title` (tiêu đề) và `date` (ngày)".into(),
        Msg::IgnoredInData => "bỏ qua: thư mục data/ chỉ đọc tệp .yaml và bảng tính .xlsx, .ods, .csv".into(),
        Msg::WorkbookUnreadable { cause } => format!(
            "không mở được bảng tính ({cause}): hãy mở tệp bằng Excel hoặc LibreOffice và lưu lại dạng \
             .xlsx"
        ),
        Msg::CsvNotUtf8 => "tệp CSV không phải mã UTF-8 từ chỗ này: trong Excel hãy lưu lại bằng Save As, \
                            chọn kiểu CSV UTF-8 (Comma delimited)"
            .into(),
        Msg::NoSheetFound => "bỏ qua: không có trang nào có dòng tiêu đề của đơn vị (Mã đơn vị, Tên đơn vị) \
                              hoặc của báo cáo (Mã đơn vị, Kỳ, Kết nạp)"
            .into(),
        Msg::MissingColumn { column } => format!(
            "dòng tiêu đề thiếu cột `{}` ({column}): mỗi dòng của trang này cần cột đó, nên chưa đọc dòng nào",
            crate::catalog::VI_SHEETS.required_header(column)
        ),
        Msg::UnknownColumn { header, nearest, expected } => {
            let hint = match nearest {
                Some(n) => format!(" Có phải là `{n}`?"),
                None => format!(" Các cột dùng được: {}.", quoted_list(expected)),
            };
            format!("không có cột `{header}`.{hint}")
        }
        Msg::ColumnTwice { header, field } => {
            format!("cột `{header}` ({field}) có hai lần: hãy xóa một cột")
        }
        Msg::IgnoredInNews => "bỏ qua: thư mục news/ chỉ đọc tệp .md (ảnh hãy để trong static/)".into(),
        Msg::Misnamed { name } => format!(
            "bỏ qua vì đuôi tên tệp: hãy đổi tên tệp thành {name} (để thấy đuôi tên tệp trong File \
             Explorer: Xem › Phần mở rộng tên tệp)"
        ),
        Msg::SymlinkLoop => "liên kết tượng trưng quay vòng: không đi theo".into(),
        Msg::SymlinkOutside { target } => format!(
            "liên kết tượng trưng trỏ tới {target}, nằm ngoài thư mục nội dung: không xuất bản \
             (muốn xuất bản thì chép tệp đó vào static/)"
        ),
        Msg::DanglingLink { target } => {
            format!("liên kết tượng trưng trỏ tới {target}, nơi không có tệp nào: hãy sửa hoặc xóa liên kết")
        }
        Msg::UncheckedReferences { count } => format!(
            "{count} chỗ nhắc tới đơn vị hoặc bài viết có thể khai báo trong tệp này chưa được kiểm tra: \
             hãy sửa lỗi của tệp này trước"
        ),
        Msg::UnknownField { key, nearest, expected } => {
            let hint = match nearest {
                Some(n) => format!(" Có phải là `{n}`?"),
                None => format!(" Các trường dùng được: {}.", quoted_list(expected)),
            };
            format!("không có trường `{key}`.{hint}")
        }
        Msg::MissingField { field } => format!("thiếu trường bắt buộc `{field}`"),
        Msg::WrongType { field, found, expected } => {
            format!("{field}: {} không dùng được ở đây, cần {}", kind(found), kind(expected))
        }
        Msg::Value { field, fault } => format!("{field}: {}", fault_text(fault)),
        Msg::Other { field, detail } if field.is_empty() => format!("giá trị không đúng ({detail})"),
        Msg::Other { field, detail } => format!("{field}: giá trị không đúng ({detail})"),
        Msg::SiteTitleEmpty => "title trống: cần tên của bản tin".into(),
        Msg::BaseUrlNotWeb { url } => format!(
            "base_url `{url}` chưa phải địa chỉ web đầy đủ: cần địa chỉ dạng https://example.org/ban-tin/"
        ),
        Msg::CurrentPeriodNoReport { label, nearest } => format!(
            "current_period `{label}` không có báo cáo nào: cần nhãn của một kỳ có trong data/{}",
            maybe(nearest)
        ),
        Msg::CategoryBuiltin { key } => {
            format!("nhóm `{key}` đã có sẵn: hãy xóa nhóm này khỏi mục categories")
        }
        Msg::CategoryKeyInvalid { key } => {
            format!("mã nhóm `{key}` không hợp lệ: chỉ dùng chữ thường không dấu, chữ số và dấu `_`")
        }
        Msg::CategoryLabelEmpty { key } => format!("nhóm `{key}` chưa có tên: cần tên để hiển thị"),
        Msg::IssuerTooManyLines { lines, max } => format!(
            "issuer có {lines} dòng: tối đa {max} dòng, cơ quan cấp trên ghi trước, cơ quan ban hành ghi sau cùng"
        ),
        Msg::IssuerLineEmpty => "một dòng của issuer bị trống: cần tên cơ quan".into(),
        Msg::PlaceEmpty => "place trống: cần địa danh nơi ban hành, ví dụ Khánh Hòa".into(),
        Msg::EditionNumberEmpty => "edition.number trống: cần số của bản tin, ví dụ 12".into(),
        Msg::UnitIdInvalid { id, folded } => match folded {
            Some(f) => format!(
                "mã đơn vị `{id}` không hợp lệ: mã chỉ gồm chữ thường không dấu, chữ số và dấu `-`; \
                 hãy viết `{f}`"
            ),
            None => {
                format!("mã đơn vị `{id}` không hợp lệ: mã chỉ gồm chữ thường không dấu, chữ số và dấu `-`")
            }
        },
        Msg::UnitNameEmpty { id } if id.trim().is_empty() => "đơn vị chưa có tên (name)".to_string(),
        Msg::UnitNameEmpty { id } => format!("đơn vị `{id}` chưa có tên (name)"),
        Msg::UnitIdEmpty { name, suggested } => {
            let unit = if name.trim().is_empty() {
                "đơn vị".to_string()
            } else {
                format!("đơn vị `{name}`")
            };
            let example = suggested.as_ref().map_or(String::new(), |s| format!(", ví dụ `{s}`"));
            format!("{unit} chưa có mã (id): cần mã chỉ gồm chữ thường không dấu, chữ số và dấu `-`{example}")
        }
        Msg::UnitRefEmpty => "chưa ghi mã đơn vị: cần mã của một đơn vị khai báo trong data/".to_string(),
        Msg::UnitIdTwice { id } => {
            format!("mã đơn vị `{id}` bị dùng hai lần (lần đầu tại {first}): mỗi đơn vị cần một mã riêng")
        }
        Msg::UnknownUnit { id, nearest } => {
            format!("không có đơn vị mã `{id}`: cần mã của một đơn vị khai báo trong data/{}", maybe(nearest))
        }
        Msg::Cycle { units } => format!(
            "các đơn vị tạo thành vòng lặp ({}): mỗi đơn vị chỉ có một cấp trên và cây đơn vị không được quay vòng",
            units.join(" → ")
        ),
        Msg::PeriodTwoMeanings { label, from, to, other_from, other_to } => format!(
            "kỳ `{label}` ở đây là {from} … {to} nhưng tại {first} là {other_from} … {other_to}: \
             một nhãn kỳ phải luôn chỉ cùng những ngày"
        ),
        Msg::AsOfBeforePeriod { as_of, label, from } => {
            format!("as_of ({as_of}) sớm hơn ngày bắt đầu kỳ {label} ({from})")
        }
        Msg::AsOfAfterPeriod { as_of, label, to } => {
            format!("as_of ({as_of}) muộn hơn ngày kết thúc kỳ {label} ({to})")
        }
        Msg::DeadlineOutside { deadline, label, from, to } => {
            format!("deadline ({deadline}) nằm ngoài kỳ {label} ({from} … {to})")
        }
        Msg::TargetZero => "chỉ tiêu bằng 0: cần một số nguyên lớn hơn 0".into(),
        Msg::MaxBelowValue { max, value } => {
            format!("max ({max}) nhỏ hơn value ({value}): mức trên của chỉ tiêu phải không nhỏ hơn mức dưới")
        }
        Msg::TargetWithoutValue => "chỉ tiêu chưa có value hoặc rate_pct: ghi số người cần kết nạp \
                                    (value: 246) hoặc tỷ lệ so với số đảng viên đầu kỳ (rate_pct: 3)"
            .into(),
        Msg::TargetValueAndRate { value, rate } => format!(
            "chỉ tiêu có cả value ({value}) và rate_pct ({rate}): mỗi chỉ tiêu là số người hoặc tỷ lệ, \
             không phải cả hai; nếu nghị quyết giao cả hai thì ghi thành hai chỉ tiêu"
        ),
        Msg::RateWithoutStart { rate } => format!(
            "chỉ tiêu theo tỷ lệ (rate_pct: {rate}) cần số đảng viên đầu kỳ: hãy thêm members_at_start \
             (tổng số đảng viên ngày đầu kỳ) vào báo cáo này"
        ),
        Msg::RateOutOfRange { field, rate } => {
            format!("{field} ({rate}) phải lớn hơn 0 và không quá 100: đây là phần trăm số đảng viên đầu kỳ")
        }
        Msg::MaxRateBelowRate { max, rate } => format!(
            "max_rate_pct ({max}) nhỏ hơn rate_pct ({rate}): mức trên của tỷ lệ phải không nhỏ hơn mức dưới"
        ),
        Msg::MaxWithRate => "max là số người, dùng với value: với chỉ tiêu theo tỷ lệ, mức trên ghi là \
                             max_rate_pct"
            .into(),
        Msg::MaxRateWithValue => "max_rate_pct là tỷ lệ, dùng với rate_pct: với chỉ tiêu là số người, mức \
                                  trên ghi là max"
            .into(),
        Msg::MembersZero => "members bằng 0: cần tổng số đảng viên, lớn hơn 0".into(),
        Msg::MembersAtStartZero => {
            "members_at_start bằng 0: cần tổng số đảng viên ngày đầu kỳ, lớn hơn 0".into()
        }
        Msg::UnknownCategory { key, nearest, known } => {
            let hint = match nearest {
                Some(n) => format!(" Có phải là `{n}`?"),
                None => format!(
                    " Các nhóm dùng được: {}; nhóm khác phải khai báo trong mục categories của site.yaml.",
                    quoted_list(known)
                ),
            };
            format!("không có nhóm cơ cấu `{key}`.{hint}")
        }
        Msg::CompositionAboveAdmitted { field, count, admitted } => {
            format!("{field} ({count}) lớn hơn số kết nạp admitted ({admitted})")
        }
        Msg::SourceNotWeb { source } => format!(
            "source `{source}` không phải địa chỉ http(s): cần địa chỉ bắt đầu bằng http:// hoặc https://, \
             hoặc đường dẫn (slug) của một bài trong news/"
        ),
        Msg::SourceNotArticle { slug, nearest } => format!(
            "source `{slug}` không phải bài viết nào: cần đường dẫn (slug) của một bài trong news/ hoặc \
             một địa chỉ http(s){}",
            maybe(nearest)
        ),
        Msg::SourceDraft { slug } => {
            format!("bài nguồn `{slug}` còn là bản nháp: các trang chưa ghi nguồn cho tới khi bài được đăng")
        }
        Msg::SourceBeforeAsOf { slug, date, as_of } => {
            format!("bài nguồn `{slug}` đề ngày {date}, trước ngày số liệu as_of ({as_of})")
        }
        Msg::ReportTwice { unit, label, as_of } => format!(
            "báo cáo thứ hai của `{unit}` cho kỳ {label} tính đến {as_of} (báo cáo đầu tại {first}): \
             mỗi đơn vị, kỳ và ngày as_of chỉ có một báo cáo"
        ),
        Msg::ChildrenExceed { unit, label, sum, admitted } => format!(
            "các đơn vị trực thuộc `{unit}` cộng lại kết nạp {sum} trong kỳ {label}, nhiều hơn số của \
             chính đơn vị này ({admitted})"
        ),
        Msg::SnapshotSmaller { unit, label, admitted, earlier, earlier_as_of } => format!(
            "số kết nạp lũy kế của `{unit}` kỳ {label} giảm từ {earlier} (tính đến {earlier_as_of}) \
             xuống {admitted}: số của các lần báo cáo sau phải là số cộng dồn từ đầu kỳ, không phải \
             số riêng của tháng"
        ),
        Msg::ArticleTitleEmpty => "title trống: cần tiêu đề của bài".into(),
        Msg::SlugNotUrl { written, folded } => match folded {
            Some(f) => {
                format!("đường dẫn (slug) `{written}` không dùng được trong địa chỉ web: hãy viết `{f}`")
            }
            None => format!(
                "đường dẫn (slug) `{written}` không dùng được trong địa chỉ web: chỉ dùng chữ, số, dấu cách hoặc `-`"
            ),
        },
        Msg::SlugTwice { slug } => {
            format!(
                "đường dẫn (slug) `{slug}` bị dùng hai lần (lần đầu tại {first}): mỗi bài cần một đường dẫn riêng"
            )
        }
        Msg::TagEmpty => "chủ đề trống: cần một từ hoặc cụm từ".into(),
        Msg::SourceUrlNotWeb { url } => format!(
            "source_url `{url}` không phải địa chỉ http(s): cần địa chỉ bắt đầu bằng http:// hoặc https://"
        ),
        Msg::UnsafeLink { url } => format!(
            "liên kết `{url}` không được phép: chỉ giữ địa chỉ http:, https:, mailto:, tel:, đường dẫn \
             tương đối và #; trang sẽ chỉ hiện chữ của liên kết (hoặc chú thích của ảnh)"
        ),
        Msg::StaticOverFile { path } => {
            format!("static/{path} sẽ ghi đè tệp {path} do bantin tạo: hãy đổi tên hoặc chuyển tệp này đi")
        }
        Msg::StaticOverFolder { path } => format!(
            "static/{path} trùng tên thư mục {path}/ do bantin tạo: hãy đổi tên hoặc chuyển tệp này đi"
        ),
        Msg::StaticUnderFile { path, file } => format!(
            "static/{path} cần thư mục {file}/ ở chỗ bantin ghi tệp {file}: hãy đổi tên hoặc chuyển tệp này đi"
        ),
        Msg::StaticInCharts { path } => format!(
            "static/{path} nằm trong charts/, nơi bantin ghi các biểu đồ: hãy chuyển tệp này sang thư mục khác"
        ),
        Msg::StaticInSearch { path } => format!(
            "static/{path} nằm trong search/, nơi bantin ghi dữ liệu tìm kiếm: hãy chuyển tệp này sang thư mục khác"
        ),
    }
}

fn fault_text(fault: &Fault) -> String {
    match fault {
        Fault::NotWhole { written } => {
            format!("`{written}` không phải số nguyên: số người, số lớp là số nguyên từ 0 trở lên")
        }
        Fault::Negative { written } => format!("`{written}` là số âm: cần số nguyên từ 0 trở lên"),
        Fault::CountTooLarge { written, max } => {
            format!("`{written}` vượt quá số lớn nhất cho phép: cần số nguyên từ 0 đến {max}")
        }
        Fault::Thousands { written, digits } => format!(
            "`{written}` có dấu phân cách hàng nghìn: trong tệp số liệu hãy viết liền, không dấu: {digits}"
        ),
        Fault::Percent { written } => format!(
            "`{written}` là tỷ lệ phần trăm, ở đây cần số người: hãy ghi số người (bantin tự tính tỷ lệ)"
        ),
        Fault::OrderTooFar { written, max } => {
            format!("`{written}` nằm ngoài khoảng cho phép: cần số nguyên từ -{max} đến {max}")
        }
        Fault::NotADate { written } => {
            format!("`{written}` không phải ngày: hãy viết theo dạng năm-tháng-ngày, ví dụ 2024-03-31")
        }
        Fault::DayFirst { written, iso } => {
            format!("`{written}` viết ngày trước: trong tệp số liệu hãy viết năm-tháng-ngày: {iso}")
        }
        Fault::NoSuchDate { written, year, month, days } => {
            format!("`{written}` là ngày không có thật: tháng {month}/{year} chỉ có {days} ngày")
        }
        Fault::BadTime { written } => {
            format!("`{written}` không phải ngày giờ: hãy viết 2024-05-04 hoặc 2024-05-04 14:30")
        }
        Fault::PeriodInvalid { written } => format!(
            "kỳ `{written}` không hợp lệ: cần một năm (2016), một nhiệm kỳ (2015-2020) hoặc \
             {{from: YYYY-MM-DD, to: YYYY-MM-DD, label: …}}"
        ),
        Fault::PeriodReversed { written } => {
            format!("kỳ `{written}` kết thúc trước khi bắt đầu: hãy ghi năm đầu trước")
        }
        Fault::RateAsText { written, number } => format!(
            "`{written}` được viết như chữ: tỷ lệ ghi bằng số, không kèm dấu % và dùng dấu chấm thập \
             phân, ví dụ {number}"
        ),
        Fault::NotARate { written } => {
            format!("`{written}` không phải tỷ lệ: cần phần trăm viết bằng số, ví dụ 3 hoặc 3.5")
        }
        Fault::PeriodLabelEmpty => "nhãn kỳ (label) trống: cần một nhãn như \"2020-2025\"".into(),
        Fault::NamedPeriodReversed { label, from, to } => {
            format!("kỳ `{label}` kết thúc ({to}) trước khi bắt đầu ({from})")
        }
    }
}

/// serde's name of a kind of value, in words.
fn kind(serde: &str) -> String {
    let words = [
        ("a string", "văn bản"),
        ("string", "văn bản"),
        ("a sequence", "danh sách"),
        ("sequence", "danh sách"),
        ("a map", "bảng các trường"),
        ("map", "bảng các trường"),
        ("a boolean", "giá trị đúng/sai"),
        ("boolean", "giá trị đúng/sai"),
        ("integer", "số nguyên"),
        ("floating point", "số thập phân"),
        ("unit value", "giá trị trống"),
        ("a whole number >= 0", "số nguyên từ 0 trở lên"),
        ("a list", "danh sách"),
    ];
    for (en, vi) in words {
        if let Some(rest) = serde.strip_prefix(en) {
            return format!("{vi}{rest}");
        }
    }
    serde.to_string()
}
