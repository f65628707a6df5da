//! The order of the figures, planned before any is made: units and period labels as
//! numbers in the order of their strings, so that a large content folder's figures sort
//! and group on integers, and each figure is made once, in its place.

use crate::model::Content;
use crate::model::period::Period;
use crate::resolve::Tree;
use chrono::NaiveDate;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::ops::Range;

/// Where a figure belongs: its unit and its period label, numbered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Place {
    pub unit: u32,
    pub label: u32,
}

/// The numbers of every unit id and period label a content folder names.
pub struct Numbering<'a> {
    units: FxHashMap<&'a str, u32>,
    /// Label number → its period (validation gives one label one period).
    periods: Vec<&'a Period>,
    /// Unit number → its parent's number.
    parents: Vec<Option<u32>>,
    /// The place of each report, in the order of `Content::reports`.
    pub reports: Vec<Place>,
}

impl<'a> Numbering<'a> {
    pub fn new(content: &'a Content) -> Numbering<'a> {
        let (mut units, mut labels) = (Numbered::default(), Numbered::default());
        for u in content.units.iter() {
            units.meet(&u.id);
        }
        // Each report's unit and label is hashed once, numbered as met, renumbered below.
        // (A report of an unknown unit does not pass validation, but numbering its unit
        // too keeps every lookup total.)
        let met: Vec<Place> = (content.reports.iter())
            .map(|r| Place { unit: units.meet(&r.unit), label: labels.meet(&r.period.label) })
            .collect();
        let mut parents = vec![None; units.strings.len()];
        let (units, labels) = (units.into_sorted(), labels.into_sorted());
        for u in content.units.iter() {
            if let Some(parent) = &u.parent {
                parents[units.map[u.id.as_str()] as usize] = units.map.get(parent.as_str()).copied();
            }
        }
        let mut periods: Vec<Option<&Period>> = vec![None; labels.renumbered.len()];
        let reports = (met.into_iter().zip(content.reports.iter()))
            .map(|(place, r)| {
                let label = labels.renumbered[place.label as usize];
                periods[label as usize].get_or_insert(&r.period);
                Place { unit: units.renumbered[place.unit as usize], label }
            })
            .collect();
        let periods = periods.into_iter().map(|p| p.expect("every label is a report's")).collect();
        Numbering { units: units.map, periods, parents, reports }
    }

    /// How many units are numbered: unit numbers are below it.
    pub fn unit_count(&self) -> usize {
        self.parents.len()
    }

    /// A unit's number; every unit of the content has one.
    pub fn unit(&self, id: &str) -> u32 {
        self.units[id]
    }

    pub fn parent(&self, unit: u32) -> Option<u32> {
        self.parents[unit as usize]
    }

    /// The period a label number stands for.
    pub fn period(&self, label: u32) -> &'a Period {
        self.periods[label as usize]
    }

    /// Label number → the period it stands for.
    pub fn periods(&self) -> &[&'a Period] {
        &self.periods
    }
}

/// Strings numbered in the order they are met.
#[derive(Default)]
struct Numbered<'a> {
    map: FxHashMap<&'a str, u32>,
    strings: Vec<&'a str>,
}

/// Strings numbered in their sorted order.
struct Sorted<'a> {
    map: FxHashMap<&'a str, u32>,
    /// Number met → number in sorted order.
    renumbered: Vec<u32>,
}

impl<'a> Numbered<'a> {
    /// The number of `s`: a new one the first time it is met.
    fn meet(&mut self, s: &'a str) -> u32 {
        let Numbered { map, strings } = self;
        *map.entry(s).or_insert_with(|| {
            strings.push(s);
            u32::try_from(strings.len() - 1).expect("fewer than 2³² units and labels")
        })
    }

    fn into_sorted(self) -> Sorted<'a> {
        let Numbered { mut map, strings } = self;
        let mut order: Vec<usize> = (0..strings.len()).collect();
        order.sort_unstable_by_key(|&i| strings[i]);
        let mut renumbered = vec![0; strings.len()];
        for (number, &i) in (0u32..).zip(&order) {
            renumbered[i] = number;
        }
        for number in map.values_mut() {
            *number = renumbered[*number as usize];
        }
        Sorted { map, renumbered }
    }
}

