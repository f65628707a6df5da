use super::*;
use crate::compute::indicators::{Share, TargetFigures, pace, pace_status, status};
use crate::model::period::Period;
use crate::model::{Category, Training};

fn day(s: &str) -> NaiveDate {
    crate::model::period::parse_date(s).unwrap()
}

fn vi() -> ChartText {
    ChartText::new(Language::Vi, 1)
}

fn en() -> ChartText {
    ChartText::new(Language::En, 1)
}

/// Figures of a report, computed like `indicators::compute` does.
fn report(
    unit: &str,
    period: Period,
    as_of: Option<&str>,
    admitted: u64,
    target: Option<(u64, Option<u64>, Option<&str>)>,
) -> Figures {
    let as_of = as_of.map_or(period.to, day);
    let targets = target
        .into_iter()
        .map(|(value, max, deadline)| {
            let deadline = deadline.map_or(period.to, day);
            let (value, max) = (value as f64, max.map(|m| m as f64));
            let pace = pace(admitted, value, period.from, as_of, deadline);
            TargetFigures {
                value,
                max,
                rate_pct: None,
                max_rate_pct: None,
                by: None,
                document: None,
                deadline,
                achievement_pct: admitted as f64 * 100.0 / value,
                status: status(admitted, value, max),
                pace_status: pace_status(admitted, value, pace.as_ref()),
                pace,
            }
        })
        .collect();
    Figures {
        unit: unit.into(),
        period,
        as_of,
        latest: true,
        derived: false,
        admitted,
        targets,
        composition: litemap::LiteMap::new(),
        members: None,
        members_at_start: None,
        admission_rate_pct: None,
        organizations: None,
        training: Training::default(),
        conversion_pct: None,
        confirmed: None,
        change: None,
        rank: None,
        summed: None,
        source: None,
        note: None,
        written: Some(0),
    }
}

fn year(unit: &str, y: i32, admitted: u64, target: Option<u64>) -> Figures {
    report(unit, Period::year(y).unwrap(), None, admitted, target.map(|v| (v, None, None)))
}

fn with_composition(mut f: Figures, counts: &[(&str, u64)]) -> Figures {
    for &(k, n) in counts {
        let share_pct = crate::compute::indicators::pct(n as f64, f.admitted as f64);
        f.composition.insert(k.into(), Share { count: n, share_pct });
    }
    f
}

fn with_training(mut f: Figures, training: Training) -> Figures {
    f.training = training;
    f.conversion_pct = training
        .awareness_trainees
        .and_then(|n| crate::compute::indicators::pct(f.admitted as f64, n as f64));
    f
}

fn categories(t: &ChartText) -> Vec<Category> {
    crate::model::BUILTIN_CATEGORIES
        .iter()
        .map(|(k, label)| Category { key: k.to_string(), label: label(&t.labels.categories).to_string() })
        .collect()
}

/// Parses the SVG and checks what every chart must have.
fn check(chart: &Chart) -> roxmltree::Document<'_> {
    let doc = roxmltree::Document::parse(&chart.svg)
        .unwrap_or_else(|e| panic!("{}: {e}\n{}", chart.slug, chart.svg));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert!(root.attribute("viewBox").unwrap().starts_with("0 0 640 "));
    assert_eq!(root.attribute("width"), Some("100%"));
    assert_eq!(root.attribute("height"), None);
    assert_eq!(root.attribute("role"), Some("img"));
    let children: Vec<_> = root.children().filter(|n| n.is_element()).collect();
    assert_eq!(children[0].tag_name().name(), "title");
    assert_eq!(children[1].tag_name().name(), "desc");
    assert_eq!(children[0].text(), Some(chart.title.as_str()));
    assert_eq!(children[1].text(), Some(chart.desc.as_str()));
    check_inline(chart);
    assert!(
        chart.slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-_.".contains(&b)),
        "{}",
        chart.slug
    );
    assert!(!chart.title.contains('\n') && !chart.title.is_empty());
    assert!(chart.desc.ends_with('.'));
    for row in &chart.table.rows {
        assert_eq!(row.len(), chart.table.headers.len());
    }
    assert_eq!(chart.table.numeric.len(), chart.table.headers.len());
    check_text_inside(&doc);
    check_narrow(chart);
    doc
}

/// A drawing's file is named by its title alone; the copy to inline in a page names it
/// by its title and description, with ids of its own slug.
fn check_inline(chart: &Chart) {
    assert!(!chart.svg.contains("aria-labelledby") && chart.svg.contains("<title>"));
    let inline = chart.inline_svg();
    let doc = roxmltree::Document::parse(&inline).unwrap();
    let root = doc.root_element();
    let children: Vec<_> = root.children().filter(|n| n.is_element()).collect();
    let slug = &chart.slug;
    assert_eq!(children[0].attribute("id"), Some(format!("{slug}-title").as_str()));
    assert_eq!(children[1].attribute("id"), Some(format!("{slug}-desc").as_str()));
    assert_eq!(root.attribute("aria-labelledby"), Some(format!("{slug}-title {slug}-desc").as_str()));
}

/// How wide a narrow drawing is shown on a 360 px phone: the column, less the page's
/// padding (1rem either side).
const PHONE_COLUMN: f64 = 328.0;

/// The least size of any chart text as the reader sees it, in CSS px.
const LEAST_TEXT: f64 = 12.0;

