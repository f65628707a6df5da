//! Charts (SPEC §9): standalone SVG documents drawn with plotters, each with the same
//! numbers as a data table for readers who cannot see it.
//!
//! Every chart is drawn with plotters' low-level drawing API (a `DrawingArea` on
//! `SVGBackend::with_string`, with `Rectangle`, `PathElement`, `Circle` and `Text`
//! elements). plotters is built without a font backend, so nothing needs a font on the
//! building machine: text becomes `<text>` elements that the reader's browser sets, and
//! the layout here estimates text widths itself, conservatively ([`text_width`]).
//!
//! Each drawing layer is rendered into its own fragment and the fragments are put
//! together in one `<svg>` root, so that bars and points can carry a `class` (and
//! `data-*` attributes) and the root can carry `<title>`, `<desc>`, `role="img"` and
//! `aria-labelledby`, which plotters does not write itself. plotters escapes the text
//! it writes; the parts written here are escaped by [`escape`].
//!
//! Output is deterministic: the same input gives the same bytes.

use crate::catalog::{self, ChartLabels, Labels, Progress, TrainingFacts, Words};
use crate::indicators::{Figures, Standing, Status, TargetFigures};
use crate::locale::Locale;
use crate::model::Language;
use crate::routes;
use chrono::{Datelike, NaiveDate};
use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use serde::Serialize;

/// The font stack of every text in the charts: the reader's system fonts, none embedded.
pub const FONT_FAMILY: &str = "system-ui, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif";

/// A drawn chart with its accessible text and its numbers.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Chart {
    /// File stem and SVG id prefix, from [`routes::chart_name`]: `achievement_khanh-hoa_2024`.
    pub slug: String,
    /// One line in the site language; also the `<title>` of the SVG.
    pub title: String,
    /// One plain sentence saying what the chart shows; also the `<desc>` of the SVG.
    pub desc: String,
    /// A complete standalone SVG document (UTF-8, no XML declaration, so it can also
    /// be inlined in HTML).
    pub svg: String,
    /// The same numbers for readers who cannot see the chart.
    pub table: DataTable,
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
        self.locale.integer(i64::try_from(n).unwrap_or(i64::MAX))
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

/// The width of every chart's viewBox; text sizes are for this width.
const WIDTH: i32 = 640;
/// Outer padding.
const PAD: i32 = 10;
/// Labels and values.
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

