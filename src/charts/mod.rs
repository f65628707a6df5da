//! Charts (SPEC §9): standalone SVG documents, each with the same numbers as a data
//! table for readers who cannot see it.
//!
//! Each kind of chart first works out its [`Values`] (one file per kind): the title,
//! the description, the table and what is drawn. Every chart is then drawn twice from
//! the same values: wide for screens and print ([`wide`], with plotters), and narrow
//! for phones ([`narrow`], plain SVG written here, with the labels above the bars).
//! Neither needs a font on the building machine: text becomes `<text>` elements that
//! the reader's browser sets, and the layout estimates text widths itself,
//! conservatively ([`text_width`]).
//!
//! Output is deterministic: the same input gives the same bytes.

pub(crate) mod by_page;

mod achievement;
mod admissions;
mod composition;
mod layer;
mod narrow;
mod progress;
#[cfg(test)]
mod tests;
mod training;
mod wide;

pub use achievement::achievement;
pub use admissions::admissions_over_years;
pub use composition::composition;
pub use progress::progress;
pub use training::training;

use crate::catalog::{self, ChartLabels, Labels, Words};
use crate::compute::indicators::{Figures, Standing, TargetFigures};
use crate::locale::{Locale, round_to_i64, round_to_u64};
use crate::model::Language;
use chrono::NaiveDate;
use plotters::style::RGBColor;
use serde::Serialize;

/// The font stack of every text in the charts: the reader's system fonts, none embedded.
/// Written as it is inside a double-quoted attribute: it holds nothing to escape there.
pub const FONT_FAMILY: &str = "system-ui,'Segoe UI',Roboto,'Noto Sans',Arial,sans-serif";

/// A drawn chart with its accessible text and its numbers.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Chart {
    /// File stem, and the prefix of the ids of [`Chart::inline_svg`], from
    /// [`routes::chart_name`]: `achievement_khanh-hoa_2024`.
    pub slug: String,
    /// One line in the site language; also the `<title>` of the SVG.
    pub title: String,
    /// One plain sentence saying what the chart shows; also the `<desc>` of the SVG.
    pub desc: String,
    /// The wide drawing: a complete standalone SVG document (UTF-8, no XML
    /// declaration), named by its `<title>`; [`Chart::inline_svg`] is the copy to
    /// inline in HTML.
    pub svg: String,
    /// The wide drawing's width and height in CSS pixels (its viewBox).
    pub size: (u32, u32),
    /// The drawing for phones, from the same values, with the same title and desc.
    pub narrow: String,
    pub narrow_size: (u32, u32),
    /// The same numbers for readers who cannot see the chart.
    pub table: DataTable,
}

impl Chart {
    /// The wide drawing to inline in an HTML page beside others: its title and
    /// description get ids made from the slug, and the root names itself by them
    /// (`aria-labelledby`), since an inlined `<svg>` is not named by its `<title>` as
    /// a document of its own is.
    pub fn inline_svg(&self) -> String {
        let slug = &self.slug;
        self.svg
            .replacen(ROLE, &format!("{ROLE} aria-labelledby=\"{slug}-title {slug}-desc\""), 1)
            .replacen("<title>", &format!("<title id=\"{slug}-title\">"), 1)
            .replacen("<desc>", &format!("<desc id=\"{slug}-desc\">"), 1)
    }
}

/// A colour as `#RGB` when each of its bytes is a doubled digit, else `#RRGGBB`.
fn hex(c: RGBColor) -> String {
    if [c.0, c.1, c.2].iter().all(|v| v >> 4 == v & 0xF) {
        format!("#{:X}{:X}{:X}", c.0 & 0xF, c.1 & 0xF, c.2 & 0xF)
    } else {
        format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
    }
}

/// The root element's role, as [`document_head`] writes it.
const ROLE: &str = "role=\"img\"";

