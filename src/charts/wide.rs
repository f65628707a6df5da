//! The wide drawing of every chart, for screens and print, with plotters' low-level
//! drawing API (a `DrawingArea` with `Rectangle`, `PathElement`, `Circle` and `Text`
//! elements) on a backend that records the shapes ([`layer::Recorder`]). Text becomes
//! `<text>` elements that the reader's browser sets.
//!
//! Each drawing layer is recorded on its own and written as a group of one `<svg>`
//! root, so that bars and points can carry a `class` (and `data-*` attributes) and the
//! root can carry `<title>`, `<desc>` and `role="img"`. Every text is escaped by
//! [`escape`].

use super::*;
// The palette's blue, not plotters'.
use super::BLUE;
use super::layer::{Layer, Paint, Recorder, paint, write_layer};
use chrono::Datelike;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::cell::RefCell;

/// The width of the wide drawings' viewBox; text sizes are for this width.
const WIDTH: i32 = 640;
/// Outer padding.
const PAD: i32 = 10;

/// The wide drawing of `values`; `None` when plotters failed to draw.
pub(super) fn draw(values: &Values, t: &ChartText) -> Option<Drawing> {
    let canvas = match &values.plot {
        Plot::Bars(bars) => draw_hbars(bars, t)?,
        Plot::Years(years) => draw_years(years, t),
        Plot::Progress(track) => draw_progress(track, t)?,
    };
    let height = u32::try_from(canvas.height).unwrap_or(0);
    let svg = canvas.finish(values, t)?;
    Some(Drawing { svg, width: WIDTH.unsigned_abs(), height })
}

// Drawing.

type Area<'b> = DrawingArea<Recorder<'b>, Shift>;

/// The elements of one drawing layer; each call draws with plotters.
struct Pen<'a, 'b> {
    area: &'a Area<'b>,
    layer: &'b RefCell<Layer>,
    ok: bool,
}

impl Pen<'_, '_> {
    fn check<E>(&mut self, r: &Result<(), E>) {
        self.ok &= r.is_ok();
    }

    fn rect(&mut self, (x0, y0): (i32, i32), (x1, y1): (i32, i32), color: RGBColor) {
        let r = self.area.draw(&Rectangle::new([(x0, y0), (x1, y1)], color.filled()));
        self.check(&r);
    }

    fn frame(&mut self, (x0, y0): (i32, i32), (x1, y1): (i32, i32), color: RGBColor) {
        let r = self.area.draw(&Rectangle::new([(x0, y0), (x1, y1)], color.stroke_width(1)));
        self.check(&r);
    }

    /// A line through `points`; dashed and dotted ones as one path with a dash pattern
    /// (dashes of 7 px 5 apart, dots of 3 px 4 apart), not a path per dash.
    fn line(&mut self, points: &[(i32, i32)], color: RGBColor, width: u32, stroke: Stroke) {
        self.layer.borrow_mut().dash = match stroke {
            Stroke::Solid => None,
            Stroke::Dashed => Some("7 5"),
            Stroke::Dotted => Some("3 4"),
        };
        let r = self.area.draw(&PathElement::new(points.to_vec(), color.stroke_width(width)));
        self.check(&r);
    }

    fn circle(&mut self, c: (i32, i32), r: i32, color: RGBColor, filled: bool) {
        let style = if filled { color.filled() } else { color.stroke_width(2) };
        let res = self.area.draw(&Circle::new(c, r, style));
        self.check(&res);
    }

    fn polygon(&mut self, points: &[(i32, i32)], color: RGBColor) {
        let r = self.area.draw(&Polygon::new(points.to_vec(), color.filled()));
        self.check(&r);
    }

