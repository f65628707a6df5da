//! The pages of article lists (the news, a tag's, a unit's, a month's): numbered pages
//! and, on the news and the months, the archive by year and month.

use super::{Page, PageView};
use crate::model::Article;
use crate::resolve::lists::{ListId, Month};
use crate::resolve::routes::{PER_PAGE, page_count};
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// Pages linked on each side of the current one.
const NEAR: usize = 2;

impl PageView<'_, '_> {
    /// Page `n` of a list of articles.
    pub(super) fn list_page(&self, list: &ListId, n: usize) -> Page {
        let len = self.r.list_len(list);
        let slice = self.r.list(list, (n - 1) * PER_PAGE..n * PER_PAGE);
        let (title, section, extra) = self.list_kind(list);
        let data = json!({
            "pagination": self.pagination(list, n, page_count(len)),
            "extra": extra,
        });
        let title = if n == 1 { title } else { format!("{title} – {} {n}", self.l.page) };
        let archive = match list {
            ListId::News => self.archive(None),
            ListId::Month(m) => self.archive(Some(*m)),
            _ => tera::Value::none(),
        };
        Page::new(title, section, &data).with("articles", self.article_list(slice)).with("archive", archive)
    }

    /// A list's title, section and the data its template needs besides.
    fn list_kind(&self, list: &ListId) -> (String, &'static str, Value) {
        match list {
            ListId::News => (self.l.news.into(), "news", Value::Null),
            ListId::Tag(slug) => match self.r.tags().get(slug) {
                Some((name, _)) => (name.clone(), "tags", json!({ "tag": name })),
                None => (slug.clone(), "tags", Value::Null),
            },
            ListId::Unit(id) => {
                let unit = self.unit_ref(self.r.units().get_key_value(id.as_str()).map_or("", |(k, _)| k));
                let title = format!("{}: {}", self.l.unit_news, unit.name);
                let extra = json!({ "unit": unit, "breadcrumb": self.breadcrumb(unit.id) });
                (title, "units", extra)
            }
            ListId::Month(m) => {
                let month = self.words.month_title(m.year, m.month);
                (format!("{} · {month}", self.l.news), "news", json!({ "month": month }))
            }
        }
    }

    /// The links of page `n` of `total`: previous and next, the pages near `n`, and the
    /// first and the last page in words when they are not near; a gap (`null`) for the
    /// pages left out. The farthest near pages are marked: narrow screens leave them out.
    fn pagination(&self, list: &ListId, n: usize, total: usize) -> Value {
        let path = |k: usize| list.page(k).path();
        let mut pages: Vec<Value> = Vec::new();
        for k in 1..=total {
            let near = k.abs_diff(n) <= NEAR;
            let text = match k {
                _ if near => self.locale.count(k),
                1 => self.l.first_page.to_string(),
                _ if k == total => self.l.last_page.to_string(),
                _ => {
                    if pages.last().is_some_and(|p| !p.is_null()) {
                        pages.push(Value::Null);
                    }
                    continue;
                }
            };
            let label = near.then(|| format!("{} {}", self.l.page, self.locale.count(k)));
            pages.push(json!({
                "url": path(k), "text": text, "label": label,
                "current": k == n, "far": near && k.abs_diff(n) == NEAR,
            }));
        }
        json!({
            "current": n, "total": total, "pages": pages,
            "previous": (n > 1).then(|| path(n - 1)),
            "next": (n < total).then(|| path(n + 1)),
        })
    }

    /// The months with news, by year, newest year first and open (or the year of the
    /// month shown); within a year, in calendar order. The news list's (no month shown)
    /// is the same on each of its pages: it is made once.
    fn archive(&self, shown: Option<Month>) -> tera::Value {
        let months = self.r.months();
        let made = || tera::Value::from_serializable(&self.archive_of(months, shown));
        match shown {
            None => self.news_archive.get_or_init(made).clone(),
            Some(_) => made(),
        }
    }

    fn archive_of(&self, months: &BTreeMap<Month, Vec<&Article>>, shown: Option<Month>) -> Value {
        let open_year = shown.map(|m| m.year).or_else(|| months.keys().next_back().map(|m| m.year));
        let mut years: Vec<Value> = Vec::new();
        let mut months = months.iter().rev().peekable();
        while let Some(&(&Month { year, .. }, _)) = months.peek() {
            let mut of_year: Vec<Value> = Vec::new();
            let mut count = 0;
            while let Some((m, list)) = months.next_if(|(m, _)| m.year == year) {
                count += list.len();
                of_year.push(json!({
                    "name": self.words.month_name(m.month),
                    "title": self.words.month_title(m.year, m.month),
                    "url": ListId::Month(*m).page(1).path(),
                    "count": list.len(),
                    "current": shown == Some(*m),
                }));
            }
            of_year.reverse();
            years.push(json!({
                "year": year, "open": open_year == Some(year), "months": of_year,
                "count": self.words.articles(count),
            }));
        }
        json!(years)
    }
}
