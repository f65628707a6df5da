//! Synthetic content: a complete, clearly fictional content folder of a chosen size,
//! for tests and benchmarks. The same size and seed give a byte-identical folder.
//!
//! `small` is one province with ten communes and their cells, quick to build; `medium`
//! and `national` have the shape of a country's data (provinces, communes, cells,
//! years 2015–2024 with snapshots of the current year) at two scales.

mod figures;
mod news;
mod prose;
mod rng;
mod tree;
mod workbook;
mod yaml;

use figures::{Figures, Period, Report};
use rng::Rng;
use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::Path;
use tree::{Level, Tree};

/// The year counted in snapshots; the years before it are complete.
const CURRENT_YEAR: i32 = 2024;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Size {
    /// 1 province, 10 communes and their cells, 2020–2024, about 60 articles.
    Small,
    /// 5 provinces, 500 communes and their cells, 2015–2024, 5,000 articles.
    Medium,
    /// 34 provinces, 3,300 communes, about 33,000 cells, 2015–2024, 20,000 articles.
    National,
}

/// How much a size holds.
pub struct Shape {
    pub provinces: usize,
    pub communes: usize,
    /// The fewest and the most cells of a commune.
    pub cells: (usize, usize),
    pub first_year: i32,
    pub articles: usize,
}

impl Size {
    pub fn shape(self) -> Shape {
        match self {
            Size::Small => {
                Shape { provinces: 1, communes: 10, cells: (2, 4), first_year: 2020, articles: 60 }
            }
            Size::Medium => {
                Shape { provinces: 5, communes: 500, cells: (6, 14), first_year: 2015, articles: 5_000 }
            }
            Size::National => {
                Shape { provinces: 34, communes: 3_300, cells: (6, 14), first_year: 2015, articles: 20_000 }
            }
        }
    }
}

/// What a generated folder holds.
#[derive(Debug, PartialEq, Eq)]
pub struct Stats {
    pub units: usize,
    pub reports: usize,
    pub articles: usize,
    pub drafts: usize,
    pub files: usize,
}

/// Where a synthetic set keeps its reports.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Reports {
    /// In YAML files beside the units, as a person typing them would split them.
    #[default]
    Yaml,
    /// In one workbook, `data/bao-cao.xlsx`; the units stay in YAML.
    Workbook,
}

/// Writes a content folder of `size` into `out`, which must not exist or be empty.
pub fn generate(size: Size, seed: u64, out: &Path) -> io::Result<Stats> {
    generate_with(size, seed, out, Reports::Yaml)
}

/// [`generate`], with the reports where `reports` says. Both ways hold the same content.
pub fn generate_with(size: Size, seed: u64, out: &Path, reports: Reports) -> io::Result<Stats> {
    if fs::read_dir(out).is_ok_and(|mut entries| entries.next().is_some()) {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{} is not empty: expected a new or empty folder", out.display()),
        ));
    }
    let shape = size.shape();
    let mut rng = Rng::new(seed);
    let tree = Tree::new(&shape, &mut rng);
    let mut figures = figures::build(&tree, &shape, &mut rng);
    let articles = news::articles(&tree, &mut figures, &shape, &mut rng);
    let mut files = data_files(&tree, &figures, reports == Reports::Yaml);
    files.insert("site.yaml".into(), site_yaml(size, seed, &tree));
    let workbook = match reports {
        Reports::Yaml => None,
        Reports::Workbook => {
            let all: Vec<&Report> = figures.reports.iter().collect();
            Some(workbook::reports(&tree, &all).map_err(io::Error::other)?)
        }
    };
    files.insert("static/favicon.svg".into(), FAVICON.into());
    files.insert("static/tai-lieu/huong-dan.txt".into(), GUIDE.into());
    let stats = Stats {
        units: tree.units.len(),
        reports: figures.reports.len(),
        articles: articles.len(),
        drafts: articles.iter().filter(|a| a.draft).count(),
        files: files.len() + articles.len() + usize::from(workbook.is_some()),
    };
    if let Some(bytes) = workbook {
        fs::create_dir_all(out.join("data"))?;
        fs::write(out.join("data/bao-cao.xlsx"), bytes)?;
    }
    let all = files.iter().map(|(p, t)| (p.as_str(), t.as_str()));
    for (path, text) in all.chain(articles.iter().map(|a| (a.path.as_str(), a.text.as_str()))) {
        write(&out.join(path), text)?;
    }
    Ok(stats)
}

fn write(path: &Path, text: &str) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    fs::write(path, text)
}

const FAVICON: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 16 16\">\
<rect width=\"16\" height=\"16\" fill=\"#b71c1c\"/><text x=\"8\" y=\"12\" font-size=\"10\" \
text-anchor=\"middle\" fill=\"#ffeb3b\">T</text></svg>\n";