    /// Text vertically centred on `at.1`, anchored at `at.0` by `h`.
    fn text(&mut self, text: &str, at: (i32, i32), size: f64, color: RGBColor, h: HPos) {
        let font = FontDesc::new(FontFamily::Name(FONT_FAMILY), size, FontStyle::Normal);
        let style = TextStyle::from(font).color(&color).pos(Pos::new(h, VPos::Center));
        let r = self.area.draw(&Text::new(text, at, style));
        self.check(&r);
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

/// An SVG document put together from layers drawn with plotters.
struct Canvas {
    height: i32,
    body: String,
    /// What the layers being drawn inherit: the root's, or a group's around them.
    inherited: Paint,
    ok: bool,
}

impl Canvas {
    fn new(height: i32) -> Canvas {
        let mut canvas =
            Canvas { height: height.max(1), body: String::new(), inherited: Paint::ROOT, ok: true };
        canvas.layer("class=\"background\"", |pen| {
            let r = pen.area.fill(&PAPER);
            pen.check(&r);
        });
        canvas
    }

    /// Draws one layer and adds it, as a `<g>` with `attrs` (already escaped).
    fn layer(&mut self, attrs: &str, draw: impl FnOnce(&mut Pen<'_, '_>)) {
        let layer = RefCell::new(Layer::default());
        {
            let size = (WIDTH.unsigned_abs(), self.height.unsigned_abs());
            let area = Recorder::new(size, &layer).into_drawing_area();
            let mut pen = Pen { area: &area, layer: &layer, ok: true };
            draw(&mut pen);
            let presented = area.present().is_ok();
            self.ok &= pen.ok && presented;
        }
        write_layer(&mut self.body, attrs, &layer.into_inner().shapes, &self.inherited);
    }

    /// Draws layers alike (the bars) inside one group that sets their texts' size and
    /// anchor once.
    fn group(&mut self, size: f64, anchor: &'static str, draw: impl FnOnce(&mut Canvas)) {
        let group = Paint { size, anchor, ..Paint::ROOT };
        self.body.push_str("<g");
        paint(&mut self.body, &group, &Paint::ROOT, false, true);
        self.body.push_str(">\n");
        self.inherited = group;
        draw(self);
        self.inherited = Paint::ROOT;
        self.body.push_str("</g>\n");
    }

    /// The document, or `None` when plotters failed to draw.
    fn finish(self, v: &Values, t: &ChartText) -> Option<String> {
        if !self.ok {
            return None;
        }
        let mut svg = String::with_capacity(self.body.len() + 1024);
        document_head(&mut svg, (&WIDTH.to_string(), &self.height.to_string()), v, t);
        svg.push_str(&self.body);
        svg.push_str("</svg>\n");
        Some(svg)
    }
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
        let w = 22 + px(text_width(label, FONT).ceil());
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

fn draw_hbars(spec: &HBars, t: &ChartText) -> Option<Canvas> {
    if spec.bars.is_empty() {
        return None;
    }
    let text_w =
        spec.bars.iter().map(|b| text_width(&b.text, FONT)).fold(0.0, f64::max).min(f64::from(WIDTH) * 0.4);
    // Leave the plot at least 200 px.
    let cap = spec.label_cap.min(f64::from(WIDTH) - 2.0 * f64::from(PAD) - text_w - 24.0 - 200.0).max(60.0);
    let labels: Vec<Vec<String>> = spec.bars.iter().map(|b| wrap2(&b.label, FONT, cap)).collect();
    let label_w =
        px(labels.iter().flatten().map(|l| text_width(l, FONT)).fold(0.0, f64::max).min(cap).ceil());
    let two_lines = labels.iter().any(|l| l.len() > 1);
    let pitch = if two_lines { 40 } else { 30 };
    let bar_h = 18;

    let legend_h = legend_height(&spec.legend);
    let ref_h = if spec.reference.is_some() { 22 } else { 0 };
    let top = legend_h + ref_h + 10;
    let rows_bottom = top + pitch * px_count(spec.bars.len());
    let height = rows_bottom + 50;

    let left = PAD + label_w + 10;
    let right = WIDTH - PAD - px(text_w.ceil()) - 10;
    let plot_w = (right - left).max(1);

    let data_max = spec.bars.iter().map(|b| finite(b.value)).fold(0.0, f64::max);
    let tick_count = usize::try_from((plot_w / 70).clamp(2, 6)).unwrap_or(2);
    let (step, top_value) = match spec.scale {
        Scale::Percent { at_least, exactly: true } => (at_least / 5.0, at_least),
        Scale::Percent { at_least, .. } => axis(data_max.max(at_least), tick_count, false),
        Scale::Count => axis(data_max, tick_count, true),
    };
    let x_of = |v: f64| -> i32 {
        let v = finite(v).clamp(0.0, top_value);
        left + px(v / top_value * f64::from(plot_w))
    };
    let tick_label = |v: f64| match spec.scale {
        Scale::Percent { .. } => t.locale.percent(v, decimals_of(step)),
        Scale::Count => t.tick(v),
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
    // The bars in a group: their labels end at the left of the bars.
    canvas.group(FONT, "end", |canvas| {
        for (i, (bar, lines)) in spec.bars.iter().zip(&labels).enumerate() {
            let y_mid = top + pitch * px_count(i) + pitch / 2;
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
    });

    if let Some((value, label)) = &spec.reference {
        let x = x_of(*value);
        let label_w = px(text_width(label, SMALL).ceil());
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
            let w = px(text_width(text, FONT).ceil());
            let x = label_clear_of(x, w, reference_x);
            pen.rect((x - 2, y - 9), (x + w + 2, y + 9), PAPER);
            pen.text(text, (x, y), FONT, INK, HPos::Left);
        }
    });

    let axis_title = spec.axis_title.clone();
    canvas.layer("class=\"axis\"", |pen| {
        // The lines first, then the labels: the lines are one path.
        pen.line(&[(left, rows_bottom), (right, rows_bottom)], AXIS, 1, Stroke::Solid);
        for &v in &tick_values {
            let x = x_of(v);
            pen.line(&[(x, rows_bottom), (x, rows_bottom + 4)], AXIS, 1, Stroke::Solid);
        }
        for &v in &tick_values {
            let x = x_of(v);
            let label = tick_label(v);
            let w = px(text_width(&label, SMALL).ceil());
            let cx = x.clamp(PAD + w / 2, WIDTH - PAD - w / 2);
            pen.text(&label, (cx, rows_bottom + 14), SMALL, MUTED, HPos::Center);
        }
        let title = ellipsize(&axis_title, SMALL, f64::from(WIDTH - 2 * PAD));
        let w = px(text_width(&title, SMALL).ceil());
        let cx = ((left + right) / 2).clamp(PAD + w / 2, WIDTH - PAD - w / 2);
        pen.text(&title, (cx, rows_bottom + 36), SMALL, MUTED, HPos::Center);
    });
    Some(canvas)
}

/// The light horizontal gridlines above zero of a value axis.
fn grid_lines(pen: &mut Pen<'_, '_>, ticks: &[f64], (left, right): (i32, i32), y_of: impl Fn(f64) -> i32) {
    for &v in ticks.iter().filter(|&&v| v > 0.0) {
        pen.line(&[(left, y_of(v)), (right, y_of(v))], GRID, 1, Stroke::Solid);
    }
}

/// Where a value label of width `w` starts, given where it would (`x`): right of the
/// reference line at `line` when its white ground (2 px either side) would cover it.
pub(super) fn label_clear_of(x: i32, w: i32, line: Option<i32>) -> i32 {
    match line {
        Some(line) if x - 3 <= line + 1 && line - 1 <= x + w + 3 => line + 6,
        _ => x,
    }
}

// ---------------------------------------------------------------------------------
// Vertical bars: admissions over the years.

/// A bar per year with its target marked by a dark line across the bar, and a range
/// as a grey band; years without a report keep an empty slot.
fn draw_years(years: &Years, t: &ChartText) -> Canvas {
    let Years { slots, bars, legend } = years;
    let data_max = bars
        .iter()
        .flat_map(|b| [Some(b.admitted as f64), b.target.map(|tg| tg.0), b.target.and_then(|tg| tg.1)])
        .flatten()
        .fold(0.0, f64::max);
    let (step, top_value) = axis(data_max, 5, true);
    let tick_values = ticks(step, top_value);
    let tick_labels: Vec<String> = tick_values.iter().map(|&v| t.tick(v)).collect();
    let tick_w = px(tick_labels.iter().map(|l| text_width(l, SMALL)).fold(0.0, f64::max).ceil());

    let top = legend_height(legend) + 22;
    let plot_h = 240;
    let base = top + plot_h;
    let height = base + 34;
    let left = PAD + tick_w + 8;
    let right = WIDTH - PAD;
    let slot_w = f64::from(right - left) / slots.len() as f64;
    let bar_w = px(slot_w * 0.6).clamp(2, 56);
    let y_of = |v: f64| -> i32 {
        let v = finite(v).clamp(0.0, top_value);
        base - px(v / top_value * f64::from(plot_h))
    };
    let x_mid = |i: usize| -> i32 { left + px(slot_w * (i as f64 + 0.5)) };

    let mut canvas = Canvas::new(height);
    draw_legend(&mut canvas, legend);
    canvas.layer("class=\"grid\"", |pen| {
        grid_lines(pen, &tick_values, (left, right), y_of);
        for (&v, label) in tick_values.iter().zip(&tick_labels) {
            pen.text(label, (left - 6, y_of(v)), SMALL, MUTED, HPos::Right);
        }
    });

    let value_w = bars.iter().map(|b| text_width(&t.int(b.admitted), SMALL)).fold(0.0, f64::max);
    let show_values = value_w <= slot_w - 2.0;
    // The bars in a group: their values in small figures centred on them.
    canvas.group(SMALL, "middle", |canvas| {
        for (i, year) in slots.iter().enumerate() {
            let Some(bar) = bars.iter().find(|b| b.year == *year) else {
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
            let y_bar = y_of(bar.admitted as f64);
            let attrs = format!(
                "class=\"bar\" data-year=\"{year}\" data-admitted=\"{}\"{}",
                bar.admitted,
                bar.target.map_or(String::new(), |tg| format!(" data-target=\"{}\"", tg.0))
            );
            let value = t.int(bar.admitted);
            let value_w = px(text_width(&value, SMALL).ceil());
            canvas.layer(&attrs, |pen| {
                let half = (bar_w / 2 + 5).min(px((slot_w / 2.0).floor()));
                // Target marks: the value, and the top of a range.
                let mut marks: Vec<i32> = Vec::new();
                let mut band: Option<(i32, i32)> = None;
                if let Some((value, _)) = bar.target {
                    let y_value = y_of(value);
                    marks.push(y_value);
                    if let Some((_, max)) = bar.range_top() {
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
    });

    let year_w = text_width("0000", SMALL);
    let every = whole_count(((year_w + 6.0) / slot_w).ceil().max(1.0));
    canvas.layer("class=\"axis\"", |pen| {
        pen.line(&[(left, base), (right, base)], AXIS, 1, Stroke::Solid);
        for (i, year) in slots.iter().enumerate() {
            // Every `every`-th year, counted from the last one.
            if (slots.len() - 1 - i).is_multiple_of(every) {
                pen.text(&year.to_string(), (x_mid(i), base + 14), SMALL, MUTED, HPos::Center);
            }
        }
    });
    canvas
}

// ---------------------------------------------------------------------------------
// A line: progress through a period.

/// The admitted at each snapshot joined from zero, against the dashed straight line to
/// the target at its deadline (a range as a grey wedge), with the projected end.
fn draw_progress(track: &Track, t: &ChartText) -> Option<Canvas> {
    let Track { from, end, total, target, target_max, projected: pace, .. } = *track;
    let snaps = &track.points;
    let (target_label, projected_label, legend) =
        (&track.target_label, &track.projected_label, &track.legend);
    let span = day_pos(from, end).max(1.0);
    let target_top = target_max.unwrap_or(target).max(target);
    let data_max = snaps
        .iter()
        .map(|&(_, admitted)| admitted as f64)
        .fold(target_top, f64::max)
        .max(pace.unwrap_or(0.0));
    let (step, top_value) = axis(data_max, 5, true);
    let tick_values = ticks(step, top_value);
    let tick_labels: Vec<String> = tick_values.iter().map(|&v| t.tick(v)).collect();
    let tick_w = px(tick_labels.iter().map(|l| text_width(l, SMALL)).fold(0.0, f64::max).ceil());

    let end_w = px(text_width(target_label, FONT)
        .max(projected_label.as_deref().map_or(0.0, |l| text_width(l, FONT)))
        .min(200.0)
        .ceil());

    let top = legend_height(legend) + 22;
    let plot_h = 240;
    let base = top + plot_h;
    let height = base + 34;
    let left = PAD + tick_w + 8;
    let right = WIDTH - PAD - end_w - 12;
    let plot_w = f64::from((right - left).max(1));
    let y_of = |v: f64| -> i32 {
        let v = finite(v).clamp(0.0, top_value);
        base - px(v / top_value * f64::from(plot_h))
    };
    let x_of = |pos: f64| -> i32 { left + px(finite(pos).clamp(0.0, span) / span * plot_w) };

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
    draw_legend(&mut canvas, legend);
    canvas.layer("class=\"grid\"", |pen| {
        // The lines first, then the labels: lines drawn alike are one path.
        grid_lines(pen, &tick_values, (left, right), y_of);
        pen.line(&[(left, base), (right, base)], AXIS, 1, Stroke::Solid);
        pen.line(&[(left, top - 6), (left, base)], AXIS, 1, Stroke::Solid);
        for (pos, _) in &x_ticks {
            let x = x_of(*pos);
            pen.line(&[(x, base), (x, base + 4)], AXIS, 1, Stroke::Solid);
        }
        for (&v, label) in tick_values.iter().zip(&tick_labels) {
            pen.text(label, (left - 6, y_of(v)), SMALL, MUTED, HPos::Right);
        }
        for (pos, label) in &x_ticks {
            let x = x_of(*pos);
            let w = px(text_width(label, SMALL).ceil());
            let cx = x.clamp(PAD + w / 2, WIDTH - PAD - w / 2);
            pen.text(label, (cx, base + 15), SMALL, MUTED, HPos::Center);
        }
    });

    let dl = (x_of(total), y_of(target));
    canvas.layer("class=\"target\"", |pen| {
        if let Some(max) = target_max.filter(|&m| m > target) {
            pen.polygon(&[(left, base), dl, (dl.0, y_of(max))], BAND);
        }
        pen.line(&[(left, base), dl], INK, 2, Stroke::Dashed);
        pen.rect((dl.0 - 4, dl.1 - 4), (dl.0 + 4, dl.1 + 4), INK);
    });

    let points: Vec<(i32, i32)> =
        snaps.iter().map(|&(day, admitted)| (x_of(day_pos(from, day)), y_of(admitted as f64))).collect();
    let last = *points.last()?;
    let projected = pace.map(|p| (x_of(total), y_of(p)));
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
    for (&(day, admitted), &p) in snaps.iter().zip(&points) {
        let attrs = format!("class=\"point\" data-date=\"{day}\" data-admitted=\"{admitted}\"");
        canvas.layer(&attrs, |pen| {
            pen.circle(p, 4, BLUE, true);
        });
    }
    if let (Some(pp), Some(p)) = (projected, pace) {
        // Data, like data-admitted: the full figure, not the one the label shows.
        let attrs = format!("class=\"projected\" data-projected=\"{p}\"");
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
    let last_label = t.int(snaps.last().map_or(0, |&(_, admitted)| admitted));
    canvas.layer("class=\"labels\"", |pen| {
        let lx = dl.0 + 10;
        pen.text(
            &ellipsize(target_label, FONT, f64::from(WIDTH - PAD - lx)),
            (lx, target_y.max(top)),
            FONT,
            INK,
            HPos::Left,
        );
        if let (Some(label), Some(py)) = (projected_label, projected_y) {
            pen.text(
                &ellipsize(label, FONT, f64::from(WIDTH - PAD - lx)),
                (lx, py.max(top)),
                FONT,
                BLUE,
                HPos::Left,
            );
        }
        // The last value on a white ground: above its point, or left of it at the top.
        let w = px(text_width(&last_label, FONT).ceil());
        let (cx, cy) = if last.1 - 16 >= top - 4 {
            (last.0.clamp(left + w / 2 + 2, WIDTH - PAD - w / 2 - 3), last.1 - 16)
        } else {
            ((last.0 - 10 - w / 2).max(left + w / 2 + 2), last.1)
        };
        pen.rect((cx - w / 2 - 3, cy - 9), (cx + w / 2 + 3, cy + 9), PAPER);
        pen.text(&last_label, (cx, cy), FONT, INK, HPos::Center);
    });
    Some(canvas)
}
