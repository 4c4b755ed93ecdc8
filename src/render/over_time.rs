//! A province's figures over time: the table and charts of its first page.
//!
//! Most provinces have one series, their own. A province others became part
//! of shows, for each metric, a series per territory, never a silent sum:
//! its own from the merger on; its own before it, when it existed before (the
//! same name, a smaller territory: a break, not a continuation); each former
//! province's; and, for the years in which every one of those reported the
//! metric, their sum, marked as computed rather than reported. Only metrics
//! that add up are summed (counts and amounts, not percentages).

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use super::chart;
use super::context::{FigureHistory, FiguresOverTime, HistoryValue};
use super::lists::Lists;
use super::localizer::Localizer;
use crate::content::Article;
use crate::date::PartialDate;
use crate::figures::{Figure, Status};
use crate::ids::{MetricId, ProvinceId};
use crate::provinces;
use crate::site::Listed;

/// A value of a series: its year, its metric, the figure, and the article
/// reporting it (none for a computed value).
struct Reported<'a> {
    year: i32,
    metric: &'a MetricId,
    figure: Cow<'a, Figure>,
    article: Option<&'a Article>,
}

/// The figures of one territory, oldest report first.
struct Series<'a> {
    /// Whose figures they are, when a page shows several series.
    label: Option<String>,
    /// The province's name, for the label of a sum.
    province: &'a str,
    /// Whether its values are computed, not reported.
    computed: bool,
    reported: Vec<Reported<'a>>,
}

impl<'a> Series<'a> {
    /// The figures of the articles `listed` (newest first) whose date (the
    /// figure's own, else its article's) `keep` keeps.
    fn of(
        label: Option<String>,
        province: &'a str,
        listed: &[Listed<'a>],
        keep: impl Fn(PartialDate) -> bool,
    ) -> Series<'a> {
        let reported = listed
            .iter()
            .rev()
            .flat_map(|l| l.article.figures.iter().map(move |f| (f, l.article)))
            .filter(|(f, a)| keep(f.as_of.unwrap_or(a.date)))
            .map(|(f, a)| Reported {
                year: f.year(&a.date),
                metric: &f.metric,
                figure: Cow::Borrowed(f),
                article: Some(a),
            })
            .collect();
        Series {
            label,
            province,
            computed: false,
            reported,
        }
    }
}