/// The narrow drawing: the same title and desc, its size as given, and every text
/// inside it and at least [`LEAST_TEXT`] on a phone.
fn check_narrow(chart: &Chart) -> roxmltree::Document<'_> {
    let doc = roxmltree::Document::parse(&chart.narrow)
        .unwrap_or_else(|e| panic!("{}: {e}\n{}", chart.slug, chart.narrow));
    let root = doc.root_element();
    let (w, h) = chart.narrow_size;
    assert_eq!(root.attribute("viewBox"), Some(format!("0 0 {w} {h}").as_str()));
    assert_eq!(w, narrow::WIDTH as u32);
    assert_eq!(root.attribute("role"), Some("img"));
    let children: Vec<_> = root.children().filter(|n| n.is_element()).collect();
    assert_eq!(children[0].text(), Some(chart.title.as_str()));
    assert_eq!(children[1].text(), Some(chart.desc.as_str()));
    let scale = PHONE_COLUMN / f64::from(w);
    for text in doc.descendants().filter(|n| n.has_tag_name("text")) {
        let content = text.text().unwrap_or("");
        let size = font_size(text);
        assert!(size * scale >= LEAST_TEXT, "`{content}` at {size} is under {LEAST_TEXT} CSS px on a phone");
        let x: f64 = text.attribute("x").unwrap().parse().unwrap();
        let y: f64 = text.attribute("y").unwrap().parse().unwrap();
        let tw = text_width(content, size);
        let x0 = match anchor(text) {
            Some("end") => x - tw,
            Some("middle") => x - tw / 2.0,
            _ => x,
        };
        assert!(x0 >= -0.5 && x0 + tw <= f64::from(w) + 0.5, "`{content}` runs off the narrow drawing: {x0}");
        assert!(y - size >= 0.0 && y + size / 4.0 <= f64::from(h), "`{content}` runs off vertically at {y}");
    }
    doc
}

/// A text's font size, set on it or on the nearest group that sets one.
fn font_size(node: roxmltree::Node) -> f64 {
    node.ancestors().find_map(|n| n.attribute("font-size")).unwrap().parse().unwrap()
}

/// A text's `text-anchor`, set on it or on the nearest group that sets one.
fn anchor<'a>(node: roxmltree::Node<'a, '_>) -> Option<&'a str> {
    node.ancestors().find_map(|n| n.attribute("text-anchor"))
}

/// The numbers of an SVG path's `M x y` and `L x y` points.
fn path_points(d: &str) -> Vec<(f64, f64)> {
    let spaced = d.replace(['M', 'L', 'v', 'V', 'H', 'Z'], " ");
    let numbers: Vec<f64> = spaced.split_whitespace().map(|v| v.parse().unwrap()).collect();
    numbers.chunks(2).filter(|c| c.len() == 2).map(|c| (c[0], c[1])).collect()
}

/// Every text, measured with the layout's estimate, lies inside the canvas.
fn check_text_inside(doc: &roxmltree::Document) {
    let view: Vec<f64> =
        doc.root_element().attribute("viewBox").unwrap().split(' ').map(|v| v.parse().unwrap()).collect();
    for text in doc.descendants().filter(|n| n.has_tag_name("text")) {
        let content = text.text().unwrap_or("").trim();
        let size = font_size(text);
        assert!(size >= 12.0, "text smaller than 12px: {content}");
        let family = text.ancestors().find_map(|n| n.attribute("font-family"));
        assert!(family.unwrap().contains("system-ui"));
        let x: f64 = text.attribute("x").unwrap().parse().unwrap();
        let y: f64 = text.attribute("y").unwrap().parse().unwrap();
        let w = text_width(content, size);
        let (x0, x1) = match anchor(text) {
            Some("end") => (x - w, x),
            Some("middle") => (x - w / 2.0, x + w / 2.0),
            _ => (x, x + w),
        };
        assert!(x0 >= -0.5 && x1 <= view[2] + 0.5, "`{content}` runs off the canvas: {x0}..{x1}");
        assert!(
            y - size / 2.0 >= 0.0 && y + size / 2.0 <= view[3],
            "`{content}` runs off the canvas vertically at {y}"
        );
    }
}

fn count(doc: &roxmltree::Document, class: &str) -> usize {
    doc.descendants().filter(|n| n.attribute("class") == Some(class)).count()
}

fn texts(doc: &roxmltree::Document) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or("").trim().to_string())
        .collect()
}

fn height(chart: &Chart) -> f64 {
    let doc = roxmltree::Document::parse(&chart.svg).unwrap();
    let view = doc.root_element().attribute("viewBox").unwrap().to_string();
    view.rsplit(' ').next().unwrap().parse().unwrap()
}

fn units_2024() -> Vec<(String, Figures)> {
    vec![
        ("Đảng bộ huyện Krông Pắc".to_string(), year("krong-pac", 2024, 57, Some(246))),
        ("Đảng bộ thành phố Buôn Ma Thuột".to_string(), year("bmt", 2024, 929, Some(850))),
        ("Đảng bộ huyện Ea Kar".to_string(), year("ea-kar", 2024, 120, Some(120))),
        ("Đảng bộ Khối Doanh nghiệp".to_string(), year("dn", 2024, 23596, None)),
    ]
}

fn refs(units: &[(String, Figures)]) -> Vec<(&str, &Figures)> {
    units.iter().map(|(n, f)| (n.as_str(), f)).collect()
}

#[test]
fn achievement_bars_sorted_labelled_and_coloured_by_status() {
    let units = units_2024();
    let chart = achievement(Some("dak-lak"), "2024", &refs(&units), &vi()).unwrap();
    assert_eq!(chart.slug, "achievement_dak-lak_2024");
    let doc = check(&chart);
    assert_eq!(count(&doc, "bar"), 3);
    let bars: Vec<_> = doc.descendants().filter(|n| n.attribute("class") == Some("bar")).collect();
    let statuses: Vec<&str> = bars.iter().map(|b| b.attribute("data-status").unwrap()).collect();
    assert_eq!(statuses, ["exceeded", "achieved", "behind"]);
    // Colour by status, and the status word in the label.
    let fills: Vec<&str> = bars
        .iter()
        .map(|b| b.descendants().find(|n| n.has_tag_name("rect")).unwrap().attribute("fill").unwrap())
        .collect();
    assert_eq!(fills, ["#009E73", "#0072B2", "#D55E00"]);
    let all = texts(&doc);
    assert!(all.contains(&"109,3% (vượt)".to_string()), "{all:?}");
    assert!(all.contains(&"23,2% (chưa đạt)".to_string()), "{all:?}");
    assert!(all.contains(&"Đảng bộ huyện Krông Pắc".to_string()));
    assert!(all.contains(&"100% = chỉ tiêu".to_string()));
    assert!(all.iter().any(|t| t == "0%"));
    // The unit without a target is only in the table, with "-".
    assert!(!all.iter().any(|t| t.contains("Doanh nghiệp")));
    assert_eq!(chart.table.rows.len(), 4);
    assert_eq!(chart.table.rows[3], ["Đảng bộ Khối Doanh nghiệp", "23.596", "-", "-", "-"]);
    assert_eq!(chart.table.rows[0], ["Đảng bộ thành phố Buôn Ma Thuột", "929", "850", "109,3%", "vượt"]);
    assert!(chart.desc.contains("cao nhất Đảng bộ thành phố Buôn Ma Thuột (109,3%)"));
    assert!(chart.desc.contains("2/3 đơn vị"));
}

