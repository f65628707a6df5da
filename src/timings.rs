//! Timings: how long each stage of a run took and how much it processed, for
//! `bantin build --timings`.

use std::fmt;
use std::time::{Duration, Instant};

/// One stage: its name, wall time and how many items it processed.
#[derive(Clone, Debug)]
pub struct Stage {
    pub name: &'static str,
    pub took: Duration,
    pub items: usize,
    pub unit: &'static str,
}

/// The stages of one run, in order.
#[derive(Default)]
pub struct Timings {
    pub stages: Vec<Stage>,
    /// Told the name of each stage as it starts, for a progress line.
    on_start: Option<Box<dyn Fn(&'static str) + Send>>,
}

impl Timings {
    /// Timings that call `on_start` with each stage's name as it starts.
    pub fn with_progress(on_start: impl Fn(&'static str) + Send + 'static) -> Timings {
        Timings { stages: Vec::new(), on_start: Some(Box::new(on_start)) }
    }

    /// Runs `work`, which returns its result and how many `unit`s it processed.
    pub fn stage<T>(
        &mut self,
        name: &'static str,
        unit: &'static str,
        work: impl FnOnce() -> (T, usize),
    ) -> T {
        if let Some(on_start) = &self.on_start {
            on_start(name);
        }
        let started = Instant::now();
        let (out, items) = work();
        self.stages.push(Stage { name, took: started.elapsed(), items, unit });
        out
    }

    pub fn total(&self) -> Duration {
        self.stages.iter().map(|s| s.took).sum()
    }
}

/// A table: stage, wall time, items and items per second.
impl fmt::Display for Timings {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        writeln!(f, "{:<9} {:>10} {:>9} {:<8} {:>12}", "stage", "wall", "items", "", "items/s")?;
        for s in &self.stages {
            let rate = s.items as f64 / s.took.as_secs_f64().max(1e-9);
            writeln!(f, "{:<9} {:>7.1} ms {:>9} {:<8} {:>12.0}", s.name, ms(s.took), s.items, s.unit, rate)?;
        }
        write!(f, "{:<9} {:>7.1} ms", "total", ms(self.total()))
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_keep_their_order_items_and_unit() {
        let mut t = Timings::default();
        let n = t.stage("walk", "files", || (7, 3));
        t.stage("parse", "files", || ((), 3));
        assert_eq!(n, 7);
        let names: Vec<_> = t.stages.iter().map(|s| (s.name, s.items, s.unit)).collect();
        assert_eq!(names, [("walk", 3, "files"), ("parse", 3, "files")]);
        let table = t.to_string();
        assert!(table.lines().nth(1).unwrap().starts_with("walk "), "{table}");
        assert!(table.lines().last().unwrap().starts_with("total"), "{table}");
    }

    #[test]
    fn progress_is_told_each_stage_as_it_starts() {
        let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let log = seen.clone();
        let mut t = Timings::with_progress(move |name| log.lock().unwrap().push(name));
        t.stage("walk", "files", || ((), 1));
        t.stage("render", "pages", || ((), 1));
        assert_eq!(*seen.lock().unwrap(), ["walk", "render"]);
    }
}
