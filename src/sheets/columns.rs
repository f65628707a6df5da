//! Header rows: which sheet holds units and which reports, and what each column means.
//!
//! The field names come from the model's own deserializers ([`fields_of`]), so a field
//! added to a report, a target or its training is a column as soon as the model reads
//! it. Headers are compared folded (no accents, no case, letters and digits only), so
//! `Kết nạp`, `ket nap` and `KET_NAP` are one column.

use crate::catalog::{self, SheetLabels};
use crate::model::{BUILTIN_CATEGORIES, Language, Report, Target, Training, Unit};
use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};
use std::collections::HashMap;
use std::sync::OnceLock;

/// What a column of a sheet holds, as a place in the item its row becomes.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Slot {
    /// A field of the item itself (`admitted`, `name`).
    Top(String),
    /// The period's label (`2024`, or the label of a period with its own dates).
    Period,
    PeriodFrom,
    PeriodTo,
    Training(String),
    Composition(String),
    /// A field of the target with this number (from 1).
    Target(u16, String),
    /// A column for people (the unit's name beside its id): read by no rule.
    Ignored,
}

impl Slot {
    /// The YAML path of this slot inside its item, with targets by their number.
    pub fn path(&self) -> String {
        match self {
            Slot::Top(f) => f.clone(),
            Slot::Period => "period".into(),
            Slot::PeriodFrom => "period.from".into(),
            Slot::PeriodTo => "period.to".into(),
            Slot::Training(f) => format!("training.{f}"),
            Slot::Composition(k) => format!("composition.{k}"),
            Slot::Target(n, f) => format!("targets[{}].{f}", n - 1),
            Slot::Ignored => String::new(),
        }
    }

    /// The field name a header of this slot is written as (`target2_value`).
    pub fn field_name(&self) -> String {
        match self {
            Slot::Top(f) | Slot::Training(f) | Slot::Composition(f) => f.clone(),
            Slot::Period => "period".into(),
            Slot::PeriodFrom => "period_from".into(),
            Slot::PeriodTo => "period_to".into(),
            Slot::Target(n, f) => format!("target{n}_{f}"),
            Slot::Ignored => "unit_name".into(),
        }
    }
}

/// What kind of items a sheet holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Units,
    Reports,
}

/// The names of a struct's fields, as its derived deserializer lists them.
pub fn fields_of<T: for<'de> Deserialize<'de>>() -> &'static [&'static str] {
    struct Probe(Option<&'static [&'static str]>);
    impl<'de> Deserializer<'de> for &mut Probe {
        type Error = de::value::Error;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
            Err(de::Error::custom("not a struct"))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Self::Error> {
            self.0 = Some(fields);
            Err(de::Error::custom("probed"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option
            unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
        }
    }
    let mut probe = Probe(None);
    let _ = T::deserialize(&mut probe);
    probe.0.unwrap_or(&[])
}

/// A header as compared: folded to ASCII, lowercase, letters and digits only.
pub fn key(header: &str) -> String {
    crate::text::fold(header).chars().filter(char::is_ascii_alphanumeric).collect()
}

/// The columns one kind of sheet knows: by folded header, and every header as written,
/// for the nearest name of a misspelt one.
pub struct Table {
    by_key: HashMap<String, Slot>,
    /// Targets by their folded header with the number as `#`.
    targets: HashMap<String, String>,
    pub names: Vec<String>,
    /// The fields a target has, for `target{n}_…` headers.
    target_fields: &'static [&'static str],
}

impl Table {
    fn new(kind: Kind) -> Table {
        let mut t =
            Table { by_key: HashMap::new(), targets: HashMap::new(), names: Vec::new(), target_fields: &[] };
        let languages = [catalog::sheets(Language::Vi), catalog::sheets(Language::En)];
        match kind {
            Kind::Units => {
                for f in fields_of::<Unit>() {
                    t.add(f, Slot::Top(f.to_string()));
                }
                for s in languages {
                    let u = &s.units;
                    for (c, f) in [
                        (&u.id, "id"),
                        (&u.name, "name"),
                        (&u.kind, "kind"),
                        (&u.parent, "parent"),
                        (&u.order, "order"),
                    ] {
                        t.add(c.header, Slot::Top(f.to_string()));
                    }
                }
            }
            Kind::Reports => t.reports(&languages),
        }
        t
    }