#[test]
fn achievement_in_english() {
    let units = units_2024();
    let chart = achievement(Some("dak-lak"), "2024", &refs(&units), &en()).unwrap();
    let doc = check(&chart);
    let all = texts(&doc);
    assert!(all.contains(&"109.3% (exceeded)".to_string()), "{all:?}");
    assert!(all.contains(&"Target exceeded".to_string()));
    assert_eq!(chart.table.rows[3][1], "23,596");
    assert_eq!(doc.root_element().attribute(("http://www.w3.org/XML/1998/namespace", "lang")), Some("en"));
}

#[test]
fn achievement_of_one_and_of_twenty_units() {
    let one = [("Xã Ea Tu", &year("ea-tu", 2024, 5, Some(5)))];
    let chart1 = achievement(Some("bmt"), "2024", &one, &vi()).unwrap();
    let doc = check(&chart1);
    assert_eq!(count(&doc, "bar"), 1);
    assert!(chart1.desc.contains("100,0%"), "{}", chart1.desc);
    let many: Vec<(String, Figures)> = (0..20)
        .map(|i| {
            (
                format!("Đảng bộ xã số {i} thuộc huyện Cư M'gar tỉnh Đắk Lắk, khu vực Tây Nguyên, nước Cộng hòa xã hội chủ nghĩa Việt Nam"),
                year(&format!("x{i}"), 2024, 10 + i * 7, Some(100)),
            )
        })
        .collect();
    let chart20 = achievement(Some("cu-mgar"), "2024", &refs(&many), &vi()).unwrap();
    let doc = check(&chart20);
    assert_eq!(count(&doc, "bar"), 20);
    assert!(height(&chart20) > height(&chart1) + 19.0 * 28.0);
    // Long names are wrapped or shortened in the chart, full in the table.
    assert!(texts(&doc).iter().any(|t| t.ends_with('…')));
    assert!(chart20.table.rows[0][0].ends_with("Việt Nam"));
}

#[test]
fn achievement_without_anything_to_draw_is_none() {
    assert_eq!(achievement(Some("a"), "2024", &[], &vi()), None);
    let f = year("a", 2024, 5, None);
    assert_eq!(achievement(Some("a"), "2024", &[("A", &f)], &vi()), None);
    let mut nan = year("a", 2024, 5, Some(10));
    nan.targets[0].achievement_pct = f64::NAN;
    assert_eq!(achievement(Some("a"), "2024", &[("A", &nan)], &vi()), None);
}

#[test]
fn achievement_of_a_tiny_and_a_huge_target_and_of_zero() {
    let units = [
        ("Chi bộ & <Tổ> \"1\"", &year("a", 2024, 250, Some(5))),
        ("Đảng bộ lớn", &year("b", 2024, 40000, Some(50000))),
        ("Không ai", &year("c", 2024, 0, Some(12))),
    ];
    let chart = achievement(Some("p"), "2024", &units, &vi()).unwrap();
    let doc = check(&chart);
    assert_eq!(count(&doc, "bar"), 3);
    let all = texts(&doc);
    assert!(all.contains(&"Chi bộ & <Tổ> \"1\"".to_string()), "{all:?}");
    assert!(all.contains(&"5.000,0% (vượt)".to_string()), "{all:?}");
    assert!(all.contains(&"0,0% (chưa đạt)".to_string()), "{all:?}");
    assert!(chart.svg.contains("Chi bộ &amp; &lt;Tổ&gt;"));
}

#[test]
fn admissions_over_the_years_with_targets_and_a_range() {
    let mut ranged = year("ba-tri", 2016, 222, None);
    ranged = report("ba-tri", ranged.period.clone(), None, 222, Some((220, Some(240), None)));
    let years = [
        year("ba-tri", 2014, 180, Some(200)),
        year("ba-tri", 2015, 210, None),
        ranged,
        year("ba-tri", 2018, 23596, Some(20000)),
    ];
    let refs: Vec<&Figures> = years.iter().collect();
    let chart = admissions_over_years("Đảng bộ huyện Ba Tri", "ba-tri", &refs, &vi()).unwrap();
    assert_eq!(chart.slug, "admissions_ba-tri");
    let doc = check(&chart);
    assert_eq!(count(&doc, "bar"), 4);
    let all = texts(&doc);
    for label in ["2014", "2015", "2016", "2017", "2018", "23.596", "Khoảng chỉ tiêu"] {
        assert!(all.contains(&label.to_string()), "{label} in {all:?}");
    }
    assert!(all.contains(&"0".to_string()));
    assert_eq!(chart.table.rows.len(), 4);
    assert_eq!(chart.table.rows[2], ["2016", "222", "220–240", "100,9%"]);
    assert_eq!(chart.table.rows[1][2], "-");
    assert!(chart.desc.contains("nhiều nhất 23.596 (2018)"), "{}", chart.desc);
    assert!(chart.desc.contains("2/3 năm"), "{}", chart.desc);
}

