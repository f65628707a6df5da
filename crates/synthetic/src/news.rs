//! The news of a synthetic bulletin: articles that report a unit's figures (and are the
//! `source` of those reports), and everyday news linked to units and tags.

use super::figures::{Figures, Period, Report, day};
use super::prose;
use super::rng::Rng;
use super::tree::{Level, Tree};
use super::yaml::{quoted, scalar};
use super::{CURRENT_YEAR, Shape};
use bantin::locale::Locale;
use bantin::model::Language;
use chrono::{Datelike, Duration, NaiveDate};
use std::collections::HashSet;
use std::fmt::Write as _;

/// One article file.
pub struct Article {
    /// Relative to the content folder: `news/2019/….md`.
    pub path: String,
    pub text: String,
    pub draft: bool,
}

pub const AUTHORS: [&str; 12] = [
    "Nguyễn Văn Thử",
    "Trần Thị Mẫu",
    "Lê Minh Giả",
    "Phạm Thu Nghiệm",
    "Hoàng Văn Ví Dụ",
    "Vũ Thị Hư",
    "Đặng Quốc Cấu",
    "Bùi Ngọc Lập",
    "Đỗ Thanh Thí",
    "Hồ Thị Điểm",
    "Ngô Văn Mô",
    "Dương Thị Phỏng",
];

/// What an article is about, before its text is written.
struct Plan {
    slug: String,
    date: NaiveDate,
    title: String,
    units: Vec<usize>,
    tags: Vec<&'static str>,
    /// The report it is the source of.
    report: Option<usize>,
    draft: bool,
    /// Written in a file named otherwise, with `slug:` in its front matter.
    named: bool,
}

struct Writer<'a> {
    tree: &'a Tree,
    figures: &'a Figures,
    rng: Rng,
    locale: Locale,
    slugs: HashSet<String>,
    /// How many articles were given a file name of their own so far.
    named: usize,
}

/// Plans `shape.articles` articles, sets the `source` of the reports they cover, and
/// writes them.
pub fn articles(tree: &Tree, figures: &mut Figures, shape: &Shape, rng: &mut Rng) -> Vec<Article> {
    let mut w = Writer {
        tree,
        figures,
        rng: rng.fork(),
        locale: Locale::new(Language::Vi),
        slugs: HashSet::new(),
        named: 0,
    };
    let mut plans = w.report_plans(shape.articles * 45 / 100);
    let sources: Vec<(usize, String)> =
        plans.iter().filter_map(|p| Some((p.report?, p.slug.clone()))).collect();
    let general = shape.articles.saturating_sub(plans.len());
    let drafts = (general / 150).max(3).min(general);
    for i in 0..general {
        // Every tenth published one names its slug in the front matter.
        let plan = w.general_plan(shape, i < drafts, i >= drafts && i % 10 == 9);
        plans.push(plan);
    }
    let articles = plans.iter().map(|p| w.article(p)).collect();
    for (report, slug) in sources {
        figures.reports[report].source = Some(slug);
    }
    web_sources(tree, figures, &mut rng.fork());
    articles
}

/// Some reports without an article cite a web page instead.
fn web_sources(tree: &Tree, figures: &mut Figures, rng: &mut Rng) {
    for r in &mut figures.reports {
        let u = &tree.units[r.unit];
        if r.source.is_none() && u.level == Level::Commune && rng.chance(0.05) {
            let label = bantin::text::slug_lossy(&r.period.label());
            r.source = Some(format!(
                "https://example.org/bao-thu-nghiem-{:02}/so-lieu/{}-{label}.html",
                u.province + 1,
                u.id
            ));
        }
    }
}