/// Removes characters XML 1.0 cannot hold from text that plotters will write.
fn clean(text: &str) -> String {
    text.chars()
        .map(|c| {
            if ((c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
            {
                ' '
            } else {
                c
            }
        })
        .collect()
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

/// The ticks of an axis from zero to `top`.
fn ticks(step: f64, top: f64) -> Vec<f64> {
    let n = (top / step).round().clamp(0.0, 100.0) as usize;
    (0..=n).map(|i| i as f64 * step).collect()
}

fn decimals_of(step: f64) -> usize {
    if step >= 1.0 || !step.is_finite() || step <= 0.0 {
        0
    } else {
        (-step.log10()).ceil().clamp(0.0, 6.0) as usize
    }
}

// ---------------------------------------------------------------------------------
// Drawing.

type Area<'b> = DrawingArea<SVGBackend<'b>, Shift>;

/// The elements of one drawing layer; each call draws with plotters.
struct Pen<'a, 'b> {
    area: &'a Area<'b>,
    ok: bool,
}

/// How a line is drawn.
#[derive(Clone, Copy)]
enum Stroke {
    Solid,
    Dashed,
    Dotted,
}

impl Pen<'_, '_> {
    fn check<E>(&mut self, r: Result<(), E>) {
        self.ok &= r.is_ok();
    }

    fn rect(&mut self, (x0, y0): (i32, i32), (x1, y1): (i32, i32), color: RGBColor) {
        let r = self.area.draw(&Rectangle::new([(x0, y0), (x1, y1)], color.filled()));
        self.check(r);
    }

    fn frame(&mut self, (x0, y0): (i32, i32), (x1, y1): (i32, i32), color: RGBColor) {
        let r = self.area.draw(&Rectangle::new([(x0, y0), (x1, y1)], color.stroke_width(1)));
        self.check(r);
    }

    fn line(&mut self, points: &[(i32, i32)], color: RGBColor, width: u32, stroke: Stroke) {
        let style = color.stroke_width(width);
        let r = match stroke {
            Stroke::Solid => self.area.draw(&PathElement::new(points.to_vec(), style)),
            Stroke::Dashed => self.area.draw(&DashedPathElement::new(points.iter().copied(), 7, 5, style)),
            Stroke::Dotted => self.area.draw(&DashedPathElement::new(points.iter().copied(), 3, 4, style)),
        };
        self.check(r);
    }

    fn circle(&mut self, c: (i32, i32), r: i32, color: RGBColor, filled: bool) {
        let style = if filled { color.filled() } else { color.stroke_width(2) };
        let res = self.area.draw(&Circle::new(c, r, style));
        self.check(res);
    }

    fn polygon(&mut self, points: &[(i32, i32)], color: RGBColor) {
        let r = self.area.draw(&Polygon::new(points.to_vec(), color.filled()));
        self.check(r);
    }

    /// Text vertically centred on `at.1`, anchored at `at.0` by `h`.
    fn text(&mut self, text: &str, at: (i32, i32), size: f64, color: RGBColor, h: HPos) {
        // plotters' SVG backend writes `font-size` as size / 1.24.
        let font = FontDesc::new(FontFamily::Name(FONT_FAMILY), size * 1.24, FontStyle::Normal);
        let style = TextStyle::from(font).color(&color).pos(Pos::new(h, VPos::Center));
        let r = self.area.draw(&Text::new(clean(text), at, style));
        self.check(r);
    }

    /// Diagonal white stripes over a bar, so that it differs from solid bars in
    /// grayscale as well as in colour.
    fn hatch(&mut self, (x0, y0): (i32, i32), (x1, y1): (i32, i32)) {
        let h = y1 - y0;
        if x1 - x0 < 2 || h <= 0 {
            return;
        }
        let mut c = x0 - h;
        while c < x1 {
            // The segment (c + s, y1 - s) for s in 0..=h, clipped to x0..=x1.
            let s0 = (x0 - c).max(0);
            let s1 = (x1 - c).min(h);
            if s0 < s1 {
                self.line(&[(c + s0, y1 - s0), (c + s1, y1 - s1)], PAPER, 2, Stroke::Solid);
            }
            c += 7;
        }
    }
}

/// An SVG document put together from plotters-drawn layers.
struct Canvas {
    height: i32,
    body: String,
    ok: bool,
}

impl Canvas {
    fn new(height: i32) -> Canvas {
        let mut canvas = Canvas { height: height.max(1), body: String::new(), ok: true };
        canvas.layer("class=\"background\"", |pen| {
            let r = pen.area.fill(&PAPER);
            pen.check(r);
        });
        canvas
    }

    /// Draws one layer and adds it, as a `<g>` with `attrs` (already escaped).
    fn layer(&mut self, attrs: &str, draw: impl FnOnce(&mut Pen<'_, '_>)) {
        let mut buf = String::new();
        {
            let area =
                SVGBackend::with_string(&mut buf, (WIDTH as u32, self.height as u32)).into_drawing_area();
            let mut pen = Pen { area: &area, ok: true };
            draw(&mut pen);
            let presented = area.present().is_ok();
            self.ok &= pen.ok && presented;
        }
        // plotters writes a whole document: keep what is inside its root element.
        let inner = buf.find(">\n").map(|i| &buf[i + 2..]).unwrap_or("").trim_end();
        let inner = inner.strip_suffix("</svg>").unwrap_or(inner);
        self.body.push_str("<g");
        if !attrs.is_empty() {
            self.body.push(' ');
            self.body.push_str(attrs);
        }
        self.body.push_str(">\n");
        self.body.push_str(&tidy(inner));
        self.body.push_str("</g>\n");
    }

    /// The document, or `None` when plotters failed to draw.
    fn finish(self, slug: &str, title: &str, desc: &str, t: &ChartText) -> Option<String> {
        if !self.ok {
            return None;
        }
        let lang = t.locale.language.code();
        Some(format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {h}\" width=\"100%\" \
             role=\"img\" aria-labelledby=\"{slug}-title {slug}-desc\" xml:lang=\"{lang}\" \
             font-family=\"{font}\">\n<title id=\"{slug}-title\">{title}</title>\n\
             <desc id=\"{slug}-desc\">{desc}</desc>\n{body}</svg>\n",
            h = self.height,
            font = escape(FONT_FAMILY),
            title = escape(title),
            desc = escape(desc),
            body = self.body,
        ))
    }
}

/// Drops plotters' `opacity="1"` and rounds its `font-size` (written as size / 1.24).
fn tidy(fragment: &str) -> String {
    let fragment = fragment.replace(" opacity=\"1\"", "");
    let mut out = String::with_capacity(fragment.len());
    let mut rest = fragment.as_str();
    const KEY: &str = "font-size=\"";
    while let Some(i) = rest.find(KEY) {
        out.push_str(&rest[..i + KEY.len()]);
        rest = &rest[i + KEY.len()..];
        let end = rest.find('"').unwrap_or(rest.len());
        match rest[..end].parse::<f64>() {
            Ok(v) => {
                let v = (v * 10.0).round() / 10.0;
                out.push_str(&format!("{v}"));
            }
            Err(_) => out.push_str(&rest[..end]),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// A key in a legend.
#[derive(Clone, Copy)]
enum Key {
    Swatch(RGBColor, bool),
    Line(RGBColor, Stroke),
    Hollow(RGBColor),
    Band,
}

/// Legend entries flowing left to right from the top left, wrapping when needed.
/// Returns the height used.
fn legend_height(items: &[(Key, String)]) -> i32 {
    legend_layout(items).last().map_or(0, |&(_, y)| y + 12)
}

fn legend_layout(items: &[(Key, String)]) -> Vec<(i32, i32)> {
    let (mut x, mut y) = (PAD, 14);
    let mut out = Vec::new();
    for (_, label) in items {
        let w = 22 + text_width(label, FONT).ceil() as i32;
        if x > PAD && x + w > WIDTH - PAD {
            x = PAD;
            y += 22;
        }
        out.push((x, y));
        x += w + 18;
    }
    out
}

fn draw_legend(canvas: &mut Canvas, items: &[(Key, String)]) {
    if items.is_empty() {
        return;
    }
    let places = legend_layout(items);
    canvas.layer("class=\"legend\"", |pen| {
        for ((key, label), &(x, y)) in items.iter().zip(&places) {
            match *key {
                Key::Swatch(color, hatch) => {
                    pen.rect((x, y - 7), (x + 14, y + 7), color);
                    if hatch {
                        pen.hatch((x, y - 7), (x + 14, y + 7));
                    }
                }
                Key::Line(color, stroke) => {
                    pen.line(&[(x, y), (x + 16, y)], color, 2, stroke);
                }
                Key::Hollow(color) => {
                    pen.line(&[(x, y), (x + 16, y)], color, 2, Stroke::Dotted);
                    pen.circle((x + 8, y), 5, PAPER, true);
                    pen.circle((x + 8, y), 5, color, false);
                }
                Key::Band => {
                    pen.rect((x, y - 7), (x + 14, y + 7), BAND);
                    pen.frame((x, y - 7), (x + 14, y + 7), AXIS);
                }
            }
            pen.text(label, (x + 20, y), FONT, INK, HPos::Left);
        }
    });
}

// ---------------------------------------------------------------------------------
// Horizontal bars: achievement, composition, training.

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

struct HBars {
    bars: Vec<HBar>,
    scale: Scale,
    /// A vertical reference line at a value, with its label.
    reference: Option<(f64, String)>,
    legend: Vec<(Key, String)>,
    axis_title: String,
    /// The widest the label column may be.
    label_cap: f64,
}

fn draw_hbars(spec: HBars, t: &ChartText) -> Option<(i32, Canvas)> {
    if spec.bars.is_empty() {
        return None;
    }
    let text_w =
        spec.bars.iter().map(|b| text_width(&b.text, FONT)).fold(0.0, f64::max).min(WIDTH as f64 * 0.4);
    // Leave the plot at least 200 px.
    let cap = spec.label_cap.min(WIDTH as f64 - 2.0 * PAD as f64 - text_w - 24.0 - 200.0).max(60.0);
    let labels: Vec<Vec<String>> = spec.bars.iter().map(|b| wrap2(&b.label, FONT, cap)).collect();
    let label_w =
        labels.iter().flatten().map(|l| text_width(l, FONT)).fold(0.0, f64::max).min(cap).ceil() as i32;
    let two_lines = labels.iter().any(|l| l.len() > 1);
    let pitch = if two_lines { 40 } else { 30 };
    let bar_h = 18;

    let legend_h = legend_height(&spec.legend);
    let ref_h = if spec.reference.is_some() { 22 } else { 0 };
    let top = legend_h + ref_h + 10;
    let rows_bottom = top + pitch * spec.bars.len() as i32;
    let height = rows_bottom + 50;

    let left = PAD + label_w + 10;
    let right = WIDTH - PAD - text_w.ceil() as i32 - 10;
    let plot_w = (right - left).max(1);

    let data_max = spec.bars.iter().map(|b| finite(b.value)).fold(0.0, f64::max);
    let tick_count = (plot_w / 70).clamp(2, 6) as usize;
    let (step, top_value) = match spec.scale {
        Scale::Percent { at_least, exactly: true } => (at_least / 5.0, at_least),
        Scale::Percent { at_least, .. } => axis(data_max.max(at_least), tick_count, false),
        Scale::Count => axis(data_max, tick_count, true),
    };
    let x_of = |v: f64| -> i32 {
        let v = finite(v).clamp(0.0, top_value);
        left + (v / top_value * plot_w as f64).round() as i32
    };
    let tick_label = |v: f64| match spec.scale {
        Scale::Percent { .. } => t.locale.percent(v, decimals_of(step)),
        Scale::Count => t.int(v.round().max(0.0) as u64),
    };

    let mut canvas = Canvas::new(height);
    draw_legend(&mut canvas, &spec.legend);

    let tick_values = ticks(step, top_value);
    canvas.layer("class=\"grid\"", |pen| {
        for &v in &tick_values {
            let x = x_of(v);
            let color = if v == 0.0 { AXIS } else { GRID };
            pen.line(&[(x, top - 4), (x, rows_bottom)], color, 1, Stroke::Solid);
        }
    });

    let mut value_labels: Vec<(&str, (i32, i32))> = Vec::new();
    for (i, (bar, lines)) in spec.bars.iter().zip(&labels).enumerate() {
        let y_mid = top + pitch * i as i32 + pitch / 2;
        let (x0, x1) = (left, x_of(bar.value));
        let mut attrs = String::from("class=\"bar\"");
        if !bar.attrs.is_empty() {
            attrs.push(' ');
            attrs.push_str(&bar.attrs);
        }
        canvas.layer(&attrs, |pen| {
            let (a, b) = ((x0, y_mid - bar_h / 2), (x1, y_mid + bar_h / 2));
            if x1 > x0 {
                pen.rect(a, b, bar.color);
                if bar.hatch {
                    pen.hatch(a, b);
                }
            }
            match lines.as_slice() {
                [one] => pen.text(one, (left - 8, y_mid), FONT, INK, HPos::Right),
                [first, second, ..] => {
                    pen.text(first, (left - 8, y_mid - 8), FONT, INK, HPos::Right);
                    pen.text(second, (left - 8, y_mid + 8), FONT, INK, HPos::Right);
                }
                [] => {}
            }
        });
        value_labels.push((bar.text.as_str(), (x1 + 6, y_mid)));
    }

    if let Some((value, label)) = &spec.reference {
        let x = x_of(*value);
        let label_w = text_width(label, SMALL).ceil() as i32;
        let lx = (x - label_w / 2).clamp(PAD, WIDTH - PAD - label_w);
        canvas.layer("class=\"reference\"", |pen| {
            pen.line(&[(x, top - 6), (x, rows_bottom + 2)], INK, 2, Stroke::Solid);
            pen.text(label, (lx, top - 14), SMALL, INK, HPos::Left);
        });
    }

    // Value labels last, on a white ground, so that the gridlines never run through
    // them; a label that would cover the reference line starts right of it instead.
    let reference_x = spec.reference.as_ref().map(|(value, _)| x_of(*value));
    canvas.layer("class=\"values\"", |pen| {
        for &(text, (x, y)) in &value_labels {
            let w = text_width(text, FONT).ceil() as i32;
            let x = label_clear_of(x, w, reference_x);
            pen.rect((x - 2, y - 9), (x + w + 2, y + 9), PAPER);
            pen.text(text, (x, y), FONT, INK, HPos::Left);
        }
    });

    let axis_title = spec.axis_title.clone();
    canvas.layer("class=\"axis\"", |pen| {
        pen.line(&[(left, rows_bottom), (right, rows_bottom)], AXIS, 1, Stroke::Solid);
        for &v in &tick_values {
            let x = x_of(v);
            pen.line(&[(x, rows_bottom), (x, rows_bottom + 4)], AXIS, 1, Stroke::Solid);
            let label = tick_label(v);
            let w = text_width(&label, SMALL).ceil() as i32;
            let cx = x.clamp(PAD + w / 2, WIDTH - PAD - w / 2);
            pen.text(&label, (cx, rows_bottom + 14), SMALL, MUTED, HPos::Center);
        }
        let title = ellipsize(&axis_title, SMALL, (WIDTH - 2 * PAD) as f64);
        let w = text_width(&title, SMALL).ceil() as i32;
        let cx = ((left + right) / 2).clamp(PAD + w / 2, WIDTH - PAD - w / 2);
        pen.text(&title, (cx, rows_bottom + 36), SMALL, MUTED, HPos::Center);
    });
    Some((height, canvas))
}

/// Where a value label of width `w` starts, given where it would (`x`): right of the
/// reference line at `line` when its white ground (2 px either side) would cover it.
fn label_clear_of(x: i32, w: i32, line: Option<i32>) -> i32 {
    match line {
        Some(line) if x - 3 <= line + 1 && line - 1 <= x + w + 3 => line + 6,
        _ => x,
    }
}

// ---------------------------------------------------------------------------------
// 1. Achievement by child unit.

/// Achievement of the first target by child unit in one period: horizontal bars
/// sorted from the highest achievement, a 100% reference line, bars coloured by
/// status and labelled with the percentage and the status word (behind bars are also
/// hatched). Units without a target are left out of the bars and listed in the table
/// with "-". `unit_id` is the parent unit (it names the file; `None` for the top-level
/// units side by side).
///
/// `None` when no unit has a target.
pub fn achievement(
    unit_id: Option<&str>,
    period_label: &str,
    units: &[(&str, &Figures)],
    t: &ChartText,
) -> Option<Chart> {
    let mut with_target: Vec<(&str, &Figures, &TargetFigures)> = units
        .iter()
        .filter_map(|&(name, f)| {
            let target = f.targets.first()?;
            target.achievement_pct.is_finite().then_some((name, f, target))
        })
        .collect();
    if with_target.is_empty() {
        return None;
    }
    // Stable: equal achievements keep the order they were given in.
    with_target.sort_by(|a, b| b.2.achievement_pct.total_cmp(&a.2.achievement_pct));

    let slug = routes::chart_name("achievement", unit_id, Some(period_label));
    let title = t.words.achievement_title(period_label);
    let reached = with_target.iter().filter(|(_, _, tg)| tg.status != Status::Behind).count();
    let n = with_target.len();
    let (hi, lo) = (with_target[0], with_target[n - 1]);
    let desc = match n {
        1 => t.words.achievement_one(
            hi.0,
            hi.1.admitted,
            &t.pct(hi.2.achievement_pct),
            t.l().status.of(hi.2.standing()),
        ),
        _ => t.words.achievement_many(
            n,
            reached,
            (hi.0, &t.pct(hi.2.achievement_pct)),
            (lo.0, &t.pct(lo.2.achievement_pct)),
        ),
    };

    let bars = with_target
        .iter()
        .map(|&(name, f, tg)| {
            let (color, hatch) = color_of(tg.standing());
            HBar {
                label: name.to_string(),
                value: tg.achievement_pct,
                text: format!("{} ({})", t.pct(tg.achievement_pct), t.l().status.of(tg.standing())),
                color,
                hatch,
                attrs: format!(
                    "data-status=\"{}\" data-admitted=\"{}\" data-target=\"{}\"",
                    tg.standing().key(),
                    f.admitted,
                    tg.value
                ),
            }
        })
        .collect();
    let standings =
        [Standing::Behind, Standing::BehindPace, Standing::OnPace, Standing::Achieved, Standing::Exceeded];
    let legend = standings
        .into_iter()
        .filter(|&s| with_target.iter().any(|(_, _, tg)| tg.standing() == s))
        .map(|s| {
            let (color, hatch) = color_of(s);
            (Key::Swatch(color, hatch), t.l().legend.of(s).to_string())
        })
        .collect();
    let spec = HBars {
        bars,
        scale: Scale::Percent { at_least: 100.0, exactly: false },
        reference: Some((100.0, t.l().target_line.into())),
        legend,
        axis_title: t.l().achievement_axis.into(),
        label_cap: 240.0,
    };
    let (_, canvas) = draw_hbars(spec, t)?;
    let svg = canvas.finish(&slug, &title, &desc, t)?;

    let mut rows: Vec<Vec<String>> = with_target
        .iter()
        .map(|&(name, f, tg)| {
            vec![
                name.to_string(),
                t.int(f.admitted),
                t.target(tg),
                t.pct(tg.achievement_pct),
                t.l().status.of(tg.standing()).to_string(),
            ]
        })
        .collect();
    for &(name, f) in units {
        if !with_target.iter().any(|(_, g, _)| std::ptr::eq(*g, f)) {
            rows.push(vec![name.to_string(), t.int(f.admitted), "-".into(), "-".into(), "-".into()]);
        }
    }
    let table = DataTable {
        caption: title.clone(),
        headers: t.l().achievement_headers.map(String::from).to_vec(),
        rows,
        numeric: vec![false, true, true, true, false],
    };
    Some(Chart { slug, title, desc, svg, table })
}

// ---------------------------------------------------------------------------------
// 2. Admissions over the years.

/// Members admitted per calendar year for one unit: a bar per year (the latest
/// snapshot of each year; other periods are ignored), with the year's first target
/// marked by a dark line across the bar, and a range `value..max` as a grey band.
/// Years without a report inside the span keep an empty slot. Linear axis from zero.
///
/// `None` when no calendar-year report is given.
pub fn admissions_over_years(
    unit_name: &str,
    unit_id: &str,
    years: &[&Figures],
    t: &ChartText,
) -> Option<Chart> {
    let mut items: Vec<(i32, &Figures)> =
        years.iter().filter_map(|f| Some((f.period.calendar_year()?, *f))).collect();
    items.sort_by_key(|a| (a.0, a.1.as_of));
    // The latest snapshot of each year.
    let mut dedup: Vec<(i32, &Figures)> = Vec::new();
    for item in items {
        match dedup.last_mut() {
            Some(last) if last.0 == item.0 => *last = item,
            _ => dedup.push(item),
        }
    }
    let items = dedup;
    let (first_year, last_year) = (items.first()?.0, items.last()?.0);

    let slug = routes::chart_name("admissions", Some(unit_id), None);
    let title = t.words.years_title(unit_name);
    let with_target: Vec<&(i32, &Figures)> = items.iter().filter(|(_, f)| !f.targets.is_empty()).collect();
    let reached = with_target.iter().filter(|(_, f)| f.targets[0].status != Status::Behind).count();
    let desc = if items.len() == 1 {
        let (y, f) = items[0];
        let target = f.targets.first().map(|tg| (t.target(tg), t.pct(tg.achievement_pct)));
        t.words.years_one(y, unit_name, f.admitted, target.as_ref().map(|(v, p)| (v.as_str(), p.as_str())))
    } else {
        // The first of equal highs and lows.
        let hi = items.iter().fold(items[0], |m, &x| if x.1.admitted > m.1.admitted { x } else { m });
        let lo = items.iter().fold(items[0], |m, &x| if x.1.admitted < m.1.admitted { x } else { m });
        let targets = (!with_target.is_empty()).then_some((reached, with_target.len()));
        t.words.years_span(
            unit_name,
            (first_year, last_year),
            (hi.1.admitted, hi.0),
            (lo.1.admitted, lo.0),
            targets,
        )
    };

    // Slots: every year of the span, unless the span is very long.
    let span = (last_year - first_year + 1) as usize;
    let slots: Vec<i32> =
        if span <= 40 { (first_year..=last_year).collect() } else { items.iter().map(|(y, _)| *y).collect() };
    let any_range =
        items.iter().any(|(_, f)| f.targets.first().is_some_and(|tg| tg.max.is_some_and(|m| m > tg.value)));
    let mut legend = vec![
        (Key::Swatch(BLUE, false), t.l().admitted.to_string()),
        (Key::Line(INK, Stroke::Solid), t.l().target.to_string()),
    ];
    if !with_target.is_empty() && any_range {
        legend.push((Key::Band, t.l().target_range.to_string()));
    }
    if with_target.is_empty() {
        legend.truncate(1);
    }

    let data_max = items
        .iter()
        .flat_map(|(_, f)| {
            let tg = f.targets.first();
            [Some(f.admitted as f64), tg.map(|tg| tg.value), tg.and_then(|tg| tg.max)]
        })
        .flatten()
        .fold(0.0, f64::max);
    let (step, top_value) = axis(data_max, 5, true);
    let tick_values = ticks(step, top_value);
    let tick_labels: Vec<String> = tick_values.iter().map(|v| t.int(v.round() as u64)).collect();
    let tick_w = tick_labels.iter().map(|l| text_width(l, SMALL)).fold(0.0, f64::max).ceil() as i32;

    let top = legend_height(&legend) + 22;
    let plot_h = 240;
    let base = top + plot_h;
    let height = base + 34;
    let left = PAD + tick_w + 8;
    let right = WIDTH - PAD;
    let slot_w = (right - left) as f64 / slots.len() as f64;
    let bar_w = ((slot_w * 0.6).round() as i32).clamp(2, 56);
    let y_of = |v: f64| -> i32 {
        let v = finite(v).clamp(0.0, top_value);
        base - (v / top_value * plot_h as f64).round() as i32
    };
    let x_mid = |i: usize| -> i32 { left + (slot_w * (i as f64 + 0.5)).round() as i32 };

    let mut canvas = Canvas::new(height);
    draw_legend(&mut canvas, &legend);
    canvas.layer("class=\"grid\"", |pen| {
        for (&v, label) in tick_values.iter().zip(&tick_labels) {
            let y = y_of(v);
            if v > 0.0 {
                pen.line(&[(left, y), (right, y)], GRID, 1, Stroke::Solid);
            }
            pen.text(label, (left - 6, y), SMALL, MUTED, HPos::Right);
        }
    });

    let value_w = items.iter().map(|(_, f)| text_width(&t.int(f.admitted), SMALL)).fold(0.0, f64::max);
    let show_values = value_w <= slot_w - 2.0;
    for (i, year) in slots.iter().enumerate() {
        let Some((_, f)) = items.iter().find(|(y, _)| y == year) else {
            // A year without a report inside the span: a dash, as in tables.
            if show_values {
                let at = (x_mid(i), base - 10);
                canvas.layer("class=\"missing\"", |pen| {
                    pen.text("–", at, SMALL, MUTED, HPos::Center);
                });
            }
            continue;
        };
        let cx = x_mid(i);
        let (x0, x1) = (cx - bar_w / 2, cx - bar_w / 2 + bar_w);
        let y_bar = y_of(f.admitted as f64);
        let target = f.targets.first();
        let attrs = format!(
            "class=\"bar\" data-year=\"{year}\" data-admitted=\"{}\"{}",
            f.admitted,
            target.map_or(String::new(), |tg| format!(" data-target=\"{}\"", tg.value))
        );
        let value = t.int(f.admitted);
        let value_w = text_width(&value, SMALL).ceil() as i32;
        canvas.layer(&attrs, |pen| {
            let half = (bar_w / 2 + 5).min((slot_w / 2.0).floor() as i32);
            // Target marks: the value, and the top of a range.
            let mut marks: Vec<i32> = Vec::new();
            let mut band: Option<(i32, i32)> = None;
            if let Some(tg) = target {
                let y_value = y_of(tg.value);
                marks.push(y_value);
                if let Some(max) = tg.max.filter(|&m| m > tg.value) {
                    let y_max = y_of(max);
                    marks.push(y_max);
                    band = Some((y_max, y_value));
                    pen.rect((cx - half, y_max), (cx + half, y_value), BAND);
                }
            }
            if y_bar < base {
                pen.rect((x0, y_bar), (x1, base), BLUE);
            }
            if let Some((y_max, y_value)) = band {
                pen.frame((cx - half, y_max), (cx + half, y_value), AXIS);
            }
            if let Some(&y_value) = marks.first() {
                pen.line(&[(cx - half, y_value), (cx + half, y_value)], INK, 3, Stroke::Solid);
            }
            if !show_values {
                return;
            }
            // The value inside the top of its bar when it fits clear of the target
            // marks, else above the bar and the marks.
            let clear = |y: i32| marks.iter().all(|&m| (y - m).abs() >= 11);
            let inside = std::iter::once(y_bar + 11)
                .chain(marks.iter().map(|m| m + 12))
                .find(|&y| y - 9 >= y_bar && y + 9 < base && clear(y) && value_w + 4 <= bar_w);
            match inside {
                Some(y) => pen.text(&value, (cx, y), SMALL, PAPER, HPos::Center),
                None => {
                    let mut y = y_bar - 9;
                    for _ in 0..3 {
                        if let Some(m) = marks.iter().filter(|&&m| (y - m).abs() < 11).min() {
                            y = m - 11;
                        }
                        if let Some((y_max, y_value)) = band
                            && y + 8 > y_max
                            && y - 8 < y_value
                        {
                            y = y_max - 11;
                        }
                    }
                    pen.text(&value, (cx, y.max(top - 14)), SMALL, INK, HPos::Center);
                }
            }
        });
    }

    let year_w = text_width("0000", SMALL);
    let every = ((year_w + 6.0) / slot_w).ceil().max(1.0) as usize;
    canvas.layer("class=\"axis\"", |pen| {
        pen.line(&[(left, base), (right, base)], AXIS, 1, Stroke::Solid);
        for (i, year) in slots.iter().enumerate() {
            // Every `every`-th year, counted from the last one.
            if (slots.len() - 1 - i).is_multiple_of(every) {
                pen.text(&year.to_string(), (x_mid(i), base + 14), SMALL, MUTED, HPos::Center);
            }
        }
    });
    let svg = canvas.finish(&slug, &title, &desc, t)?;

    let rows = items
        .iter()
        .map(|(y, f)| {
            let tg = f.targets.first();
            // A year counted only part way says to when: its bar is not a whole year.
            let year = match f.whole_period() {
                true => y.to_string(),
                false => t.words.year_to(*y, &t.date(f.as_of)),
            };
            vec![
                year,
                t.int(f.admitted),
                tg.map_or("-".into(), |tg| t.target(tg)),
                tg.map_or("-".into(), |tg| t.pct(tg.achievement_pct)),
            ]
        })
        .collect();
    let table = DataTable {
        caption: title.clone(),
        headers: t.l().years_headers.map(String::from).to_vec(),
        rows,
        numeric: vec![false, true, true, true],
    };
    Some(Chart { slug, title, desc, svg, table })
}

// ---------------------------------------------------------------------------------
// 3. Composition.

/// Shares of the admitted in each composition category the report gives, as labelled
/// horizontal bars on a 0–100% axis, in the order of `categories` (key, label);
/// categories the report gives but `categories` does not name follow, by key.
///
/// `None` when the report gives no category or admitted nobody (no shares).
pub fn composition(
    unit_id: &str,
    unit_name: &str,
    f: &Figures,
    categories: &[(String, String)],
    t: &ChartText,
) -> Option<Chart> {
    let mut items: Vec<(String, u64, f64)> = Vec::new();
    for (key, label) in categories {
        if let Some(s) = f.composition.get(key)
            && let Some(p) = s.share_pct.filter(|p| p.is_finite())
        {
            items.push((label.clone(), s.count, p));
        }
    }
    for (key, s) in &f.composition {
        if categories.iter().any(|(k, _)| k == key) {
            continue;
        }
        if let Some(p) = s.share_pct.filter(|p| p.is_finite()) {
            items.push((key.clone(), s.count, p));
        }
    }
    if items.is_empty() {
        return None;
    }
    let slug = routes::chart_name("composition", Some(unit_id), Some(&f.period.label));
    let title = t.words.composition_title(unit_name, &t.period(f));
    let hi = items.iter().fold(&items[0], |m, x| if x.2 > m.2 { x } else { m });
    let lo = items.iter().fold(&items[0], |m, x| if x.2 < m.2 { x } else { m });
    let desc = match items.len() {
        1 => t.words.composition_one(f.admitted, &hi.0, &t.pct(hi.2), hi.1),
        _ => t.words.composition_many(f.admitted, (&hi.0, &t.pct(hi.2)), (&lo.0, &t.pct(lo.2))),
    };
    let bars = items
        .iter()
        .map(|(label, count, p)| HBar {
            label: label.clone(),
            value: *p,
            text: format!("{} ({})", t.pct(*p), t.int(*count)),
            color: BLUE,
            hatch: false,
            attrs: format!("data-count=\"{count}\""),
        })
        .collect();
    let spec = HBars {
        bars,
        scale: Scale::Percent { at_least: 100.0, exactly: true },
        reference: None,
        legend: Vec::new(),
        axis_title: t.words.composition_axis(f.admitted),
        label_cap: 240.0,
    };
    let (_, canvas) = draw_hbars(spec, t)?;
    let svg = canvas.finish(&slug, &title, &desc, t)?;
    let table = DataTable {
        caption: title.clone(),
        headers: t.l().composition_headers.map(String::from).to_vec(),
        rows: items.iter().map(|(label, count, p)| vec![label.clone(), t.int(*count), t.pct(*p)]).collect(),
        numeric: vec![false, true, true],
    };
    Some(Chart { slug, title, desc, svg, table })
}

// ---------------------------------------------------------------------------------
// 4. Progress through a period.

/// The position of the end of `day`, in days from the start of `from`.
fn day_pos(from: NaiveDate, day: NaiveDate) -> f64 {
    ((day - from).num_days() + 1) as f64
}

/// Cumulative admissions at each snapshot of one unit and period (points joined from
/// zero at the period's start) against the straight line from zero at the start to
/// the first target of the latest snapshot at its deadline (a range as a grey wedge),
/// with the projected end at the current pace (`pace.projected`) marked at the
/// deadline when the latest snapshot is before it.
///
/// Snapshots of another unit or period than the latest one are ignored. `None` when
/// there is no snapshot or the latest one has no target.
pub fn progress(unit_id: &str, unit_name: &str, snapshots: &[&Figures], t: &ChartText) -> Option<Chart> {
    let mut snaps: Vec<&Figures> = snapshots.to_vec();
    snaps.sort_by_key(|f| f.as_of);
    let latest = *snaps.last()?;
    snaps.retain(|f| f.unit == latest.unit && f.period.label == latest.period.label);
    snaps.dedup_by_key(|f| f.as_of);
    let latest = *snaps.last()?;
    let target = latest.targets.first()?;
    let from = latest.period.from;
    let deadline = target.deadline;
    let end = deadline.max(latest.as_of);
    let span = day_pos(from, end).max(1.0);
    let total = day_pos(from, deadline).max(1.0);
    let pace = target.pace.filter(|p| p.projected.is_finite());

    let slug = routes::chart_name("progress", Some(unit_id), Some(&latest.period.label));
    let title = t.words.progress_title(unit_name, &t.period(latest));
    let (as_of, target_text, share) = (t.date(latest.as_of), t.target(target), t.pct(target.achievement_pct));
    let (deadline_text, pace_text) =
        (t.date(deadline), pace.map(|p| (t.pct(p.pace_pct), t.people(p.projected))));
    let desc = t.words.progress_desc(&Progress {
        unit: unit_name,
        as_of: &as_of,
        admitted: latest.admitted,
        target: &target_text,
        share: &share,
        deadline: &deadline_text,
        pace: pace_text.as_ref().map(|(pct, projected)| (pct.as_str(), projected.as_str())),
    });

    let target_top = target.max.unwrap_or(target.value).max(target.value);
    let data_max = snaps
        .iter()
        .map(|f| f.admitted as f64)
        .fold(target_top, f64::max)
        .max(pace.map_or(0.0, |p| p.projected));
    let (step, top_value) = axis(data_max, 5, true);
    let tick_values = ticks(step, top_value);
    let tick_labels: Vec<String> = tick_values.iter().map(|v| t.int(v.round() as u64)).collect();
    let tick_w = tick_labels.iter().map(|l| text_width(l, SMALL)).fold(0.0, f64::max).ceil() as i32;

    let target_label = t.words.target_mark(&target_text);
    let projected_label = pace.map(|p| t.words.projected_mark(&t.people(p.projected)));
    let end_w = text_width(&target_label, FONT)
        .max(projected_label.as_deref().map_or(0.0, |l| text_width(l, FONT)))
        .min(200.0)
        .ceil() as i32;

    let mut legend = vec![
        (Key::Line(BLUE, Stroke::Solid), t.l().admitted_so_far.to_string()),
        (Key::Line(INK, Stroke::Dashed), t.l().even_pace.to_string()),
    ];
    if pace.is_some() {
        legend.push((Key::Hollow(BLUE), t.l().projected_at_pace.to_string()));
    }
    let top = legend_height(&legend) + 22;
    let plot_h = 240;
    let base = top + plot_h;
    let height = base + 34;
    let left = PAD + tick_w + 8;
    let right = WIDTH - PAD - end_w - 12;
    let plot_w = (right - left).max(1) as f64;
    let y_of = |v: f64| -> i32 {
        let v = finite(v).clamp(0.0, top_value);
        base - (v / top_value * plot_h as f64).round() as i32
    };
    let x_of = |pos: f64| -> i32 { left + (finite(pos).clamp(0.0, span) / span * plot_w).round() as i32 };

    // Month ticks at a step that leaves room for the labels.
    let month_label = |d: NaiveDate| t.locale.month(d);
    let label_w = text_width(&month_label(from), SMALL) + 14.0;
    let mut x_ticks: Vec<(f64, String)> = Vec::new();
    for months in [1, 2, 3, 6, 12, 24, 60, 120, 240, 600] {
        x_ticks.clear();
        let (mut y, mut m) = (from.year(), from.month());
        for _ in 0..2400 {
            let Some(d) = NaiveDate::from_ymd_opt(y, m, 1) else {
                break;
            };
            if d > end {
                break;
            }
            let index = i64::from(y) * 12 + i64::from(m) - 1;
            if d >= from && index % months == 0 {
                let pos = (d - from).num_days() as f64;
                let label = if months >= 12 { y.to_string() } else { month_label(d) };
                x_ticks.push((pos, label));
            }
            (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        }
        if x_ticks.len() as f64 * label_w <= plot_w {
            break;
        }
    }

    let mut canvas = Canvas::new(height);
    draw_legend(&mut canvas, &legend);
    canvas.layer("class=\"grid\"", |pen| {
        for (&v, label) in tick_values.iter().zip(&tick_labels) {
            let y = y_of(v);
            if v > 0.0 {
                pen.line(&[(left, y), (right, y)], GRID, 1, Stroke::Solid);
            }
            pen.text(label, (left - 6, y), SMALL, MUTED, HPos::Right);
        }
        pen.line(&[(left, base), (right, base)], AXIS, 1, Stroke::Solid);
        pen.line(&[(left, top - 6), (left, base)], AXIS, 1, Stroke::Solid);
        for (pos, label) in &x_ticks {
            let x = x_of(*pos);
            pen.line(&[(x, base), (x, base + 4)], AXIS, 1, Stroke::Solid);
            let w = text_width(label, SMALL).ceil() as i32;
            let cx = x.clamp(PAD + w / 2, WIDTH - PAD - w / 2);
            pen.text(label, (cx, base + 15), SMALL, MUTED, HPos::Center);
        }
    });

    let dl = (x_of(total), y_of(target.value));
    canvas.layer("class=\"target\"", |pen| {
        if let Some(max) = target.max.filter(|&m| m > target.value) {
            pen.polygon(&[(left, base), dl, (dl.0, y_of(max))], BAND);
        }
        pen.line(&[(left, base), dl], INK, 2, Stroke::Dashed);
        pen.rect((dl.0 - 4, dl.1 - 4), (dl.0 + 4, dl.1 + 4), INK);
    });

    let points: Vec<(i32, i32)> =
        snaps.iter().map(|f| (x_of(day_pos(from, f.as_of)), y_of(f.admitted as f64))).collect();
    let last = *points.last()?;
    let projected = pace.map(|p| (x_of(total), y_of(p.projected)));
    if let Some(pp) = projected {
        canvas.layer("class=\"projection\"", |pen| {
            pen.line(&[last, pp], BLUE, 2, Stroke::Dotted);
        });
    }
    canvas.layer("class=\"line\"", |pen| {
        let mut path = vec![(left, base)];
        path.extend(&points);
        pen.line(&path, BLUE, 2, Stroke::Solid);
    });
    for (f, &p) in snaps.iter().zip(&points) {
        let attrs = format!("class=\"point\" data-date=\"{}\" data-admitted=\"{}\"", f.as_of, f.admitted);
        canvas.layer(&attrs, |pen| {
            pen.circle(p, 4, BLUE, true);
        });
    }
    if let (Some(pp), Some(p)) = (projected, pace) {
        // Data, like data-admitted: the full figure, not the one the label shows.
        let attrs = format!("class=\"projected\" data-projected=\"{}\"", p.projected);
        canvas.layer(&attrs, |pen| {
            pen.circle(pp, 5, PAPER, true);
            pen.circle(pp, 5, BLUE, false);
        });
    }

    // Labels at the deadline, kept apart, then the last value.
    let mut target_y = dl.1;
    let mut projected_y = projected.map(|p| p.1);
    if let Some(py) = projected_y.as_mut() {
        if (*py - target_y).abs() < 18 {
            if *py >= target_y {
                *py = target_y + 18;
            } else {
                target_y = *py + 18;
            }
        }
        let lowest = base - 6;
        let shift = (*py).max(target_y) - lowest;
        if shift > 0 {
            *py -= shift;
            target_y -= shift;
        }
    }
    let last_label = t.int(latest.admitted);
    canvas.layer("class=\"labels\"", |pen| {
        let lx = dl.0 + 10;
        pen.text(
            &ellipsize(&target_label, FONT, (WIDTH - PAD - lx) as f64),
            (lx, target_y.max(top)),
            FONT,
            INK,
            HPos::Left,
        );
        if let (Some(label), Some(py)) = (&projected_label, projected_y) {
            pen.text(
                &ellipsize(label, FONT, (WIDTH - PAD - lx) as f64),
                (lx, py.max(top)),
                FONT,
                BLUE,
                HPos::Left,
            );
        }
        // The last value on a white ground: above its point, or left of it at the top.
        let w = text_width(&last_label, FONT).ceil() as i32;
        let (cx, cy) = if last.1 - 16 >= top - 4 {
            (last.0.clamp(left + w / 2 + 2, WIDTH - PAD - w / 2 - 3), last.1 - 16)
        } else {
            ((last.0 - 10 - w / 2).max(left + w / 2 + 2), last.1)
        };
        pen.rect((cx - w / 2 - 3, cy - 9), (cx + w / 2 + 3, cy + 9), PAPER);
        pen.text(&last_label, (cx, cy), FONT, INK, HPos::Center);
    });
    let svg = canvas.finish(&slug, &title, &desc, t)?;

    let expected = |day: NaiveDate| -> f64 { target.value * day_pos(from, day).min(total) / total };
    let mut rows: Vec<Vec<String>> = snaps
        .iter()
        .map(|f| {
            vec![
                t.date(f.as_of),
                t.int(f.admitted),
                t.people(expected(f.as_of)),
                t.pct(f.admitted as f64 * 100.0 / target.value),
            ]
        })
        .collect();
    if let Some(p) = pace {
        rows.push(vec![
            t.words.projected_row(&deadline_text),
            t.people(p.projected),
            t.target(target),
            t.pct(p.projected * 100.0 / target.value),
        ]);
    }
    let table = DataTable {
        caption: t.words.progress_caption(&title, &target_text),
        headers: t.l().progress_headers.map(String::from).to_vec(),
        rows,
        numeric: vec![false, true, true, true],
    };
    Some(Chart { slug, title, desc, svg, table })
}

// ---------------------------------------------------------------------------------
// 5. Training and admission.

/// Training against admission for one report: horizontal bars of the people trained
/// in awareness of the Party, those admitted (with the conversion percentage), and the
/// new members trained, each labelled with the count (and classes).
///
/// `None` when the report gives neither awareness nor new-member trainees.
pub fn training(unit_id: &str, unit_name: &str, f: &Figures, t: &ChartText) -> Option<Chart> {
    let tr = &f.training;
    if tr.awareness_trainees.is_none() && tr.new_member_trainees.is_none() {
        return None;
    }
    let classes = |n: Option<u64>| -> String {
        match n {
            Some(n) => format!(" ({})", t.words.classes(n)),
            None => String::new(),
        }
    };
    let conversion = f.conversion_pct.filter(|p| p.is_finite());
    // (key, label, people, classes, colour)
    let mut rows: Vec<(&str, &str, u64, Option<u64>, RGBColor)> = Vec::new();
    if let Some(n) = tr.awareness_trainees {
        rows.push(("awareness_trainees", t.l().trained_awareness, n, tr.awareness_classes, GREEN));
    }
    rows.push(("admitted", t.l().admitted_to_party, f.admitted, None, BLUE));
    if let Some(n) = tr.new_member_trainees {
        rows.push(("new_member_trainees", t.l().new_members_trained, n, tr.new_member_classes, GREEN));
    }

    let slug = routes::chart_name("training", Some(unit_id), Some(&f.period.label));
    let period = t.period(f);
    let title = t.words.training_title(unit_name, &period);
    let conversion_text = conversion.map(|c| t.pct(c));
    let desc = t.words.training_desc(&TrainingFacts {
        unit: unit_name,
        period: &period,
        awareness: tr.awareness_trainees,
        admitted: f.admitted,
        conversion: conversion_text.as_deref(),
        new_members: tr.new_member_trainees,
    });

    let bars = rows
        .iter()
        .map(|&(key, label, n, cl, color)| {
            let text = if key == "admitted" {
                match conversion {
                    Some(c) => format!("{} ({})", t.int(n), t.pct(c)),
                    None => t.int(n),
                }
            } else {
                format!("{}{}", t.int(n), classes(cl))
            };
            HBar {
                label: label.to_string(),
                value: n as f64,
                text,
                color,
                hatch: false,
                attrs: format!("data-key=\"{key}\" data-count=\"{n}\""),
            }
        })
        .collect();
    let axis_title = if conversion.is_some() { t.l().people_axis_conversion } else { t.l().people_axis };
    let spec = HBars {
        bars,
        scale: Scale::Count,
        reference: None,
        legend: Vec::new(),
        axis_title: axis_title.into(),
        label_cap: 200.0,
    };
    let (_, canvas) = draw_hbars(spec, t)?;
    let svg = canvas.finish(&slug, &title, &desc, t)?;

    let mut table_rows: Vec<Vec<String>> = rows
        .iter()
        .map(|&(_, label, n, cl, _)| vec![label.to_string(), t.int(n), cl.map_or("-".into(), |c| t.int(c))])
        .collect();
    if let Some(c) = conversion {
        table_rows.push(vec![t.l().conversion_row.to_string(), t.pct(c), "-".into()]);
    }
    let table = DataTable {
        caption: title.clone(),
        headers: t.l().training_headers.map(String::from).to_vec(),
        rows: table_rows,
        numeric: vec![false, true, true],
    };
    Some(Chart { slug, title, desc, svg, table })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicators::{Share, pace, pace_status, status};
    use crate::model::Training;
    use crate::period::Period;
    use std::collections::BTreeMap;

    fn day(s: &str) -> NaiveDate {
        crate::period::parse_date(s).unwrap()
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
            composition: BTreeMap::new(),
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
            let share_pct = crate::indicators::pct(n as f64, f.admitted as f64);
            f.composition.insert(k.into(), Share { count: n, share_pct });
        }
        f
    }

    fn with_training(mut f: Figures, training: Training) -> Figures {
        f.training = training;
        f.conversion_pct =
            training.awareness_trainees.and_then(|n| crate::indicators::pct(f.admitted as f64, n as f64));
        f
    }

    fn categories(t: &ChartText) -> Vec<(String, String)> {
        crate::model::BUILTIN_CATEGORIES
            .iter()
            .map(|(k, label)| (k.to_string(), label(&t.labels.categories).to_string()))
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
        let ids =
            format!("{} {}", children[0].attribute("id").unwrap(), children[1].attribute("id").unwrap());
        assert_eq!(root.attribute("aria-labelledby"), Some(ids.as_str()));
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
        doc
    }

    /// Every text, measured with the layout's estimate, lies inside the canvas.
    fn check_text_inside(doc: &roxmltree::Document) {
        let view: Vec<f64> =
            doc.root_element().attribute("viewBox").unwrap().split(' ').map(|v| v.parse().unwrap()).collect();
        for text in doc.descendants().filter(|n| n.has_tag_name("text")) {
            let content = text.text().unwrap_or("").trim();
            let size: f64 = text.attribute("font-size").unwrap().parse().unwrap();
            assert!(size >= 12.0, "text smaller than 12px: {content}");
            assert!(text.attribute("font-family").unwrap().contains("system-ui"));
            let x: f64 = text.attribute("x").unwrap().parse().unwrap();
            let y: f64 = text.attribute("y").unwrap().parse().unwrap();
            let w = text_width(content, size);
            let (x0, x1) = match text.attribute("text-anchor") {
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
        assert_eq!(
            doc.root_element().attribute(("http://www.w3.org/XML/1998/namespace", "lang")),
            Some("en")
        );
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
        cats.push(("veterans".into(), "Cựu chiến binh".into()));
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
        let snaps: Vec<Figures> = (0..20)
            .map(|i| {
                let as_of = format!("{}-{:02}-28", 2020 + i / 4, 1 + (i % 4) * 3);
                report("t", term.clone(), Some(&as_of), 100 * i as u64, Some((5000, Some(5500), None)))
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
            doc.descendants()
                .find(|n| n.attribute("class") == Some(class))
                .unwrap_or_else(|| panic!("{class}"))
        };
        let points = group("reference").children().find(|n| n.has_tag_name("polyline")).unwrap();
        let line: i32 = points.attribute("points").unwrap().split(',').next().unwrap().parse().unwrap();
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
        assert_eq!(label_clear_of(100, 40, Some(120)), 126);
        assert_eq!(label_clear_of(130, 40, Some(120)), 130);
        assert_eq!(label_clear_of(100, 10, Some(120)), 100);
        assert_eq!(label_clear_of(100, 40, None), 100);
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
        charts
            .push(("vi-achievement-20".into(), achievement(Some("p"), "2024", &refs(&many), &vi()).unwrap()));
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
        charts.push((
            "vi-years-one".into(),
            admissions_over_years("Xã A & B", "a", &[&one_year], &vi()).unwrap(),
        ));
        let long: Vec<Figures> =
            (2000..2025).map(|y| year("t", y, 20000 + (y as u64 % 7) * 3000, Some(50000))).collect();
        let lrefs: Vec<&Figures> = long.iter().collect();
        charts
            .push(("vi-years-25".into(), admissions_over_years("Đảng bộ tỉnh", "t", &lrefs, &vi()).unwrap()));

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
        let tsnaps: Vec<Figures> = (0..20)
            .map(|i| {
                let as_of = format!("{}-{:02}-28", 2020 + i / 4, 1 + (i % 4) * 3);
                report("t", term.clone(), Some(&as_of), 260 * i as u64, Some((5000, Some(5500), None)))
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
            charts.push((
                format!("{lang}-training"),
                training("tinh", "Đảng bộ tỉnh Đắk Lắk", &tf, &t).unwrap(),
            ));
        }
        for (name, chart) in &charts {
            std::fs::write(dir.join(format!("{name}.svg")), &chart.svg).unwrap();
        }
    }
}
