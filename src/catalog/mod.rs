//! Every word a person reads, in Vietnamese (`vi.rs`) and English (`en.rs`).
//!
//! Fixed words are fields of [`Labels`] (pages, charts) and [`Help`] (the command
//! line's help): a language that lacks one does not compile. Sentences that carry values
//! are methods of [`Words`], with no default bodies, so each language phrases every
//! sentence itself, in its own word order. Plain Rust types rather than a message-file
//! format: completeness is checked by the compiler, nothing is looked up by key at run
//! time, and no dependency is added.

pub mod bulletin;
mod en;
pub mod problems;
mod vi;

pub use en::{EN, EN_HELP, EN_SHEETS, EN_STARTER, En};
pub use vi::{VI, VI_HELP, VI_SHEETS, VI_STARTER, Vi};

use crate::compute::indicators::Standing;
use crate::model::Language;
use crate::model::period::PeriodKind;
#[cfg(feature = "serve")]
use crate::serve::ServeError;
use crate::write::Refusal;
use serde::Serialize;
use std::path::Path;
use std::time::Duration;

/// The search box and the search page. `found` holds `{n}`, the number of results.
#[derive(Debug, Serialize)]
pub struct SearchLabels {
    /// The box's label and the search page's title.
    pub label: &'static str,
    pub button: &'static str,
    pub hint: &'static str,
    pub needs_script: &'static str,
    pub found_one: &'static str,
    pub found: &'static str,
    pub none: &'static str,
    pub more: &'static str,
    /// When the index cannot be read, as when the page was sent without its folder.
    pub unavailable: &'static str,
}

/// The fixed words of the pages and charts; templates read them as `l` (`{{ l.home }}`).
#[derive(Debug, Serialize)]
pub struct Labels {
    pub home: &'static str,
    pub news: &'static str,
    pub units: &'static str,
    pub tags: &'static str,
    pub data: &'static str,
    pub skip: &'static str,
    pub main_nav: &'static str,
    pub breadcrumb: &'static str,
    pub period: &'static str,
    pub as_of: &'static str,
    pub admitted: &'static str,
    pub admitted_long: &'static str,
    pub target: &'static str,
    pub targets: &'static str,
    pub achievement: &'static str,
    pub status: &'static str,
    pub status_exceeded: &'static str,
    pub status_achieved: &'static str,
    pub status_behind: &'static str,
    /// While the period runs and the target is not reached yet.
    pub status_on_pace: &'static str,
    pub status_behind_pace: &'static str,
    pub set_by: &'static str,
    pub deadline: &'static str,
    /// The change's column: against the same span of the previous year.
    pub change: &'static str,
    /// The change of a whole year, against the whole previous year.
    pub change_whole_year: &'static str,
    /// Why a year's change is absent.
    pub no_comparable: &'static str,
    pub rank: &'static str,
    pub rank_admitted: &'static str,
    pub rank_achievement: &'static str,
    pub of: &'static str,
    pub members: &'static str,
    pub members_at_start: &'static str,
    pub organizations: &'static str,
    pub admission_rate: &'static str,
    pub composition: &'static str,
    pub category: &'static str,
    pub count: &'static str,
    pub share: &'static str,
    pub training: &'static str,
    pub awareness_classes: &'static str,
    pub awareness_trainees: &'static str,
    pub new_member_classes: &'static str,
    pub new_member_trainees: &'static str,
    pub conversion: &'static str,
    pub confirmed: &'static str,
    pub pace: &'static str,
    pub elapsed: &'static str,
    pub expected: &'static str,
    pub pace_pct: &'static str,
    pub projected: &'static str,
    pub required_per_month: &'static str,
    pub days: &'static str,
    pub derived: &'static str,
    pub snapshots: &'static str,
    pub source: &'static str,
    pub note: &'static str,
    pub author: &'static str,
    pub published: &'static str,
    pub main_points: &'static str,
    pub headline: &'static str,
    pub ranking: &'static str,
    /// The ranking ordered by achievement (units with a target), and by admissions.
    pub by_achievement_order: &'static str,
    pub by_admitted_order: &'static str,
    pub without_target: &'static str,
    pub children: &'static str,
    pub unit: &'static str,
    pub figures: &'static str,
    pub latest_news: &'static str,
    pub all_news: &'static str,
    pub unit_news: &'static str,
    pub charts: &'static str,
    pub chart_data: &'static str,
    pub no_data: &'static str,
    pub no_news: &'static str,
    pub contact: &'static str,
    pub next_release: &'static str,
    pub page: &'static str,
    pub previous_page: &'static str,
    pub next_page: &'static str,
    pub pagination: &'static str,
    pub tagged: &'static str,
    pub articles_count: &'static str,
    pub units_in_article: &'static str,
    pub downloads: &'static str,
    pub json_file: &'static str,
    pub csv_file: &'static str,
    pub xlsx_file: &'static str,
    /// Which file of the data page to open in a spreadsheet program, and why.
    pub spreadsheet_advice: &'static str,
    /// Under each chart: its table to download.
    pub chart_downloads: &'static str,
    pub definitions: &'static str,
    pub not_found: &'static str,
    pub not_found_text: &'static str,
    pub feed: &'static str,
    pub sub_units: &'static str,
    /// The children a unit's ranking leaves out: they have no figures of its period.
    pub sub_units_no_figures: &'static str,
    /// A unit's page: its latest period first, then every period, then each in detail.
    pub latest_figures: &'static str,
    pub period_details: &'static str,
    /// Before the number of children, on a summary that opens their ranking.
    pub show_ranking: &'static str,
    /// Pagination: the first and the last page, in words.
    pub first_page: &'static str,
    pub last_page: &'static str,
    /// The news by year and month.
    pub archive: &'static str,
    pub all_units: &'static str,
    pub summary_of: &'static str,
    pub read_more: &'static str,
    pub task_done: &'static str,
    pub task_open: &'static str,
    /// Composition groups inside a main point's sentence ("nữ 54,0%").
    pub youth_in_sentence: &'static str,
    pub women_in_sentence: &'static str,
    /// After a figure summed from the units below, where `Σ` cannot be styled (the terminal).
    pub summed_mark: &'static str,
    pub search: SearchLabels,
    /// The data page's explanation of each indicator, in the order shown.
    pub glossary: [Definition; 11],
    /// The built-in composition categories (SPEC §4).
    pub categories: CategoryLabels,
    pub chart: ChartLabels,
}