impl Writer<'_> {
    /// Articles for every province report and for a share of the communes' reports,
    /// about `budget` in all, each dated after the figures it reports.
    fn report_plans(&mut self, budget: usize) -> Vec<Plan> {
        let (tree, figures) = (self.tree, self.figures);
        let level = |r: &Report| tree.units[r.unit].level;
        let reports = &figures.reports;
        let provinces: Vec<usize> =
            (0..reports.len()).filter(|&i| level(&reports[i]) == Level::Province).collect();
        let communes: Vec<usize> =
            (0..reports.len()).filter(|&i| level(&reports[i]) == Level::Commune).collect();
        let share = budget.saturating_sub(provinces.len()) as f64 / communes.len().max(1) as f64;
        let mut chosen = provinces;
        chosen.truncate(budget);
        chosen.extend(communes.into_iter().filter(|_| self.rng.chance(share)));
        chosen.into_iter().map(|i| self.report_plan(i)).collect()
    }

    fn report_plan(&mut self, index: usize) -> Plan {
        let r = &self.figures.reports[index];
        let u = &self.tree.units[r.unit];
        let delay = if r.as_of.is_some() { self.rng.range(2, 15) } else { self.rng.range(5, 40) };
        let date = r.as_of() + Duration::days(i64::try_from(delay).unwrap_or(0));
        let place = prose::upper_first(&u.place);
        let admitted = self.locale.integer(r.admitted);
        let title = match &r.period {
            Period::Year(y) if r.as_of.is_some() => format!(
                "Đến {}, {place} kết nạp {admitted} đảng viên mới trong năm {y}",
                r.as_of().format("%d/%m")
            ),
            Period::Year(y) => match self.achievement(r) {
                Some(pct) if self.rng.chance(0.5) => {
                    format!("Năm {y}, {place} đạt {pct} chỉ tiêu kết nạp đảng viên")
                }
                _ => format!("{place} kết nạp {admitted} đảng viên mới trong năm {y}"),
            },
            Period::Term(..) => {
                format!("Nhiệm kỳ {}: {place} kết nạp {admitted} đảng viên", r.period.label())
            }
            Period::Named { label, .. } => format!("{label}: {place} kết nạp {admitted} đảng viên mới"),
        };
        let slug =
            self.unique_slug(&format!("{date}-{}-{}-{}", u.id, r.period.label(), r.as_of().format("%m%d")));
        let mut units = vec![r.unit];
        units.extend(u.parent.filter(|_| self.rng.chance(0.5)));
        let mut tags = vec!["kết nạp đảng viên"];
        tags.push(match r.period {
            Period::Year(_) if r.as_of.is_some() => "sơ kết quý",
            Period::Year(_) => "tổng kết năm",
            Period::Term(..) => "chỉ tiêu nhiệm kỳ",
            Period::Named { .. } => "hội nghị",
        });
        if !r.composition.is_empty() {
            tags.push("cơ cấu đảng viên mới");
        }
        Plan { slug, date, title, units, tags, report: Some(index), draft: false, named: false }
    }

    fn achievement(&self, r: &Report) -> Option<String> {
        let t = r.targets.first()?;
        Some(self.locale.percent(r.admitted as f64 / t.value as f64 * 100.0, 1))
    }

    fn unique_slug(&mut self, text: &str) -> String {
        let base = bantin::text::slug_lossy(text);
        let mut slug = base.clone();
        let mut n = 2;
        while !self.slugs.insert(slug.clone()) {
            slug = format!("{base}-{n}");
            n += 1;
        }
        slug
    }

    /// Everyday news: a day in the generated years, a few units, a few tags.
    fn general_plan(&mut self, shape: &Shape, draft: bool, named: bool) -> Plan {
        let first = day(shape.first_year, 1, 1);
        let span = u64::try_from((day(CURRENT_YEAR, 10, 31) - first).num_days()).unwrap_or(0);
        let date = first + Duration::days(i64::try_from(self.rng.range(0, span)).unwrap_or(0));
        let units = self.some_units();
        let subject = match units.first() {
            Some(&u) => prose::upper_first(&self.tree.units[u].place),
            None => "Nhiều địa phương".to_string(),
        };
        let title = format!("{subject} {}", prose::headline(&mut self.rng));
        let slug_words: Vec<&str> = title.split_whitespace().take(8).collect();
        let slug = self.unique_slug(&format!("{date} {}", slug_words.join(" ")));
        let n = 1 + self.rng.below(4);
        let tags = self.rng.sample(&prose::TAGS, n).into_iter().copied().collect();
        Plan { slug, date, title, units, tags, report: None, draft, named }
    }

    /// None, one or a few units an everyday article is about.
    fn some_units(&mut self) -> Vec<usize> {
        let t = self.tree;
        let n = self.rng.range(0, 3);
        let mut units: Vec<usize> = (0..n)
            .map(|_| match self.rng.below(10) {
                0..=1 => self.rng.pick(&t.provinces),
                2 => self.rng.pick(&t.cells),
                _ => self.rng.pick(&t.communes),
            })
            .collect();
        units.dedup();
        units
    }

    fn article(&mut self, plan: &Plan) -> Article {
        let mut text = String::from("---\n");
        self.front_matter(&mut text, plan);
        text.push_str("---\n");
        text.push_str(&self.body(plan));
        let folder = if plan.draft { "nhap".to_string() } else { plan.date.year().to_string() };
        let file = if plan.named {
            self.named += 1;
            format!("bai-{:05}", self.named)
        } else {
            plan.slug.clone()
        };
        Article { path: format!("news/{folder}/{file}.md"), text, draft: plan.draft }
    }

    fn front_matter(&mut self, out: &mut String, plan: &Plan) {
        let _ = writeln!(out, "title: {}", quoted(&plan.title));
        let _ = match self.rng.below(20) {
            0 => writeln!(
                out,
                "date: {}T{:02}:{:02}:00+07:00",
                plan.date,
                self.rng.range(6, 21),
                self.rng.range(0, 59)
            ),
            1..=7 => {
                writeln!(out, "date: {} {:02}:{:02}", plan.date, self.rng.range(6, 21), self.rng.range(0, 59))
            }
            _ => writeln!(out, "date: {}", plan.date),
        };
        if !plan.units.is_empty() {
            let ids: Vec<&str> = plan.units.iter().map(|&u| self.tree.units[u].id.as_str()).collect();
            let _ = writeln!(out, "units: [{}]", ids.join(", "));
        }
        let tags: Vec<String> = plan.tags.iter().map(|t| scalar(t)).collect();
        let _ = writeln!(out, "tags: [{}]", tags.join(", "));
        let province = plan.units.first().map_or(0, |&u| self.tree.units[u].province) + 1;
        if self.rng.chance(0.8) {
            let _ = writeln!(out, "source: Báo Thử Nghiệm {province:02}");
            if self.rng.chance(0.5) {
                let _ = writeln!(
                    out,
                    "source_url: https://example.org/bao-thu-nghiem-{province:02}/{}.html",
                    plan.slug
                );
            }
        }
        if self.rng.chance(0.7) {
            let _ = writeln!(out, "author: {}", self.rng.pick(&AUTHORS));
        }
        if self.rng.chance(0.3) {
            let _ = writeln!(out, "summary: {}", quoted(&prose::sentence(&mut self.rng)));
        }
        if plan.draft {
            out.push_str("draft: true\n");
        }
        if plan.named {
            let _ = writeln!(out, "slug: {}", plan.slug);
        }
    }

    /// 300 to 600 words: a lead (with the figures, for a report), sections with
    /// headings, and now and then a list, a quotation, a table or a footnote.
    fn body(&mut self, plan: &Plan) -> String {
        let target = 320 + self.rng.below(241);
        let mut blocks = Vec::new();
        let mut extras = Vec::new();
        let mut footnote = None;
        match plan.report {
            Some(i) => {
                let figures = self.figures;
                let r = &figures.reports[i];
                blocks.push(self.figures_lead(r));
                extras.extend(self.children_table(r));
                let source = self.source_note(r);
                let (text, note) = prose::footnoted(&mut self.rng, &source);
                blocks.push(text);
                footnote = Some(note);
            }
            None => blocks.push(prose::paragraph(&mut self.rng)),
        }
        if self.rng.chance(0.15) {
            extras.push(self.made_up_table());
        }
        let mut count: usize = blocks.iter().map(|b| prose::words(b)).sum();
        while count < target {
            let block = match self.rng.below(12) {
                0..=2 => prose::heading(&mut self.rng),
                3 => prose::list(&mut self.rng),
                4 if self.rng.chance(0.3) => prose::quote(&mut self.rng),
                5 if self.rng.chance(0.1) => prose::correction(&mut self.rng),
                6 if !extras.is_empty() => extras.remove(0),
                _ => prose::paragraph(&mut self.rng),
            };
            if !block.starts_with('|') {
                count += prose::words(&block);
            }
            blocks.push(block);
        }
        blocks.extend(extras);
        blocks.extend(footnote);
        blocks.join("\n\n") + "\n"
    }

    fn figures_lead(&mut self, r: &Report) -> String {
        let u = &self.tree.units[r.unit];
        let l = self.locale;
        let within = match &r.period {
            Period::Year(y) => format!("trong năm {y}"),
            Period::Term(..) => format!("trong nhiệm kỳ {}", r.period.label()),
            Period::Named { label, .. } => format!("trong {}", prose::upper_first(label)),
        };
        let mut lead = format!(
            "Tính đến ngày {}, {} đã kết nạp {} đảng viên mới {within}",
            l.date(r.as_of()),
            u.name,
            l.integer(r.admitted)
        );
        match (r.targets.first(), self.achievement(r)) {
            (Some(t), Some(pct)) => {
                let by = t.by.as_deref().map(|b| format!(" do {b} giao")).unwrap_or_default();
                let _ = write!(lead, ", đạt {pct} chỉ tiêu {}{by}.", l.integer(t.value));
            }
            _ => lead.push('.'),
        }
        let groups: Vec<String> = [("youth", "đoàn viên thanh niên"), ("women", "nữ")]
            .iter()
            .filter_map(|(key, label)| {
                let (_, n) = r.composition.iter().find(|(k, _)| k == key)?;
                let share = l.percent(*n as f64 / r.admitted.max(1) as f64 * 100.0, 1);
                Some(format!("{} {label} ({share})", l.integer(*n)))
            })
            .collect();
        if !groups.is_empty() {
            let _ = write!(lead, " Trong số đó có {}.", groups.join(" và "));
        }
        if let Some([Some(classes), Some(trainees), ..]) = r.training {
            let _ = write!(
                lead,
                " Các cấp ủy đã mở {} lớp bồi dưỡng nhận thức về Đảng cho {} quần chúng ưu tú.",
                l.integer(classes),
                l.integer(trainees)
            );
        }
        lead
    }

    /// The five children that admitted most in the same period, for a province's report.
    fn children_table(&self, r: &Report) -> Option<String> {
        let u = &self.tree.units[r.unit];
        let latest = self.figures.latest.get(&r.period.label())?;
        let mut children: Vec<(usize, u64)> =
            u.children.iter().filter_map(|&c| Some((c, latest[c]?))).collect();
        if u.level != Level::Province || children.is_empty() {
            return None;
        }
        children.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let rows: Vec<Vec<String>> = children
            .iter()
            .take(5)
            .map(|&(c, n)| vec![self.tree.units[c].name.clone(), self.locale.integer(n)])
            .collect();
        Some(prose::table(&["Đơn vị", "Kết nạp"], &rows))
    }

    fn source_note(&self, r: &Report) -> String {
        let u = &self.tree.units[r.unit];
        format!("Số liệu của {} tính đến ngày {} (dữ liệu hư cấu).", u.committee, self.locale.date(r.as_of()))
    }

    fn made_up_table(&mut self) -> String {
        let rows: Vec<Vec<String>> = (1..=self.rng.range(3, 6))
            .map(|i| {
                let admitted = self.rng.range(0, 12);
                let target = self.rng.range(1, 12);
                vec![
                    format!("Chi bộ thôn {i}"),
                    self.locale.integer(self.rng.range(12, 180)),
                    admitted.to_string(),
                    target.to_string(),
                    self.locale.percent(admitted as f64 / target as f64 * 100.0, 1),
                ]
            })
            .collect();
        prose::table(&["Chi bộ", "Đảng viên", "Kết nạp", "Chỉ tiêu", "Tỷ lệ"], &rows)
    }
}
