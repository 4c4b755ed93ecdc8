//! The site as a reader of one language sees it: names, dates and numbers in
//! that language, links, and the parts of pages made from them (the common
//! part of every page, list items, key-figure tables, charts).

use std::collections::{BTreeMap, BTreeSet};

use super::context::{
    Alternate, Common, ComparisonRow, FeedLink, FigureComparison, FigureRow, HistoryLine, Item,
    LatestValue, Link, Nav, Pagination, PhotoView, Share, ShareImage, SwitcherLink,
};
use crate::config::{Config, Language};
use crate::content::{Article, Lead};
use crate::date::PartialDate;
use crate::figures::{Figure, Status};
use crate::i18n::Formatter;
use crate::ids::{MetricId, ProvinceId};
use crate::photos::Pictures;
use crate::provinces;
use crate::routes::{DataFormat, Route, Routes};
use crate::site::{Listed, Site};

/// A language's locale as OpenGraph writes it (`vi_VN`).
fn og_locale(language: &Language) -> String {
    language.locale.id.to_string().replace('-', "_")
}

/// One language's view of the site.
pub struct Localizer<'a> {
    /// The language.
    pub language: &'a Language,
    /// Its formatter.
    pub format: &'a Formatter,
    /// The site.
    pub site: &'a Site<'a>,
    /// Link maker.
    pub routes: &'a Routes,
    /// The lead photos' pictures, made once for every language.
    pub pictures: &'a Pictures<'a>,
    /// What every page of the language receives unchanged, made into template
    /// values once: `t`, its UI strings.
    pub shared: &'a tera::Context,
}