impl Labels {
    /// A target's standing as pages write it.
    pub fn status_of(&self, standing: Standing) -> &'static str {
        match standing {
            Standing::Exceeded => self.status_exceeded,
            Standing::Achieved => self.status_achieved,
            Standing::OnPace => self.status_on_pace,
            Standing::BehindPace => self.status_behind_pace,
            Standing::Behind => self.status_behind,
        }
    }
}

/// One term of the data page's glossary.
#[derive(Debug, Serialize)]
pub struct Definition {
    pub term: &'static str,
    pub text: &'static str,
}

/// The labels of the built-in composition categories, one field per key.
#[derive(Debug, Serialize)]
pub struct CategoryLabels {
    pub youth: &'static str,
    pub women: &'static str,
    pub ethnic_minority: &'static str,
    pub religious: &'static str,
    pub pupils: &'static str,
    pub students: &'static str,
    pub enterprise_workers: &'static str,
    pub postgraduate: &'static str,
    pub university: &'static str,
}

/// One word per target standing.
#[derive(Debug, Serialize)]
pub struct ByStanding {
    pub behind: &'static str,
    pub behind_pace: &'static str,
    pub on_pace: &'static str,
    pub achieved: &'static str,
    pub exceeded: &'static str,
}

impl ByStanding {
    pub fn of(&self, standing: Standing) -> &'static str {
        match standing {
            Standing::Behind => self.behind,
            Standing::BehindPace => self.behind_pace,
            Standing::OnPace => self.on_pace,
            Standing::Achieved => self.achieved,
            Standing::Exceeded => self.exceeded,
        }
    }
}

