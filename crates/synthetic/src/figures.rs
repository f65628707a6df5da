//! The figures of a synthetic bulletin: every unit's reports, built from the cells up so
//! that a parent's own figure is never smaller than what its children admitted together
//! (SPEC §6 would warn), and a parent without a report of its own is rolled up (§7).

use super::rng::Rng;
use super::tree::{Level, Tree};
use super::{CURRENT_YEAR, Shape};
use bantin::locale::round_to_u64;
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;

/// A period as written in a data file (SPEC §4).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Period {
    Year(i32),
    Term(i32, i32),
    Named { from: NaiveDate, to: NaiveDate, label: &'static str },
}

impl Period {
    pub fn label(&self) -> String {
        match self {
            Period::Year(y) => y.to_string(),
            Period::Term(a, b) => format!("{a}-{b}"),
            Period::Named { label, .. } => label.to_string(),
        }
    }

    pub fn end(&self) -> NaiveDate {
        match self {
            Period::Year(y) | Period::Term(_, y) => day(*y, 12, 31),
            Period::Named { to, .. } => *to,
        }
    }
}

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a day that exists")
}

#[derive(Clone, Debug)]
pub struct Target {
    pub value: u64,
    pub max: Option<u64>,
    pub by: Option<String>,
    pub document: Option<String>,
    pub deadline: Option<NaiveDate>,
}

/// Classes and trainees: awareness classes, their trainees, new-member classes, theirs.
pub type Training = [Option<u64>; 4];

#[derive(Clone, Debug)]
pub struct Report {
    pub unit: usize,
    pub period: Period,
    pub as_of: Option<NaiveDate>,
    pub admitted: u64,
    pub targets: Vec<Target>,
    /// A target as a rate of `members_at_start`, in percent: at least, at most.
    pub rate_target: Option<(u32, u32)>,
    pub members: Option<u64>,
    pub members_at_start: Option<u64>,
    pub organizations: Option<u64>,
    pub composition: Vec<(&'static str, u64)>,
    pub training: Option<Training>,
    pub confirmed: Option<u64>,
    pub source: Option<String>,
    pub note: Option<String>,
}

impl Report {
    pub fn as_of(&self) -> NaiveDate {
        self.as_of.unwrap_or_else(|| self.period.end())
    }
}

/// Every report, and each unit's figure (own or rolled up) per period label.
pub struct Figures {
    pub reports: Vec<Report>,
    /// Period label → unit → the latest figure, written or summed from the children.
    pub latest: BTreeMap<String, Vec<Option<u64>>>,
}

/// The composition categories of site.yaml beyond the built-in ones.
pub const CUSTOM_CATEGORIES: [(&str, &str); 2] = [("veterans", "Cựu chiến binh"), ("farmers", "Nông dân")];

/// A category and the range of its share of the admitted.
type Share = (&'static str, f64, f64);

const SHARES: [Share; 11] = [
    ("youth", 0.55, 0.8),
    ("women", 0.4, 0.62),
    ("ethnic_minority", 0.05, 0.6),
    ("religious", 0.005, 0.05),
    ("pupils", 0.01, 0.08),
    ("students", 0.01, 0.05),
    ("enterprise_workers", 0.03, 0.2),
    ("postgraduate", 0.005, 0.05),
    ("university", 0.2, 0.6),
    ("veterans", 0.01, 0.06),
    ("farmers", 0.1, 0.4),
];

/// The in-year snapshots of the current year (SPEC §4: same period, several `as_of`).
pub fn snapshot_days() -> [NaiveDate; 3] {
    [day(CURRENT_YEAR, 3, 31), day(CURRENT_YEAR, 6, 30), day(CURRENT_YEAR, 9, 30)]
}

const QUARTERS: [(&str, u32, u32, u32); 4] = [
    ("Quý I/2023", 1, 3, 31),
    ("Quý II/2023", 4, 6, 30),
    ("Quý III/2023", 7, 9, 30),
    ("Quý IV/2023", 10, 12, 31),
];

fn campaign() -> Period {
    Period::Named { from: day(2023, 4, 20), to: day(2023, 5, 19), label: "Đợt 19/5/2023" }
}

const NOTES: [&str; 6] = [
    "Số liệu do Ban Tổ chức tổng hợp, chưa gồm hồ sơ đang chờ chuẩn y.",
    "Một số chi bộ nộp báo cáo muộn; số liệu có thể được điều chỉnh ở kỳ sau.",
    "Chỉ tiêu được giao lại sau khi sáp nhập đơn vị hành chính.",
    "Kết quả cao nhờ đợt kết nạp chào mừng ngày thành lập Đảng.",
    "Nguồn kết nạp chủ yếu là đoàn viên thanh niên và học sinh lớp 12.",
    "Số liệu hư cấu, chỉ dùng để thử nghiệm.",
];

struct Builder<'a> {
    tree: &'a Tree,
    shape: &'a Shape,
    rng: Rng,
    /// Per unit: how many it admits in a typical year of the first year.
    base: Vec<f64>,
    /// Per unit: party members in the first year.
    members: Vec<u64>,
    /// Per province: the categories its reports give.
    profiles: Vec<Vec<Share>>,
    figures: Figures,
}

pub fn build(tree: &Tree, shape: &Shape, rng: &mut Rng) -> Figures {
    let mut b = Builder {
        tree,
        shape,
        rng: rng.fork(),
        base: Vec::new(),
        members: Vec::new(),
        profiles: Vec::new(),
        figures: Figures { reports: Vec::new(), latest: BTreeMap::new() },
    };
    b.bases();
    for year in shape.first_year..CURRENT_YEAR {
        b.year(year);
    }
    b.current_year();
    b.quarters();
    b.campaign();
    b.term(2015, 2020);
    b.term(2020, 2025);
    b.figures
}

impl Builder<'_> {
    fn bases(&mut self) {
        let n = self.tree.units.len();
        self.base = vec![0.0; n];
        self.members = vec![0; n];
        for &c in &self.tree.cells {
            self.members[c] = self.rng.range(12, 70);
        }
        for &c in &self.tree.communes {
            self.base[c] = self.rng.between(12.0, 60.0);
            let cells: u64 = self.tree.units[c].children.iter().map(|&k| self.members[k]).sum();
            self.members[c] = cells + self.rng.range(20, 400);
        }
        for &p in &self.tree.provinces {
            let communes: u64 = self.tree.units[p].children.iter().map(|&k| self.members[k]).sum();
            self.members[p] = communes + communes / 20;
            self.profiles.push(profile(self.profiles.len(), &mut self.rng));
        }
    }