/// The start of a drawing of `width` × `height`, up to its description: the root, which
/// sets the language and what most texts share, then the `<title>` and `<desc>` that
/// name and describe it (SPEC §9). Standalone, the drawing is named by its title
/// (SVG-AAM); no ids are needed, which spares every file four copies of its slug.
fn document_head(out: &mut String, (width, height): (&str, &str), v: &Values, t: &ChartText) {
    use std::fmt::Write;
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"100%\" {ROLE} \
         xml:lang=\"{lang}\" font-family=\"{FONT_FAMILY}\" font-size=\"{FONT}\" fill=\"{ink}\">\n\
         <title>{title}</title>\n<desc>{desc}</desc>\n",
        lang = t.locale.language.code(),
        ink = hex(INK),
        title = escape(&v.title),
        desc = escape(&v.desc),
    );
}

/// A table of the numbers a chart shows, already formatted for the site's locale.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct DataTable {
    pub caption: String,
    pub headers: Vec<String>,
    /// Rows of cells, each as long as `headers`.
    pub rows: Vec<Vec<String>>,
    /// Per column: true when it holds numbers (to be right-aligned).
    pub numeric: Vec<bool>,
}

/// How charts write their labels: the site's language and percentage decimals.
#[derive(Clone, Copy)]
pub struct ChartText {
    pub locale: Locale,
    /// Decimals of percentages shown as values (`percent_decimals` of site.yaml).
    pub percent_decimals: usize,
    labels: &'static Labels,
    words: &'static dyn Words,
}

impl ChartText {
    pub fn new(language: Language, percent_decimals: usize) -> ChartText {
        let (labels, words) = (catalog::labels(language), catalog::words(language));
        ChartText { locale: Locale::new(language), percent_decimals, labels, words }
    }

    /// The fixed words of charts.
    fn l(&self) -> &'static ChartLabels {
        &self.labels.chart
    }

    fn int(&self, n: u64) -> String {
        self.locale.integer(n)
    }

    /// An axis tick of counts, to the nearest whole person.
    fn tick(&self, v: f64) -> String {
        self.int(round_to_u64(v))
    }

    fn pct(&self, x: f64) -> String {
        self.locale.percent(finite(x), self.percent_decimals)
    }

    /// People that come out of a formula, to the nearest whole person.
    fn people(&self, x: f64) -> String {
        self.locale.people(finite(x))
    }

    fn date(&self, d: NaiveDate) -> String {
        self.locale.date(d)
    }

    /// A target in whole people: `246`, or `246–275` for a range.
    fn target(&self, t: &TargetFigures) -> String {
        let (low, high) = t.people();
        self.locale.people_range(low, high)
    }

    /// The period of figures within a sentence: `năm 2024`, `giai đoạn 2020-2025` (vi).
    fn period(&self, f: &Figures) -> String {
        self.words.period(&f.period.label, f.period.kind())
    }
}

// ---------------------------------------------------------------------------------
// Palette (Okabe–Ito, each at least 3:1 against white) and sizes.

/// Behind: vermillion (3.9:1 against white).
const BEHIND: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
/// Achieved, and the main series: blue (5.2:1).
const BLUE: RGBColor = RGBColor(0x00, 0x72, 0xB2);
/// Exceeded, and trainees: bluish green (3.4:1).
const GREEN: RGBColor = RGBColor(0x00, 0x9E, 0x73);
/// Text.
const INK: RGBColor = RGBColor(0x22, 0x22, 0x22);
/// Tick labels and axis titles (9:1).
const MUTED: RGBColor = RGBColor(0x4A, 0x4A, 0x4A);
/// Axis lines.
const AXIS: RGBColor = RGBColor(0x76, 0x76, 0x76);
/// Light major gridlines.
const GRID: RGBColor = RGBColor(0xE3, 0xE3, 0xE3);
/// Target ranges.
const BAND: RGBColor = RGBColor(0xD9, 0xD9, 0xD9);
const PAPER: RGBColor = RGBColor(0xFF, 0xFF, 0xFF);

/// Labels and values, in either drawing (whose text sizes are for its own width).
const FONT: f64 = 13.0;
/// Tick labels, axis titles.
const SMALL: f64 = 12.0;

/// A standing's colour and whether its bars are hatched: not reached yet is hatched
/// (vermillion when behind the pace or missed, blue while on pace), so that it differs
/// from a reached target in grayscale as well as in colour.
fn color_of(s: Standing) -> (RGBColor, bool) {
    match s {
        Standing::Behind | Standing::BehindPace => (BEHIND, true),
        Standing::OnPace => (BLUE, true),
        Standing::Achieved => (BLUE, false),
        Standing::Exceeded => (GREEN, false),
    }
}

