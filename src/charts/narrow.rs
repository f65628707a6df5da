//! The narrow drawing of every chart, for phones: designed for its own width (about
//! a phone's column), so that its text keeps its size instead of being scaled down.
//! Bars run the whole width with their labels above them, and the legend, the 100%
//! line and every label stay inside the width.
//!
//! Written as plain SVG, with what the texts and shapes share set once on a group, so
//! that the files stay small. Every text is escaped by [`escape`].

use super::*;
use std::fmt::Write;

/// The width of the narrow drawings' viewBox: a 360 px phone's column, less a little.
pub(super) const WIDTH: i32 = 320;
/// Outer padding.
const PAD: f64 = 4.0;
/// Space between lines of labels.
const LINE: f64 = 16.0;

/// The narrow drawing of `values`, `width` wide.
pub(super) fn draw(values: &Values, width: i32, t: &ChartText) -> Drawing {
    let w = f64::from(width);
    let mut svg = Svg { w, body: String::new(), anchor: Anchor::Start, hatches: Vec::new() };
    let height = match &values.plot {
        Plot::Bars(bars) => svg.hbars(bars, t),
        Plot::Years(years) => svg.years(years, t),
        Plot::Progress(track) => svg.progress(track, t),
    };
    let height = height.ceil();
    Drawing {
        svg: svg.finish(values, height, t),
        width: u32::try_from(width).unwrap_or(0),
        height: u32::try_from(round_to_u64(height)).unwrap_or(u32::MAX),
    }
}

/// A place in the drawing, in its viewBox units.
type Point = (f64, f64);

/// A number in SVG: at most one decimal.
fn n(x: f64) -> String {
    let x = (finite(x) * 10.0).round() / 10.0;
    if x == 0.0 { "0".to_string() } else { format!("{x}") }
}

/// Path data through `points`: `Mx y`, then `Hx` or `Vy` along an axis, else `Lx y`
/// (numbers as [`n`] writes them).
fn path_data(points: &[(f64, f64)]) -> String {
    let mut d = String::new();
    let mut at: Option<(String, String)> = None;
    for &(x, y) in points {
        let (x, y) = (n(x), n(y));
        let _ = match &at {
            None => write!(d, "M{x} {y}"),
            Some((x0, _)) if *x0 == x => write!(d, "V{y}"),
            Some((_, y0)) if *y0 == y => write!(d, "H{x}"),
            Some(_) => write!(d, "L{x} {y}"),
        };
        at = Some((x, y));
    }
    d
}

#[derive(Clone, Copy, PartialEq)]
enum Anchor {
    Start,
    Middle,
    End,
}

/// The left edge of a text of width `tw` anchored at `x`.
fn left_of(x: f64, tw: f64, anchor: Anchor) -> f64 {
    match anchor {
        Anchor::Start => x,
        Anchor::Middle => x - tw / 2.0,
        Anchor::End => x - tw,
    }
}

/// The drawing being written.
struct Svg {
    w: f64,
    body: String,
    /// The `text-anchor` the texts being written inherit from their group.
    anchor: Anchor,
    /// The colours of hatched fills used, each defined once as a pattern.
    hatches: Vec<RGBColor>,
}

impl Svg {
    fn push(&mut self, s: &str) {
        self.body.push_str(s);
    }

    /// Text with its baseline at `y`, kept inside the width.
    fn text(&mut self, text: &str, x: f64, y: f64, size: f64, anchor: Anchor) {
        let tw = text_width(text, size);
        let lx = left_of(x, tw, anchor);
        let (x, y) = (n(x + lx.clamp(PAD, (self.w - PAD - tw).max(PAD)) - lx), n(y));
        let anchor = match anchor {
            _ if anchor == self.anchor => "",
            Anchor::Start => " text-anchor=\"start\"",
            Anchor::Middle => " text-anchor=\"middle\"",
            Anchor::End => " text-anchor=\"end\"",
        };
        let _ = writeln!(self.body, "<text x=\"{x}\" y=\"{y}\"{anchor}>{}</text>", escape(text));
    }