    /// What a commune admits in a year, before the year's luck.
    fn expected(&mut self, commune: usize, year: i32) -> f64 {
        let trend = 1.0 + 0.03 * f64::from(year - 2015);
        self.base[commune] * trend * self.rng.between(0.75, 1.25)
    }

    fn members_in(&self, unit: usize, year: i32) -> u64 {
        let growth = 1.0 + 0.025 * f64::from(year - self.shape.first_year);
        round_to_u64(self.members[unit] as f64 * growth)
    }

    fn record(&mut self, label: &str, unit: usize, value: u64) {
        let n = self.tree.units.len();
        self.figures.latest.entry(label.to_string()).or_insert_with(|| vec![None; n])[unit] = Some(value);
    }

    fn latest(&self, label: &str, unit: usize) -> Option<u64> {
        self.figures.latest.get(label).and_then(|v| v[unit])
    }

    /// The children's figures summed, when at least one child has one.
    fn children_sum(&self, label: &str, unit: usize) -> Option<u64> {
        let values: Vec<u64> =
            self.tree.units[unit].children.iter().filter_map(|&c| self.latest(label, c)).collect();
        (!values.is_empty()).then(|| values.iter().sum())
    }

    /// A year before the current one: every commune, the cells in the last of them,
    /// and the provinces with a report of their own in most years.
    fn year(&mut self, year: i32) {
        let period = Period::Year(year);
        let label = period.label();
        let with_cells = year == CURRENT_YEAR - 1;
        for &commune in &self.tree.communes.clone() {
            let expected = self.expected(commune, year);
            if with_cells {
                let share = self.rng.between(0.55, 0.85);
                self.cells(commune, &period, None, expected * share);
            }
            let cells = self.children_sum(&label, commune).unwrap_or(0);
            if self.rng.chance(0.9) {
                let admitted = round_to_u64(expected).max(cells);
                let targets = self.targets(commune, &period, expected);
                let report = self.report(commune, &period, None, admitted, targets);
                self.push(report);
            } else if with_cells {
                self.record(&label, commune, cells);
            }
        }
        let provinces = self.tree.provinces.clone();
        for (p, &province) in provinces.iter().enumerate() {
            let own = (usize::try_from(year).unwrap_or(0) + p) % 4 != 2;
            self.province(province, &period, &[None], own);
        }
    }

