//! "Main points": the front page's short sentences, written from the indicators.

use crate::catalog::{self, Words};
use crate::compute::indicators::{Figures, Focus, Standing, Status, TargetFigures};
use crate::compute::reads::Reader;
use crate::locale::Locale;
use crate::resolve::IdMap;

/// The figures the front page compares: the focus units' children when only one
/// focus unit has figures for the period, else the focus units side by side.
pub fn comparison_group<'a>(r: &Reader<'a>) -> Vec<&'a Figures> {
    let focus = r.focus();
    let Some(period) = &focus.period else { return Vec::new() };
    let with_figures: Vec<&Figures> = focus.units.iter().filter_map(|u| r.latest(u, &period.label)).collect();
    let mut group = match with_figures.as_slice() {
        [single] => {
            let children: Vec<&Figures> = r
                .tree()
                .children_of(&single.unit)
                .iter()
                .filter_map(|c| r.latest(c, &period.label))
                .collect();
            if children.is_empty() { with_figures } else { children }
        }
        _ => with_figures,
    };
    group.sort_by(|a, b| {
        let rank = |f: &Figures| f.rank.map_or(usize::MAX, |r| r.by_admitted);
        (rank(a), &a.unit).cmp(&(rank(b), &b.unit))
    });
    group
}

/// What the sentences need besides the figures.
pub struct Writer<'a> {
    pub locale: Locale,
    pub decimals: usize,
    /// Unit id → name.
    pub names: &'a IdMap<'a, &'a str>,
}

impl Writer<'_> {
    fn words(&self) -> &'static dyn Words {
        catalog::words(self.locale.language)
    }

    fn name<'b>(&'b self, unit: &'b str) -> &'b str {
        self.names.get(unit).copied().unwrap_or(unit)
    }

    fn pct(&self, x: f64) -> String {
        self.locale.percent(x, self.decimals)
    }

    /// A target in whole people: `246`, `167–221`.
    fn target(&self, t: &TargetFigures) -> String {
        let (low, high) = t.people();
        self.locale.people_range(low, high)
    }
}

/// Three to six sentences on the period's figures; fewer when the data say less.
pub fn main_points(focus: &Focus, headline: &[&Figures], group: &[&Figures], w: &Writer) -> Vec<String> {
    let Some(period) = &focus.period else { return Vec::new() };
    let mut points = Vec::new();
    let total = crate::compute::indicators::add_up(headline.iter().map(|f| f.admitted));
    if let Some(as_of) = focus.as_of {
        let who = match headline {
            [one] => w.name(&one.unit).to_string(),
            _ => w.words().units_count(headline.len()),
        };
        let period = w.words().period_title(&period.label, period.kind());
        points.push(w.words().admitted_point(&period, &w.locale.date(as_of), &who, total));
    }
    points.extend(achievement_points(group, w));
    if let [one] = headline {
        points.extend(composition_point(one, w));
        points.extend(change_point(one, w));
    }
    points.extend(pace_point(group, w));
    points.truncate(6);
    points
}

fn achievement_points(group: &[&Figures], w: &Writer) -> Vec<String> {
    let with_target: Vec<(&Figures, f64)> =
        group.iter().filter_map(|f| Some((*f, f.targets.first()?.achievement_pct))).collect();
    if with_target.is_empty() {
        return Vec::new();
    }
    let met = with_target.iter().filter(|(f, _)| f.targets[0].status != Status::Behind).count();
    let n = with_target.len();
    let mut reached = w.words().reached_point(met, n);
    // Those not reached yet whose deadline has not come: on pace or behind it.
    let standing = |s: Standing| with_target.iter().filter(|(f, _)| f.targets[0].standing() == s).count();
    let (on_pace, behind_pace) = (standing(Standing::OnPace), standing(Standing::BehindPace));
    if on_pace + behind_pace > 0 {
        reached = format!("{reached} {}", w.words().pace_standing_point(on_pace, behind_pace));
    }
    let mut out = vec![reached];
    let by = |a: &&(&Figures, f64), b: &&(&Figures, f64)| a.1.total_cmp(&b.1).then(b.0.unit.cmp(&a.0.unit));
    if let (Some(high), Some(low)) = (with_target.iter().max_by(by), with_target.iter().min_by(by))
        && n > 1
    {
        let (highest, lowest) = (w.pct(high.1), w.pct(low.1));
        out.push(if highest == lowest {
            // Naming a highest and a lowest unit at one share would rank units that are level.
            w.words().same_achievement_point(n, &highest)
        } else {
            w.words().highest_lowest_point((w.name(&high.0.unit), &highest), (w.name(&low.0.unit), &lowest))
        });
    } else if let [(f, pct)] = with_target.as_slice() {
        out.push(w.words().single_target_point(w.name(&f.unit), &w.pct(*pct), &w.target(&f.targets[0])));
    }
    out
}