#[test]
fn admissions_of_one_year_of_zero_and_of_none() {
    let one = year("a", 2024, 0, Some(5));
    let chart = admissions_over_years("Xã A & B", "a", &[&one], &vi()).unwrap();
    let doc = check(&chart);
    assert_eq!(count(&doc, "bar"), 1);
    assert!(chart.desc.contains("kết nạp 0 đảng viên"), "{}", chart.desc);
    assert_eq!(admissions_over_years("A", "a", &[], &vi()), None);
    let term = report("a", Period::parse("2020-2025").unwrap(), None, 9, None);
    assert_eq!(admissions_over_years("A", "a", &[&term], &vi()), None);
    // The latest snapshot of a year counts.
    let early = report("a", Period::year(2024).unwrap(), Some("2024-05-04"), 3, None);
    let chart = admissions_over_years("A", "a", &[&one, &early], &en()).unwrap();
    assert_eq!(chart.table.rows, [["2024", "0", "5", "0.0%"]]);
    // A year counted part way says to when.
    let chart = admissions_over_years("A", "a", &[&early], &vi()).unwrap();
    assert_eq!(chart.table.rows[0][0], "2024 (đến 04/05/2024)");
}

#[test]
fn composition_shares_in_display_order() {
    let f = with_composition(
        year("ba-tri", 2016, 222, Some(220)),
        &[("women", 121), ("religious", 1), ("youth", 178), ("veterans", 3)],
    );
    let t = vi();
    let mut cats = categories(&t);
    cats.push(Category { key: "veterans".into(), label: "Cựu chiến binh".into() });
    let chart = composition("ba-tri", "Đảng bộ huyện Ba Tri", &f, &cats, &t).unwrap();
    assert_eq!(chart.slug, "composition_ba-tri_2016");
    let doc = check(&chart);
    assert_eq!(count(&doc, "bar"), 4);
    let all = texts(&doc);
    assert!(all.contains(&"54,5% (121)".to_string()), "{all:?}");
    assert!(all.contains(&"Người theo tôn giáo".to_string()));
    assert!(all.contains(&"100%".to_string()));
    let labels: Vec<&str> = chart.table.rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(labels, ["Đoàn viên thanh niên", "Nữ", "Người theo tôn giáo", "Cựu chiến binh"]);
    assert!(chart.desc.contains("cao nhất là Đoàn viên thanh niên (80,2%)"), "{}", chart.desc);
}

/// Level figures are said to be level: no "highest X, lowest X" naming one item twice
/// or ranking items that are equal.
#[test]
fn level_figures_are_described_as_level() {
    let t = vi();
    let halves = with_composition(year("a", 2023, 2, None), &[("youth", 1), ("women", 1)]);
    let chart = composition("a", "Chi bộ thôn 12", &halves, &categories(&t), &t).unwrap();
    assert_eq!(
        chart.desc,
        "Trong 2 đảng viên được kết nạp, các nhóm có tỷ lệ bằng nhau, đều là 50,0%; một người có thể \
         thuộc nhiều nhóm."
    );
    let level = [
        ("Xã Ea Tu", &year("ea-tu", 2024, 5, Some(5))),
        ("Xã Hòa Thắng", &year("hoa-thang", 2024, 8, Some(8))),
    ];
    let chart = achievement(Some("bmt"), "2024", &level, &vi()).unwrap();
    assert_eq!(
        chart.desc,
        "Tỷ lệ đạt chỉ tiêu kết nạp của 2 đơn vị đều là 100,0%; 2/2 đơn vị đạt hoặc vượt chỉ tiêu."
    );
    let years = [year("a", 2015, 35, Some(30)), year("a", 2016, 35, Some(40)), year("a", 2018, 35, None)];
    let refs: Vec<&Figures> = years.iter().collect();
    let chart = admissions_over_years("Chi bộ thôn 12", "a", &refs, &vi()).unwrap();
    assert_eq!(
        chart.desc,
        "Chi bộ thôn 12 kết nạp mỗi năm 35 đảng viên trong 3 năm có số liệu, từ 2015 đến 2018; đạt \
         hoặc vượt chỉ tiêu 1/2 năm có chỉ tiêu."
    );
    // Years tied for the most or the fewest are all named.
    let tied = [year("a", 2021, 65, None), year("a", 2022, 40, None), year("a", 2023, 65, None)];
    let tied: Vec<&Figures> = tied.iter().collect();
    let chart = admissions_over_years("Chi bộ thôn 12", "a", &tied, &vi()).unwrap();
    assert_eq!(
        chart.desc,
        "Chi bộ thôn 12 kết nạp đảng viên từ 2021 đến 2023: nhiều nhất 65 (2021, 2023), ít nhất 40 (2022)."
    );
    let chart = admissions_over_years("Thon 12", "a", &refs, &en()).unwrap();
    assert_eq!(
        chart.desc,
        "Thon 12 admitted 35 members in each of the 3 years with figures from 2015 to 2018; the target \
         was achieved or exceeded in 1 of 2 years with a target."
    );
}

#[test]
fn composition_without_shares_is_none() {
    let t = vi();
    let zero = with_composition(year("a", 2024, 0, None), &[("women", 0)]);
    assert_eq!(composition("a", "A", &zero, &categories(&t), &t), None);
    let none = year("a", 2024, 10, None);
    assert_eq!(composition("a", "A", &none, &categories(&t), &t), None);
    let one = with_composition(year("a", 2024, 22, None), &[("women", 13)]);
    let chart = composition("a", "A", &one, &categories(&t), &t).unwrap();
    assert_eq!(count(&check(&chart), "bar"), 1);
    assert!(chart.desc.contains("59,1%"));
}

fn krong_pac(admitted: &[(&str, u64)]) -> Vec<Figures> {
    admitted
        .iter()
        .map(|&(as_of, n)| {
            report(
                "krong-pac",
                Period::year(2024).unwrap(),
                Some(as_of),
                n,
                Some((246, None, Some("2024-09-30"))),
            )
        })
        .collect()
}