    /// The current year, counted in snapshots: communes and provinces report several
    /// times; cells once, at the last snapshot; some communes only through their cells.
    fn current_year(&mut self) {
        let period = Period::Year(CURRENT_YEAR);
        let label = period.label();
        let days = snapshot_days();
        let last = days[days.len() - 1];
        for &commune in &self.tree.communes.clone() {
            let expected = self.expected(commune, CURRENT_YEAR) * 0.75;
            let share = self.rng.between(0.55, 0.85);
            self.cells(commune, &period, Some(last), expected * share);
            let cells = self.children_sum(&label, commune).unwrap_or(0);
            if self.rng.chance(0.7) {
                let admitted = round_to_u64(expected).max(cells);
                let targets = self.targets(commune, &period, expected / 0.75);
                let skip_first = self.rng.chance(0.2);
                let as_of: Vec<Option<NaiveDate>> =
                    days.iter().skip(usize::from(skip_first)).map(|&d| Some(d)).collect();
                self.snapshots(commune, &period, &as_of, admitted, &targets);
            } else {
                self.record(&label, commune, cells);
            }
        }
        let as_of: Vec<Option<NaiveDate>> = days.iter().map(|&d| Some(d)).collect();
        let provinces = self.tree.provinces.clone();
        for (p, &province) in provinces.iter().enumerate() {
            self.province(province, &period, &as_of, p % 3 != 2);
        }
    }

    /// The cells of a commune report `total` between them (some of them nothing).
    fn cells(&mut self, commune: usize, period: &Period, as_of: Option<NaiveDate>, total: f64) {
        let cells = self.tree.units[commune].children.clone();
        let weights: Vec<f64> = cells.iter().map(|_| self.rng.between(0.1, 1.0)).collect();
        let sum: f64 = weights.iter().sum();
        for (&cell, w) in cells.iter().zip(&weights) {
            let admitted = round_to_u64((total * w / sum).floor());
            let targets = if self.rng.chance(0.6) {
                vec![plain_target(round_to_u64((admitted as f64) * self.rng.between(0.7, 1.4)).max(1))]
            } else {
                Vec::new()
            };
            let report = self.report(cell, period, as_of, admitted, targets);
            self.push(report);
        }
    }

    /// A province's own report (its communes' figures and what it admitted directly),
    /// or, when `own` is false, the roll-up of its communes.
    fn province(&mut self, province: usize, period: &Period, as_of: &[Option<NaiveDate>], own: bool) {
        let label = period.label();
        let Some(sum) = self.children_sum(&label, province) else { return };
        if !own {
            self.record(&label, province, sum);
            return;
        }
        let admitted = sum + sum / 25 + self.rng.range(0, 20);
        let share = if as_of.len() > 1 { 0.75 } else { 1.0 };
        let targets = self.targets(province, period, admitted as f64 / share);
        self.snapshots(province, period, as_of, admitted, &targets);
    }

    /// Reports as of each day of `as_of`, the last with `admitted`, earlier ones with
    /// a growing part of it.
    fn snapshots(
        &mut self,
        unit: usize,
        period: &Period,
        as_of: &[Option<NaiveDate>],
        admitted: u64,
        targets: &[Target],
    ) {
        let n = as_of.len();
        for (i, &day) in as_of.iter().enumerate() {
            let part = if i + 1 == n { 1.0 } else { (i + 1) as f64 / n as f64 * self.rng.between(0.7, 0.95) };
            let report = self.report(
                unit,
                period,
                day,
                round_to_u64((admitted as f64 * part).floor()),
                targets.to_vec(),
            );
            self.push(report);
        }
    }

    /// The quarters of the year before the current one, for half of the provinces.
    fn quarters(&mut self) {
        let year = CURRENT_YEAR - 1;
        let provinces = self.tree.provinces.clone();
        for (p, &province) in provinces.iter().enumerate() {
            let Some(total) = self.latest(&year.to_string(), province).filter(|_| p % 2 == 0) else {
                continue;
            };
            let weights: Vec<f64> = QUARTERS.iter().map(|_| self.rng.between(0.6, 1.4)).collect();
            let sum: f64 = weights.iter().sum();
            for (&(label, first, last, end), w) in QUARTERS.iter().zip(&weights) {
                let period = Period::Named { from: day(year, first, 1), to: day(year, last, end), label };
                let admitted = round_to_u64((total as f64 * w / sum).floor());
                let report = self.report(province, &period, None, admitted, Vec::new());
                self.push(report);
            }
        }
    }

