//! The figures of every article as data for reuse: `/<lang>/figures.csv` and
//! `/<lang>/figures.json`, one row per figure of each article a language lists.
//!
//! Ids (province, metric, status) are for programs; labels (province and metric
//! names) are in the file's language, for people. Nothing in them depends on
//! when the site was built, so two builds give the same bytes.
//!
//! Every language's files hold the same articles' figures: only the labels
//! differ. So a row is put together from parts written once: each article's and
//! each figure's fields (escaped for CSV and for JSON) for all the files, and the
//! labels of each province and metric once per file.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use rustc_hash::FxHashMap as HashMap;
use serde::{Serialize, Serializer};

use super::localizer::Localizer;
use crate::figures::Status;
use crate::ids::ProvinceId;
use crate::provinces::{self, History};
use crate::routes::Routes;
use crate::site::{Listed, Site};

/// The CSV header: the fields of a row, in order.
const HEADER: [&str; 15] = [
    "province",
    "province_name",
    "current_province",
    "current_province_name",
    "date",
    "metric",
    "metric_label",
    "value",
    "unit",
    "status",
    "as_of",
    "note",
    "article_title",
    "article_language",
    "article_url",
];

/// A province's fields: `province` and `province_name` as the article
/// names it, and the province it is part of today (the same, unless it
/// ended; several ids and names, each separated by a space and by `; `,
/// after a split).
#[derive(Serialize)]
struct ProvinceFields<'r> {
    province: &'r str,
    province_name: &'r str,
    current_province: String,
    current_province_name: String,
}

/// A metric's fields: `metric`, `metric_label`.
#[derive(Serialize)]
struct MetricFields<'r> {
    metric: &'r str,
    metric_label: &'r str,
}

/// A figure's own fields: `value` to `note`.
#[derive(Serialize)]
struct FigureFields<'r> {
    #[serde(serialize_with = "shortest")]
    value: f64,
    /// Its unit (the metric's when the figure names none), if any.
    unit: Option<&'r str>,
    status: Status,
    /// The date it refers to, when not the article's.
    as_of: Option<String>,
    note: Option<&'r str>,
}

/// The article's fields at the end of each of its rows.
#[derive(Serialize)]
struct ArticleFields<'r> {
    article_title: &'r str,
    article_language: &'r str,
    /// Absolute.
    article_url: &'r str,
}

/// Whole numbers without a fraction (`5400`, not `5400.0`).
fn shortest<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    if value.fract() == 0.0 && value.abs() < 9.0e15 {
        serializer.serialize_i64(*value as i64)
    } else {
        serializer.serialize_f64(*value)
    }
}

/// Runs of fields written both ways: as CSV (comma-separated, quoted where
/// needed) and as the members of a JSON object (`"name":value,…`), one after
/// another in two buffers.
struct Texts {
    csv: csv::Writer<Vec<u8>>,
    json: Vec<u8>,
}

/// Where one run of fields is in [`Texts`].
#[derive(Debug, Clone, Copy, Default)]
struct Part {
    csv: (u32, u32),
    json: (u32, u32),
}

impl Texts {
    fn new() -> Texts {
        Texts {
            // Records of any length: each is a run of fields of a row.
            csv: csv::WriterBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_writer(Vec::new()),
            json: Vec::new(),
        }
    }

    /// Writes the fields of `fields` (a struct) both ways.
    fn add(&mut self, fields: &impl Serialize) -> Part {
        let (csv, json_start) = self.write(|csv| csv.serialize(fields));
        serde_json::to_writer(&mut self.json, fields).expect("fields serialize to JSON");
        // Without the object's braces.
        Part {
            csv,
            json: (json_start + 1, offset(&self.json) - 1),
        }
    }

    /// Writes one field, `text`: as a CSV field, and as a JSON string.
    fn add_text(&mut self, text: &str) -> Part {
        let (csv, json_start) = self.write(|csv| csv.write_record([text]));
        serde_json::to_writer(&mut self.json, text).expect("a string serializes to JSON");
        Part {
            csv,
            json: (json_start, offset(&self.json)),
        }
    }

