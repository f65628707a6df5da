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
    /// Run in parallel with the stages before it rather than after them: not part of
    /// the total.
    pub beside: bool,
}

/// A stage run beside others, on another thread, with its result: how many items it
/// processed.
pub struct Beside {
    stage: Stage,
    out: std::io::Result<usize>,
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
        self.stages.push(Stage { name, took: started.elapsed(), items, unit, beside: false });
        out
    }

    /// Times `work`, which returns how many `unit`s it processed, on a thread beside the
    /// stages of a run; [`Timings::add`] notes it among them.
    pub fn beside(
        name: &'static str,
        unit: &'static str,
        work: impl FnOnce() -> std::io::Result<usize>,
    ) -> Beside {
        let started = Instant::now();
        let out = work();
        let items = *out.as_ref().unwrap_or(&0);
        Beside { stage: Stage { name, took: started.elapsed(), items, unit, beside: true }, out }
    }

    /// Notes a stage run beside the others and gives back its result.
    pub fn add(&mut self, beside: Beside) -> std::io::Result<usize> {
        self.stages.push(beside.stage);
        beside.out
    }

    /// The wall time of the stages run one after another.
    pub fn total(&self) -> Duration {
        self.stages.iter().filter(|s| !s.beside).map(|s| s.took).sum()
    }
}

/// A table: stage, wall time, items and items per second.
impl fmt::Display for Timings {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        writeln!(f, "{:<9} {:>10} {:>9} {:<8} {:>12}", "stage", "wall", "items", "", "items/s")?;
        for s in &self.stages {
            let rate = s.items as f64 / s.took.as_secs_f64().max(1e-9);
            let beside = if s.beside { "  (in parallel)" } else { "" };
            writeln!(
                f,
                "{:<9} {:>7.1} ms {:>9} {:<8} {:>12.0}{beside}",
                s.name,
                ms(s.took),
                s.items,
                s.unit,
                rate
            )?;
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
    fn a_stage_run_in_parallel_is_marked_and_left_out_of_the_total() {
        let mut t = Timings::default();
        t.stage("render", "pages", || {
            std::thread::sleep(Duration::from_millis(20));
            ((), 1)
        });
        let data = Timings::beside("data", "files", || {
            std::thread::sleep(Duration::from_millis(30));
            Ok(3)
        });
        assert_eq!(t.add(data).unwrap(), 3);
        let failed = Timings::beside("search", "files", || Err(std::io::Error::other("full")));
        assert!(t.add(failed).is_err());
        assert_eq!(t.total(), t.stages[0].took);
        let table = t.to_string();
        let data_line = table.lines().find(|l| l.starts_with("data ")).unwrap();
        assert!(data_line.contains(" 3 files") && data_line.ends_with("(in parallel)"), "{table}");
        assert!(!table.lines().next().unwrap().contains("parallel"), "{table}");
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
