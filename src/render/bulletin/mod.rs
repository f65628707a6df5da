//! The bulletin to share: the front page's figures as one document, in the order of a
//! statistical release, for the PDF ([`pdf`]) and the one-file HTML (the theme's
//! `bulletin.html`).
//!
//! [`Bulletin`] is plain, formatted data made from the indicators (pure: no I/O, no
//! clock); the PDF and the HTML lay out the same data.

pub mod pdf;
#[cfg(feature = "pdf")]
mod typeset;

pub use crate::catalog::bulletin::{BulletinWords, fill, words};
use crate::charts::Chart;
use crate::charts::by_page::{ChartsByPage, FRONT};
use crate::compute::indicators::{Figures, Focus, Standing, TargetFigures};
use crate::compute::points::{self, Writer};
use crate::compute::reads::Reader;
use crate::locale::Locale;
use crate::model::Language;
use crate::model::period::Period;
use crate::url;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// The most lines `issuer` may have: up to three superior bodies and the issuer.
pub const MAX_ISSUER_LINES: usize = 4;

/// Composition shares among the key figures of one unit.
const SHARES_SHOWN: usize = 4;

/// The most focus units shown each with its key figures and composition chart; with
/// more (units side by side), the table of units carries their figures.
const MAX_CARDS: usize = 4;

/// Kinds of a focus unit's own charts that the bulletin adds to the front page's.
const UNIT_CHART_KINDS: [&str; 2] = ["admissions", "progress"];

/// The bulletin, every text formatted in the site's language.
#[derive(Debug, Serialize)]
pub struct Bulletin {
    /// `vi` or `en`.
    pub lang: &'static str,
    pub w: &'static BulletinWords,
    pub header: Header,
    pub title: String,
    /// `Số 12`.
    pub number: Option<String>,
    /// The period and the date the figures are counted up to.
    pub subject: String,
    pub headline: Option<String>,
    pub points: Vec<String>,
    pub cards: Vec<Card>,
    pub table: Option<Table>,
    pub charts: Vec<ChartView>,
    pub sources: Sources,
    pub contact: Option<String>,
    pub next_release: Option<String>,
    /// For the PDF's metadata.
    pub meta: Meta,
}

/// The header of a Party document: the issuing body at the left, the party and the
/// place and date of issue at the right.
#[derive(Debug, Serialize)]
pub struct Header {
    /// Superior bodies, top first.
    pub superior: Vec<String>,
    pub issuer: String,
    pub party: &'static str,
    pub place_date: String,
}

/// One focus unit's key figures.
#[derive(Debug, Serialize)]
pub struct Card {
    pub unit: String,
    pub derived: bool,
    pub facts: Vec<Fact>,
}