    fn reports(&mut self, languages: &[&SheetLabels; 2]) {
        let nested = ["period", "targets", "composition", "training"];
        for f in fields_of::<Report>().iter().filter(|f| !nested.contains(f)) {
            self.add(f, Slot::Top(f.to_string()));
        }
        self.add("period", Slot::Period);
        self.add("period_from", Slot::PeriodFrom);
        self.add("period_to", Slot::PeriodTo);
        self.add("unit_name", Slot::Ignored);
        for f in fields_of::<Training>() {
            self.add(f, Slot::Training(f.to_string()));
        }
        for (k, _) in BUILTIN_CATEGORIES {
            self.add(k, Slot::Composition(k.to_string()));
        }
        self.target_fields = fields_of::<Target>();
        for f in self.target_fields {
            self.targets.insert(format!("target#{}", key(f)), f.to_string());
        }
        for (s, language) in languages.iter().zip([Language::Vi, Language::En]) {
            let r = &s.reports;
            for (c, slot) in [
                (&r.unit, Slot::Top("unit".into())),
                (&r.unit_name, Slot::Ignored),
                (&r.period, Slot::Period),
                (&r.period_from, Slot::PeriodFrom),
                (&r.period_to, Slot::PeriodTo),
                (&r.as_of, Slot::Top("as_of".into())),
                (&r.admitted, Slot::Top("admitted".into())),
                (&r.members, Slot::Top("members".into())),
                (&r.members_at_start, Slot::Top("members_at_start".into())),
                (&r.organizations, Slot::Top("organizations".into())),
                (&r.confirmed, Slot::Top("confirmed".into())),
                (&r.source, Slot::Top("source".into())),
                (&r.note, Slot::Top("note".into())),
            ] {
                self.add(c.header, slot);
            }
            for (c, f) in target_columns(s) {
                let (before, after) = c.header.split_once("{n}").unwrap_or((c.header, ""));
                self.targets.insert(format!("{}#{}", key(before), key(after)), f.to_string());
                self.names.push(c.header.replace("{n}", "1"));
            }
            let l = catalog::labels(language);
            for (label, f) in [
                (l.awareness_classes, "awareness_classes"),
                (l.awareness_trainees, "awareness_trainees"),
                (l.new_member_classes, "new_member_classes"),
                (l.new_member_trainees, "new_member_trainees"),
            ] {
                self.add(label, Slot::Training(f.to_string()));
            }
            for (k, label) in BUILTIN_CATEGORIES {
                self.add(label(&l.categories), Slot::Composition(k.to_string()));
            }
        }
        for f in self.target_fields {
            self.names.push(format!("target1_{f}"));
        }
    }

    /// A header this table knows; of headers that fold alike, the first is the one
    /// offered for a misspelt header.
    fn add(&mut self, header: &str, slot: Slot) {
        if let std::collections::hash_map::Entry::Vacant(e) = self.by_key.entry(key(header)) {
            e.insert(slot);
            self.names.push(header.to_string());
        }
    }

    /// What a header means: its slot, or `None` when it names nothing this table knows.
    pub fn slot(&self, header: &str) -> Option<Slot> {
        let k = key(header);
        if let Some(slot) = self.by_key.get(&k) {
            return Some(slot.clone());
        }
        let start = k.find(|c: char| c.is_ascii_digit())?;
        let len = k[start..].find(|c: char| !c.is_ascii_digit()).unwrap_or(k.len() - start);
        let n: u16 = k[start..start + len].parse().ok().filter(|n| (1..=99).contains(n))?;
        let pattern = format!("{}#{}", &k[..start], &k[start + len..]);
        self.targets.get(&pattern).map(|f| Slot::Target(n, f.clone()))
    }

