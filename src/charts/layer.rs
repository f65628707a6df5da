//! The layers of the wide drawings: a plotters backend ([`Recorder`]) that keeps what
//! plotters draws as [`Shape`]s, and [`write_layer`], which writes a layer's shapes as
//! SVG in few bytes.
//!
//! Keeping shapes rather than plotters' own SVG text spares writing every element and
//! reading it back. Lines drawn alike one after the other (a hatch's stripes, an axis
//! and its ticks) become one path; what most of a layer's shapes share (fill, stroke,
//! stroke width, dash, text size and anchor) is set once on the layer's group; what
//! changes nothing (`opacity="1"`, `stroke="none"`, every text's `font-family`) is
//! never written.

use super::{FONT, INK, escape, hex};
use plotters::style::RGBColor;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};
use std::cell::RefCell;
use std::convert::Infallible;
use std::fmt::Write;

pub(super) type Rgb = (u8, u8, u8);

/// One element of a layer; `None` paints are `none`.
#[derive(Debug, PartialEq)]
pub(super) struct Shape {
    kind: Kind,
    fill: Option<Rgb>,
    stroke: Option<Rgb>,
    width: u32,
    dash: Option<&'static str>,
}

#[derive(Debug, PartialEq)]
enum Kind {
    Rect {
        x: i32,
        y: i32,
        w: i32,
        h: i32,
    },
    /// A path's `d`.
    Path(String),
    Circle {
        x: i32,
        y: i32,
        r: u32,
    },
    /// A polygon's `points`.
    Polygon(String),
    /// Text: where (`y` its baseline), its size, its `text-anchor` and the text
    /// (escaped).
    Text {
        x: i32,
        y: f64,
        size: f64,
        anchor: &'static str,
        text: String,
    },
}

// ---------------------------------------------------------------------------------
// Recording what plotters draws.

/// What one layer's drawing has recorded so far.
#[derive(Default)]
pub(super) struct Layer {
    pub shapes: Vec<Shape>,
    /// The dash pattern of the next line drawn (plotters' styles have none).
    pub dash: Option<&'static str>,
}

/// A plotters backend that records each element drawn into a [`Layer`].
pub(super) struct Recorder<'a> {
    size: (u32, u32),
    layer: &'a RefCell<Layer>,
}

impl<'a> Recorder<'a> {
    pub(super) fn new(size: (u32, u32), layer: &'a RefCell<Layer>) -> Self {
        Recorder { size, layer }
    }

    fn push(&self, kind: Kind, color: BackendColor, filled: bool, width: u32) {
        let (fill, stroke) = if filled { (Some(color.rgb), None) } else { (None, Some(color.rgb)) };
        self.layer.borrow_mut().shapes.push(Shape { kind, fill, stroke, width, dash: None });
    }
}

type Drawn = Result<(), DrawingErrorKind<Infallible>>;

