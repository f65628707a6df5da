//! The organisation tree of a synthetic bulletin: provinces, their communes and wards,
//! and the party cells (chi bộ) of each commune. Every name is made up.

use super::Shape;
use super::rng::Rng;
use bantin::locale::round_to_u64;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Province,
    Commune,
    Cell,
}

pub struct Unit {
    pub id: String,
    /// The party organisation: "Đảng bộ xã Hòa Bình 123".
    pub name: String,
    /// The place, for sentences: "xã Hòa Bình 123".
    pub place: String,
    /// Its party committee, who sets the targets of the units under it: "Đảng ủy xã …".
    pub committee: String,
    pub kind: &'static str,
    pub parent: Option<usize>,
    pub order: Option<i64>,
    pub level: Level,
    pub children: Vec<usize>,
    /// 0-based number of the province the unit belongs to.
    pub province: usize,
}

pub struct Tree {
    pub units: Vec<Unit>,
    pub provinces: Vec<usize>,
    pub communes: Vec<usize>,
    pub cells: Vec<usize>,
}

/// Two-syllable place names; a number after each keeps them apart.
const PLACES: [&str; 40] = [
    "Hòa Bình",
    "An Lạc",
    "Tân Phú",
    "Phước Long",
    "Thạnh Mỹ",
    "Đông Hưng",
    "Xuân Thủy",
    "Bình Minh",
    "Hưng Đạo",
    "Quang Trung",
    "Long Điền",
    "Mỹ Xuyên",
    "Vĩnh Hòa",
    "Nghĩa Đàn",
    "Trường Sơn",
    "Hải Châu",
    "Phú Lộc",
    "Cẩm Lệ",
    "Đức Thắng",
    "Yên Thế",
    "Lạc Dương",
    "Tây Hồ",
    "Ninh Hải",
    "Hồng Phong",
    "Kim Liên",
    "Thái Hòa",
    "Sơn Trà",
    "Đồng Tâm",
    "Tiên Lãng",
    "Quảng Điền",
    "Ea Tiêu",
    "Krông Bông",
    "Bắc Sơn",
    "Nam Đàn",
    "Việt Hưng",
    "Thủy Nguyên",
    "Phong Điền",
    "Diễn Châu",
    "Ô Loan",
    "Cửa Việt",
];

impl Tree {
    pub fn new(shape: &Shape, rng: &mut Rng) -> Tree {
        let mut tree =
            Tree { units: Vec::new(), provinces: Vec::new(), communes: Vec::new(), cells: Vec::new() };
        let sizes = split(shape.communes, shape.provinces, rng);
        for (p, &communes) in sizes.iter().enumerate() {
            let province = tree.add(province(p));
            tree.provinces.push(province);
            for _ in 0..communes {
                let n = tree.communes.len() + 1;
                let commune = tree.add(commune(n, province, p, communes, rng));
                tree.communes.push(commune);
                let cells = shape.cells.0 + rng.below(shape.cells.1 - shape.cells.0 + 1);
                for k in 1..=cells {
                    let cell = tree.add(cell(k, &tree.units[commune], commune, rng));
                    tree.cells.push(cell);
                }
            }
        }
        tree
    }

    fn add(&mut self, unit: Unit) -> usize {
        let i = self.units.len();
        if let Some(parent) = unit.parent {
            self.units[parent].children.push(i);
        }
        self.units.push(unit);
        i
    }
}

/// `total` split into `parts` uneven but positive counts.
fn split(total: usize, parts: usize, rng: &mut Rng) -> Vec<usize> {
    let weights: Vec<f64> = (0..parts).map(|_| rng.between(0.7, 1.3)).collect();
    let sum: f64 = weights.iter().sum();
    let share =
        |w: f64| usize::try_from(round_to_u64((total as f64 * w / sum).floor())).unwrap_or(usize::MAX);
    let mut sizes: Vec<usize> = weights.iter().map(|&w| share(w).max(1)).collect();
    let mut i = 0;
    while sizes.iter().sum::<usize>() < total {
        sizes[i % parts] += 1;
        i += 1;
    }
    sizes
}

fn province(p: usize) -> Unit {
    let n = p + 1;
    let (kind, word, id, committee) = if n.is_multiple_of(5) {
        ("Đảng bộ thành phố", "Thành phố", "thanh-pho", "Thành ủy")
    } else {
        ("Đảng bộ tỉnh", "Tỉnh", "tinh", "Tỉnh ủy")
    };
    Unit {
        id: format!("{id}-thu-nghiem-{n:02}"),
        name: format!("Đảng bộ {} Thử Nghiệm {n:02}", word.to_lowercase()),
        place: format!("{word} Thử Nghiệm {n:02}"),
        committee: format!("{committee} Thử Nghiệm {n:02}"),
        kind,
        parent: None,
        order: i64::try_from(n).ok(),
        level: Level::Province,
        children: Vec::new(),
        province: p,
    }
}

/// Commune number `n` (numbered across the whole country, so names never repeat).
fn commune(n: usize, parent: usize, p: usize, siblings: usize, rng: &mut Rng) -> Unit {
    let (kind, word, id) = if rng.chance(0.22) {
        ("Đảng bộ phường", "phường", "phuong")
    } else {
        ("Đảng bộ xã", "xã", "xa")
    };
    let place = rng.pick(&PLACES);
    let slug = bantin::text::slug(place).expect("place names fold to slugs");
    Unit {
        id: format!("{id}-{slug}-{n}"),
        name: format!("Đảng bộ {word} {place} {n}"),
        place: format!("{word} {place} {n}"),
        committee: format!("Đảng ủy {word} {place} {n}"),
        kind,
        parent: Some(parent),
        order: rng.chance(0.8).then(|| 1 + rng.below(siblings)).and_then(|k| i64::try_from(k).ok()),
        level: Level::Commune,
        children: Vec::new(),
        province: p,
    }
}

fn cell(k: usize, commune: &Unit, parent: usize, rng: &mut Rng) -> Unit {
    let place = rng.pick(&PLACES);
    let name = match rng.below(8) {
        0..=2 => format!("Chi bộ thôn {place} {k}"),
        3 => format!("Chi bộ khu dân cư số {k}"),
        4 => format!("Chi bộ Trường Tiểu học {place} {k}"),
        5 => format!("Chi bộ Trường THCS {place} {k}"),
        6 => format!("Chi bộ Trạm Y tế số {k}"),
        _ => format!("Chi bộ Hợp tác xã {place} {k}"),
    };
    Unit {
        id: format!("{}-cb{k:02}", commune.id),
        place: format!("{} ({})", name.trim_start_matches("Chi bộ "), commune.place),
        committee: format!("Chi ủy {}", name.trim_start_matches("Chi bộ ")),
        name,
        kind: "Chi bộ",
        parent: Some(parent),
        order: rng.chance(0.5).then_some(k).and_then(|k| i64::try_from(k).ok()),
        level: Level::Cell,
        children: Vec::new(),
        province: commune.province,
    }
}