fn finite(x: f64) -> f64 {
    if x.is_finite() { x } else { 0.0 }
}

// ---------------------------------------------------------------------------------
// Text measuring, shortening and wrapping.

/// A conservative estimate of the width of `text` in pixels at `size`: wider than
/// the common sans-serif fonts set it, so that labels placed by it never overlap.
pub fn text_width(text: &str, size: f64) -> f64 {
    let em: f64 = text
        .chars()
        .map(|c| match c {
            '\u{0300}'..='\u{036F}' => 0.0,
            'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' | 'í' | 'ì' | 'ỉ' | 'ĩ' | 'ị' => {
                0.3
            }
            ' ' | 'f' | 't' | 'r' | '(' | ')' | '-' | '/' | 'I' | '[' | ']' => 0.4,
            'm' | 'w' | 'M' | 'W' | '%' | '@' | '…' | '—' => 0.92,
            c if c.is_uppercase() => 0.74,
            _ => 0.6,
        })
        .sum();
    em * size
}

/// `text` shortened with an ellipsis to fit `max` pixels.
fn ellipsize(text: &str, size: f64, max: f64) -> String {
    let text = text.trim();
    if text_width(text, size) <= max {
        return text.to_string();
    }
    let room = max - text_width("…", size);
    let mut out = String::new();
    let mut used = 0.0;
    for c in text.chars() {
        let w = text_width(c.encode_utf8(&mut [0; 4]), size);
        if used + w > room {
            break;
        }
        used += w;
        out.push(c);
    }
    let mut out = out.trim_end().to_string();
    out.push('…');
    out
}

/// `text` on at most two lines of `max` pixels, at word boundaries; the rest is
/// shortened with an ellipsis.
fn wrap2(text: &str, size: f64, max: f64) -> Vec<String> {
    let text = text.trim();
    if text_width(text, size) <= max {
        return vec![text.to_string()];
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut first = String::new();
    let mut taken = 0;
    for w in &words {
        let candidate = if first.is_empty() { w.to_string() } else { format!("{first} {w}") };
        if text_width(&candidate, size) > max {
            break;
        }
        first = candidate;
        taken += 1;
    }
    if taken == 0 {
        return vec![ellipsize(text, size, max)];
    }
    let rest = words[taken..].join(" ");
    vec![first, ellipsize(&rest, size, max)]
}

/// Escapes text for XML content and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 does not allow, even escaped.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            '\u{FFFE}' | '\u{FFFF}' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

// ---------------------------------------------------------------------------------
// Axes.

/// A 1-2-5 step near `raw`.
fn nice_step(raw: f64) -> f64 {
    if !raw.is_finite() || raw <= 0.0 {
        return 1.0;
    }
    let e = 10f64.powf(raw.log10().floor());
    let f = raw / e;
    let m = if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    };
    m * e
}

/// An axis from zero: its step and its top (a multiple of the step, >= `max`), with
/// at most about `count` steps. Whole-number axes never step by less than 1.
fn axis(max: f64, count: usize, whole: bool) -> (f64, f64) {
    let max = if max.is_finite() && max > 0.0 { max } else { 0.0 };
    let mut step = nice_step(max / count.max(1) as f64);
    if whole {
        step = step.max(1.0);
    }
    let top = ((max / step).ceil() * step).max(step);
    (step, top)
}

/// A length or place in a drawing, rounded to the nearest whole and held within `i32`
/// (callers ceil or floor first where they mean to).
fn px(x: f64) -> i32 {
    let held = round_to_i64(x).clamp(i64::from(i32::MIN), i64::from(i32::MAX));
    i32::try_from(held).unwrap_or_default()
}

/// A count of ticks, labels or slots, rounded to the nearest whole and at least 0.
fn whole_count(x: f64) -> usize {
    usize::try_from(round_to_u64(x)).unwrap_or(usize::MAX)
}