    fn rect(&mut self, (x0, y0): (f64, f64), (x1, y1): (f64, f64), fill: &str, attrs: &str) {
        let (x, y) = (x0.min(x1), y0.min(y1));
        let (w, h) = ((x1 - x0).abs(), (y1 - y0).abs());
        let attrs = if attrs.is_empty() { String::new() } else { format!(" {attrs}") };
        // No fill: the text colour the root sets.
        let fill = if fill.is_empty() { String::new() } else { format!(" fill=\"{fill}\"") };
        let _ = writeln!(
            self.body,
            "<rect{attrs} x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"{fill}/>",
            n(x),
            n(y),
            n(w),
            n(h)
        );
    }

    /// A colour's fill, hatched or plain.
    fn fill(&mut self, color: RGBColor, hatch: bool) -> String {
        if !hatch {
            return hex(color);
        }
        if !self.hatches.contains(&color) {
            self.hatches.push(color);
        }
        format!("url(#h{})", &hex(color)[1..])
    }

    fn path(&mut self, points: &[(f64, f64)], attrs: &str) {
        let d = path_data(points);
        let attrs = if attrs.is_empty() { String::new() } else { format!(" {attrs}") };
        let _ = writeln!(self.body, "<path d=\"{d}\"{attrs}/>");
    }