    /// Writes one CSV record with `record`; returns where it is (without its
    /// line end) and where the JSON buffer ends.
    fn write(
        &mut self,
        record: impl FnOnce(&mut csv::Writer<Vec<u8>>) -> csv::Result<()>,
    ) -> ((u32, u32), u32) {
        let start = offset(self.csv.get_ref());
        record(&mut self.csv).expect("fields serialize to memory");
        self.csv.flush().expect("memory does not fail");
        let written = self.csv.get_ref();
        let end = offset(written.strip_suffix(b"\n").unwrap_or(written));
        ((start, end), offset(&self.json))
    }

    fn done(self) -> Escaped {
        Escaped {
            csv: self.csv.into_inner().expect("memory does not fail"),
            json: self.json,
        }
    }
}

/// Where a buffer of [`Texts`] ends.
fn offset(bytes: &[u8]) -> u32 {
    u32::try_from(bytes.len()).expect("the shared parts of data files are under 4 GB")
}

/// The fields of [`Texts`], escaped for CSV and for JSON, once written.
#[derive(Debug, Default)]
struct Escaped {
    csv: Vec<u8>,
    json: Vec<u8>,
}

impl Escaped {
    fn csv(&self, part: Part) -> &[u8] {
        &self.csv[part.csv.0 as usize..part.csv.1 as usize]
    }

    fn json(&self, part: Part) -> &[u8] {
        &self.json[part.json.0 as usize..part.json.1 as usize]
    }
}

/// What every language's rows of one article share.
#[derive(Debug)]
struct ArticleParts {
    /// The index of its province in [`Parts::provinces`].
    province: usize,
    /// Its date, ISO.
    date: Part,
    /// Its fields at the end of each row.
    article: Part,
    /// Each figure's metric (index in [`Parts::metrics`]) and own fields.
    figures: Vec<(usize, Part)>,
}

/// The parts of every language's rows.
#[derive(Debug, Default)]
struct Parts {
    /// By article index; `None` for an article without figures.
    articles: Vec<Option<ArticleParts>>,
    /// The provinces of the figures, each once, as the index of an article on it.
    provinces: Vec<usize>,
    /// The metrics of the figures, each once, as an article's index and the
    /// index of a figure of it.
    metrics: Vec<(usize, usize)>,
    text: Escaped,
}

/// The parts of the rows that are the same in every language's files, made
/// once, when the first file is written.
pub struct SharedParts<'a> {
    site: &'a Site<'a>,
    routes: &'a Routes,
    parts: OnceLock<Parts>,
}