#[test]
fn progress_of_the_spec_example() {
    let snaps = krong_pac(&[("2024-02-15", 12), ("2024-03-31", 30), ("2024-05-04", 57)]);
    let refs: Vec<&Figures> = snaps.iter().collect();
    let chart = progress("krong-pac", "Huyện Krông Pắc", &refs, &vi()).unwrap();
    assert_eq!(chart.slug, "progress_krong-pac_2024");
    let doc = check(&chart);
    assert_eq!(count(&doc, "point"), 3);
    assert_eq!(count(&doc, "projected"), 1);
    let all = texts(&doc);
    for label in ["Chỉ tiêu 246", "Ước đạt 125", "57", "01/2024", "0"] {
        assert!(all.contains(&label.to_string()), "{label} in {all:?}");
    }
    assert!(chart.desc.contains("50,8%"), "{}", chart.desc);
    assert!(chart.desc.contains("04/05/2024"), "{}", chart.desc);
    assert!(chart.desc.contains("30/09/2024"), "{}", chart.desc);
    let last = chart.table.rows.last().unwrap();
    assert_eq!(last[0], "30/09/2024 (ước tính)");
    assert_eq!(last[1], "125");
    assert_eq!(chart.table.rows[2][2], "112");
    assert_eq!(chart.table.rows[2][3], "23,2%");
}

#[test]
fn progress_of_one_snapshot_after_the_deadline_and_without_target() {
    let snaps = krong_pac(&[("2024-12-31", 250)]);
    let chart = progress("krong-pac", "Krông Pắc", &[&snaps[0]], &en()).unwrap();
    let doc = check(&chart);
    assert_eq!(count(&doc, "point"), 1);
    assert_eq!(count(&doc, "projected"), 0);
    assert!(texts(&doc).contains(&"Target 246".to_string()));
    assert!(texts(&doc).contains(&"2024-01".to_string()));
    let no_target = year("a", 2024, 5, None);
    assert_eq!(progress("a", "A", &[&no_target], &vi()), None);
    assert_eq!(progress("a", "A", &[], &vi()), None);
    // Admitted 0 early in the period: projected 0.
    let zero = krong_pac(&[("2024-01-01", 0)]);
    let chart = progress("krong-pac", "Krông Pắc", &[&zero[0]], &vi()).unwrap();
    assert!(texts(&check(&chart)).contains(&"Ước đạt 0".to_string()));
}

#[test]
fn progress_over_a_term_with_many_snapshots() {
    let term = Period::parse("2020-2025").unwrap();
    let snaps: Vec<Figures> = (0..20_u64)
        .map(|i| {
            let as_of = format!("{}-{:02}-28", 2020 + i / 4, 1 + (i % 4) * 3);
            report("t", term.clone(), Some(&as_of), 100 * i, Some((5000, Some(5500), None)))
        })
        .collect();
    let refs: Vec<&Figures> = snaps.iter().rev().collect();
    let chart = progress("t", "Đảng bộ tỉnh", &refs, &vi()).unwrap();
    let doc = check(&chart);
    assert_eq!(count(&doc, "point"), 20);
    assert!(texts(&doc).contains(&"2021".to_string()));
    assert!(chart.title.contains("giai đoạn 2020-2025"));
}

#[test]
fn training_against_admission() {
    let f = with_training(
        year("tinh", 2021, 14866, None),
        Training {
            awareness_classes: Some(120),
            awareness_trainees: Some(23596),
            new_member_classes: Some(1),
            new_member_trainees: Some(12839),
        },
    );
    let chart = training("tinh", "Đảng bộ tỉnh Đắk Lắk", &f, &vi()).unwrap();
    assert_eq!(chart.slug, "training_tinh_2021");
    let doc = check(&chart);
    assert_eq!(count(&doc, "bar"), 3);
    let all = texts(&doc);
    for label in ["23.596 (120 lớp)", "14.866 (63,0%)", "12.839 (1 lớp)"] {
        assert!(all.contains(&label.to_string()), "{label} in {all:?}");
    }
    assert!(chart.desc.contains("bằng 63,0% số được bồi dưỡng"), "{}", chart.desc);
    let chart = training("tinh", "Tỉnh", &f, &en()).unwrap();
    assert!(texts(&check(&chart)).contains(&"12,839 (1 class)".to_string()));
}

#[test]
fn training_without_trainees_is_none_and_zero_is_drawn() {
    let f = year("a", 2024, 5, None);
    assert_eq!(training("a", "A", &f, &vi()), None);
    let zero = with_training(
        year("a", 2024, 0, None),
        Training { awareness_trainees: Some(0), ..Training::default() },
    );
    let chart = training("a", "A", &zero, &vi()).unwrap();
    let doc = check(&chart);
    assert_eq!(count(&doc, "bar"), 2);
    assert_eq!(chart.table.rows.len(), 2);
}

/// No value label's white ground covers the 100% line, whatever the achievement near
/// it; a label that would starts right of the line.
#[test]
fn value_labels_stay_off_the_target_line() {
    let units: Vec<(String, Figures)> = [90, 95, 97, 98, 99, 100, 101, 103, 110, 140]
        .iter()
        .map(|&n| (format!("Đơn vị {n}"), year(&format!("u{n}"), 2024, n, Some(100))))
        .collect();
    let chart = achievement(Some("p"), "2024", &refs(&units), &vi()).unwrap();
    let doc = check(&chart);
    let group = |class: &str| {
        doc.descendants().find(|n| n.attribute("class") == Some(class)).unwrap_or_else(|| panic!("{class}"))
    };
    let path = group("reference").children().find(|n| n.has_tag_name("path")).unwrap();
    let line = px(path_points(path.attribute("d").unwrap())[0].0);
    let grounds: Vec<(i32, i32)> = group("values")
        .children()
        .filter(|n| n.has_tag_name("rect"))
        .map(|r| {
            let x: i32 = r.attribute("x").unwrap().parse().unwrap();
            (x, x + r.attribute("width").unwrap().parse::<i32>().unwrap())
        })
        .collect();
    assert_eq!(grounds.len(), units.len());
    for (x0, x1) in grounds {
        assert!(x1 < line - 1 || x0 > line + 1, "a label from {x0} to {x1} covers the line at {line}");
    }
    assert_eq!(wide::label_clear_of(100, 40, Some(120)), 126);
    assert_eq!(wide::label_clear_of(130, 40, Some(120)), 130);
    assert_eq!(wide::label_clear_of(100, 10, Some(120)), 100);
    assert_eq!(wide::label_clear_of(100, 40, None), 100);
}