impl DrawingBackend for Recorder<'_> {
    type ErrorType = Infallible;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Drawn {
        Ok(())
    }

    fn present(&mut self) -> Drawn {
        Ok(())
    }

    fn draw_pixel(&mut self, (x, y): BackendCoord, color: BackendColor) -> Drawn {
        if color.alpha > 0.0 {
            self.push(Kind::Rect { x, y, w: 1, h: 1 }, color, true, 1);
        }
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Drawn {
        let color = style.color();
        if color.alpha > 0.0 {
            let kind = Kind::Rect { x: from.0, y: from.1, w: to.0 - from.0, h: to.1 - from.1 };
            self.push(kind, color, fill, 1);
        }
        Ok(())
    }

    /// A line; drawn like the one before it (same stroke, width and dash), it joins
    /// that one's path.
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Drawn {
        let color = style.color();
        let mut layer = self.layer.borrow_mut();
        let dash = layer.dash.take();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let (stroke, width) = (Some(color.rgb), style.stroke_width());
        if let Some(Shape { kind: Kind::Path(d), fill: None, stroke: s, width: w, dash: da }) =
            layer.shapes.last_mut()
            && (*s, *w, *da) == (stroke, width, dash)
        {
            path_of(path, d);
            return Ok(());
        }
        let mut d = String::new();
        path_of(path, &mut d);
        layer.shapes.push(Shape { kind: Kind::Path(d), fill: None, stroke, width, dash });
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(&mut self, (x, y): BackendCoord, r: u32, style: &S, fill: bool) -> Drawn {
        let color = style.color();
        if color.alpha > 0.0 {
            self.push(Kind::Circle { x, y, r }, color, fill, style.stroke_width());
        }
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Drawn {
        let color = style.color();
        if color.alpha > 0.0 {
            let mut points = String::new();
            for (x, y) in path {
                let sep = if points.is_empty() { "" } else { " " };
                let _ = write!(points, "{sep}{x},{y}");
            }
            self.push(Kind::Polygon(points), color, true, 1);
        }
        Ok(())
    }

    /// Text for the reader's browser to set, at its size to a tenth of a pixel, its
    /// baseline placed from plotters' vertical anchor by [`baseline`].
    fn draw_text<S: BackendTextStyle>(&mut self, text: &str, style: &S, (x, y): BackendCoord) -> Drawn {
        let color = style.color();
        if color.alpha > 0.0 {
            let anchor = match style.anchor().h_pos {
                HPos::Left => "start",
                HPos::Right => "end",
                HPos::Center => "middle",
            };
            let size = tenths(style.size());
            let y = baseline(y, style.anchor().v_pos, size);
            let kind = Kind::Text { x, y, size, anchor, text: escape(text) };
            self.push(kind, color, true, 1);
        }
        Ok(())
    }
}

fn tenths(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// The baseline of text of `size` px whose top, middle or bottom is at `y`. The middle
/// is that of the lower-case letters: half an x-height (about .52 em in the system
/// fonts of the font stack) above the baseline, as SVG's `dy=".5ex"` would place it,
/// written into `y` to spare every text the attribute.
fn baseline(y: i32, at: VPos, size: f64) -> f64 {
    let shift = match at {
        VPos::Top => 0.76,
        VPos::Center => 0.26,
        VPos::Bottom => -0.26,
    };
    tenths(f64::from(y) + shift * size)
}

/// `points` as path data appended to `d`: `Mx y`, then `Hx` or `Vy` along an axis,
/// else `Lx y`.
fn path_of(points: impl IntoIterator<Item = BackendCoord>, d: &mut String) {
    let mut at: Option<(i32, i32)> = None;
    for (x, y) in points {
        let _ = match at {
            None => write!(d, "M{x} {y}"),
            Some((x0, _)) if x0 == x => write!(d, "V{y}"),
            Some((_, y0)) if y0 == y => write!(d, "H{x}"),
            Some(_) => write!(d, "L{x} {y}"),
        };
        at = Some((x, y));
    }
}

// ---------------------------------------------------------------------------------
// Writing a layer.

/// What a layer's shapes inherit: from the root (`font-size`, `fill`) and their group.
#[derive(Clone, Copy, PartialEq)]
pub(super) struct Paint {
    pub fill: Option<Rgb>,
    pub stroke: Option<Rgb>,
    pub width: u32,
    pub dash: Option<&'static str>,
    pub size: f64,
    pub anchor: &'static str,
}

impl Paint {
    /// What the root sets, or SVG's initial values.
    pub(super) const ROOT: Paint = Paint {
        fill: Some((INK.0, INK.1, INK.2)),
        stroke: None,
        width: 1,
        dash: None,
        size: FONT,
        anchor: "start",
    };
}

/// The most frequent value among the shapes that `relevant` picks, when at least two
/// have it (the first such in drawing order on a tie): set once on their group, the
/// others say theirs.
fn shared<T: PartialEq + Copy>(
    shapes: &[Shape],
    relevant: impl Fn(&Shape) -> bool,
    value: impl Fn(&Shape) -> T,
) -> Option<T> {
    let mut counts: Vec<(T, usize)> = Vec::new();
    for v in shapes.iter().filter(|s| relevant(s)).map(value) {
        match counts.iter_mut().find(|(seen, _)| *seen == v) {
            Some((_, n)) => *n += 1,
            None => counts.push((v, 1)),
        }
    }
    let most = counts.iter().map(|&(_, n)| n).max()?;
    counts.into_iter().find(|&(_, n)| n == most && n > 1).map(|(v, _)| v)
}

fn text_font(s: &Shape) -> Option<(f64, &'static str)> {
    match s.kind {
        Kind::Text { size, anchor, .. } => Some((size, anchor)),
        _ => None,
    }
}

/// Writes a layer as a `<g>` with `attrs`: what all its shapes share (a fill, a stroke,
/// a text size or anchor) is set once on the group, and each shape writes only what
/// differs from what it inherits.
pub(super) fn write_layer(out: &mut String, attrs: &str, shapes: &[Shape], inherited: &Paint) {
    let root = *inherited;
    let stroked = |s: &Shape| s.stroke.is_some();
    let is_text = |s: &Shape| text_font(s).is_some();
    let group = Paint {
        fill: shared(shapes, |_| true, |s| s.fill).unwrap_or(root.fill),
        stroke: shared(shapes, |_| true, |s| s.stroke).unwrap_or(root.stroke),
        width: shared(shapes, stroked, |s| s.width).unwrap_or(root.width),
        dash: shared(shapes, stroked, |s| s.dash).unwrap_or(root.dash),
        size: shared(shapes, is_text, |s| text_font(s).map_or(FONT, |f| f.0)).unwrap_or(root.size),
        anchor: shared(shapes, is_text, |s| text_font(s).map_or("start", |f| f.1)).unwrap_or(root.anchor),
    };
    out.push_str("<g");
    if !attrs.is_empty() {
        out.push(' ');
        out.push_str(attrs);
    }
    paint(out, &group, &root, true, true);
    out.push_str(">\n");
    for shape in shapes {
        write_shape(out, shape, &group);
    }
    out.push_str("</g>\n");
}

fn write_shape(out: &mut String, shape: &Shape, group: &Paint) {
    match &shape.kind {
        Kind::Rect { x, y, w, h } => {
            out.push_str("<rect");
            if *x != 0 {
                let _ = write!(out, " x=\"{x}\"");
            }
            if *y != 0 {
                let _ = write!(out, " y=\"{y}\"");
            }
            let _ = write!(out, " width=\"{w}\" height=\"{h}\"");
        }
        Kind::Path(d) => {
            let _ = write!(out, "<path d=\"{d}\"");
        }
        Kind::Circle { x, y, r } => {
            let _ = write!(out, "<circle cx=\"{x}\" cy=\"{y}\" r=\"{r}\"");
        }
        Kind::Polygon(list) => {
            let _ = write!(out, "<polygon points=\"{list}\"");
        }
        Kind::Text { x, y, .. } => {
            let _ = write!(out, "<text x=\"{x}\" y=\"{y}\"");
        }
    }
    let (size, anchor) = text_font(shape).unwrap_or((group.size, group.anchor));
    let own =
        Paint { fill: shape.fill, stroke: shape.stroke, width: shape.width, dash: shape.dash, size, anchor };
    paint(out, &own, group, shape.stroke.is_some(), true);
    match &shape.kind {
        Kind::Text { text, .. } => {
            let _ = writeln!(out, ">{text}</text>");
        }
        _ => out.push_str("/>\n"),
    }
}

/// The attributes of `own` that differ from `inherited`; the stroke's width and dash
/// only where there is a stroke.
pub(super) fn paint(out: &mut String, own: &Paint, inherited: &Paint, stroked: bool, text: bool) {
    if own.fill != inherited.fill {
        let _ = write!(
            out,
            " fill=\"{}\"",
            own.fill.map_or("none".to_string(), |(r, g, b)| hex(RGBColor(r, g, b)))
        );
    }
    if own.stroke != inherited.stroke {
        let _ = write!(
            out,
            " stroke=\"{}\"",
            own.stroke.map_or("none".to_string(), |(r, g, b)| hex(RGBColor(r, g, b)))
        );
    }
    if stroked && own.width != inherited.width {
        let _ = write!(out, " stroke-width=\"{}\"", own.width);
    }
    if stroked && own.dash != inherited.dash {
        let _ = write!(out, " stroke-dasharray=\"{}\"", own.dash.unwrap_or("none"));
    }
    if text && own.size != inherited.size {
        let _ = write!(out, " font-size=\"{}\"", own.size);
    }
    if text && own.anchor != inherited.anchor {
        let _ = write!(out, " text-anchor=\"{}\"", own.anchor);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use plotters::prelude::*;
    use plotters::style::text_anchor::Pos;

    /// What `draw` draws with plotters on a 640 × 100 area, recorded.
    fn recorded(draw: impl FnOnce(&DrawingArea<Recorder<'_>, plotters::coord::Shift>)) -> Vec<Shape> {
        let layer = RefCell::new(Layer::default());
        draw(&Recorder::new((640, 100), &layer).into_drawing_area());
        layer.into_inner().shapes
    }

    fn axis_line(area: &DrawingArea<Recorder<'_>, plotters::coord::Shift>, points: Vec<(i32, i32)>) {
        let grey = RGBColor(0x76, 0x76, 0x76);
        area.draw(&PathElement::new(points, Color::stroke_width(&grey, 1))).unwrap();
    }

    fn label(area: &DrawingArea<Recorder<'_>, plotters::coord::Shift>, text: &str, at: (i32, i32)) {
        let font = FontDesc::new(FontFamily::Name("x"), 12.0, FontStyle::Normal);
        let style = TextStyle::from(font)
            .color(&RGBColor(0x4A, 0x4A, 0x4A))
            .pos(Pos::new(HPos::Center, VPos::Center));
        area.draw(&Text::new(text, at, style)).unwrap();
    }

    #[test]
    fn lines_along_an_axis_say_only_where_they_go() {
        let mut d = String::new();
        path_of([(26, 288), (553, 288)], &mut d);
        path_of([(26, 42), (26, 288)], &mut d);
        path_of([(26, 288), (33, 286), (40, 280), (40, 290)], &mut d);
        assert_eq!(d, "M26 288H553M26 42V288M26 288L33 286L40 280V290");
    }

    /// What plotters draws becomes shapes; what most of a layer's shapes share is set
    /// on its group and said again only where a shape differs.
    #[test]
    fn a_layer_is_written_with_what_its_shapes_share_on_the_group() {
        let shapes = recorded(|area| {
            axis_line(area, vec![(10, 90), (600, 90)]);
            axis_line(area, vec![(10, 90), (10, 94)]);
            label(area, "0", (10, 100));
            label(area, "A & B\u{1}", (600, 100));
            area.draw(&Rectangle::new([(0, 0), (4, 4)], WHITE.filled())).unwrap();
        });
        assert_eq!(shapes.len(), 4);
        let mut out = String::new();
        write_layer(&mut out, "class=\"axis\"", &shapes, &Paint::ROOT);
        assert_eq!(
            out,
            "<g class=\"axis\" fill=\"#4A4A4A\" font-size=\"12\" text-anchor=\"middle\">\n\
<path d=\"M10 90H600M10 90V94\" fill=\"none\" stroke=\"#767676\"/>\n\
<text x=\"10\" y=\"103.1\">0</text>\n\
<text x=\"600\" y=\"103.1\">A &amp; B </text>\n\
<rect width=\"4\" height=\"4\" fill=\"#FFF\"/>\n</g>\n"
        );
    }

    /// A dashed line keeps its dash and is not joined to a solid one drawn alike.
    #[test]
    fn a_dashed_line_is_a_path_of_its_own() {
        let two_lines = |first: Option<&'static str>| {
            let layer = RefCell::new(Layer::default());
            let area = Recorder::new((640, 100), &layer).into_drawing_area();
            layer.borrow_mut().dash = first;
            axis_line(&area, vec![(0, 0), (5, 5)]);
            axis_line(&area, vec![(5, 5), (9, 9)]);
            drop(area);
            layer.into_inner().shapes
        };
        let dashed = two_lines(Some("7 5"));
        assert_eq!(dashed.len(), 2);
        assert_eq!((dashed[0].dash, dashed[1].dash), (Some("7 5"), None));
        assert_eq!(two_lines(None).len(), 1);
    }

    #[test]
    fn text_is_set_on_a_baseline_from_its_anchor() {
        assert_eq!(baseline(100, VPos::Center, 13.0), 103.4);
        assert_eq!(baseline(100, VPos::Center, 12.0), 103.1);
        assert_eq!(baseline(100, VPos::Top, 10.0), 107.6);
        assert_eq!(baseline(100, VPos::Bottom, 10.0), 97.4);
    }

    #[test]
    fn the_most_frequent_value_is_shared_when_two_have_it() {
        let text = |fill: Rgb| Shape {
            kind: Kind::Text { x: 0, y: 0.0, size: FONT, anchor: "start", text: String::new() },
            fill: Some(fill),
            stroke: None,
            width: 1,
            dash: None,
        };
        let (a, b) = ((1, 1, 1), (2, 2, 2));
        assert_eq!(shared(&[text(a), text(b), text(b)], |_| true, |s| s.fill), Some(Some(b)));
        assert_eq!(shared(&[text(a), text(b)], |_| true, |s| s.fill), None);
        assert_eq!(shared(&[], |_| true, |s| s.fill), None);
    }
}