impl<'a> SharedParts<'a> {
    /// Nothing made yet.
    pub fn new(site: &'a Site<'a>, routes: &'a Routes) -> SharedParts<'a> {
        SharedParts {
            site,
            routes,
            parts: OnceLock::new(),
        }
    }

    /// The parts, made on first use (on one thread: whoever else asks waits).
    fn parts(&self) -> &Parts {
        self.parts.get_or_init(|| {
            let config = self.site.config;
            let mut texts = Texts::new();
            let mut provinces = HashMap::default();
            let mut metrics = HashMap::default();
            let articles = self
                .site
                .articles
                .iter()
                .enumerate()
                .map(|(i, &a)| {
                    if a.figures.is_empty() {
                        return None;
                    }
                    let count = provinces.len();
                    let province = *provinces.entry(&a.province).or_insert((count, i));
                    let url = self.routes.permalink(&self.site.route_of(a));
                    let figures = a
                        .figures
                        .iter()
                        .enumerate()
                        .map(|(j, f)| {
                            let count = metrics.len();
                            let metric = metrics.entry(&f.metric).or_insert((count, (i, j))).0;
                            let part = texts.add(&FigureFields {
                                value: f.value,
                                unit: f.unit.as_deref().or_else(|| {
                                    config
                                        .metrics
                                        .get(&f.metric)
                                        .and_then(|m| m.unit.as_deref())
                                }),
                                status: f.status,
                                as_of: f.as_of.as_ref().map(|d| d.iso()),
                                note: f.note.as_deref(),
                            });
                            (metric, part)
                        })
                        .collect();
                    Some(ArticleParts {
                        province: province.0,
                        date: texts.add_text(&a.date.iso()),
                        article: texts.add(&ArticleFields {
                            article_title: &a.title,
                            article_language: a.lang.as_str(),
                            article_url: &url,
                        }),
                        figures,
                    })
                })
                .collect();
            Parts {
                articles,
                provinces: by_index(provinces),
                metrics: by_index(metrics),
                text: texts.done(),
            }
        })
    }
}

/// The values of a map of `(index, value)`, in the order of their indexes.
fn by_index<K, V>(map: HashMap<K, (usize, V)>) -> Vec<V> {
    let mut values: Vec<(usize, V)> = map.into_values().collect();
    values.sort_unstable_by_key(|(i, _)| *i);
    values.into_iter().map(|(_, v)| v).collect()
}

/// The labels of one file's language: a part for each province and metric of
/// [`Parts`], by the same index.
struct Labels {
    provinces: Vec<Part>,
    metrics: Vec<Part>,
    text: Escaped,
}

impl Labels {
    fn new(loc: &Localizer<'_>, parts: &Parts) -> Labels {
        let articles = &loc.site.articles;
        let histories: BTreeMap<&ProvinceId, &History> = loc
            .site
            .config
            .provinces
            .iter()
            .map(|(id, p)| (id, &p.history))
            .collect();
        let mut texts = Texts::new();
        let provinces = parts
            .provinces
            .iter()
            .map(|&i| {
                let id = &articles[i].province;
                let today = provinces::current(&histories, id);
                texts.add(&ProvinceFields {
                    province: id.as_str(),
                    province_name: loc.province_name(id),
                    current_province: today
                        .iter()
                        .map(|p| p.as_str())
                        .collect::<Vec<_>>()
                        .join(" "),
                    current_province_name: today
                        .iter()
                        .map(|p| loc.province_name(p))
                        .collect::<Vec<_>>()
                        .join("; "),
                })
            })
            .collect();
        let metrics = parts
            .metrics
            .iter()
            .map(|&(i, j)| {
                let id = &articles[i].figures[j].metric;
                texts.add(&MetricFields {
                    metric: id.as_str(),
                    metric_label: loc.metric_label(id),
                })
            })
            .collect();
        Labels {
            provinces,
            metrics,
            text: texts.done(),
        }
    }
}

/// One row, as its parts.
struct Row<'r> {
    province: &'r [u8],
    date: &'r [u8],
    metric: &'r [u8],
    figure: &'r [u8],
    article: &'r [u8],
}

/// Hands each row of the articles `listed` (newest first) to `each`, each
/// article's figures in its order, its parts taken from the texts by `form`
/// ([`Escaped::csv`] or [`Escaped::json`]).
fn for_each_row(
    loc: &Localizer<'_>,
    shared: &SharedParts<'_>,
    listed: &[Listed<'_>],
    form: for<'w> fn(&'w Escaped, Part) -> &'w [u8],
    mut each: impl FnMut(&Row<'_>),
) {
    let parts = shared.parts();
    let labels = Labels::new(loc, parts);
    let (text, own) = (&parts.text, &labels.text);
    for l in listed {
        let Some(article) = &parts.articles[l.index] else {
            continue;
        };
        let province = form(own, labels.provinces[article.province]);
        for &(metric, figure) in &article.figures {
            each(&Row {
                province,
                date: form(text, article.date),
                metric: form(own, labels.metrics[metric]),
                figure: form(text, figure),
                article: form(text, article.article),
            });
        }
    }
}

impl Row<'_> {
    /// The bytes of its parts.
    fn len(&self) -> usize {
        self.province.len()
            + self.date.len()
            + self.metric.len()
            + self.figure.len()
            + self.article.len()
    }
}