const GUIDE: &str = "Tài liệu thử nghiệm (hư cấu): hướng dẫn tổng hợp số liệu phát triển đảng viên.\n";

fn site_yaml(size: Size, seed: u64, tree: &Tree) -> String {
    let mut out = format!(
        "# Bản tin thử nghiệm ({size:?}, seed {seed}): mọi đơn vị, con số và bài viết đều hư cấu.\n\
         title: Bản tin thử nghiệm công tác phát triển đảng viên\n\
         description: >-\n  Dữ liệu giả lập, hoàn toàn hư cấu, dùng để thử nghiệm và đo tốc độ bantin; \
         không phản ánh bất kỳ đơn vị hay số liệu thật nào.\n\
         base_url: https://example.org/ban-tin-thu-nghiem/\nlanguage: vi\n"
    );
    // small summarises its province; the larger sizes put their provinces side by side.
    if size == Size::Small {
        out.push_str(&format!("root_unit: {}\n", tree.units[tree.provinces[0]].id));
    }
    // medium leaves the front page's period to bantin (the latest one, 2024).
    if size != Size::Medium {
        out.push_str(&format!("current_period: {CURRENT_YEAR}\n"));
    }
    let decimals = if size == Size::National { 2 } else { 1 };
    out.push_str(&format!(
        "percent_decimals: {decimals}\ncontact: Ban biên tập bản tin thử nghiệm (hư cấu)\n\
         next_release: {}-01-15\ncategories:\n",
        CURRENT_YEAR + 1
    ));
    for (key, label) in figures::CUSTOM_CATEGORIES {
        out.push_str(&format!("  {key}: {label}\n"));
    }
    out
}

/// The data files, split as a person keeping them might: per province its units, its
/// own reports, one file per past year of its communes, one for terms and campaigns,
/// and per commune a file with its cells and the current year.
fn data_files(tree: &Tree, figures: &Figures, with_reports: bool) -> BTreeMap<String, String> {
    let mut units: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for i in 0..tree.units.len() {
        units.entry(unit_file(tree, i)).or_default().push(i);
    }
    let mut reports: BTreeMap<String, Vec<&Report>> = BTreeMap::new();
    for r in figures.reports.iter().filter(|_| with_reports) {
        reports.entry(report_file(tree, r)).or_default().push(r);
    }
    let paths: std::collections::BTreeSet<&String> = units.keys().chain(reports.keys()).collect();
    paths
        .into_iter()
        .map(|path| {
            let text = data_file(tree, units.get(path).map_or(&[][..], Vec::as_slice), reports.get(path));
            (path.clone(), text)
        })
        .collect()
}

fn province_dir(tree: &Tree, unit: usize) -> String {
    format!("data/{}", tree.units[tree.provinces[tree.units[unit].province]].id)
}

fn commune_file(tree: &Tree, commune: usize) -> String {
    format!("{}/xa/{}.yaml", province_dir(tree, commune), tree.units[commune].id)
}

fn unit_file(tree: &Tree, unit: usize) -> String {
    match (tree.units[unit].level, tree.units[unit].parent) {
        (Level::Cell, Some(commune)) => commune_file(tree, commune),
        _ => format!("{}/don-vi.yaml", province_dir(tree, unit)),
    }
}

fn report_file(tree: &Tree, r: &Report) -> String {
    let dir = province_dir(tree, r.unit);
    match (tree.units[r.unit].level, &r.period) {
        (Level::Province, _) => format!("{dir}/tinh.yaml"),
        (Level::Cell, _) => unit_file(tree, r.unit),
        (Level::Commune, Period::Year(CURRENT_YEAR)) => commune_file(tree, r.unit),
        (Level::Commune, Period::Year(y)) => format!("{dir}/nam-{y}.yaml"),
        (Level::Commune, _) => format!("{dir}/nhiem-ky-va-dot.yaml"),
    }
}

fn data_file(tree: &Tree, units: &[usize], reports: Option<&Vec<&Report>>) -> String {
    let mut out = String::from("# Dữ liệu giả lập (hư cấu) để thử nghiệm bantin.\n");
    if !units.is_empty() {
        out.push_str("units:\n");
        for &u in units {
            let unit = &tree.units[u];
            match unit.level {
                Level::Cell => yaml::unit_line(&mut out, tree, unit),
                _ => yaml::unit(&mut out, tree, unit),
            }
        }
    }
    if let Some(reports) = reports {
        out.push_str("reports:\n");
        for r in reports {
            match tree.units[r.unit].level {
                Level::Cell => yaml::report_line(&mut out, tree, r),
                _ => yaml::report(&mut out, tree, r),
            }
        }
    }
    out
}