    fn circle(&mut self, (x, y): (f64, f64), r: f64, attrs: &str) {
        let _ = writeln!(self.body, "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" {attrs}/>", n(x), n(y), n(r));
    }

    /// A group of texts drawn over lines: a white halo keeps them legible.
    fn labels(&mut self, class: &str, extra: &str) {
        let _ = writeln!(
            self.body,
            "<g class=\"{class}\" stroke=\"#FFF\" stroke-width=\"3\" stroke-linejoin=\"round\" \
             paint-order=\"stroke\"{extra}>"
        );
    }

    fn end(&mut self) {
        self.push("</g>\n");
    }

    /// Opens an axis's group: small muted texts, centred on their ticks.
    fn axis_group(&mut self) {
        self.push(&format!(
            "<g class=\"axis\" font-size=\"{SMALL}\" fill=\"{}\" text-anchor=\"middle\">\n",
            hex(MUTED)
        ));
        self.anchor = Anchor::Middle;
    }

    fn end_axis(&mut self) {
        self.anchor = Anchor::Start;
        self.end();
    }

    /// The legend flowing from the top left, wrapping within the width; returns its
    /// bottom.
    fn legend(&mut self, items: &[(Key, String)]) -> f64 {
        if items.is_empty() {
            return 0.0;
        }
        self.push("<g class=\"legend\">\n");
        let (mut x, mut y) = (PAD, 14.0);
        for (key, label) in items {
            let label = ellipsize(label, FONT, self.w - 2.0 * PAD - 22.0);
            let iw = 22.0 + text_width(&label, FONT);
            if x > PAD && x + iw > self.w - PAD {
                (x, y) = (PAD, y + 20.0);
            }
            self.key(*key, x, y);
            self.text(&label, x + 20.0, y + 4.5, FONT, Anchor::Start);
            x += iw + 14.0;
        }
        self.end();
        y + 12.0
    }

    fn key(&mut self, key: Key, x: f64, y: f64) {
        match key {
            Key::Swatch(color, hatch) => {
                let fill = self.fill(color, hatch);
                self.rect((x, y - 7.0), (x + 14.0, y + 7.0), &fill, "");
            }
            Key::Line(color, stroke) => {
                self.path(&[(x, y), (x + 16.0, y)], &line_attrs(color, 2.0, stroke));
            }
            Key::Hollow(color) => {
                self.path(&[(x, y), (x + 16.0, y)], &line_attrs(color, 2.0, Stroke::Dotted));
                self.circle(
                    (x + 8.0, y),
                    5.0,
                    &format!("fill=\"#FFF\" stroke=\"{}\" stroke-width=\"2\"", hex(color)),
                );
            }
            Key::Band => {
                let band = format!("stroke=\"{}\"", hex(AXIS));
                self.rect((x + 0.5, y - 6.5), (x + 13.5, y + 6.5), &hex(BAND), &band);
            }
        }
    }

    /// Horizontal gridlines with their labels left of `left`, from `base` up.
    fn value_grid(&mut self, grid: &[(f64, String)], left: f64, y_of: impl Fn(f64) -> f64) {
        let lines: String = grid
            .iter()
            .filter(|(v, _)| *v > 0.0)
            .map(|(v, _)| path_data(&[(left, y_of(*v)), (self.w - PAD, y_of(*v))]))
            .collect();
        self.push(&format!(
            "<g class=\"grid\" font-size=\"{SMALL}\" fill=\"{}\" text-anchor=\"end\">\n",
            hex(MUTED)
        ));
        if !lines.is_empty() {
            let _ = writeln!(self.body, "<path d=\"{lines}\" stroke=\"{}\"/>", hex(GRID));
        }
        self.anchor = Anchor::End;
        for (v, label) in grid {
            self.text(label, left - 4.0, y_of(*v) + 4.0, SMALL, Anchor::End);
        }
        self.anchor = Anchor::Start;
        self.end();
    }

    /// The document around the body.
    fn finish(self, v: &Values, height: f64, t: &ChartText) -> String {
        let (w, h) = (n(self.w), n(height));
        let mut defs = String::new();
        for c in &self.hatches {
            let _ = write!(
                defs,
                "<pattern id=\"h{id}\" width=\"7\" height=\"7\" patternUnits=\"userSpaceOnUse\" \
                 patternTransform=\"rotate(45)\"><rect width=\"7\" height=\"7\" fill=\"{c}\"/>\
                 <path d=\"M1 0V7\" stroke=\"#FFF\" stroke-width=\"2\"/></pattern>",
                id = &hex(*c)[1..],
                c = hex(*c)
            );
        }
        if !defs.is_empty() {
            defs = format!("<defs>{defs}</defs>\n");
        }
        let mut svg = String::with_capacity(self.body.len() + defs.len() + 1024);
        document_head(&mut svg, (&w, &h), v, t);
        let _ =
            write!(svg, "{defs}<rect width=\"{w}\" height=\"{h}\" fill=\"#FFF\"/>\n{}</svg>\n", self.body);
        svg
    }
}

fn line_attrs(color: RGBColor, width: f64, stroke: Stroke) -> String {
    let dash = match stroke {
        Stroke::Solid => "",
        Stroke::Dashed => " stroke-dasharray=\"7 5\"",
        Stroke::Dotted => " stroke-dasharray=\"3 4\"",
    };
    format!("fill=\"none\" stroke=\"{}\" stroke-width=\"{}\"{dash}", hex(color), n(width))
}

/// The ticks of a value axis with their labels.
fn value_ticks(max: f64, count: usize, label: impl Fn(f64) -> String) -> (f64, Vec<(f64, String)>) {
    let (step, top) = axis(max, count, true);
    (top, ticks(step, top).into_iter().map(|v| (v, label(v))).collect())
}

fn widest(labels: &[(f64, String)], size: f64) -> f64 {
    labels.iter().map(|(_, l)| text_width(l, size)).fold(0.0, f64::max)
}

// ---------------------------------------------------------------------------------
// Horizontal bars, each under its label and its value.

const BAR: f64 = 14.0;

impl Svg {
    fn hbars(&mut self, spec: &HBars, t: &ChartText) -> f64 {
        // The end of the axis clear of the edge: the 100% line is drawn whole.
        let (left, right) = (PAD, self.w - PAD - 4.0);
        let data_max = spec.bars.iter().map(|b| finite(b.value)).fold(0.0, f64::max);
        let count = whole_count(((right - left) / 70.0).clamp(2.0, 5.0).floor());
        let (step, top_value) = match spec.scale {
            Scale::Percent { at_least, exactly: true } => (at_least / 5.0, at_least),
            Scale::Percent { at_least, .. } => axis(data_max.max(at_least), count, false),
            Scale::Count => axis(data_max, count, true),
        };
        let x_of = |v: f64| left + finite(v).clamp(0.0, top_value) / top_value * (right - left);

        let mut y = self.legend(&spec.legend) + 6.0;
        if let Some((value, label)) = &spec.reference {
            self.push("<g class=\"reference-label\">\n");
            self.text(label, x_of(*value), y + 12.0, SMALL, Anchor::Middle);
            self.end();
            y += 18.0;
        }
        // Each row: its label (one or two lines) and its value, then its bar.
        let mut rows = Vec::new();
        for bar in &spec.bars {
            let value_w = text_width(&bar.text, FONT).min(self.w * 0.6);
            let lines = wrap2(&bar.label, FONT, right - left - value_w - 10.0);
            let bar_top = y + LINE * lines.len() as f64 + 2.0;
            rows.push((lines, y + 13.0, bar_top));
            y = bar_top + BAR + 10.0;
        }
        let rows_bottom = y - 4.0;

        // Gridlines and the reference line run along the bars, not through the labels.
        let tick_values = ticks(step, top_value);
        let along = |x: f64| -> String {
            rows.iter().map(|(_, _, top)| format!("M{} {}v{}", n(x), n(top - 3.0), n(BAR + 6.0))).collect()
        };
        let grid: String = tick_values[1..].iter().map(|&v| along(x_of(v))).collect();
        let _ = writeln!(self.body, "<path class=\"grid\" d=\"{grid}\" stroke=\"{}\"/>", hex(GRID));
        for (bar, (_, _, bar_top)) in spec.bars.iter().zip(&rows) {
            let fill = self.fill(bar.color, bar.hatch);
            let attrs = format!("class=\"bar\" {}", bar.attrs);
            self.rect((left, *bar_top), (x_of(bar.value), bar_top + BAR), &fill, attrs.trim_end());
        }
        if let Some((value, _)) = &spec.reference {
            let d = along(x_of(*value));
            let _ = writeln!(
                self.body,
                "<path class=\"reference\" d=\"{d}\" {}/>",
                line_attrs(INK, 2.0, Stroke::Solid)
            );
        }
        self.push("<g class=\"labels\">\n");
        for (bar, (lines, baseline, _)) in spec.bars.iter().zip(&rows) {
            for (i, line) in lines.iter().enumerate() {
                self.text(line, left, baseline + LINE * i as f64, FONT, Anchor::Start);
            }
            let text = ellipsize(&bar.text, FONT, self.w * 0.6);
            self.text(&text, right, *baseline, FONT, Anchor::End);
        }
        self.end();
        self.bars_axis(&tick_values, rows_bottom, &x_of, spec, t, step)
    }