    /// A short admission campaign in some communes, rolled up to their provinces.
    fn campaign(&mut self) {
        let period = campaign();
        let year = (CURRENT_YEAR - 1).to_string();
        for &commune in &self.tree.communes.clone() {
            if !self.rng.chance(0.2) {
                continue;
            }
            let Some(total) = self.latest(&year, commune) else { continue };
            let admitted = round_to_u64((total as f64 * self.rng.between(0.1, 0.25)).floor());
            let report = self.report(commune, &period, None, admitted, Vec::new());
            self.push(report);
        }
        let label = period.label();
        for &province in &self.tree.provinces.clone() {
            if let Some(sum) = self.children_sum(&label, province) {
                self.record(&label, province, sum);
            }
        }
    }

    /// A term (nhiệm kỳ): every province and a quarter of the communes report the sum of
    /// their years; the current term is counted up to the last snapshot.
    fn term(&mut self, first: i32, last: i32) {
        let period = Period::Term(first, last);
        let as_of = (last >= CURRENT_YEAR).then(|| snapshot_days()[2]);
        let elapsed = match as_of {
            Some(d) => {
                (d - day(first, 1, 1)).num_days() as f64 / (period.end() - day(first, 1, 1)).num_days() as f64
            }
            None => 1.0,
        };
        for &commune in &self.tree.communes.clone() {
            if self.rng.chance(0.25) {
                let admitted = self.term_sum(commune, first, last);
                let targets = self.targets(commune, &period, admitted as f64 / elapsed);
                let report = self.report(commune, &period, as_of, admitted, targets);
                self.push(report);
            }
        }
        let label = period.label();
        for &province in &self.tree.provinces.clone() {
            let children = self.children_sum(&label, province).unwrap_or(0);
            let admitted = self.term_sum(province, first, last).max(children + self.rng.range(5, 50));
            let targets = self.targets(province, &period, admitted as f64 / elapsed);
            let report = self.report(province, &period, as_of, admitted, targets);
            self.push(report);
        }
    }

    /// A unit's figures over the years of a term; years before the generated ones
    /// count as the average of those that are.
    fn term_sum(&self, unit: usize, first: i32, last: i32) -> u64 {
        let known: Vec<u64> = (first..=last.min(CURRENT_YEAR))
            .filter(|&y| y >= self.shape.first_year)
            .filter_map(|y| self.latest(&y.to_string(), unit))
            .collect();
        let missing = (first..=last.min(CURRENT_YEAR)).filter(|&y| y < self.shape.first_year).count() as u64;
        let average = known.iter().sum::<u64>() / (known.len() as u64).max(1);
        known.iter().sum::<u64>() + missing * average
    }

    fn push(&mut self, report: Report) {
        let label = report.period.label();
        self.record(&label, report.unit, report.admitted);
        self.figures.reports.push(report);
    }

    /// One, two or three targets around `basis`, set by the level above and by the
    /// unit's own congress; in the current year some fall due before the year ends.
    fn targets(&mut self, unit: usize, period: &Period, basis: f64) -> Vec<Target> {
        let u = &self.tree.units[unit];
        let above = match u.parent {
            Some(p) => format!("Ban Thường vụ {}", self.tree.units[p].committee),
            None => "Ban Tổ chức Trung ương".to_string(),
        };
        let value = round_to_u64(basis * self.rng.between(0.85, 1.2)).max(1);
        let deadline = self.deadline(period);
        let mut targets = vec![Target { value, max: None, by: Some(above), document: None, deadline }];
        if self.rng.chance(0.4) {
            let own = round_to_u64((value as f64) * self.rng.between(1.05, 1.2));
            let max = self.rng.chance(0.3).then(|| own + own / 10 + 1);
            let document = format!("Nghị quyết Đại hội {} nhiệm kỳ 2020-2025", u.name);
            let by = Some(format!("Ban Chấp hành {}", u.name));
            targets.push(Target { value: own, max, by, document: Some(document), deadline });
        }
        if self.rng.chance(0.08) {
            let stretch = round_to_u64((value as f64) * 1.3);
            targets
                .push(Target { document: Some("Chỉ tiêu phấn đấu".into()), ..plain_target(stretch) });
        }
        targets
    }