/// Before the deadline a target not reached shows its pace, not "behind".
#[test]
fn running_targets_show_their_pace() {
    let on = report("a", Period::year(2024).unwrap(), Some("2024-06-30"), 52, Some((102, None, None)));
    let behind = report("b", Period::year(2024).unwrap(), Some("2024-06-30"), 13, Some((75, None, None)));
    let units = [("Ninh Phước", &on), ("Ninh Sơn", &behind)];
    let chart = achievement(Some("p"), "2022", &units, &vi()).unwrap();
    let all = texts(&check(&chart));
    for label in ["51,0% (đúng tiến độ)", "17,3% (chậm tiến độ)", "Chưa đến hạn, đúng tiến độ"]
    {
        assert!(all.contains(&label.to_string()), "{label} in {all:?}");
    }
    assert!(!all.iter().any(|t| t.contains("chưa đạt")), "{all:?}");
    assert!(chart.svg.contains("data-status=\"on_pace\""));
    assert_eq!(chart.table.rows[1][4], "chậm tiến độ");
}

#[test]
fn same_input_same_bytes() {
    let units = units_2024();
    let a = achievement(Some("p"), "2024", &refs(&units), &vi()).unwrap();
    let b = achievement(Some("p"), "2024", &refs(&units), &vi()).unwrap();
    assert_eq!(a, b);
}

#[test]
fn nice_axes_step_by_one_two_five() {
    assert_eq!(axis(929.0, 5, true), (200.0, 1000.0));
    assert_eq!(axis(109.3, 5, false), (50.0, 150.0));
    assert_eq!(axis(0.0, 5, true), (1.0, 1.0));
    assert_eq!(axis(f64::NAN, 5, true), (1.0, 1.0));
    assert_eq!(axis(3.0, 5, true), (1.0, 3.0));
    assert_eq!(axis(50000.0, 5, true), (10000.0, 50000.0));
}

#[test]
fn labels_are_shortened_and_wrapped() {
    let name = "Đảng bộ Cơ quan Ủy ban nhân dân tỉnh Khánh Hòa và các đơn vị trực thuộc";
    let lines = wrap2(name, FONT, 200.0);
    assert_eq!(lines.len(), 2);
    assert!(lines.iter().all(|l| text_width(l, FONT) <= 200.0));
    assert!(lines[1].ends_with('…'));
    assert_eq!(wrap2("Nữ", FONT, 200.0), ["Nữ"]);
    let short = ellipsize("Supercalifragilisticexpialidocious", FONT, 80.0);
    assert!(short.ends_with('…') && text_width(&short, FONT) <= 80.0);
    assert_eq!(escape("a&<b>\"'\u{1}"), "a&amp;&lt;b&gt;&quot;&apos; ");
}