#[derive(Debug, Serialize)]
pub struct Fact {
    pub label: String,
    pub value: String,
    /// A line under the value: the change, the target.
    pub note: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Table {
    pub caption: String,
    pub headers: [&'static str; 7],
    pub rows: Vec<Row>,
    /// Whether any row is summed from the units below (the note under the table).
    pub derived: bool,
}

#[derive(Debug, Serialize)]
pub struct Row {
    pub unit: String,
    pub derived: bool,
    pub admitted: String,
    pub target: String,
    pub achievement: String,
    /// `exceeded`, `achieved`, `behind` or none.
    pub status: Option<&'static str>,
    pub status_label: String,
    pub change: String,
    pub rank: String,
}

#[derive(Debug, Serialize)]
pub struct ChartView {
    /// The chart's name: its file is `charts/{slug}.svg`.
    pub slug: String,
    pub title: String,
    pub desc: String,
    /// The standalone SVG document.
    pub svg: String,
    pub caption: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub numeric: Vec<bool>,
}

#[derive(Debug, Serialize)]
pub struct Sources {
    pub figures: String,
    /// Articles and addresses the figures cite.
    pub cited: Vec<Source>,
    /// The online bulletin.
    pub site_url: String,
}

#[derive(Debug, PartialEq, Serialize)]
pub struct Source {
    pub text: String,
    /// An http(s) address, when there is one.
    pub url: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Meta {
    pub title: String,
    pub author: String,
    /// The date of issue: year, month, day.
    pub date: Option<[u32; 3]>,
    /// A stable identifier of this bulletin (base URL, number and date).
    pub ident: String,
}

/// Makes the bulletin of the front page's focus, with the charts of `charts` (whose
/// SVG text is kept for the front page and the focus units).
pub fn bulletin(r: &Reader, charts: &ChartsByPage) -> Bulletin {
    let focus = r.focus();
    let site = &r.content().site;
    let w = words(site.language);
    let locale = Locale::new(site.language);
    let decimals = usize::from(site.percent_decimals);
    let name = |id: &str| r.name(id).to_string();
    let headline: Vec<&Figures> = match &focus.period {
        Some(p) => focus.units.iter().filter_map(|u| r.latest(u, &p.label)).collect(),
        None => Vec::new(),
    };
    let group = points::comparison_group(r);
    let writer = Writer { locale, decimals, names: r.names() };
    let mut main_points = points::main_points(focus, &headline, &group, &writer);

    let issued = site.edition.as_ref().and_then(|e| e.issued).or(focus.as_of);
    let period_phrase = focus.period.as_ref().map(|p| period_words(w, p));
    let headline_sentence = match (&period_phrase, focus.as_of) {
        (Some(phrase), Some(as_of)) => {
            // The first main point says the same as the headline.
            if !main_points.is_empty() {
                main_points.remove(0);
            }
            Some(headline_sentence(w, &locale, decimals, &headline, &name, phrase, as_of))
        }
        _ => None,
    };
    let subject = match (&focus.period, focus.as_of) {
        (Some(p), Some(as_of)) => {
            fill(w.subject, &[("period", &period_title(w, p)), ("date", &locale.date(as_of))])
        }
        (Some(p), None) => fill(w.subject_no_date, &[("period", &period_title(w, p))]),
        (None, _) => String::new(),
    };
    let categories = r.categories();
    let few = headline.len() <= MAX_CARDS;
    let cards = headline
        .iter()
        .filter(|_| few)
        .map(|f| {
            let mut facts = vec![Fact {
                label: w.admitted.to_string(),
                value: locale.integer(f.admitted),
                note: Some(change_note(w, &locale, decimals, f)),
            }];
            match f.targets.first() {
                Some(t) => facts.push(Fact {
                    label: w.achievement.to_string(),
                    value: locale.percent(t.achievement_pct, decimals),
                    note: Some(format!(
                        "{} · {}",
                        fill(
                            w.of_target,
                            &[
                                ("admitted", &locale.integer(f.admitted)),
                                ("target", &target_text(&locale, t))
                            ]
                        ),
                        status_label(w, t)
                    )),
                }),
                None => facts.push(Fact {
                    label: w.target.to_string(),
                    value: "–".into(),
                    note: Some(w.no_target.to_string()),
                }),
            }
            let shares = categories.iter().filter_map(|c| {
                let share = f.composition.get(&c.key)?.share_pct?;
                Some(Fact {
                    label: c.label.clone(),
                    value: locale.percent(share, decimals),
                    note: Some(w.share_of_admitted.to_string()),
                })
            });
            facts.extend(shares.take(SHARES_SHOWN));
            Card { unit: name(&f.unit), derived: f.derived, facts }
        })
        .collect();
    let table = focus.period.as_ref().filter(|_| !group.is_empty()).map(|p| {
        let parent = match headline.as_slice() {
            [one] if group.iter().all(|g| r.parent(&g.unit) == Some(one.unit.as_str())) => {
                Some(name(&one.unit))
            }
            _ => None,
        };
        let period = period_words(w, p);
        let caption = match &parent {
            Some(parent) => fill(w.table_caption_parent, &[("parent", parent), ("period", &period)]),
            None => fill(w.table_caption, &[("period", &period)]),
        };
        let rows: Vec<Row> = group.iter().map(|f| row(w, &locale, decimals, f, &name)).collect();
        Table {
            caption,
            headers: [w.unit, w.admitted, w.target, w.achievement, w.status, w.change, w.rank],
            derived: rows.iter().any(|r| r.derived),
            rows,
        }
    });
    r.charts(FRONT);
    let mut chosen: Vec<&Chart> = charts
        .get(FRONT)
        .into_iter()
        .flatten()
        .filter(|c| few || !c.slug.starts_with("composition_"))
        .collect();
    if let [one] = headline.as_slice() {
        r.charts(&one.unit);
        let own = charts.get(one.unit.as_str()).into_iter().flatten();
        for c in own.filter(|c| UNIT_CHART_KINDS.iter().any(|k| c.slug.split('_').next() == Some(*k))) {
            if chosen.iter().all(|x| x.slug != c.slug) {
                chosen.push(c);
            }
        }
    }
    let charts = chosen
        .into_iter()
        .filter(|c| !c.svg.is_empty())
        .map(|c| ChartView {
            slug: c.slug.clone(),
            title: c.title.clone(),
            desc: c.desc.clone(),
            svg: c.inline_svg(),
            caption: c.table.caption.clone(),
            headers: c.table.headers.clone(),
            rows: c.table.rows.clone(),
            numeric: c.table.numeric.clone(),
        })
        .collect();
    let sources = sources(r, w, &locale, focus, headline.iter().chain(&group).copied());

    let (superior, issuer) = match site.issuer.0.split_last() {
        Some((issuer, superior)) => (superior.to_vec(), issuer.clone()),
        None => (Vec::new(), site.title.clone()),
    };
    let place_date = match issued {
        Some(day) => {
            let (d, m, y) = date_parts(w, day);
            match &site.place {
                Some(place) => {
                    fill(w.place_date, &[("place", place), ("day", &d), ("month", &m), ("year", &y)])
                }
                None => fill(w.date_only, &[("day", &d), ("month", &m), ("year", &y)]),
            }
        }
        None => site.place.clone().unwrap_or_default(),
    };
    let number = site.edition.as_ref().and_then(|e| e.number.as_ref()).map(|n| format!("{} {n}", w.number));
    let mut author: Vec<String> = site.issuer.0.clone();
    author.reverse();
    let meta = Meta {
        title: match &number {
            Some(n) => format!("{} – {n}", site.title),
            None => site.title.clone(),
        },
        author: if author.is_empty() { site.title.clone() } else { author.join(", ") },
        // A year before the common era has no place in the PDF's date.
        date: issued.and_then(|d| Some([u32::try_from(d.year()).ok()?, d.month(), d.day()])),
        ident: format!(
            "{} {} {}",
            site.base_url,
            number.as_deref().unwrap_or(""),
            issued.map(|d| d.to_string()).unwrap_or_default()
        ),
    };
    Bulletin {
        lang: match site.language {
            Language::Vi => "vi",
            Language::En => "en",
        },
        w,
        header: Header { superior, issuer, party: w.party, place_date },
        title: site.title.clone(),
        number,
        subject,
        headline: headline_sentence,
        points: main_points,
        cards,
        table,
        charts,
        sources,
        contact: site.contact.clone(),
        next_release: site.next_release.map(|d| fill(w.next_release, &[("date", &locale.date(d))])),
        meta,
    }
}

/// `năm 2024`, `kỳ 2020-2025` / `in 2024`, `in the period 2020-2025`.
fn period_words(w: &BulletinWords, period: &Period) -> String {
    let pattern = if period.calendar_year().is_some() { w.year_phrase } else { w.term_phrase };
    fill(pattern, &[("period", &period.label)])
}

/// The period under the title: `Năm 2024`, `Kỳ 2020-2025`.
fn period_title(w: &BulletinWords, period: &Period) -> String {
    let pattern = if period.calendar_year().is_some() { w.year_title } else { w.term_title };
    fill(pattern, &[("period", &period.label)])
}

/// Day, month and year as a Party document writes them (`ngày 05 tháng 01 năm 2024`).
fn date_parts(w: &BulletinWords, day: NaiveDate) -> (String, String, String) {
    let d = if w.zero_day { format!("{:02}", day.day()) } else { day.day().to_string() };
    (d, w.months[day.month0() as usize].to_string(), day.year().to_string())
}

fn headline_sentence(
    w: &BulletinWords,
    locale: &Locale,
    decimals: usize,
    headline: &[&Figures],
    name: &dyn Fn(&str) -> String,
    period: &str,
    as_of: NaiveDate,
) -> String {
    let date = locale.date(as_of);
    let total = crate::compute::indicators::add_up(headline.iter().map(|f| f.admitted));
    let admitted = locale.integer(total);
    match headline {
        [one] => {
            let unit = name(&one.unit);
            match one.targets.first() {
                Some(t) => fill(
                    w.headline_target,
                    &[
                        ("date", &date),
                        ("unit", &unit),
                        ("admitted", &admitted),
                        ("pct", &locale.percent(t.achievement_pct, decimals)),
                        ("target", &target_text(locale, t)),
                        ("period", period),
                    ],
                ),
                None => fill(
                    w.headline_one,
                    &[("date", &date), ("unit", &unit), ("admitted", &admitted), ("period", period)],
                ),
            }
        }
        many => fill(
            w.headline_many,
            &[
                ("date", &date),
                ("count", &many.len().to_string()),
                ("admitted", &admitted),
                ("period", period),
            ],
        ),
    }
}

/// A target in whole people, as the pages show it: `246`, or `246–275` for a range.
fn target_text(locale: &Locale, t: &crate::compute::indicators::TargetFigures) -> String {
    let (low, high) = t.people();
    locale.people_range(low, high)
}

/// A target's standing in words: its pace while the period runs, else its status.
fn status_label(w: &BulletinWords, t: &TargetFigures) -> &'static str {
    match t.standing() {
        Standing::Exceeded => w.exceeded,
        Standing::Achieved => w.achieved,
        Standing::OnPace => w.on_pace,
        Standing::BehindPace => w.behind_pace,
        Standing::Behind => w.behind,
    }
}

/// `+12 (+5,0%)`, or `–` without a previous year.
fn change_text(locale: &Locale, decimals: usize, f: &Figures) -> String {
    match &f.change {
        Some(c) => {
            let pct = c.pct.map(|p| format!(" ({})", locale.signed_percent(p, decimals))).unwrap_or_default();
            format!("{}{pct}", locale.signed_integer(c.delta))
        }
        None => "–".into(),
    }
}

/// The line under the number admitted: the change on the previous year.
fn change_note(w: &BulletinWords, locale: &Locale, decimals: usize, f: &Figures) -> String {
    match &f.change {
        Some(c) => format!(
            "{}: {}",
            fill(w.change_on, &[("previous", &c.previous)]),
            change_text(locale, decimals, f)
        ),
        None => w.new_members.to_string(),
    }
}

fn row(
    w: &BulletinWords,
    locale: &Locale,
    decimals: usize,
    f: &Figures,
    name: &dyn Fn(&str) -> String,
) -> Row {
    let first = f.targets.first();
    Row {
        unit: name(&f.unit),
        derived: f.derived,
        admitted: locale.integer(f.admitted),
        target: first.map_or_else(|| "–".into(), |t| target_text(locale, t)),
        achievement: first.map_or_else(|| "–".into(), |t| locale.percent(t.achievement_pct, decimals)),
        status: first.map(|t| t.standing().key()),
        status_label: first.map_or_else(|| "–".into(), |t| status_label(w, t).to_string()),
        change: change_text(locale, decimals, f),
        // A rank among one says nothing.
        rank: f
            .rank
            .filter(|r| r.of > 1)
            .map_or_else(|| "–".into(), |r| format!("{}/{}", r.by_admitted, r.of)),
    }
}

/// Where the figures come from: the day they are counted up to, the articles and
/// addresses the reports cite, and the online bulletin.
fn sources<'a>(
    r: &Reader,
    w: &BulletinWords,
    locale: &Locale,
    focus: &Focus,
    figures: impl Iterator<Item = &'a Figures>,
) -> Sources {
    let base = format!("{}/", r.content().site.base_url.trim_end_matches('/'));
    let mut cited: Vec<Source> = Vec::new();
    for f in figures {
        let Some(source) = f.source.as_deref() else { continue };
        let found = if url::is_web(source) {
            Some(Source { text: source.to_string(), url: Some(source.to_string()) })
        } else {
            r.article(source).map(|a| {
                let mut text = a.title.clone();
                let by: Vec<String> =
                    a.source.iter().cloned().chain(std::iter::once(locale.date(a.date))).collect();
                text.push_str(&format!(" ({})", by.join(", ")));
                Source { text, url: Some(format!("{base}{}", crate::resolve::routes::article(&a.slug))) }
            })
        };
        if let Some(s) = found
            && !cited.contains(&s)
        {
            cited.push(s);
        }
    }
    let figures = match focus.as_of {
        Some(as_of) => fill(w.figures_source, &[("date", &locale.date(as_of))]),
        None => String::new(),
    };
    Sources { figures, cited, site_url: base }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compute::reads::Computed;
    use crate::load::{Source as Input, parse};
    use crate::resolve;

    const DATA: &str = "units:
  - {id: tinh, name: Đảng bộ tỉnh A}
  - {id: a, name: Huyện A, parent: tinh}
  - {id: b, name: Huyện B, parent: tinh}
reports:
  - {unit: tinh, period: 2023, as_of: 2023-05-04, admitted: 40}
  - {unit: tinh, period: 2024, as_of: 2024-05-04, admitted: 100, composition: {youth: 63, women: 54}, targets: [{value: 300}]}
  - {unit: a, period: 2024, as_of: 2024-05-04, admitted: 57, targets: [{value: 246, deadline: 2024-09-30}]}
  - {unit: b, period: 2024, as_of: 2024-05-04, admitted: 43, targets: [{value: 40}]}
";

    fn make(site: &str) -> Bulletin {
        let loaded = parse(Some(Input::new("site.yaml", site)), vec![Input::new("data/d.yaml", DATA)]);
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        let resolved = resolve::Bulletin::new(&loaded.content);
        let ind = crate::compute::indicators::compute(&resolved);
        let focus = crate::compute::indicators::focus(&resolved, &ind);
        let site = Computed { b: &resolved, ind: &ind, focus: &focus };
        let charts = crate::charts::by_page::draw(site, None).0;
        bulletin(&site.reader(false), &charts)
    }

    #[test]
    fn the_header_follows_party_documents() {
        let b = make(
            "title: Bản tin\nbase_url: https://e.org/\nroot_unit: tinh\nplace: Khánh Hòa\n\
             issuer: [Đảng bộ tỉnh Khánh Hòa, Ban Tổ chức Tỉnh ủy]\nedition: {number: 12, issued: 2024-05-10}\n",
        );
        assert_eq!(b.header.superior, ["Đảng bộ tỉnh Khánh Hòa"]);
        assert_eq!(b.header.issuer, "Ban Tổ chức Tỉnh ủy");
        assert_eq!(b.header.place_date, "Khánh Hòa, ngày 10 tháng 5 năm 2024");
        assert_eq!(b.number.as_deref(), Some("Số 12"));
        assert_eq!(b.meta.author, "Ban Tổ chức Tỉnh ủy, Đảng bộ tỉnh Khánh Hòa");
        assert_eq!(b.meta.date, Some([2024, 5, 10]));
        assert_eq!(b.meta.title, "Bản tin – Số 12");
    }

    #[test]
    fn without_settings_the_header_uses_the_title_and_the_latest_date() {
        let b = make("title: Bản tin\nbase_url: https://e.org/\nroot_unit: tinh\n");
        assert_eq!(b.header.issuer, "Bản tin");
        assert!(b.header.superior.is_empty());
        // Days below 10 and the months January and February take a leading zero.
        assert_eq!(b.header.place_date, "Ngày 04 tháng 5 năm 2024");
        assert_eq!(b.number, None);
        let b = make("title: Bulletin\nbase_url: https://e.org/\nroot_unit: tinh\nlanguage: en\n");
        assert_eq!(b.header.place_date, "4 May 2024");
    }

    #[test]
    fn figures_headline_and_table() {
        let b = make("title: Bản tin\nbase_url: https://e.org/\nroot_unit: tinh\n");
        assert_eq!(
            b.headline.as_deref(),
            Some(
                "Tính đến ngày 04/05/2024, Đảng bộ tỉnh A đã kết nạp 100 đảng viên mới, đạt 33,3% chỉ tiêu 300 đảng viên năm 2024."
            )
        );
        assert_eq!(b.subject, "Năm 2024 · Số liệu tính đến ngày 04/05/2024");
        // The headline replaces the first main point.
        assert_eq!(
            b.points[0],
            "1/2 đơn vị có chỉ tiêu đã đạt hoặc vượt chỉ tiêu. Chưa đến hạn: 1 đơn vị chậm tiến độ."
        );
        let facts: Vec<(&str, &str)> =
            b.cards[0].facts.iter().map(|f| (f.label.as_str(), f.value.as_str())).collect();
        assert_eq!(
            facts,
            [
                ("Kết nạp", "100"),
                ("Tỷ lệ đạt chỉ tiêu", "33,3%"),
                ("Đoàn viên thanh niên", "63,0%"),
                ("Nữ", "54,0%")
            ]
        );
        assert_eq!(b.cards[0].facts[0].note.as_deref(), Some("So với năm 2023: +60 (+150,0%)"));
        let table = b.table.unwrap();
        assert_eq!(
            table.caption,
            "Kết quả kết nạp đảng viên của các đơn vị trực thuộc Đảng bộ tỉnh A, năm 2024"
        );
        let units: Vec<&str> = table.rows.iter().map(|r| r.unit.as_str()).collect();
        assert_eq!(units, ["Huyện A", "Huyện B"]);
        assert_eq!(table.rows[1].achievement, "107,5%");
        assert_eq!(table.rows[1].status, Some("exceeded"));
        assert_eq!(table.rows[0].rank, "1/2");
        assert!(b.charts.iter().any(|c| c.slug == "achievement_tinh_2024" && c.svg.starts_with("<svg")));
    }

    #[test]
    fn many_units_side_by_side_leave_their_figures_to_the_table() {
        let data: String = (1..=5)
            .map(|i| {
                format!("  - {{unit: t{i}, period: 2024, admitted: {i}0, composition: {{women: {i}}}}}\n")
            })
            .collect();
        let units: String = (1..=5).map(|i| format!("  - {{id: t{i}, name: Tỉnh {i}}}\n")).collect();
        let loaded = parse(
            Some(Input::new("site.yaml", "title: B\nbase_url: https://e.org/\n")),
            vec![Input::new("data/d.yaml", &format!("units:\n{units}reports:\n{data}"))],
        );
        let resolved = resolve::Bulletin::new(&loaded.content);
        let ind = crate::compute::indicators::compute(&resolved);
        let focus = crate::compute::indicators::focus(&resolved, &ind);
        let site = Computed { b: &resolved, ind: &ind, focus: &focus };
        let charts = crate::charts::by_page::draw(site, None).0;
        let b = bulletin(&site.reader(false), &charts);
        assert!(b.cards.is_empty());
        assert!(b.charts.iter().all(|c| !c.slug.starts_with("composition_")), "{:?}", b.charts);
        assert_eq!(b.table.map(|t| t.rows.len()), Some(5));
        assert_eq!(
            b.headline.as_deref(),
            Some("Tính đến ngày 31/12/2024, 5 đơn vị đã kết nạp tổng cộng 150 đảng viên mới năm 2024.")
        );
    }
}