/// The figures of the articles `listed` as CSV, with a header row.
pub fn csv(loc: &Localizer<'_>, shared: &SharedParts<'_>, listed: &[Listed<'_>]) -> Vec<u8> {
    let mut room = 0;
    for_each_row(loc, shared, listed, Escaped::csv, |row| {
        room += row.len() + 5
    });
    let mut writer = Csv::new(room);
    for_each_row(loc, shared, listed, Escaped::csv, |row| writer.row(row));
    writer.out
}

/// The figures of the articles `listed` as a JSON object, `{"language": …,
/// "figures": [ … ]}`, one row per line: compact, yet a change to one figure is
/// a change to one line.
pub fn json(loc: &Localizer<'_>, shared: &SharedParts<'_>, listed: &[Listed<'_>]) -> Vec<u8> {
    let mut room = 0;
    for_each_row(loc, shared, listed, Escaped::json, |row| {
        room += row.len() + 16
    });
    let mut writer = Json::new(loc.language.code.as_str(), room);
    for_each_row(loc, shared, listed, Escaped::json, |row| writer.row(row));
    writer.finish()
}

/// A CSV file being written.
struct Csv {
    out: Vec<u8>,
}

impl Csv {
    fn new(room: usize) -> Csv {
        let header = HEADER.join(",");
        let mut out = Vec::with_capacity(header.len() + 1 + room);
        out.extend_from_slice(header.as_bytes());
        out.push(b'\n');
        Csv { out }
    }

    fn row(&mut self, row: &Row<'_>) {
        let fields = [row.province, row.date, row.metric, row.figure, row.article];
        for (i, field) in fields.into_iter().enumerate() {
            if i > 0 {
                self.out.push(b',');
            }
            self.out.extend_from_slice(field);
        }
        self.out.push(b'\n');
    }
}

/// A JSON file being written.
struct Json {
    out: Vec<u8>,
    rows: usize,
}

impl Json {
    fn new(language: &str, room: usize) -> Json {
        let mut out = Vec::with_capacity(64 + room);
        out.extend_from_slice(b"{\"language\":");
        serde_json::to_writer(&mut out, language).expect("a string serializes to JSON");
        out.extend_from_slice(b",\"figures\":[");
        Json { out, rows: 0 }
    }

    fn row(&mut self, row: &Row<'_>) {
        let separator: &[u8] = if self.rows == 0 { b"\n{" } else { b",\n{" };
        self.out.extend_from_slice(separator);
        self.out.extend_from_slice(row.province);
        self.out.extend_from_slice(b",\"date\":");
        self.out.extend_from_slice(row.date);
        self.out.push(b',');
        self.out.extend_from_slice(row.metric);
        self.out.push(b',');
        self.out.extend_from_slice(row.figure);
        self.out.push(b',');
        self.out.extend_from_slice(row.article);
        self.out.push(b'}');
        self.rows += 1;
    }

    fn finish(mut self) -> Vec<u8> {
        self.out.extend_from_slice(b"\n]}\n");
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One figure's row, written with the parts of the files.
    fn written(note: Option<&str>) -> (Escaped, [Part; 5]) {
        let mut texts = Texts::new();
        let parts = [
            texts.add(&ProvinceFields {
                province: "ha-tinh",
                province_name: "Hà Tĩnh",
                current_province: "ha-tinh".into(),
                current_province_name: "Hà Tĩnh".into(),
            }),
            texts.add_text("2024-02-20"),
            texts.add(&MetricFields {
                metric: "revenue",
                metric_label: "Doanh thu",
            }),
            texts.add(&FigureFields {
                value: 9_450_000_000.0,
                unit: Some("VND"),
                status: Status::Actual,
                as_of: None,
                note,
            }),
            texts.add(&ArticleFields {
                article_title: "Hà Tĩnh, \"kinh tế tập thể\"",
                article_language: "vi",
                article_url: "https://example.org/vi/2024/a/",
            }),
        ];
        (texts.done(), parts)
    }

    fn row(
        (text, parts): &(Escaped, [Part; 5]),
        form: for<'w> fn(&'w Escaped, Part) -> &'w [u8],
    ) -> Row<'_> {
        Row {
            province: form(text, parts[0]),
            date: form(text, parts[1]),
            metric: form(text, parts[2]),
            figure: form(text, parts[3]),
            article: form(text, parts[4]),
        }
    }

    fn csv(rows: &[(Escaped, [Part; 5])]) -> String {
        let mut writer = Csv::new(0);
        rows.iter().for_each(|r| writer.row(&row(r, Escaped::csv)));
        String::from_utf8(writer.out).expect("UTF-8 fields make UTF-8 text")
    }

    fn json(language: &str, rows: &[(Escaped, [Part; 5])]) -> String {
        let mut writer = Json::new(language, 0);
        rows.iter().for_each(|r| writer.row(&row(r, Escaped::json)));
        String::from_utf8(writer.finish()).expect("UTF-8 fields make UTF-8 text")
    }

    #[test]
    fn csv_quotes_what_needs_it_and_keeps_whole_numbers_whole() {
        let text = csv(&[written(Some("khoảng, hơn")), written(None)]);
        let mut lines = text.lines();
        assert_eq!(lines.next(), Some(HEADER.join(",").as_str()));
        assert_eq!(
            lines.next(),
            Some(
                "ha-tinh,Hà Tĩnh,ha-tinh,Hà Tĩnh,2024-02-20,revenue,Doanh thu,9450000000,VND,actual,,\"khoảng, hơn\",\
                 \"Hà Tĩnh, \"\"kinh tế tập thể\"\"\",vi,https://example.org/vi/2024/a/"
            )
        );
        assert_eq!(text.lines().count(), 3);
        assert_eq!(csv(&[]).trim_end(), HEADER.join(","));
    }

    #[test]
    fn a_row_put_together_from_parts_reads_back_as_its_fields() {
        let text = csv(&[written(Some("a \"quoted\"\nnote"))]);
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        assert_eq!(reader.headers().unwrap(), HEADER.as_slice());
        let record = reader.records().next().unwrap().unwrap();
        assert_eq!(record.len(), HEADER.len());
        assert_eq!(&record[1], "Hà Tĩnh");
        assert_eq!(&record[11], "a \"quoted\"\nnote");
        assert_eq!(&record[12], "Hà Tĩnh, \"kinh tế tập thể\"");
        let text = json("vi", &[written(Some("a \"quoted\"\nnote"))]);
        let line = text.lines().nth(1).unwrap();
        let at: Vec<usize> = HEADER
            .iter()
            .map(|name| line.find(&format!("\"{name}\":")).expect(name))
            .collect();
        assert!(at.is_sorted(), "the fields in the CSV's order: {line}");
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["figures"][0]["note"], "a \"quoted\"\nnote");
        assert_eq!(value["figures"][0]["date"], "2024-02-20");
    }

    #[test]
    fn json_keeps_types() {
        let value: serde_json::Value = serde_json::from_str(&json("vi", &[written(None)])).unwrap();
        assert_eq!(value["language"], "vi");
        let first = &value["figures"][0];
        assert_eq!(first["value"], 9_450_000_000_i64);
        assert_eq!(first["status"], "actual");
        assert!(first["note"].is_null());
    }

    #[test]
    fn json_has_one_row_per_line() {
        let text = json("vi", &[written(None), written(Some("a\nb"))]);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 4, "{text}");
        assert_eq!(lines[0], "{\"language\":\"vi\",\"figures\":[");
        assert!(lines[1].starts_with("{\"province\":\"ha-tinh\"") && lines[1].ends_with("},"));
        assert!(lines[2].contains("\"note\":\"a\\nb\""), "{}", lines[2]);
        assert_eq!(lines[3], "]}");
        let empty: serde_json::Value = serde_json::from_str(&json("vi", &[])).unwrap();
        assert_eq!(empty["figures"], serde_json::json!([]));
    }
}