/// The fixed words of the charts: legends, axis titles, table headers.
#[derive(Debug, Serialize)]
pub struct ChartLabels {
    /// Written on a bar after its percentage: "vượt".
    pub status: ByStanding,
    /// The legend entry of each standing.
    pub legend: ByStanding,
    pub target_line: &'static str,
    pub achievement_axis: &'static str,
    pub achievement_headers: [&'static str; 5],
    pub admitted: &'static str,
    pub target: &'static str,
    pub target_range: &'static str,
    pub years_headers: [&'static str; 4],
    pub composition_headers: [&'static str; 3],
    pub admitted_so_far: &'static str,
    pub even_pace: &'static str,
    pub projected_at_pace: &'static str,
    pub progress_headers: [&'static str; 4],
    pub trained_awareness: &'static str,
    pub admitted_to_party: &'static str,
    pub new_members_trained: &'static str,
    pub people_axis: &'static str,
    pub people_axis_conversion: &'static str,
    pub conversion_row: &'static str,
    pub training_headers: [&'static str; 3],
}

/// The words of spreadsheets: the sheets and columns of the data template (which the
/// reader accepts as headers too), the notes that explain each column, and the headers
/// of `data/indicators.xlsx` and of each chart's table.
#[derive(Debug, Serialize)]
pub struct SheetLabels {
    pub units_sheet: &'static str,
    pub reports_sheet: &'static str,
    pub guide_sheet: &'static str,
    /// The sheet of targets in `indicators.xlsx`.
    pub targets_sheet: &'static str,
    /// The guide sheet's title and the paragraphs under it.
    pub guide_title: &'static str,
    pub guide_intro: [&'static str; 4],
    /// The guide's table: the column's header, its field name, whether it is required,
    /// and what it holds.
    pub guide_headers: [&'static str; 4],
    pub required: &'static str,
    pub optional: &'static str,
    pub units: UnitColumns,
    pub reports: ReportColumns,
    /// A composition category's column: its header is the category's label.
    pub composition_note: &'static str,
    /// The training columns: their headers are the pages' labels.
    pub training_note: &'static str,
    pub out: OutColumns,
}

impl SheetLabels {
    /// The header of a column every row of a units or reports sheet needs, by its field.
    pub fn required_header<'a>(&self, field: &'a str) -> &'a str {
        match field {
            "id" => self.units.id.header,
            "name" => self.units.name.header,
            "unit" => self.reports.unit.header,
            "period" => self.reports.period.header,
            "admitted" => self.reports.admitted.header,
            other => other,
        }
    }
}

/// A column of the data template: its header and the note that explains it.
#[derive(Debug, Serialize)]
pub struct Column {
    pub header: &'static str,
    pub note: &'static str,
}

/// The columns of the units sheet.
#[derive(Debug, Serialize)]
pub struct UnitColumns {
    pub id: Column,
    pub name: Column,
    pub kind: Column,
    pub parent: Column,
    pub order: Column,
}

/// The columns of the reports sheet. The target columns' headers hold `{n}`, the
/// target's number (1, 2, …).
#[derive(Debug, Serialize)]
pub struct ReportColumns {
    pub unit: Column,
    /// A unit's name beside its id, for people: read by no rule.
    pub unit_name: Column,
    pub period: Column,
    pub period_from: Column,
    pub period_to: Column,
    pub as_of: Column,
    pub admitted: Column,
    pub members: Column,
    pub members_at_start: Column,
    pub organizations: Column,
    pub confirmed: Column,
    pub source: Column,
    pub note: Column,
    pub target_value: Column,
    pub target_max: Column,
    pub target_rate_pct: Column,
    pub target_max_rate_pct: Column,
    pub target_by: Column,
    pub target_document: Column,
    pub target_deadline: Column,
}

/// Headers of `indicators.xlsx` that the pages' labels do not already give.
#[derive(Debug, Serialize)]
pub struct OutColumns {
    pub unit_id: &'static str,
    pub unit_name: &'static str,
    /// The names of the units above, from the top of the tree.
    pub unit_path: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub latest: &'static str,
    pub derived: &'static str,
    pub target_number: &'static str,
    pub value: &'static str,
    pub max: &'static str,
    pub document: &'static str,
    pub elapsed_days: &'static str,
    pub total_days: &'static str,
    pub elapsed_pct: &'static str,
    pub change_previous: &'static str,
    pub change_delta: &'static str,
    pub change_pct: &'static str,
    pub rank_of: &'static str,
    /// After a category's label: its count, its share.
    pub count_suffix: &'static str,
    pub share_suffix: &'static str,
    /// Where the text of the sheets is read: a note in the first sheet.
    pub source_note: &'static str,
}

/// The starter bulletin `bantin new` writes: site.yaml with each setting explained, an
/// example article, the example units and reports of the data workbook.
#[derive(Debug, Serialize)]
pub struct Starter {
    /// The first lines of site.yaml, before the settings.
    pub site_intro: &'static str,
    pub site: SiteSettings,
    /// The data workbook's file name, in data/.
    pub workbook: &'static str,
    /// The example article: its slug (its file name) and its whole text.
    pub article_slug: &'static str,
    pub article: &'static str,
    /// The example units: a province and two districts (id, name, kind).
    pub units: [[&'static str; 3]; 3],
    pub target_by: [&'static str; 2],
    pub target_document: &'static str,
    pub report_note: &'static str,
}

/// Each setting of site.yaml: the comment above it, then its line (commented out when
/// the setting is optional and left at its default).
#[derive(Debug, Serialize)]
pub struct SiteSettings {
    pub title: Setting,
    pub description: Setting,
    pub base_url: Setting,
    pub language: Setting,
    pub root_unit: Setting,
    pub current_period: Setting,
    pub percent_decimals: Setting,
    pub contact: Setting,
    pub next_release: Setting,
    pub issuer: Setting,
    pub place: Setting,
    pub edition: Setting,
    pub private: Setting,
    pub categories: Setting,
}

#[derive(Debug, Serialize)]
pub struct Setting {
    pub comment: &'static str,
    pub line: &'static str,
}

impl SiteSettings {
    /// Every setting with its key, in the order site.yaml lists them.
    pub fn all(&self) -> [(&'static str, &Setting); 14] {
        [
            ("title", &self.title),
            ("description", &self.description),
            ("base_url", &self.base_url),
            ("language", &self.language),
            ("root_unit", &self.root_unit),
            ("current_period", &self.current_period),
            ("percent_decimals", &self.percent_decimals),
            ("contact", &self.contact),
            ("next_release", &self.next_release),
            ("issuer", &self.issuer),
            ("place", &self.place),
            ("edition", &self.edition),
            ("private", &self.private),
            ("categories", &self.categories),
        ]
    }
}

/// The command line's help: what each command and option does.
#[derive(Debug)]
#[cfg_attr(test, derive(Serialize))]
pub struct Help {
    pub about: &'static str,
    /// Headings clap would write in English.
    pub usage_heading: &'static str,
    pub commands_heading: &'static str,
    pub options_heading: &'static str,
    pub usage: &'static str,
    /// Above the usage lines after the help, and what follows them.
    pub usage_lines: &'static str,
    pub defaults: &'static str,
    pub build: &'static str,
    pub build_long: &'static str,
    pub build_usage: &'static str,
    pub check: &'static str,
    pub check_usage: &'static str,
    pub serve: &'static str,
    pub serve_long: &'static str,
    pub serve_usage: &'static str,
    pub new: &'static str,
    pub new_long: &'static str,
    pub new_usage: &'static str,
    pub new_dir: &'static str,
    pub theme: &'static str,
    pub theme_export: &'static str,
    pub theme_export_long: &'static str,
    pub theme_usage: &'static str,
    pub theme_dir: &'static str,
    pub help_command: &'static str,
    pub content: &'static str,
    pub templates: &'static str,
    pub output: &'static str,
    pub timings: &'static str,
    pub serve_timings: &'static str,
    pub no_pdf: &'static str,
    pub port: &'static str,
    pub bind: &'static str,
    pub open: &'static str,
    pub lang: &'static str,
    pub help: &'static str,
    pub version: &'static str,
    /// Placeholders of option values.
    pub dir_value: &'static str,
    pub address_value: &'static str,
    pub port_value: &'static str,
    pub lang_value: &'static str,
}

/// How much content a check found.
#[derive(Clone, Copy, Debug)]
pub struct ContentCounts {
    pub units: usize,
    pub reports: usize,
    pub articles: usize,
    pub drafts: usize,
    pub periods: usize,
}

/// What a finished build made.
#[derive(Clone, Copy, Debug)]
pub struct Built<'a> {
    pub pages: usize,
    pub charts: usize,
    pub files: usize,
    /// [`Words::content_summary`] of the content built.
    pub summary: &'a str,
    pub output: &'a Path,
    pub took: Duration,
}

/// A command line the parser refused.
#[derive(Clone, Copy, Debug)]
pub enum Usage<'a> {
    UnknownOption { option: &'a str, suggestion: Option<&'a str> },
    UnknownCommand { command: &'a str, suggestion: Option<&'a str> },
    BadValue { option: &'a str, value: &'a str, valid: &'a [String] },
    Twice { option: &'a str },
}

/// The progress chart's description, once a unit has a target for the period.
#[derive(Clone, Copy, Debug)]
pub struct Progress<'a> {
    pub unit: &'a str,
    pub as_of: &'a str,
    pub admitted: u64,
    pub target: &'a str,
    /// Admitted as a percentage of the target.
    pub share: &'a str,
    pub deadline: &'a str,
    /// Before the deadline: the pace against the plan and the projected end.
    pub pace: Option<(&'a str, &'a str)>,
}

/// The training chart's description: the people it counts, and the conversion formatted.
#[derive(Clone, Copy, Debug)]
pub struct TrainingFacts<'a> {
    pub unit: &'a str,
    pub period: &'a str,
    pub awareness: Option<u64>,
    pub admitted: u64,
    /// Admitted as a percentage of the awareness trainees.
    pub conversion: Option<&'a str>,
    pub new_members: Option<u64>,
}

/// A name with the figure written beside it: `Huyện A (23,2%)`.
pub type Named<'a> = (&'a str, &'a str);

/// Every sentence that carries values, phrased by each language. Counts are given as
/// numbers (each language groups digits and agrees in number itself); percentages,
/// decimals and dates come formatted by the site's locale.
pub trait Words: Sync {
    /// The language these words are in (content problems are worded in it too).
    fn language(&self) -> Language;

    // The command line.
    fn error(&self, message: &str) -> String;
    fn usage_error(&self, usage: &Usage, help_command: &str) -> String;
    fn content_missing(&self, folder: &Path) -> String;
    fn templates_missing(&self, folder: &Path) -> String;
    fn waiting_for_build(&self, output: &Path) -> String;
    fn building(&self, stage: &str) -> String;
    fn build_failed(&self, output: &Path) -> String;
    fn built(&self, built: &Built) -> String;
    fn cannot_write(&self, path: &Path, error: &std::io::Error) -> String;
    /// `bantin new` into a folder that holds files already.
    fn new_not_empty(&self, folder: &Path) -> String;
    /// `bantin new` done: what it wrote, and what to do next.
    fn new_written(&self, folder: &Path, workbook: &Path) -> String;
    /// `bantin theme export` refused a folder that holds files.
    fn theme_not_empty(&self, folder: &Path) -> String;
    fn theme_written(&self, folder: &Path, files: usize) -> String;
    fn refusal(&self, refusal: &Refusal) -> String;
    fn content_summary(&self, counts: &ContentCounts) -> String;
    fn problem_count(&self, errors: usize, warnings: usize) -> String;

    // The live preview.
    #[cfg(feature = "serve")]
    fn serve_error(&self, error: &ServeError) -> String;
    fn serving(&self, content: &Path, url: &str) -> String;
    fn browser_failed(&self, error: &std::io::Error) -> String;
    fn nothing_changed(&self, millis: u128) -> String;
    fn rebuilt(&self, pages: usize, charts: usize, millis: u128) -> String;
    /// After a failed rebuild: whether an earlier site is still served.
    fn still_serving(&self, has_site: bool) -> String;
    fn overlay_heading(&self) -> String;
    fn overlay_note(&self, has_site: bool) -> String;

    // The data page.
    fn rounding(&self, decimals: u8) -> String;

    // Figures on the pages.
    /// A period as a heading or at the start of a sentence: `Năm 2024`, `Kỳ họp 23/02/2021`.
    fn period_title(&self, label: &str, kind: PeriodKind) -> String;
    /// A rate target beside the people it implies: `3–4% số đảng viên đầu kỳ`; `rate` is
    /// formatted (`3–4%`).
    fn rate_target(&self, rate: &str) -> String;
    /// A target exceeded by `pct` (achievement − 100, formatted): `Vượt chỉ tiêu 22,5%`.
    fn exceeded_by(&self, pct: &str) -> String;
    /// The mark of a summed figure: `Σ 3/4 đơn vị`.
    fn summed(&self, units: usize, of: usize) -> String;
    /// A headline summed from fewer children than the unit has.
    fn partial_sum(&self, units: usize, of: usize) -> String;
    /// The day the previous year's figure was counted to: `năm trước tính đến 31/03/2023`.
    fn previous_as_of(&self, date: &str) -> String;
    /// A unit's latest figure in the index of units and in search results, the period
    /// and numbers formatted: `Năm 2024: kết nạp 312, đạt 104,0% chỉ tiêu`.
    fn unit_figure(&self, period: &str, admitted: &str, achievement: Option<&str>) -> String;
    /// `12 đơn vị trực thuộc`.
    fn units_below(&self, units: usize) -> String;

    // Lists of news.
    /// `Tháng 10/2024`.
    fn month_title(&self, year: i32, month: u32) -> String;
    /// A month within its year: `Tháng 10`.
    fn month_name(&self, month: u32) -> String;
    /// `563 bài`.
    fn articles(&self, count: usize) -> String;
    /// The link from a unit's latest news to all of them: `Xem tất cả 362 bài`.
    fn all_articles(&self, count: usize) -> String;

    // The front page's main points.
    fn units_count(&self, units: usize) -> String;
    fn admitted_point(&self, period: &str, as_of: &str, who: &str, admitted: u64) -> String;
    fn reached_point(&self, reached: usize, units: usize) -> String;
    /// Units whose period still runs: how many are on pace and how many behind it.
    fn pace_standing_point(&self, on_pace: usize, behind_pace: usize) -> String;
    fn highest_lowest_point(&self, highest: Named, lowest: Named) -> String;
    /// Every unit with a target reached the same share of it.
    fn same_achievement_point(&self, units: usize, achievement: &str) -> String;
    fn single_target_point(&self, unit: &str, achievement: &str, target: &str) -> String;
    fn composition_point(&self, shares: &[String]) -> String;
    /// `whole_year`: a whole year against the previous one, else the same span of each year.
    fn change_point(&self, delta: i64, pct: Option<&str>, whole_year: bool) -> String;
    /// A year's figure that no figure of the same span a year earlier compares with.
    fn no_comparable_point(&self) -> String;
    fn pace_point(
        &self,
        unit: &str,
        projected: &str,
        deadline: &str,
        target: &str,
        per_month: &str,
    ) -> String;

    // Charts.
    /// A period within a sentence: `năm 2024`, `giai đoạn 2015-2020`, a named period as written.
    fn period(&self, label: &str, kind: PeriodKind) -> String;
    fn achievement_title(&self, period: &str) -> String;
    fn achievement_one(&self, unit: &str, admitted: u64, achievement: &str, status: &str) -> String;
    fn achievement_many(&self, units: usize, reached: usize, highest: Named, lowest: Named) -> String;
    /// Several units, each at the same `achievement`.
    fn achievement_alike(&self, units: usize, reached: usize, achievement: &str) -> String;
    fn years_title(&self, unit: &str) -> String;
    /// A year counted only to `as_of`, in a table: `2023 (đến 31/03/2023)`.
    fn year_to(&self, year: i32, as_of: &str) -> String;
    fn years_one(&self, year: i32, unit: &str, admitted: u64, target: Option<Named>) -> String;
    /// `most` and `fewest` are (admitted, the years with it); `targets` (reached, years
    /// with a target).
    fn years_span(
        &self,
        unit: &str,
        years: (i32, i32),
        most: (u64, &[i32]),
        fewest: (u64, &[i32]),
        targets: Option<(usize, usize)>,
    ) -> String;
    /// `years` years with figures between `span`'s two, each with the same number `admitted`.
    fn years_alike(
        &self,
        unit: &str,
        span: (i32, i32),
        years: usize,
        admitted: u64,
        targets: Option<(usize, usize)>,
    ) -> String;
    fn composition_title(&self, unit: &str, period: &str) -> String;
    fn composition_one(&self, admitted: u64, group: &str, share: &str, count: u64) -> String;
    fn composition_many(&self, admitted: u64, highest: Named, lowest: Named) -> String;
    /// Several groups, each the same `share` of the admitted.
    fn composition_alike(&self, admitted: u64, share: &str) -> String;
    fn composition_axis(&self, admitted: u64) -> String;
    fn progress_title(&self, unit: &str, period: &str) -> String;
    fn progress_desc(&self, progress: &Progress) -> String;
    fn target_mark(&self, target: &str) -> String;
    fn projected_mark(&self, projected: &str) -> String;
    fn progress_caption(&self, title: &str, target: &str) -> String;
    fn projected_row(&self, deadline: &str) -> String;
    fn training_title(&self, unit: &str, period: &str) -> String;
    fn training_desc(&self, facts: &TrainingFacts) -> String;
    fn classes(&self, classes: u64) -> String;
}

/// The fixed words of pages in `language`.
pub fn labels(language: Language) -> &'static Labels {
    match language {
        Language::Vi => &VI,
        Language::En => &EN,
    }
}

/// The words of spreadsheets in `language`.
pub fn sheets(language: Language) -> &'static SheetLabels {
    match language {
        Language::Vi => &VI_SHEETS,
        Language::En => &EN_SHEETS,
    }
}

/// The starter bulletin in `language`.
pub fn starter(language: Language) -> &'static Starter {
    match language {
        Language::Vi => &VI_STARTER,
        Language::En => &EN_STARTER,
    }
}

/// The command line's help in `language`.
pub fn help(language: Language) -> &'static Help {
    match language {
        Language::Vi => &VI_HELP,
        Language::En => &EN_HELP,
    }
}

/// The sentences of `language`.
pub fn words(language: Language) -> &'static dyn Words {
    match language {
        Language::Vi => &Vi,
        Language::En => &En,
    }
}

/// Years as a list in a sentence, `2021, 2023`: the same in both languages.
fn joined(years: &[i32]) -> String {
    years.iter().map(i32::to_string).collect::<Vec<_>>().join(", ")
}

/// `folder: ` before a message about one folder, nothing when there is none.
#[cfg(feature = "serve")]
fn folder_prefix(folder: &Option<std::path::PathBuf>) -> String {
    folder.as_ref().map(|f| format!("{}: ", f.display())).unwrap_or_default()
}

/// The sentences messages speak (SPEC §1): the language `--lang` chose, else the
/// content's (`None` until site.yaml is read), else the environment's.
pub fn speaking(chosen: Option<Language>, content: Option<Language>) -> &'static dyn Words {
    words(chosen.or(content).unwrap_or_else(environment_language))
}

/// The language of an environment whose `LANG` is `lang`: English when it starts with
/// `en`, else Vietnamese, the product's language (Windows usually sets no `LANG`).
pub fn language_of_lang(lang: Option<&str>) -> Language {
    match lang {
        Some(lang) if lang.starts_with("en") => Language::En,
        _ => Language::Vi,
    }
}

/// The language messages speak before the content's `site.yaml` is read.
pub fn environment_language() -> Language {
    language_of_lang(std::env::var("LANG").ok().as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    /// Every text in a serialized catalog, by its path (`chart.legend.behind`).
    fn texts(value: &Value, path: String, out: &mut Vec<(String, String)>) {
        match value {
            Value::String(s) => out.push((path, s.clone())),
            Value::Object(fields) => {
                for (key, v) in fields {
                    let sub = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
                    texts(v, sub, out);
                }
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    texts(v, format!("{path}[{i}]"), out);
                }
            }
            other => panic!("{path}: {other} is not a text"),
        }
    }

    /// Both languages have every text, and no text left untranslated but those meant
    /// to read the same.
    fn assert_complete(vi: &Value, en: &Value, same_on_purpose: &[&str]) {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        texts(vi, String::new(), &mut a);
        texts(en, String::new(), &mut b);
        assert_eq!(a.len(), b.len());
        for ((path, vi), (_, en)) in a.iter().zip(&b) {
            assert!(!vi.trim().is_empty(), "{path} is empty in Vietnamese");
            assert!(!en.trim().is_empty(), "{path} is empty in English");
            let same = same_on_purpose.contains(&path.as_str());
            assert_eq!(vi == en, same, "{path}: `{vi}` / `{en}`");
        }
    }

    #[test]
    fn labels_have_no_gaps() {
        let json = |l: &Labels| serde_json::to_value(l).unwrap();
        assert_complete(&json(&VI), &json(&EN), &[]);
    }

    #[test]
    fn sheet_words_have_no_gaps() {
        let json = |s: &SheetLabels| serde_json::to_value(s).unwrap();
        assert_complete(&json(&VI_SHEETS), &json(&EN_SHEETS), &[]);
    }

    #[test]
    fn starter_has_no_gaps() {
        let json = |s: &Starter| serde_json::to_value(s).unwrap();
        assert_complete(
            &json(&VI_STARTER),
            &json(&EN_STARTER),
            &[
                "site.current_period.line",
                "site.percent_decimals.line",
                "site.next_release.line",
                "site.edition.line",
                "site.private.line",
            ],
        );
    }

    #[test]
    fn help_has_no_gaps() {
        let json = |h: &Help| serde_json::to_value(h).unwrap();
        assert_complete(&json(&VI_HELP), &json(&EN_HELP), &["lang_value"]);
    }

    #[test]
    fn lang_chooses_english_only_when_it_says_so() {
        assert_eq!(language_of_lang(Some("en_US.UTF-8")), Language::En);
        assert_eq!(language_of_lang(Some("en")), Language::En);
        assert_eq!(language_of_lang(Some("vi_VN.UTF-8")), Language::Vi);
        assert_eq!(language_of_lang(Some("C.UTF-8")), Language::Vi);
        assert_eq!(language_of_lang(Some("")), Language::Vi);
        assert_eq!(language_of_lang(None), Language::Vi);
    }

    #[test]
    fn sentences_in_each_language() {
        let (vi, en) = (words(Language::Vi), words(Language::En));
        assert_eq!(vi.problem_count(2, 1), "2 lỗi, 1 cảnh báo");
        assert_eq!(en.problem_count(2, 1), "2 errors, 1 warning");
        assert_eq!(en.problem_count(1, 0), "1 error, 0 warnings");
        let counts = ContentCounts { units: 1234, reports: 6, articles: 1, drafts: 0, periods: 1 };
        assert_eq!(vi.content_summary(&counts), "1.234 đơn vị, 6 báo cáo, 1 bài viết (0 bản nháp), 1 kỳ");
        assert_eq!(en.content_summary(&counts), "1,234 units, 6 reports, 1 article (0 drafts), 1 period");
        assert_eq!(
            vi.change_point(60, Some("+150,0%"), true),
            "Số kết nạp tăng 60 so với năm trước (+150,0%)."
        );
        assert_eq!(
            vi.change_point(-152, Some("-33,7%"), false),
            "Số kết nạp giảm 152 so với cùng kỳ năm trước (-33,7%)."
        );
        assert_eq!(en.change_point(-3, None, true), "Admissions fell by 3 on the previous year.");
        assert_eq!(vi.summed(3, 4), "Σ 3/4 đơn vị");
        assert_eq!(en.summed(1, 1), "Σ 1 of 1 unit");
        assert_eq!(vi.period_title("2024", PeriodKind::Year), "Năm 2024");
        assert_eq!(vi.period_title("Kỳ họp 23/02/2021", PeriodKind::Named), "Kỳ họp 23/02/2021");
        assert_eq!(vi.period("2015-2020", PeriodKind::Term), "giai đoạn 2015-2020");
        assert_eq!(vi.rate_target("3–4%"), "3–4% số đảng viên đầu kỳ");
        assert_eq!(en.years_one(2024, "A", 1, None), "In 2024, A admitted 1 member.");
        assert!(vi.rounding(1).contains("làm tròn đến 1 chữ số thập phân như hàm ROUND của bảng tính"));
        assert!(en.rounding(1).contains("rounded to 1 decimal place as a spreadsheet's ROUND does"));
        assert!(en.rounding(2).contains("rounded to 2 decimal places as"));
        assert_eq!(vi.pace_standing_point(0, 2), "Chưa đến hạn: 2 đơn vị chậm tiến độ.");
        assert_eq!(en.pace_standing_point(1, 2), "Before the deadline: 1 unit on pace, 2 units behind pace.");
        let built = Built {
            pages: 31,
            charts: 17,
            files: 60,
            summary: "…",
            output: Path::new("output"),
            took: Duration::from_millis(1250),
        };
        assert_eq!(
            vi.built(&built),
            "Đã xuất bản 31 trang, 17 biểu đồ, 60 tệp (…) vào thư mục output trong 1,25 giây"
        );
        assert_eq!(en.built(&built), "built 31 pages, 17 charts, 60 files (…) into output in 1.25s");
        assert_eq!(en.classes(1), "1 class");
        assert_eq!(vi.classes(1200), "1.200 lớp");
    }
}