    /// The value axis under horizontal bars and its title; returns the bottom.
    fn bars_axis(
        &mut self,
        tick_values: &[f64],
        y: f64,
        x_of: &impl Fn(f64) -> f64,
        spec: &HBars,
        t: &ChartText,
        step: f64,
    ) -> f64 {
        let label = |v: f64| match spec.scale {
            Scale::Percent { .. } => t.locale.percent(v, decimals_of(step)),
            Scale::Count => t.tick(v),
        };
        self.axis_group();
        let mut lines = path_data(&[(x_of(0.0), y), (x_of(f64::MAX), y)]);
        for &v in tick_values {
            lines.push_str(&path_data(&[(x_of(v), y), (x_of(v), y + 4.0)]));
        }
        let _ = writeln!(self.body, "<path d=\"{lines}\" stroke=\"{}\"/>", hex(AXIS));
        for &v in tick_values {
            self.text(&label(v), x_of(v), y + 17.0, SMALL, Anchor::Middle);
        }
        let mut bottom = y + 17.0;
        for line in wrap2(&spec.axis_title, SMALL, self.w - 2.0 * PAD) {
            bottom += LINE;
            self.text(&line, self.w / 2.0, bottom, SMALL, Anchor::Middle);
        }
        self.end_axis();
        bottom + 6.0
    }
}

// ---------------------------------------------------------------------------------
// Vertical bars over the years.

impl Svg {
    fn years(&mut self, years: &Years, t: &ChartText) -> f64 {
        let data_max = years
            .bars
            .iter()
            .flat_map(|b| [Some(b.admitted as f64), b.target.map(|tg| tg.0), b.target.and_then(|tg| tg.1)])
            .flatten()
            .fold(0.0, f64::max);
        let (top_value, grid) = value_ticks(data_max, 4, |v| t.tick(v));
        let top = self.legend(&years.legend) + 24.0;
        let (plot_h, left, right) = (180.0, PAD + widest(&grid, SMALL) + 8.0, self.w - PAD);
        let base = top + plot_h;
        let y_of = |v: f64| base - finite(v).clamp(0.0, top_value) / top_value * plot_h;
        self.value_grid(&grid, left, y_of);

        let slot_w = (right - left) / years.slots.len() as f64;
        let bar_w = (slot_w * 0.6).clamp(2.0, 40.0);
        let x_mid = |i: usize| left + slot_w * (i as f64 + 0.5);
        let value_w = years.bars.iter().map(|b| text_width(&t.int(b.admitted), SMALL)).fold(0.0, f64::max);
        let show_values = value_w <= slot_w - 2.0;
        let half = (bar_w / 2.0 + 4.0).min(slot_w / 2.0);
        let (mut above, mut inside) = (Vec::new(), Vec::new());
        for (i, year) in years.slots.iter().enumerate() {
            let cx = x_mid(i);
            match years.bars.iter().find(|b| b.year == *year) {
                Some(bar) => {
                    let value = t.int(bar.admitted);
                    let value_w = text_width(&value, SMALL);
                    let (y, within) = self.year_bar(bar, value_w, (cx, bar_w, half), (base, &y_of));
                    let value = (value, cx, y);
                    if within { inside.push(value) } else { above.push(value) }
                }
                // A year without a report inside the span: a dash, as in tables.
                None => above.push(("–".to_string(), cx, base - 4.0)),
            }
        }
        if show_values {
            self.anchor = Anchor::Middle;
            self.labels("values", &format!(" font-size=\"{SMALL}\" text-anchor=\"middle\""));
            for (text, x, y) in &above {
                self.text(text, *x, *y, SMALL, Anchor::Middle);
            }
            self.end();
            // White on the bars; no group when no value fits inside its bar.
            if !inside.is_empty() {
                self.push(&format!(
                    "<g class=\"values\" font-size=\"{SMALL}\" fill=\"#FFF\" text-anchor=\"middle\">\n"
                ));
                for (text, x, y) in &inside {
                    self.text(text, *x, *y, SMALL, Anchor::Middle);
                }
                self.end();
            }
            self.anchor = Anchor::Start;
        }
        let every = whole_count(((text_width("0000", SMALL) + 6.0) / slot_w).ceil().max(1.0));
        self.axis_group();
        self.path(&[(left, base), (right, base)], &format!("stroke=\"{}\"", hex(AXIS)));
        for (i, year) in years.slots.iter().enumerate() {
            if (years.slots.len() - 1 - i).is_multiple_of(every) {
                self.text(&year.to_string(), x_mid(i), base + 17.0, SMALL, Anchor::Middle);
            }
        }
        self.end_axis();
        base + 24.0
    }
}

impl Svg {
    /// One year's bar, its target mark and range; returns where its value (`value_w`
    /// wide) goes, its baseline, and whether inside the top of the bar, clear of the
    /// target marks.
    fn year_bar(
        &mut self,
        bar: &YearBar,
        value_w: f64,
        (cx, bar_w, half): (f64, f64, f64),
        (base, y_of): (f64, &impl Fn(f64) -> f64),
    ) -> (f64, bool) {
        let target = bar.target.map_or(String::new(), |tg| format!(" data-target=\"{}\"", tg.0));
        self.push(&format!(
            "<g class=\"bar\" data-year=\"{}\" data-admitted=\"{}\"{target}>\n",
            bar.year, bar.admitted
        ));
        if let Some((value, max)) = bar.range_top() {
            let band = format!("stroke=\"{}\"", hex(AXIS));
            self.rect((cx - half + 0.5, y_of(max)), (cx + half - 0.5, y_of(value)), &hex(BAND), &band);
        }
        let top = y_of(bar.admitted as f64);
        self.rect((cx - bar_w / 2.0, top), (cx + bar_w / 2.0, base), &hex(BLUE), "");
        let marks: Vec<f64> = bar
            .target
            .map_or(Vec::new(), |(value, max)| std::iter::once(value).chain(max).map(y_of).collect());
        if let Some(&y) = marks.first() {
            // A line 3 wide across the bar, as the rectangle it covers.
            self.rect((cx - half, y - 1.5), (cx + half, y + 1.5), "", "");
        }
        self.end();
        let fits = value_w + 4.0 <= bar_w;
        let clear = marks.iter().all(|&m| m < top - 2.0 || m > top + 20.0);
        if base - top >= 20.0 && fits && clear {
            (top + 14.0, true)
        } else {
            (marks.iter().fold(top, |a, &m| a.min(m - 1.5)) - 5.0, false)
        }
    }
}

// ---------------------------------------------------------------------------------
// A line through a period.

impl Svg {
    fn progress(&mut self, track: &Track, t: &ChartText) -> f64 {
        let target_top = track.target_max.unwrap_or(track.target).max(track.target);
        let data_max = track
            .points
            .iter()
            .map(|&(_, a)| a as f64)
            .fold(target_top, f64::max)
            .max(track.projected.unwrap_or(0.0));
        let (top_value, grid) = value_ticks(data_max, 4, |v| t.tick(v));
        let top = self.legend(&track.legend) + 24.0;
        let (plot_h, left, right) = (180.0, PAD + widest(&grid, SMALL) + 8.0, self.w - PAD - 6.0);
        let base = top + plot_h;
        let span = day_pos(track.from, track.end).max(1.0);
        let y_of = |v: f64| base - finite(v).clamp(0.0, top_value) / top_value * plot_h;
        let x_of = |pos: f64| left + finite(pos).clamp(0.0, span) / span * (right - left);
        self.value_grid(&grid, left, y_of);
        self.time_axis(track, t, (left, right, base), x_of);

        let dl = (x_of(track.total), y_of(track.target));
        self.push("<g class=\"target\">\n");
        if let Some(max) = track.target_max.filter(|&m| m > track.target) {
            let d = format!("M{} {}L{} {}L{} {}Z", n(left), n(base), n(dl.0), n(dl.1), n(dl.0), n(y_of(max)));
            let _ = writeln!(self.body, "<path d=\"{d}\" fill=\"{}\"/>", hex(BAND));
        }
        self.path(&[(left, base), dl], &line_attrs(INK, 2.0, Stroke::Dashed));
        self.rect((dl.0 - 4.0, dl.1 - 4.0), (dl.0 + 4.0, dl.1 + 4.0), &hex(INK), "");
        self.end();

        let points: Vec<(f64, f64)> =
            track.points.iter().map(|&(d, a)| (x_of(day_pos(track.from, d)), y_of(a as f64))).collect();
        let last = points.last().copied().unwrap_or((left, base));
        let projected = track.projected.map(|p| (x_of(track.total), y_of(p)));
        if let Some(pp) = projected {
            self.path(
                &[last, pp],
                &format!("class=\"projection\" {}", line_attrs(BLUE, 2.0, Stroke::Dotted)),
            );
        }
        let mut line = vec![(left, base)];
        line.extend(&points);
        self.path(&line, &format!("class=\"line\" {}", line_attrs(BLUE, 2.0, Stroke::Solid)));
        self.push(&format!("<g fill=\"{}\">\n", hex(BLUE)));
        for (&(day, admitted), &p) in track.points.iter().zip(&points) {
            self.circle(p, 4.0, &format!("class=\"point\" data-date=\"{day}\" data-admitted=\"{admitted}\""));
        }
        self.end();
        if let (Some(pp), Some(p)) = (projected, track.projected) {
            let attrs = format!(
                "class=\"projected\" data-projected=\"{p}\" fill=\"#FFF\" stroke=\"{}\" stroke-width=\"2\"",
                hex(BLUE)
            );
            self.circle(pp, 5.0, &attrs);
        }
        self.end_labels(track, t, (dl, projected, last), (left, top, base));
        base + 24.0
    }