fn composition_point(f: &Figures, w: &Writer) -> Option<String> {
    let share = |key: &str| f.composition.get(key).and_then(|s| s.share_pct);
    let l = catalog::labels(w.locale.language);
    let parts: Vec<String> = [("youth", l.youth_in_sentence), ("women", l.women_in_sentence)]
        .iter()
        .filter_map(|(key, group)| Some(format!("{group} {}", w.pct(share(key)?))))
        .collect();
    (!parts.is_empty()).then(|| w.words().composition_point(&parts))
}

/// The change on the same span of the previous year, or why there is none.
fn change_point(f: &Figures, w: &Writer) -> Option<String> {
    let Some(c) = f.change.as_ref() else {
        return f.compares_years().then(|| w.words().no_comparable_point());
    };
    let pct = c.pct.map(|p| w.locale.signed_percent(p, w.decimals));
    Some(w.words().change_point(c.delta, pct.as_deref(), f.whole_period()))
}

/// Of the units whose target is not reached before its deadline, the one furthest
/// behind its pace, with what it needs per month.
fn pace_point(group: &[&Figures], w: &Writer) -> Option<String> {
    let (f, t, pace) = group
        .iter()
        .filter_map(|f| {
            let t = f.targets.first().filter(|t| t.pace_status.is_some())?;
            Some((*f, t, t.pace?))
        })
        .min_by(|a, b| a.2.pace_pct.total_cmp(&b.2.pace_pct))?;
    let (name, deadline) = (w.name(&f.unit), w.locale.date(t.deadline));
    let (projected, needed) =
        (w.locale.people(pace.projected), w.locale.people_needed(pace.required_per_month));
    Some(w.words().pace_point(name, &projected, &deadline, &w.target(t), &needed))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compute::reads::Computed;
    use crate::load::{Source, parse};
    use crate::model::{Content, Language};
    use crate::resolve::Bulletin;

    fn setup(data: &str, site: &str) -> Content {
        let loaded = parse(Some(Source::new("site.yaml", site)), vec![Source::new("data/d.yaml", data)]);
        assert!(loaded.problems.is_empty());
        loaded.content
    }

    const DATA: &str = "units:
  - {id: tinh, name: Tỉnh A}
  - {id: a, name: Huyện A, parent: tinh}
  - {id: b, name: Huyện B, parent: tinh}
reports:
  - {unit: tinh, period: 2023, as_of: 2023-05-04, admitted: 40}
  - {unit: tinh, period: 2023, admitted: 150}
  - {unit: tinh, period: 2024, as_of: 2024-05-04, admitted: 100, composition: {youth: 63, women: 54}, targets: [{value: 300}]}
  - {unit: a, period: 2024, as_of: 2024-05-04, admitted: 57, targets: [{value: 246, deadline: 2024-09-30}]}
  - {unit: b, period: 2024, as_of: 2024-05-04, admitted: 43, targets: [{value: 40}]}
";

    #[test]
    fn sentences_from_the_figures() {
        let content = setup(DATA, "title: T\nbase_url: https://e.org/\nroot_unit: tinh\n");
        let b = Bulletin::new(&content);
        let ind = crate::compute::indicators::compute(&b);
        let focus = crate::compute::indicators::focus(&b, &ind);
        let group = comparison_group(&Computed { b: &b, ind: &ind, focus: &focus }.reader(false));
        assert_eq!(group.iter().map(|f| f.unit.as_str()).collect::<Vec<_>>(), ["a", "b"]);
        let w = Writer { locale: Locale::new(Language::Vi), decimals: 1, names: &b.names };
        let headline = vec![ind.latest("tinh", "2024").unwrap()];
        let points = main_points(&focus, &headline, &group, &w);
        assert_eq!(
            points,
            vec![
                "Năm 2024, tính đến 04/05/2024: Tỉnh A kết nạp 100 đảng viên mới.",
                "1/2 đơn vị có chỉ tiêu đã đạt hoặc vượt chỉ tiêu. Chưa đến hạn: 1 đơn vị chậm tiến độ.",
                "Tỷ lệ đạt cao nhất: Huyện B (107,5%); thấp nhất: Huyện A (23,2%).",
                "Trong số đảng viên mới: đoàn viên thanh niên 63,0%, nữ 54,0%.",
                "Số kết nạp tăng 60 so với cùng kỳ năm trước (+150,0%).",
                "Theo tiến độ hiện nay, Huyện A dự kiến kết nạp khoảng 125 người đến 30/09/2024; để đạt chỉ tiêu 246 cần kết nạp ít nhất 39 người mỗi tháng.",
            ]
        );
    }

    /// A whole year compares with the whole previous year; a part of a year with no
    /// figure of the same part a year earlier says so rather than compare other spans.
    #[test]
    fn change_on_the_same_span_or_why_none() {
        let site = "title: T\nbase_url: https://e.org/\nroot_unit: tinh\n";
        let names = IdMap::default();
        let w = Writer { locale: Locale::new(Language::Vi), decimals: 1, names: &names };
        let point = |data: &str| {
            let content = setup(&format!("units:\n  - {{id: tinh, name: Tỉnh}}\nreports:\n{data}"), site);
            let b = Bulletin::new(&content);
            let ind = crate::compute::indicators::compute(&b);
            let focus = crate::compute::indicators::focus(&b, &ind);
            let headline = vec![ind.latest("tinh", "2024").unwrap()];
            main_points(&focus, &headline, &[], &w).pop().unwrap()
        };
        assert_eq!(
            point(
                "  - {unit: tinh, period: 2023, admitted: 200}\n  - {unit: tinh, period: 2024, admitted: 150}\n"
            ),
            "Số kết nạp giảm 50 so với năm trước (-25,0%)."
        );
        assert_eq!(
            point(
                "  - {unit: tinh, period: 2023, admitted: 456}\n  - {unit: tinh, period: 2024, as_of: 2024-09-30, admitted: 304}\n"
            ),
            "Chưa có số liệu cùng kỳ năm trước để so sánh."
        );
        assert_eq!(
            point(
                "  - {unit: tinh, period: 2023, as_of: 2023-10-05, admitted: 300}\n  - {unit: tinh, period: 2024, as_of: 2024-09-30, admitted: 304}\n"
            ),
            "Số kết nạp tăng 4 so với cùng kỳ năm trước (+1,3%)."
        );
    }

    /// Units level on their target are not ranked into a highest and a lowest.
    #[test]
    fn level_units_are_said_to_be_level() {
        let data = DATA.replace(
            "admitted: 57, targets: [{value: 246, deadline: 2024-09-30}]",
            "admitted: 43, targets: [{value: 40}]",
        );
        let content = setup(&data, "title: T\nbase_url: https://e.org/\nroot_unit: tinh\n");
        let b = Bulletin::new(&content);
        let ind = crate::compute::indicators::compute(&b);
        let focus = crate::compute::indicators::focus(&b, &ind);
        let group = comparison_group(&Computed { b: &b, ind: &ind, focus: &focus }.reader(false));
        let w = Writer { locale: Locale::new(Language::Vi), decimals: 1, names: &b.names };
        let points = main_points(&focus, &[], &group, &w);
        assert!(points.contains(&"Tỷ lệ đạt của 2 đơn vị bằng nhau: 107,5%.".to_string()), "{points:?}");
    }

    #[test]
    fn no_period_no_points() {
        let content = setup("units:\n  - {id: a, name: A}\n", "title: T\nbase_url: https://e.org/\n");
        let b = Bulletin::new(&content);
        let ind = crate::compute::indicators::compute(&b);
        let focus = crate::compute::indicators::focus(&b, &ind);
        let w = Writer { locale: Locale::new(Language::En), decimals: 1, names: &b.names };
        let group = comparison_group(&Computed { b: &b, ind: &ind, focus: &focus }.reader(false));
        assert!(main_points(&focus, &[], &group, &w).is_empty());
    }
}