impl<'a> Localizer<'a> {
    fn config(&self) -> &'a Config {
        self.site.config
    }

    /// The common part of a page at `route`; `equivalents` gives the page in each other language.
    pub fn common(
        &self,
        route: &Route,
        page_title: String,
        equivalents: impl Fn(&Language) -> (Route, bool),
    ) -> Common<'a> {
        let code = &self.language.code;
        let mut switcher = Vec::new();
        let mut alternates = Vec::new();
        for other in &self.config().languages {
            let (target, same_page) = if &other.code == code {
                (route.clone(), true)
            } else {
                equivalents(other)
            };
            if same_page {
                alternates.push(Alternate {
                    hreflang: other.code.as_str(),
                    href: self.routes.permalink(&target),
                });
            }
            switcher.push(SwitcherLink {
                code: other.code.as_str(),
                name: &other.name,
                url: self.routes.url(&target),
                current: &other.code == code,
                same_page,
                dir: other.direction.as_str(),
            });
        }
        Common {
            lang: code.as_str(),
            dir: self.language.direction.as_str(),
            site_title: &self.language.title,
            canonical: self.routes.permalink(route),
            nav: Nav {
                home: self.routes.url(&Route::Home(code.clone())),
                provinces: self.routes.url(&Route::Provinces(code.clone())),
                years: self.routes.url(&Route::Years(code.clone())),
                figures: self.routes.url(&Route::Figures(code.clone())),
                search: self
                    .site
                    .config
                    .search
                    .then(|| self.routes.url(&Route::Search(code.clone()))),
            },
            switcher,
            stylesheet: self.routes.asset("style.css"),
            feeds: vec![FeedLink {
                title: self.language.title.clone(),
                url: self.routes.permalink(&Route::Feed(code.clone(), None)),
            }],
            share: Share {
                kind: "website",
                title: page_title.clone(),
                description: None,
                site_name: self.language.title.clone(),
                locale: og_locale(self.language),
                locale_alternates: alternates
                    .iter()
                    .filter(|a| a.hreflang != code.as_str())
                    .filter_map(|a| {
                        self.config()
                            .languages
                            .iter()
                            .find(|l| l.code.as_str() == a.hreflang)
                    })
                    .map(og_locale)
                    .collect(),
                image: None,
                card: "summary",
                published: None,
                json_ld: None,
            },
            page_title,
            alternates,
        }
    }

    /// A lead photo as this language's pages show it.
    pub fn photo<'l>(&self, lead: &'l Lead) -> PhotoView<'l> {
        PhotoView {
            picture: self.pictures.get(&lead.photo),
            alt: &lead.alt,
            caption: lead.caption.as_deref(),
            credit: lead.credit.as_deref(),
        }
    }

    /// A lead photo as a shared link shows it: its JPEG, by absolute URL.
    pub fn share_image(&self, photo: &PhotoView<'_>) -> ShareImage {
        ShareImage {
            url: self.routes.absolute(&photo.picture.src),
            width: photo.picture.width,
            height: photo.picture.height,
            alt: photo.alt.to_owned(),
        }
    }

    /// A province's history as its page tells it: what it became when it
    /// ended, and the provinces that became part of it, by date.
    pub fn province_history(&self, id: &'a ProvinceId) -> Vec<HistoryLine<'a>> {
        let provinces = &self.config().provinces;
        let strings = &self.language.strings;
        let mut lines = Vec::new();
        let history = provinces.get(id).map(|p| &p.history);
        if let Some((ended, became)) =
            history.and_then(|h| Some((h.ended?, &h.became)).filter(|(_, b)| !b.is_empty()))
        {
            lines.push(self.history_line(&strings.province_became, ended, became, "became"));
        }
        let before = provinces::predecessors(provinces.iter().map(|(i, p)| (i, &p.history)), id);
        let mut by_date: BTreeMap<PartialDate, Vec<&'a ProvinceId>> = BTreeMap::new();
        for predecessor in before {
            if let Some(ended) = provinces[predecessor].history.ended {
                by_date.entry(ended).or_default().push(predecessor);
            }
        }
        for (ended, merged) in by_date {
            lines.push(self.history_line(&strings.province_merged, ended, merged, "merged"));
        }
        lines
    }

    /// One sentence of a province's history: `pattern` with its `{date}`
    /// and its `{provinces}`, linked.
    fn history_line(
        &self,
        pattern: &str,
        date: PartialDate,
        provinces: impl IntoIterator<Item = &'a ProvinceId>,
        kind: &'static str,
    ) -> HistoryLine<'a> {
        let filled = pattern.replace("{date}", &self.format.date(&date));
        let (before, after) = filled.split_once("{provinces}").unwrap_or((&filled, ""));
        HistoryLine {
            before: before.to_owned(),
            provinces: provinces
                .into_iter()
                .map(|p| self.province_link(p))
                .collect(),
            after: after.to_owned(),
            kind,
        }
    }

    /// The link to a province's page, labelled with its name.
    pub fn province_link(&self, id: &'a ProvinceId) -> Link<'a> {
        Link {
            label: self.province_name(id),
            url: self
                .routes
                .url(&Route::Province(self.language.code.clone(), id.clone(), 1)),
        }
    }

    /// A province's name in this language.
    pub fn province_name(&self, id: &'a ProvinceId) -> &'a str {
        self.config()
            .provinces
            .get(id)
            .and_then(|p| p.names.get(&self.language.code))
            .map_or(id.as_str(), String::as_str)
    }

    /// The link to an article's page.
    pub fn article_url(&self, a: &Article) -> String {
        self.routes.url(&self.site.route_of(a))
    }

    /// The absolute URL of an article's page.
    pub fn article_permalink(&self, a: &Article) -> String {
        self.routes.permalink(&self.site.route_of(a))
    }

    /// A list item for a listed article.
    pub fn item(&self, listed: Listed<'a>) -> Item<'a> {
        let a = listed.article;
        let article_lang = self
            .config()
            .language(&a.lang)
            .expect("article languages are configured");
        Item {
            title: &a.title,
            url: self.article_url(a),
            date: self.format.date(&a.date),
            date_iso: a.date.iso(),
            summary: &a.summary,
            lang: a.lang.as_str(),
            dir: article_lang.direction.as_str(),
            lang_name: &article_lang.name,
            translated: listed.translated,
            province: self.province_name(&a.province),
            province_url: self.routes.url(&Route::Province(
                self.language.code.clone(),
                a.province.clone(),
                1,
            )),
            photo: a.lead.as_ref().map(|lead| self.photo(lead)),
        }
    }

    /// A metric's label in this language.
    pub fn metric_label(&self, id: &'a MetricId) -> &'a str {
        if id.is_builtin() {
            return self
                .language
                .strings
                .metric(id.as_str())
                .unwrap_or(id.as_str());
        }
        self.config()
            .metrics
            .get(id)
            .and_then(|m| m.labels.get(&self.language.code))
            .map_or(id.as_str(), String::as_str)
    }

    /// A figure's value with its unit (or the metric's), in this language.
    pub fn figure_value(&self, figure: &Figure) -> String {
        let number = self.format.number(figure.value);
        let unit = figure.unit.as_deref().or_else(|| {
            self.config()
                .metrics
                .get(&figure.metric)
                .and_then(|m| m.unit.as_deref())
        });
        let strings = &self.language.strings;
        match unit {
            None => number,
            Some("%") => strings.percent.replace("{n}", &number),
            Some(unit) => strings
                .with_unit
                .replace("{n}", &number)
                .replace("{unit}", strings.unit(unit)),
        }
    }

    pub fn status_label(&self, status: Status) -> &'a str {
        let names = &self.language.strings.status_names;
        match status {
            Status::Actual => &names.actual,
            Status::Target => &names.target,
            Status::Estimate => &names.estimate,
        }
    }

    /// The rows of an article's key-figures table.
    pub fn figure_rows(&self, figures: &'a [Figure]) -> Vec<FigureRow<'a>> {
        figures
            .iter()
            .map(|f| FigureRow {
                label: self.metric_label(&f.metric),
                value: self.figure_value(f),
                status: f.status,
                status_label: self.status_label(f.status),
                as_of: f.as_of.as_ref().map(|d| self.format.date(d)),
                note: f.note.as_deref(),
            })
            .collect()
    }

    /// Pagination links for page `current` of `total` of an index at `route_of(page)`.
    pub fn pagination(
        &self,
        current: usize,
        total: usize,
        route_of: impl Fn(usize) -> Route,
    ) -> Pagination {
        Pagination {
            current,
            total,
            label: self
                .language
                .strings
                .page_of
                .replace("{n}", &self.format.integer(current as i64))
                .replace("{total}", &self.format.integer(total as i64)),
            previous: (current > 1).then(|| self.routes.url(&route_of(current - 1))),
            next: (current < total).then(|| self.routes.url(&route_of(current + 1))),
        }
    }

    /// The latest actual value of every metric for every province, from the
    /// lists of each province (newest first).
    pub fn figure_comparison(
        &self,
        all: &[(&'a ProvinceId, &[Listed<'a>])],
    ) -> FigureComparison<'a> {
        let provinces = &self.config().provinces;
        // The provinces of today; each former one is a link in the row of
        // what it became, to its page and its figures.
        let by_province: Vec<&(&'a ProvinceId, &[Listed<'a>])> = all
            .iter()
            .filter(|(id, _)| provinces[*id].history.became.is_empty())
            .collect();
        let shown: BTreeSet<&ProvinceId> = all.iter().map(|(id, _)| *id).collect();
        // Per province, per metric: the figure of the latest year, from the newest article.
        type Latest<'f> = BTreeMap<&'f MetricId, (i32, &'f Figure, &'f crate::content::Article)>;
        let latest: Vec<Latest<'a>> = by_province
            .iter()
            .map(|(_, listed)| {
                let mut latest = Latest::new();
                for l in listed.iter() {
                    let a = l.article;
                    for f in a.figures.iter().filter(|f| f.status == Status::Actual) {
                        let year = f.year(&a.date);
                        let newer = latest.get(&f.metric).is_none_or(|(y, _, _)| year > *y);
                        if newer {
                            latest.insert(&f.metric, (year, f, a));
                        }
                    }
                }
                latest
            })
            .collect();
        let mut metrics: Vec<&MetricId> = latest.iter().flat_map(|l| l.keys().copied()).collect();
        metrics.sort_by_key(|m| (m.table_order(), *m));
        metrics.dedup();
        let code = &self.language.code;
        FigureComparison {
            rows: by_province
                .iter()
                .zip(&latest)
                .map(|((id, _), latest)| ComparisonRow {
                    province: self.province_name(id),
                    url: self
                        .routes
                        .url(&Route::Province(code.clone(), (*id).clone(), 1)),
                    former: provinces::ancestors(
                        provinces.iter().map(|(p, province)| (p, &province.history)),
                        id,
                    )
                    .into_iter()
                    .filter(|p| shown.contains(p))
                    .map(|p| self.province_link(p))
                    .collect(),
                    cells: metrics
                        .iter()
                        .map(|m| {
                            latest.get(m).map(|(year, f, a)| LatestValue {
                                value: self.figure_value(f),
                                year: self.format.year(*year),
                                url: self.article_url(a),
                                title: &a.title,
                            })
                        })
                        .collect(),
                })
                .collect(),
            metrics: metrics.iter().map(|m| self.metric_label(m)).collect(),
            csv_url: self.routes.url(&Route::FiguresData(DataFormat::Csv)),
            json_url: self.routes.url(&Route::FiguresData(DataFormat::Json)),
        }
    }
}