    fn deadline(&mut self, period: &Period) -> Option<NaiveDate> {
        match period {
            Period::Year(y) if *y == CURRENT_YEAR => match self.rng.below(20) {
                0..=4 => Some(day(*y, 11, 30)),
                5..=7 => Some(day(*y, 9, 30)),
                _ => None,
            },
            Period::Year(y) if self.rng.chance(0.1) => Some(day(*y, 11, 30)),
            _ => None,
        }
    }

    fn report(
        &mut self,
        unit: usize,
        period: &Period,
        as_of: Option<NaiveDate>,
        admitted: u64,
        targets: Vec<Target>,
    ) -> Report {
        let u = &self.tree.units[unit];
        let level = u.level;
        let year = as_of.unwrap_or_else(|| period.end()).year();
        let is_year = matches!(period, Period::Year(_));
        let full = level != Level::Cell;
        // Every third unit's years carry a resolution's "3–4% of the members at the start
        // of the year" beside its count targets (chosen without the random stream, so
        // that the rest of a seed's content stays as it was).
        let rate_target = (full && is_year && unit.is_multiple_of(3)).then_some((3, 4));
        Report {
            unit,
            period: period.clone(),
            as_of,
            admitted,
            targets,
            rate_target,
            members_at_start: rate_target.map(|_| self.members_in(unit, year - 1).max(1)),
            members: (level == Level::Province || self.rng.chance(0.7)).then(|| self.members_in(unit, year)),
            organizations: (full && self.rng.chance(0.6)).then_some(u.children.len() as u64),
            composition: self.composition(unit, admitted),
            training: (full && (level == Level::Province || self.rng.chance(0.8)))
                .then(|| self.training(admitted)),
            confirmed: (full && is_year && self.rng.chance(0.6))
                .then(|| round_to_u64((admitted as f64 * self.rng.between(0.8, 1.0)).floor())),
            source: None,
            note: (full && self.rng.chance(0.04)).then(|| self.rng.pick(&NOTES).to_string()),
        }
    }

    /// Counts of the admitted by category, from the province's profile; cells give
    /// only youth and women, and now and then a report leaves a category out.
    fn composition(&mut self, unit: usize, admitted: u64) -> Vec<(&'static str, u64)> {
        let u = &self.tree.units[unit];
        if admitted == 0 || (u.level == Level::Cell && self.rng.chance(0.4)) {
            return Vec::new();
        }
        let cell = u.level == Level::Cell;
        let mut counts = Vec::new();
        for &(key, lo, hi) in &self.profiles[u.province] {
            if (cell && !matches!(key, "youth" | "women")) || self.rng.chance(0.05) {
                continue;
            }
            counts.push((key, round_to_u64(admitted as f64 * self.rng.between(lo, hi)).min(admitted)));
        }
        counts
    }

    fn training(&mut self, admitted: u64) -> Training {
        let trainees =
            round_to_u64((admitted as f64 * self.rng.between(1.1, 2.0)).ceil()) + self.rng.range(0, 10);
        let classes = (trainees / self.rng.range(35, 80)).max(1);
        if self.rng.chance(0.2) {
            return [Some(classes), Some(trainees), None, None];
        }
        let new_members = round_to_u64((admitted as f64 * self.rng.between(0.7, 1.0)).floor());
        let new_classes = (new_members / self.rng.range(30, 70)).max(1);
        [Some(classes), Some(trainees), Some(new_classes), Some(new_members)]
    }
}

fn plain_target(value: u64) -> Target {
    Target { value, max: None, by: None, document: None, deadline: None }
}

/// The categories a province reports: youth and women everywhere, ethnic minorities
/// and religious followers only in some provinces, the rest by chance.
fn profile(p: usize, rng: &mut Rng) -> Vec<Share> {
    SHARES
        .iter()
        .copied()
        .filter(|&(key, ..)| match key {
            "youth" | "women" => true,
            "ethnic_minority" => p % 4 == 1 || p % 4 == 3,
            "religious" => p % 5 == 2 || rng.chance(0.3),
            _ => rng.chance(0.6),
        })
        .collect()
}