/// Writes sample charts to target/chart-samples/ for looking at them:
/// `cargo test --lib charts::tests::write_samples -- --ignored`, then
/// `scripts/screenshot-charts.sh`.
#[test]
#[ignore]
fn write_samples() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/chart-samples");
    std::fs::create_dir_all(&dir).unwrap();
    let mut charts: Vec<(String, Chart)> = Vec::new();
    let units = units_2024();
    for (lang, t) in [("vi", vi()), ("en", en())] {
        charts.push((
            format!("{lang}-achievement"),
            achievement(Some("dak-lak"), "2024", &refs(&units), &t).unwrap(),
        ));
    }
    let many: Vec<(String, Figures)> = (0..20)
        .map(|i| {
            let name = if i % 3 == 0 {
                format!("Đảng bộ Cơ quan Ủy ban nhân dân và các đơn vị trực thuộc số {i}")
            } else {
                format!("Đảng bộ xã Ea Tu {i}")
            };
            (name, year(&format!("x{i}"), 2024, 10 + i * 9, Some(100)))
        })
        .collect();
    charts.push(("vi-achievement-20".into(), achievement(Some("p"), "2024", &refs(&many), &vi()).unwrap()));
    let edge = [
        ("Chi bộ & <Tổ> \"1\"", &year("a", 2024, 250, Some(5))),
        ("Đảng bộ lớn", &year("b", 2024, 40000, Some(50000))),
        ("Không ai", &year("c", 2024, 0, Some(12))),
    ];
    charts.push(("vi-achievement-edge".into(), achievement(Some("p"), "2024", &edge, &vi()).unwrap()));
    let one = [("Xã Ea Tu", &year("ea-tu", 2024, 5, Some(5)))];
    charts.push(("vi-achievement-one".into(), achievement(Some("p"), "2024", &one, &vi()).unwrap()));

    let ranged = report("ba-tri", Period::year(2016).unwrap(), None, 222, Some((220, Some(240), None)));
    let years = [
        year("ba-tri", 2013, 150, Some(160)),
        year("ba-tri", 2014, 180, Some(200)),
        year("ba-tri", 2015, 210, None),
        ranged,
        year("ba-tri", 2018, 236, Some(230)),
        year("ba-tri", 2019, 0, Some(5)),
    ];
    let yrefs: Vec<&Figures> = years.iter().collect();
    for (lang, t) in [("vi", vi()), ("en", en())] {
        charts.push((
            format!("{lang}-years"),
            admissions_over_years("Đảng bộ huyện Ba Tri", "ba-tri", &yrefs, &t).unwrap(),
        ));
    }
    let one_year = year("a", 2024, 929, Some(850));
    charts
        .push(("vi-years-one".into(), admissions_over_years("Xã A & B", "a", &[&one_year], &vi()).unwrap()));
    let long: Vec<Figures> = (2000..2025)
        .map(|y| year("t", y, 20000 + u64::from(y.unsigned_abs() % 7) * 3000, Some(50000)))
        .collect();
    let lrefs: Vec<&Figures> = long.iter().collect();
    charts.push(("vi-years-25".into(), admissions_over_years("Đảng bộ tỉnh", "t", &lrefs, &vi()).unwrap()));

    let f = with_composition(
        year("ba-tri", 2016, 222, Some(220)),
        &[
            ("women", 121),
            ("religious", 1),
            ("youth", 178),
            ("ethnic_minority", 0),
            ("enterprise_workers", 12),
        ],
    );
    for (lang, t) in [("vi", vi()), ("en", en())] {
        charts.push((
            format!("{lang}-composition"),
            composition("ba-tri", "Đảng bộ huyện Ba Tri", &f, &categories(&t), &t).unwrap(),
        ));
    }

    let snaps = krong_pac(&[("2024-02-15", 12), ("2024-03-31", 30), ("2024-05-04", 57)]);
    let srefs: Vec<&Figures> = snaps.iter().collect();
    for (lang, t) in [("vi", vi()), ("en", en())] {
        charts.push((
            format!("{lang}-progress"),
            progress("krong-pac", "Huyện Krông Pắc", &srefs, &t).unwrap(),
        ));
    }
    let late = krong_pac(&[("2024-06-30", 150), ("2024-12-31", 250)]);
    let late_refs: Vec<&Figures> = late.iter().collect();
    charts.push((
        "vi-progress-after-deadline".into(),
        progress("krong-pac", "Huyện Krông Pắc", &late_refs, &vi()).unwrap(),
    ));
    let term = Period::parse("2020-2025").unwrap();
    let tsnaps: Vec<Figures> = (0..20_u64)
        .map(|i| {
            let as_of = format!("{}-{:02}-28", 2020 + i / 4, 1 + (i % 4) * 3);
            report("t", term.clone(), Some(&as_of), 260 * i, Some((5000, Some(5500), None)))
        })
        .collect();
    let trefs: Vec<&Figures> = tsnaps.iter().collect();
    charts.push(("vi-progress-term".into(), progress("t", "Đảng bộ tỉnh", &trefs, &vi()).unwrap()));

    let tf = with_training(
        year("tinh", 2021, 14866, None),
        Training {
            awareness_classes: Some(120),
            awareness_trainees: Some(23596),
            new_member_classes: Some(1),
            new_member_trainees: Some(12839),
        },
    );
    for (lang, t) in [("vi", vi()), ("en", en())] {
        charts.push((format!("{lang}-training"), training("tinh", "Đảng bộ tỉnh Đắk Lắk", &tf, &t).unwrap()));
    }
    for (name, chart) in &charts {
        std::fs::write(dir.join(format!("{name}.svg")), &chart.svg).unwrap();
        std::fs::write(dir.join(format!("{name}-narrow.svg")), &chart.narrow).unwrap();
    }
}

#[test]
fn narrow_bars_sit_under_their_labels_and_the_target_line_is_inside() {
    let units = units_2024();
    let chart = achievement(Some("dak-lak"), "2024", &refs(&units), &vi()).unwrap();
    let doc = check_narrow(&chart);
    let bars: Vec<_> = doc.descendants().filter(|n| n.attribute("class") == Some("bar")).collect();
    assert_eq!(bars.len(), 3);
    let labels: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text") && n.parent().unwrap().attribute("class") == Some("labels"))
        .collect();
    let attr = |n: &roxmltree::Node, a: &str| -> f64 { n.attribute(a).unwrap().parse().unwrap() };
    // Highest first: Buôn Ma Thuột, Ea Kar, Krông Pắc.
    for (bar, name) in bars.iter().zip(["thành phố", "Ea Kar", "Krông Pắc"]) {
        let label = labels.iter().find(|l| l.text().unwrap().contains(name)).unwrap();
        let (bar_x, bar_y) = (attr(bar, "x"), attr(bar, "y"));
        assert!(attr(label, "y") < bar_y, "{name} is not above its bar");
        assert!((attr(label, "x") - bar_x).abs() < 0.01, "{name} does not start where its bar does");
        // Its value on the label's line, at the right.
        let value = labels
            .iter()
            .find(|l| l.attribute("text-anchor") == Some("end") && attr(l, "y") == attr(label, "y"));
        assert!(value.is_some(), "{name} has no value above its bar");
    }
    let reference = doc.descendants().find(|n| n.attribute("class") == Some("reference")).unwrap();
    let points = path_points(reference.attribute("d").unwrap());
    assert!(!points.is_empty());
    assert!(points.iter().all(|&(x, _)| x > 0.0 && x + 1.0 <= f64::from(narrow::WIDTH)));
    // The 100% line is left of the end of the bar of 109.3%.
    let bmt = bars[0];
    assert!(points[0].0 < attr(&bmt, "x") + attr(&bmt, "width"));
    assert!(texts(&doc).contains(&"100% = chỉ tiêu".to_string()));
    let legend: Vec<_> = doc.descendants().filter(|n| n.attribute("class") == Some("legend")).collect();
    assert_eq!(legend.len(), 1);
}

#[test]
fn narrow_text_sizes_hold_at_the_drawing_width() {
    let units = units_2024();
    let values = achievement::values(Some("p"), "2024", &refs(&units), &vi()).unwrap();
    let drawing = narrow::draw(&values, narrow::WIDTH, &vi());
    let doc = roxmltree::Document::parse(&drawing.svg).unwrap();
    let least = doc.descendants().filter(|n| n.has_tag_name("text")).map(font_size).fold(f64::MAX, f64::min);
    assert!(least * PHONE_COLUMN / f64::from(drawing.width) >= LEAST_TEXT);
    // The wide drawing at its own size, as a desktop shows it.
    let wide = wide::draw(&values, &vi()).unwrap();
    let doc = roxmltree::Document::parse(&wide.svg).unwrap();
    let least = doc.descendants().filter(|n| n.has_tag_name("text")).map(font_size).fold(f64::MAX, f64::min);
    assert!(least >= LEAST_TEXT && wide.width == 640);
}