/// A count of things drawn (bars, rows) as a factor of lengths in a drawing.
fn px_count(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// The ticks of an axis from zero to `top`.
fn ticks(step: f64, top: f64) -> Vec<f64> {
    let n = whole_count((top / step).clamp(0.0, 100.0));
    (0..=n).map(|i| i as f64 * step).collect()
}

fn decimals_of(step: f64) -> usize {
    if step >= 1.0 || !step.is_finite() || step <= 0.0 {
        0
    } else {
        whole_count((-step.log10()).ceil().clamp(0.0, 6.0))
    }
}

// ---------------------------------------------------------------------------------
// What a chart shows, before it is drawn.

/// A chart's values: its words, its table and what is drawn, from which both drawings
/// are made.
struct Values {
    slug: String,
    title: String,
    desc: String,
    table: DataTable,
    plot: Plot,
}

/// What is drawn, in the units of the data.
enum Plot {
    Bars(HBars),
    Years(Years),
    Progress(Track),
}

/// How a line is drawn.
#[derive(Clone, Copy)]
enum Stroke {
    Solid,
    Dashed,
    Dotted,
}

/// A key in a legend.
#[derive(Clone, Copy)]
enum Key {
    Swatch(RGBColor, bool),
    Line(RGBColor, Stroke),
    Hollow(RGBColor),
    Band,
}

/// One bar of a horizontal bar chart.
struct HBar {
    /// The full label, shortened or wrapped when drawn.
    label: String,
    /// In axis units.
    value: f64,
    /// Written after the end of the bar.
    text: String,
    color: RGBColor,
    hatch: bool,
    /// Extra attributes of the bar's `<g>`, already escaped.
    attrs: String,
}

enum Scale {
    /// Percentages; the axis reaches at least this far.
    Percent { at_least: f64, exactly: bool },
    /// Counts of people.
    Count,
}

/// Horizontal bars: achievement, composition, training.
struct HBars {
    bars: Vec<HBar>,
    scale: Scale,
    /// A vertical reference line at a value, with its label.
    reference: Option<(f64, String)>,
    legend: Vec<(Key, String)>,
    axis_title: String,
    /// The widest the label column may be, beside the bars.
    label_cap: f64,
}

/// A bar per calendar year, with its first target.
struct Years {
    /// Every year of the span, unless the span is very long.
    slots: Vec<i32>,
    bars: Vec<YearBar>,
    legend: Vec<(Key, String)>,
}

struct YearBar {
    year: i32,
    admitted: u64,
    /// The first target's value and its maximum, when the year has one.
    target: Option<(f64, Option<f64>)>,
}

impl YearBar {
    /// The top of the target's range, when it is above its value.
    fn range_top(&self) -> Option<(f64, f64)> {
        let (value, max) = self.target?;
        max.filter(|&m| m > value).map(|m| (value, m))
    }
}

/// Cumulative admissions through a period against the straight line to the target.
struct Track {
    from: NaiveDate,
    /// The last day drawn: the deadline, or the latest snapshot when after it.
    end: NaiveDate,
    /// Where the deadline is, in days from `from` (see [`day_pos`]).
    total: f64,
    /// The snapshots: their day and the admitted by then.
    points: Vec<(NaiveDate, u64)>,
    target: f64,
    /// The top of a target range, when it is above `target`.
    target_max: Option<f64>,
    /// The projected end at the current pace.
    projected: Option<f64>,
    target_label: String,
    projected_label: Option<String>,
    legend: Vec<(Key, String)>,
}

/// The position of the end of `day`, in days from the start of `from`.
fn day_pos(from: NaiveDate, day: NaiveDate) -> f64 {
    ((day - from).num_days() + 1) as f64
}

/// One drawing of a chart: its SVG document and its size.
struct Drawing {
    svg: String,
    width: u32,
    height: u32,
}

/// Draws `values` wide and narrow; `None` when plotters failed to draw.
fn chart(values: Values, t: &ChartText) -> Option<Chart> {
    let wide = wide::draw(&values, t)?;
    let narrow = narrow::draw(&values, narrow::WIDTH, t);
    let Values { slug, title, desc, table, .. } = values;
    Some(Chart {
        slug,
        title,
        desc,
        svg: wide.svg,
        size: (wide.width, wide.height),
        narrow: narrow.svg,
        narrow_size: (narrow.width, narrow.height),
        table,
    })
}