impl<'a> Localizer<'a> {
    /// The figures-over-time table of the articles `listed` (newest first),
    /// one series.
    pub fn figures_over_time(&self, listed: &[Listed<'a>]) -> FiguresOverTime<'a> {
        self.figure_table(vec![Series::of(None, "", listed, |_| true)])
    }

    /// The figures-over-time table of the province `id`: its own series, and
    /// where others became part of it, theirs (see the module's note).
    pub fn province_figures(&self, lists: &Lists<'a>, id: &'a ProvinceId) -> FiguresOverTime<'a> {
        let provinces = &self.site.config.provinces;
        let histories = provinces.iter().map(|(p, province)| (p, &province.history));
        let before: Vec<&ProvinceId> = provinces::ancestors(histories, id)
            .into_iter()
            .filter(|p| lists.by_province.iter().any(|(shown, _)| shown == p))
            .collect();
        let own = lists.own_of_province(id);
        let merged = before
            .iter()
            .filter_map(|p| provinces[*p].history.ended)
            .max();
        let Some(merged) = merged else {
            return self.figures_over_time(own);
        };
        let strings = &self.language.strings;
        let name = self.province_name(id);
        let date = self.format.date(&merged);
        let labelled = |pattern: &str| pattern.replace("{province}", name).replace("{date}", &date);
        let mut series = vec![Series::of(
            Some(labelled(&strings.series_since)),
            name,
            own,
            |d| d >= merged,
        )];
        let mut parts = Vec::new();
        if provinces[id].history.started.is_none_or(|s| s < merged) {
            parts.push(Series::of(
                Some(labelled(&strings.series_before)),
                name,
                own,
                |d| d < merged,
            ));
        }
        for p in before {
            let former = self.province_name(p);
            parts.push(Series::of(
                Some(former.to_owned()),
                former,
                lists.own_of_province(p),
                |_| true,
            ));
        }
        let sum = self.sum(&parts);
        series.extend(parts);
        series.extend(sum);
        self.figure_table(series)
    }

    /// The sum of the series `parts`, year by year, for each metric that adds
    /// up and each year in which every part reported it (its latest actual
    /// value, in one unit); none for fewer than two parts.
    fn sum(&self, parts: &[Series<'a>]) -> Option<Series<'a>> {
        if parts.len() < 2 {
            return None;
        }
        // Per part: the latest actual value of each metric and year.
        let latest: Vec<BTreeMap<(&'a MetricId, i32), &Figure>> = parts
            .iter()
            .map(|part| {
                part.reported
                    .iter()
                    .filter(|r| r.figure.status == Status::Actual)
                    .filter(|r| self.site.config.adds_up(r.metric, r.figure.unit.as_deref()))
                    .map(|r| ((r.metric, r.year), r.figure.as_ref()))
                    .collect()
            })
            .collect();
        let reported = latest[0]
            .iter()
            .filter_map(|(&(metric, year), first)| {
                let values: Vec<&Figure> = latest
                    .iter()
                    .map(|l| l.get(&(metric, year)).copied())
                    .collect::<Option<_>>()?;
                if values.iter().any(|f| f.unit != first.unit) {
                    return None;
                }
                let total = Figure {
                    value: values.iter().map(|f| f.value).sum(),
                    note: None,
                    as_of: None,
                    line: 0,
                    ..(*first).clone()
                };
                Some(Reported {
                    year,
                    metric,
                    figure: Cow::Owned(total),
                    article: None,
                })
            })
            .collect();
        let names: Vec<&str> = parts.iter().map(|p| p.province).collect();
        let mut seen = BTreeSet::new();
        let names: Vec<&str> = names.into_iter().filter(|n| seen.insert(*n)).collect();
        Some(Series {
            label: Some(
                self.language
                    .strings
                    .series_sum
                    .replace("{provinces}", &names.join(" + ")),
            ),
            province: "",
            computed: true,
            reported,
        })
    }

    /// The table of `series`, with a chart of each metric a series reports
    /// for two years or more: one row per metric and series.
    ///
    /// A cell holds one value per status (actual, estimate, target) for its metric
    /// and year: the newest article's, as the chart plots it. An archive reports
    /// the same figure many times a year; the table shows where it ended up.
    fn figure_table(&self, series: Vec<Series<'a>>) -> FiguresOverTime<'a> {
        let mut years = BTreeSet::new();
        type Rows<'r> = BTreeMap<(usize, &'r MetricId, usize), Vec<Reported<'r>>>;
        let mut by_metric: Rows<'a> = BTreeMap::new();
        let labels: Vec<(Option<String>, bool)> = series
            .iter()
            .map(|s| (s.label.clone(), s.computed))
            .collect();
        for (i, s) in series.into_iter().enumerate() {
            for r in s.reported {
                years.insert(r.year);
                by_metric
                    .entry((r.metric.table_order(), r.metric, i))
                    .or_default()
                    .push(r);
            }
        }
        let years: Vec<i32> = years.into_iter().collect();
        let rows: Vec<FigureHistory<'a>> = by_metric
            .into_iter()
            .map(|((_, metric, i), reported)| {
                let mut latest: BTreeMap<(i32, Status), (&Figure, Option<&Article>)> =
                    BTreeMap::new();
                for r in &reported {
                    latest.insert((r.year, r.figure.status), (&r.figure, r.article));
                }
                let mut cells: Vec<Vec<HistoryValue<'a>>> =
                    years.iter().map(|_| Vec::new()).collect();
                for (&(year, _), &(f, a)) in &latest {
                    let column = years.binary_search(&year).expect("every year has a column");
                    cells[column].push(HistoryValue {
                        value: self.figure_value(f),
                        status: f.status,
                        status_label: self.status_label(f.status),
                        url: a.map(|a| self.article_url(a)).unwrap_or_default(),
                        title: a.map_or("", |a| a.title.as_str()),
                        lang: a.map_or("", |a| a.lang.as_str()),
                    });
                }
                let (series, computed) = labels[i].clone();
                let id = match i {
                    0 => format!("chart-{metric}"),
                    _ => format!("chart-{metric}-{i}"),
                };
                FigureHistory {
                    label: self.metric_label(metric),
                    chart: self.chart(metric, &id, series.as_deref(), &reported),
                    cells,
                    series,
                    computed,
                }
            })
            .collect();
        FiguresOverTime {
            charts: rows.iter().filter(|r| r.chart.is_some()).count(),
            rows,
            years: years.into_iter().map(|y| self.format.year(y)).collect(),
        }
    }

    /// The chart `id` of one metric's values in one series (oldest report
    /// first), when they span two years: per year and status the latest
    /// report, in the unit of the latest.
    fn chart(
        &self,
        metric: &'a MetricId,
        id: &str,
        series: Option<&str>,
        reported: &[Reported<'_>],
    ) -> Option<String> {
        let unit = &reported.last()?.figure.unit;
        let mut latest: BTreeMap<(i32, Status), &Figure> = BTreeMap::new();
        for r in reported.iter().filter(|r| &r.figure.unit == unit) {
            latest.insert((r.year, r.figure.status), &r.figure);
        }
        let first = latest.keys().next()?.0;
        if latest.keys().all(|(year, _)| *year == first) {
            return None;
        }
        let t = &self.language.strings;
        let label = match series {
            Some(series) => format!("{} · {series}", self.metric_label(metric)),
            None => self.metric_label(metric).to_owned(),
        };
        let points: Vec<chart::Point> = latest
            .iter()
            .map(|(&(year, status), f)| chart::Point {
                year,
                value: f.value,
                status,
                year_label: self.format.year(year),
                value_label: self.format.number(f.value),
            })
            .collect();
        let described: Vec<String> = latest
            .iter()
            .map(|(&(year, status), f)| {
                let point = format!("{}: {}", self.format.year(year), self.figure_value(f));
                match status {
                    Status::Actual => point,
                    _ => format!("{point} ({})", self.status_label(status)),
                }
            })
            .collect();
        Some(chart::svg(&chart::Chart {
            id,
            title: &label,
            description: t
                .chart_description
                .replace("{metric}", &label)
                .replace("{points}", &described.join(&t.list_separator)),
            rtl: self.language.direction == crate::i18n::Direction::Rtl,
            points,
        }))
    }
}