    /// The headers a sheet of this kind needs.
    pub fn required(kind: Kind) -> &'static [&'static str] {
        match kind {
            Kind::Units => &["id", "name"],
            Kind::Reports => &["unit", "period", "admitted"],
        }
    }
}

/// The target columns of one language, with the field each names.
fn target_columns(s: &SheetLabels) -> [(&crate::catalog::Column, &'static str); 7] {
    let r = &s.reports;
    [
        (&r.target_value, "value"),
        (&r.target_max, "max"),
        (&r.target_rate_pct, "rate_pct"),
        (&r.target_max_rate_pct, "max_rate_pct"),
        (&r.target_by, "by"),
        (&r.target_document, "document"),
        (&r.target_deadline, "deadline"),
    ]
}

/// The column tables of units and reports, made once.
pub fn table(kind: Kind) -> &'static Table {
    static UNITS: OnceLock<Table> = OnceLock::new();
    static REPORTS: OnceLock<Table> = OnceLock::new();
    match kind {
        Kind::Units => UNITS.get_or_init(|| Table::new(Kind::Units)),
        Kind::Reports => REPORTS.get_or_init(|| Table::new(Kind::Reports)),
    }
}

/// Whether a slot names a field the model reads: a column of a field the model does not
/// have is unknown.
pub fn known(kind: Kind, slot: &Slot) -> bool {
    match (kind, slot) {
        (Kind::Units, Slot::Top(f)) => fields_of::<Unit>().contains(&f.as_str()),
        (Kind::Reports, Slot::Top(f)) => fields_of::<Report>().contains(&f.as_str()),
        (Kind::Reports, Slot::Target(_, f)) => fields_of::<Target>().contains(&f.as_str()),
        (Kind::Reports, Slot::Training(f)) => fields_of::<Training>().contains(&f.as_str()),
        (Kind::Reports, _) => true,
        (Kind::Units, _) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_model_lists_its_fields() {
        assert!(fields_of::<Report>().contains(&"admitted"));
        assert!(fields_of::<Unit>().contains(&"parent"));
        assert!(fields_of::<Training>().contains(&"awareness_trainees"));
        assert!(fields_of::<Target>().contains(&"deadline"));
    }

    #[test]
    fn headers_in_either_language_or_as_field_names() {
        let r = table(Kind::Reports);
        assert_eq!(r.slot("Kết nạp"), Some(Slot::Top("admitted".into())));
        assert_eq!(r.slot("admitted"), Some(Slot::Top("admitted".into())));
        assert_eq!(r.slot("KET NAP"), Some(Slot::Top("admitted".into())));
        assert_eq!(r.slot("Mã đơn vị"), Some(Slot::Top("unit".into())));
        assert_eq!(r.slot("Nữ"), Some(Slot::Composition("women".into())));
        assert_eq!(r.slot("women"), Some(Slot::Composition("women".into())));
        assert_eq!(r.slot("target2_value"), Some(Slot::Target(2, "value".into())));
        assert_eq!(r.slot("target1_deadline"), Some(Slot::Target(1, "deadline".into())));
        assert_eq!(r.slot("Chỉ tiêu 1"), Some(Slot::Target(1, "value".into())));
        assert_eq!(r.slot("Chỉ tiêu 12 tối đa"), Some(Slot::Target(12, "max".into())));
        assert_eq!(r.slot("Target 3 deadline"), Some(Slot::Target(3, "deadline".into())));
        assert_eq!(r.slot("Kỳ"), Some(Slot::Period));
        assert_eq!(r.slot("period_from"), Some(Slot::PeriodFrom));
        assert_eq!(
            r.slot("Lớp bồi dưỡng nhận thức về Đảng"),
            Some(Slot::Training("awareness_classes".into()))
        );
        assert_eq!(r.slot("Tên đơn vị"), Some(Slot::Ignored));
        assert_eq!(r.slot("admited"), None);
        assert_eq!(r.slot("target0_value"), None);
        let u = table(Kind::Units);
        assert_eq!(u.slot("Mã đơn vị"), Some(Slot::Top("id".into())));
        assert_eq!(u.slot("Mã đơn vị cấp trên"), Some(Slot::Top("parent".into())));
    }
}