/// One figure of the sorted list, before it is made.
#[derive(Clone, Copy, Debug)]
pub struct Slot {
    pub place: Place,
    /// The index of its report in `Content::reports`; `None` for a derived figure.
    pub written: Option<usize>,
    /// False for an earlier snapshot of the same unit and period.
    pub latest: bool,
}

/// Every figure's slot, in the order of `Indicators::reports`.
pub struct Plan<'a> {
    pub slots: Vec<Slot>,
    /// Unit number → the range of `slots` that holds its figures.
    pub units: Vec<Range<usize>>,
    /// The unit id and place of each derived figure, children before their parents.
    pub derived: Vec<(&'a str, Place)>,
}

impl<'a> Plan<'a> {
    pub fn new(content: &Content, tree: &Tree<'a>, numbers: &Numbering) -> Plan<'a> {
        let mut keyed: Vec<(SortKey, Slot)> = content
            .reports
            .par_iter()
            .enumerate()
            .zip(&numbers.reports)
            .map(|((i, r), &place)| {
                (
                    (place.unit, r.period.from, place.label, r.as_of()),
                    Slot { place, written: Some(i), latest: true },
                )
            })
            .collect();
        let derived = derived_places(tree, numbers, keyed.iter().map(|(_, s)| s.place));
        // A derived figure is alone at its unit and label: its `as_of` cannot move it.
        keyed.extend(derived.iter().map(|&(_, place)| {
            let period = numbers.period(place.label);
            ((place.unit, period.from, place.label, period.to), Slot { place, written: None, latest: true })
        }));
        // Validation refuses two reports of one unit, label and as_of: no two keys are equal.
        keyed.par_sort_unstable_by_key(|&(key, _)| key);
        let mut slots: Vec<Slot> = keyed.iter().map(|&(_, slot)| slot).collect();
        mark_latest(&keyed, &mut slots);
        let units = unit_ranges(&slots, numbers.unit_count());
        Plan { slots, units, derived }
    }

    /// The slot of a unit's figure for a period: its latest snapshot, written or derived.
    pub fn latest(&self, place: Place) -> Option<usize> {
        let mut range = self.units[place.unit as usize].clone();
        range.find(|&i| self.slots[i].latest && self.slots[i].place == place)
    }
}

/// The order of figures (unit id, period start, period label, as_of), on numbers.
type SortKey = (u32, NaiveDate, u32, NaiveDate);

/// Each unit and label that the unit has no report for but some of its children have
/// a figure for (their own or derived), children before their parents.
fn derived_places<'a>(
    tree: &Tree<'a>,
    numbers: &Numbering,
    written: impl Iterator<Item = Place>,
) -> Vec<(&'a str, Place)> {
    // Unit number → the labels it has figures for.
    let mut labels: Vec<Vec<u32>> = vec![Vec::new(); numbers.unit_count()];
    for place in written {
        labels[place.unit as usize].push(place.label);
    }
    let mut derived = Vec::new();
    for unit in tree.post_order() {
        let number = numbers.unit(unit);
        let mut from_children: Vec<u32> = tree
            .children_of(unit)
            .iter()
            .flat_map(|c| labels[numbers.unit(c) as usize].iter().copied())
            .collect();
        from_children.sort_unstable();
        from_children.dedup();
        from_children.retain(|label| !labels[number as usize].contains(label));
        derived.extend(from_children.iter().map(|&label| (unit, Place { unit: number, label })));
        labels[number as usize].extend(from_children);
    }
    derived
}

/// Marks every snapshot but the one with the latest `as_of` of its unit and period:
/// sorted, a unit's snapshots of one period are together, by `as_of`.
fn mark_latest(keyed: &[(SortKey, Slot)], slots: &mut [Slot]) {
    let mut start = 0;
    for run in keyed.chunk_by(|a, b| a.1.place == b.1.place) {
        let newest = run[run.len() - 1].0.3;
        for (slot, (key, _)) in slots[start..].iter_mut().zip(run) {
            slot.latest = key.3 == newest;
        }
        start += run.len();
    }
}

/// Unit number → the range of `slots` (sorted by unit) that holds its figures; empty
/// for a unit without figures.
fn unit_ranges(slots: &[Slot], unit_count: usize) -> Vec<Range<usize>> {
    let mut ranges = vec![0..0; unit_count];
    let mut start = 0;
    for run in slots.chunk_by(|a, b| a.place.unit == b.place.unit) {
        ranges[run[0].place.unit as usize] = start..start + run.len();
        start += run.len();
    }
    ranges
}
