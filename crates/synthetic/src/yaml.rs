//! Writing units and reports the way a person would type them in a data file: block
//! style for communes and provinces, one line per entry for the many small cells.

use super::figures::{Period, Report, Target};
use super::tree::{Tree, Unit};
use std::fmt::Write as _;

/// A text value: plain when YAML reads it back as the same text, else double-quoted.
pub fn scalar(text: &str) -> String {
    let plain = text.chars().next().is_some_and(char::is_alphabetic)
        && text.chars().all(|c| c.is_alphanumeric() || " -.,()/".contains(c))
        && !text.ends_with(' ');
    if plain { text.to_string() } else { quoted(text) }
}

/// A double-quoted YAML string (JSON's escapes are YAML's).
pub fn quoted(text: &str) -> String {
    serde_json::to_string(text).expect("a string serializes")
}

fn period(p: &Period) -> String {
    match p {
        Period::Year(y) => y.to_string(),
        Period::Term(..) => quoted(&p.label()),
        Period::Named { from, to, label } => format!("{{from: {from}, to: {to}, label: {}}}", quoted(label)),
    }
}

pub fn unit(out: &mut String, tree: &Tree, u: &Unit) {
    let _ = writeln!(out, "  - id: {}\n    name: {}\n    kind: {}", u.id, scalar(&u.name), u.kind);
    if let Some(p) = u.parent {
        let _ = writeln!(out, "    parent: {}", tree.units[p].id);
    }
    if let Some(order) = u.order {
        let _ = writeln!(out, "    order: {order}");
    }
}

/// A cell's unit on one line.
pub fn unit_line(out: &mut String, tree: &Tree, u: &Unit) {
    let parent = u.parent.map(|p| format!(", parent: {}", tree.units[p].id)).unwrap_or_default();
    let order = u.order.map(|o| format!(", order: {o}")).unwrap_or_default();
    let _ = writeln!(out, "  - {{id: {}, name: {}{parent}{order}, kind: {}}}", u.id, quoted(&u.name), u.kind);
}

pub fn report(out: &mut String, tree: &Tree, r: &Report) {
    let _ = writeln!(out, "  - unit: {}\n    period: {}", tree.units[r.unit].id, period(&r.period));
    if let Some(as_of) = r.as_of {
        let _ = writeln!(out, "    as_of: {as_of}");
    }
    let _ = writeln!(out, "    admitted: {}", r.admitted);
    if !r.targets.is_empty() || r.rate_target.is_some() {
        out.push_str("    targets:\n");
        r.targets.iter().for_each(|t| target(out, t));
    }
    if let Some((rate, max)) = r.rate_target {
        let _ = writeln!(out, "      - rate_pct: {rate}\n        max_rate_pct: {max}");
        optional_text(out, "document", Some(scalar("Kế hoạch thực hiện Nghị quyết 21-NQ/TW")));
    }
    optional(out, "members", r.members);
    optional(out, "members_at_start", r.members_at_start);
    optional(out, "organizations", r.organizations);
    if !r.composition.is_empty() {
        out.push_str("    composition:\n");
        for (key, count) in &r.composition {
            let _ = writeln!(out, "      {key}: {count}");
        }
    }
    if let Some(t) = &r.training {
        out.push_str("    training:\n");
        let keys = ["awareness_classes", "awareness_trainees", "new_member_classes", "new_member_trainees"];
        for (key, value) in keys.iter().zip(t) {
            if let Some(v) = value {
                let _ = writeln!(out, "      {key}: {v}");
            }
        }
    }
    optional(out, "confirmed", r.confirmed);
    if let Some(source) = &r.source {
        let _ = writeln!(out, "    source: {source}");
    }
    if let Some(note) = &r.note {
        let _ = writeln!(out, "    note: {}", scalar(note));
    }
}

fn optional(out: &mut String, key: &str, value: Option<u64>) {
    if let Some(v) = value {
        let _ = writeln!(out, "    {key}: {v}");
    }
}

fn target(out: &mut String, t: &Target) {
    let _ = writeln!(out, "      - value: {}", t.value);
    optional_text(out, "max", t.max.map(|m| m.to_string()));
    optional_text(out, "by", t.by.as_deref().map(scalar));
    optional_text(out, "document", t.document.as_deref().map(scalar));
    optional_text(out, "deadline", t.deadline.map(|d| d.to_string()));
}

fn optional_text(out: &mut String, key: &str, value: Option<String>) {
    if let Some(v) = value {
        let _ = writeln!(out, "        {key}: {v}");
    }
}

/// A cell's report on one line: it has few fields.
pub fn report_line(out: &mut String, tree: &Tree, r: &Report) {
    let _ = write!(out, "  - {{unit: {}, period: {}", tree.units[r.unit].id, period(&r.period));
    if let Some(as_of) = r.as_of {
        let _ = write!(out, ", as_of: {as_of}");
    }
    let _ = write!(out, ", admitted: {}", r.admitted);
    if let Some(t) = r.targets.first() {
        let _ = write!(out, ", targets: [{{value: {}}}]", t.value);
    }
    if let Some(m) = r.members {
        let _ = write!(out, ", members: {m}");
    }
    if !r.composition.is_empty() {
        let counts: Vec<String> = r.composition.iter().map(|(k, n)| format!("{k}: {n}")).collect();
        let _ = write!(out, ", composition: {{{}}}", counts.join(", "));
    }
    out.push_str("}\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_are_quoted_only_when_needed() {
        assert_eq!(scalar("Đảng bộ xã Hòa Bình 12"), "Đảng bộ xã Hòa Bình 12");
        assert_eq!(scalar("Quý I/2023"), "Quý I/2023");
        assert_eq!(scalar("Chi bộ: thôn 3"), "\"Chi bộ: thôn 3\"");
        assert_eq!(scalar("2023"), "\"2023\"");
        assert_eq!(scalar("Số liệu \"hư cấu\""), "\"Số liệu \\\"hư cấu\\\"\"");
    }
}