    /// Month (or year) ticks under the plot, as many as their labels leave room for.
    fn time_axis(
        &mut self,
        track: &Track,
        t: &ChartText,
        (left, right, base): (f64, f64, f64),
        x_of: impl Fn(f64) -> f64,
    ) {
        let label_w = text_width(&t.locale.month(track.from), SMALL) + 12.0;
        let mut ticks: Vec<(f64, String)> = Vec::new();
        for months in [1, 2, 3, 4, 6, 12, 24, 60, 120, 240, 600] {
            ticks = month_ticks(track.from, track.end, months, t);
            if ticks.len() as f64 * label_w <= right - left {
                break;
            }
        }
        self.axis_group();
        let mut lines = path_data(&[(left, base), (right, base)]);
        for (pos, _) in &ticks {
            lines.push_str(&path_data(&[(x_of(*pos), base), (x_of(*pos), base + 4.0)]));
        }
        let _ = writeln!(self.body, "<path d=\"{lines}\" stroke=\"{}\"/>", hex(AXIS));
        for (pos, label) in &ticks {
            self.text(label, x_of(*pos), base + 17.0, SMALL, Anchor::Middle);
        }
        self.end_axis();
    }

    /// The target's and the projection's labels near the deadline, kept apart, and the
    /// last value above its point.
    fn end_labels(
        &mut self,
        track: &Track,
        t: &ChartText,
        (dl, projected, last): (Point, Option<Point>, Point),
        (left, top, base): (f64, f64, f64),
    ) {
        let room = dl.0 - 8.0 - left;
        // Each label above its point, where the lines coming to it from the left are
        // not; when the two are close, the higher point's label goes on top.
        let mut target_y = dl.1 - 9.0;
        let mut projected_y = projected.map(|p| p.1 - 9.0);
        if let (Some(py), Some(p)) = (projected_y.as_mut(), projected)
            && (*py - target_y).abs() < LINE
        {
            let low = py.min(target_y);
            (*py, target_y) = if p.1 < dl.1 { (low - LINE, low) } else { (low, low - LINE) };
        }
        // Both kept inside, together so that they stay apart.
        let upper = projected_y.map_or(target_y, |py| py.min(target_y));
        let shift = (top - upper).max(0.0);
        let inside = |y: f64| (y + shift).min(base - 4.0);
        let (target_y, projected_y) = (inside(target_y), projected_y.map(inside));
        let target_label = ellipsize(&track.target_label, FONT, room);
        let projected_label = track.projected_label.as_ref().map(|l| ellipsize(l, FONT, room));
        let mut taken = vec![span(&target_label, dl.0 - 8.0, target_y, Anchor::End)];
        self.labels("labels", "");
        self.text(&target_label, dl.0 - 8.0, target_y, FONT, Anchor::End);
        if let (Some(label), Some(py)) = (&projected_label, projected_y) {
            taken.push(span(label, dl.0 - 8.0, py, Anchor::End));
            self.push(&format!("<g fill=\"{}\">\n", hex(BLUE)));
            self.text(label, dl.0 - 8.0, py, FONT, Anchor::End);
            self.end();
        }
        // The last value above its point, else below it, else left out (the table
        // has it) rather than over another label.
        let value = t.int(track.points.last().map_or(0, |&(_, a)| a));
        let free = |y: f64| !taken.iter().any(|s| s.meets(&span(&value, last.0, y, Anchor::Middle)));
        if let Some(y) = [(last.1 - 9.0).max(top - 8.0), last.1 + 18.0].into_iter().find(|&y| free(y)) {
            self.text(&value, last.0, y, FONT, Anchor::Middle);
        }
        self.end();
    }
}

/// The box a label of [`FONT`] takes, baseline at `y`.
struct Span {
    x0: f64,
    x1: f64,
    y: f64,
}

impl Span {
    fn meets(&self, other: &Span) -> bool {
        self.x0 < other.x1 && other.x0 < self.x1 && (self.y - other.y).abs() < FONT + 2.0
    }
}

fn span(text: &str, x: f64, y: f64, anchor: Anchor) -> Span {
    let w = text_width(text, FONT);
    let x0 = left_of(x, w, anchor);
    Span { x0, x1: x0 + w, y }
}

/// Ticks on the first of every `months`-th month from `from` to `end`, labelled with
/// the month, or the year when a step is a year or more.
fn month_ticks(from: NaiveDate, end: NaiveDate, months: i64, t: &ChartText) -> Vec<(f64, String)> {
    use chrono::Datelike;
    let mut out = Vec::new();
    let (mut y, mut m) = (from.year(), from.month());
    while let Some(d) = NaiveDate::from_ymd_opt(y, m, 1).filter(|d| *d <= end && out.len() < 2400) {
        let index = i64::from(y) * 12 + i64::from(m) - 1;
        if d >= from && index % months == 0 {
            let label = if months >= 12 { y.to_string() } else { t.locale.month(d) };
            out.push(((d - from).num_days() as f64, label));
        }
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_along_an_axis_say_only_where_they_go() {
        assert_eq!(path_data(&[(4.0, 86.0), (312.0, 86.0)]), "M4 86H312");
        assert_eq!(path_data(&[(19.2, 270.0), (19.2, 274.04)]), "M19.2 270V274");
        assert_eq!(path_data(&[(0.0, 0.0), (1.25, 3.0), (1.25, 3.0)]), "M0 0L1.3 3V3");
        assert_eq!(hex(INK), "#222");
        assert_eq!(hex(BLUE), "#0072B2");
    }
}