#[test]
fn narrow_drawings_are_lean_and_escape_their_text() {
    let edge = [("Chi bộ & <Tổ> \"1\"", &year("a", 2024, 250, Some(5)))];
    let chart = achievement(Some("p"), "2024", &edge, &vi()).unwrap();
    check_narrow(&chart);
    assert!(chart.narrow.contains("Chi bộ &amp; &lt;Tổ&gt; &quot;1&quot;"));
    assert!(chart.narrow.len() < chart.svg.len(), "{} against {}", chart.narrow.len(), chart.svg.len());
    // What every text shares is said once, on the root.
    for svg in [&chart.narrow, &chart.svg] {
        assert_eq!(svg.matches("font-family").count(), 1);
        assert!(!svg.contains("opacity=\"1\"") && !svg.contains("stroke=\"none\""));
    }
    // Coordinates keep at most one decimal.
    let doc = roxmltree::Document::parse(&chart.narrow).unwrap();
    for node in doc.descendants() {
        for a in ["x", "y", "width", "height"] {
            if let Some(v) = node.attribute(a).filter(|v| !v.contains('%')) {
                assert!(v.split('.').nth(1).is_none_or(|d| d.len() == 1), "{a}={v}");
            }
        }
    }
}

// What each kind shows, before anything is drawn.

#[test]
fn achievement_values() {
    let units = units_2024();
    let v = achievement::values(Some("dak-lak"), "2024", &refs(&units), &vi()).unwrap();
    assert_eq!(v.slug, "achievement_dak-lak_2024");
    assert_eq!(v.title, "Tỷ lệ thực hiện chỉ tiêu kết nạp đảng viên của các đơn vị, 2024");
    let Plot::Bars(bars) = &v.plot else { panic!("not bars") };
    let shown: Vec<(&str, String)> =
        bars.bars.iter().map(|b| (b.label.as_str(), format!("{:.1}", b.value))).collect();
    assert_eq!(
        shown,
        [
            ("Đảng bộ thành phố Buôn Ma Thuột", "109.3".to_string()),
            ("Đảng bộ huyện Ea Kar", "100.0".to_string()),
            ("Đảng bộ huyện Krông Pắc", "23.2".to_string()),
        ]
    );
    assert_eq!(bars.bars[0].text, "109,3% (vượt)");
    assert_eq!(bars.reference.as_ref().map(|r| r.0), Some(100.0));
    // The unit without a target is in the table, not among the bars.
    assert_eq!(v.table.rows.len(), 4);
    assert_eq!(v.table.rows[3], ["Đảng bộ Khối Doanh nghiệp", "23.596", "-", "-", "-"]);
}

#[test]
fn admissions_values() {
    let years = [year("a", 2021, 10, Some(12)), year("a", 2023, 15, None)];
    let refs: Vec<&Figures> = years.iter().collect();
    let v = admissions::values("Xã A", "a", &refs, &vi()).unwrap();
    assert_eq!(v.slug, "admissions_a");
    let Plot::Years(y) = &v.plot else { panic!("not years") };
    assert_eq!(y.slots, [2021, 2022, 2023]);
    let bars: Vec<(i32, u64, Option<f64>)> =
        y.bars.iter().map(|b| (b.year, b.admitted, b.target.map(|t| t.0))).collect();
    assert_eq!(bars, [(2021, 10, Some(12.0)), (2023, 15, None)]);
    assert_eq!(v.table.rows, [["2021", "10", "12", "83,3%"], ["2023", "15", "-", "-"]]);
}

#[test]
fn composition_values() {
    let f = with_composition(year("a", 2024, 200, None), &[("women", 121), ("youth", 50)]);
    let v = composition::values("a", "Xã A", &f, &categories(&vi()), &vi()).unwrap();
    let Plot::Bars(bars) = &v.plot else { panic!("not bars") };
    let shown: Vec<(&str, &str)> = bars.bars.iter().map(|b| (b.label.as_str(), b.text.as_str())).collect();
    // In the order of the site's categories.
    assert_eq!(shown, [("Đoàn viên thanh niên", "25,0% (50)"), ("Nữ", "60,5% (121)")]);
    assert_eq!(v.table.rows[1], ["Nữ", "121", "60,5%"]);
}

#[test]
fn progress_values() {
    let snaps = krong_pac(&[("2024-02-15", 12), ("2024-03-31", 30), ("2024-05-04", 57)]);
    let refs: Vec<&Figures> = snaps.iter().collect();
    let v = progress::values("krong-pac", "Huyện Krông Pắc", &refs, &vi()).unwrap();
    let Plot::Progress(track) = &v.plot else { panic!("not a track") };
    assert_eq!(track.points.iter().map(|p| p.1).collect::<Vec<_>>(), [12, 30, 57]);
    assert_eq!(track.target, 246.0);
    assert!(track.projected.is_some_and(|p| p > 57.0));
    assert_eq!(track.target_label, "Chỉ tiêu 246");
    assert_eq!(v.table.rows.len(), 4);
}

#[test]
fn training_values() {
    let f = with_training(
        year("t", 2021, 100, None),
        Training {
            awareness_classes: Some(2),
            awareness_trainees: Some(150),
            new_member_classes: None,
            new_member_trainees: None,
        },
    );
    let v = training::values("t", "Tỉnh", &f, &vi()).unwrap();
    let Plot::Bars(bars) = &v.plot else { panic!("not bars") };
    let shown: Vec<(f64, &str)> = bars.bars.iter().map(|b| (b.value, b.text.as_str())).collect();
    assert_eq!(shown, [(150.0, "150 (2 lớp)"), (100.0, "100 (66,7%)")]);
    assert_eq!(v.table.rows.last().unwrap()[1], "66,7%");
}
