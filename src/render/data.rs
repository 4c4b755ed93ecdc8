//! The figures of every article as one open data set for reuse:
//! `/figures.csv` and `/figures.json`, one row per figure of each article of
//! the site (untranslated ones included; of an article in several languages,
//! the version the default language lists).
//!
//! Ids (province, metric, status) are for programs; labels (province and metric
//! names) are there in every language of the site, for people: a column per
//! language in the CSV (`province_name_vi`), an object by language in the JSON
//! (`"province_name": {"vi": …}`). Nothing in them depends on when the site
//! was built, so two builds give the same bytes.
//!
//! A row is put together from parts written once, escaped for CSV and for
//! JSON: each article's and each figure's fields, and the labels of each
//! province and metric.

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

/// The CSV header for the languages `codes`: the fields of a row, in order,
/// a label's once per language.
fn header(codes: &[&str]) -> String {
    let labelled =
        |name: &str| -> Vec<String> { codes.iter().map(|code| format!("{name}_{code}")).collect() };
    let mut fields: Vec<String> = vec!["province".into()];
    fields.extend(labelled("province_name"));
    fields.push("current_province".into());
    fields.extend(labelled("current_province_name"));
    fields.extend(["date".into(), "metric".into()]);
    fields.extend(labelled("metric_label"));
    fields.extend(
        [
            "value",
            "unit",
            "status",
            "as_of",
            "note",
            "article_title",
            "article_language",
            "article_url",
        ]
        .map(String::from),
    );
    fields.join(",")
}

/// A label in each language, in the site's order of languages: in JSON an
/// object by language code.
struct ByLanguage<'r>(Vec<(&'r str, String)>);

impl Serialize for ByLanguage<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (code, label) in &self.0 {
            map.serialize_entry(code, label)?;
        }
        map.end()
    }
}

impl ByLanguage<'_> {
    fn labels(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(_, label)| label.as_str())
    }
}

/// A province's fields: `province` and its names as the article names it,
/// and the province it is part of today (the same, unless it ended; several
/// ids and names, each separated by a space and by `; `, after a split).
#[derive(Serialize)]
struct ProvinceFields<'r> {
    province: &'r str,
    province_name: ByLanguage<'r>,
    current_province: String,
    current_province_name: ByLanguage<'r>,
}

impl ProvinceFields<'_> {
    fn csv(&self) -> Vec<&str> {
        let mut fields = vec![self.province];
        fields.extend(self.province_name.labels());
        fields.push(&self.current_province);
        fields.extend(self.current_province_name.labels());
        fields
    }
}

/// A metric's fields: `metric`, its label in each language.
#[derive(Serialize)]
struct MetricFields<'r> {
    metric: &'r str,
    metric_label: ByLanguage<'r>,
}

impl MetricFields<'_> {
    fn csv(&self) -> Vec<&str> {
        let mut fields = vec![self.metric];
        fields.extend(self.metric_label.labels());
        fields
    }
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

    /// Writes `csv` as CSV fields, and the members of `json` (a struct).
    fn add_split(&mut self, csv: &[&str], json: &impl Serialize) -> Part {
        let (csv, json_start) = self.write(|writer| writer.write_record(csv));
        serde_json::to_writer(&mut self.json, json).expect("fields serialize to JSON");
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

/// The parts of the rows that both files share, made once, when the first
/// file is written.
pub struct SharedParts<'a> {
    site: &'a Site<'a>,
    routes: &'a Routes,
    /// Every language's, for the labels.
    localizers: &'a [Localizer<'a>],
    parts: OnceLock<(Parts, Labels)>,
}

impl<'a> SharedParts<'a> {
    /// Nothing made yet.
    pub fn new(
        site: &'a Site<'a>,
        routes: &'a Routes,
        localizers: &'a [Localizer<'a>],
    ) -> SharedParts<'a> {
        SharedParts {
            site,
            routes,
            localizers,
            parts: OnceLock::new(),
        }
    }

    /// The language codes of the labels, in order.
    fn codes(&self) -> Vec<&str> {
        self.localizers
            .iter()
            .map(|l| l.language.code.as_str())
            .collect()
    }

    /// The parts and the labels, made on first use (on one thread: whoever
    /// else asks waits).
    fn parts(&self) -> &(Parts, Labels) {
        self.parts.get_or_init(|| {
            let parts = self.made_parts();
            let labels = Labels::new(self.localizers, &parts);
            (parts, labels)
        })
    }

    fn made_parts(&self) -> Parts {
        {
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
        }
    }
}

/// The values of a map of `(index, value)`, in the order of their indexes.
fn by_index<K, V>(map: HashMap<K, (usize, V)>) -> Vec<V> {
    let mut values: Vec<(usize, V)> = map.into_values().collect();
    values.sort_unstable_by_key(|(i, _)| *i);
    values.into_iter().map(|(_, v)| v).collect()
}

/// The labels in every language: a part for each province and metric of
/// [`Parts`], by the same index.
struct Labels {
    provinces: Vec<Part>,
    metrics: Vec<Part>,
    text: Escaped,
}

impl Labels {
    fn new(locs: &[Localizer<'_>], parts: &Parts) -> Labels {
        let site = locs[0].site;
        let articles = &site.articles;
        let histories: BTreeMap<&ProvinceId, &History> = site
            .config
            .provinces
            .iter()
            .map(|(id, p)| (id, &p.history))
            .collect();
        let by_language = |label: &dyn Fn(&Localizer<'_>) -> String| {
            ByLanguage(
                locs.iter()
                    .map(|loc| (loc.language.code.as_str(), label(loc)))
                    .collect(),
            )
        };
        let mut texts = Texts::new();
        let provinces = parts
            .provinces
            .iter()
            .map(|&i| {
                let id = &articles[i].province;
                let today = provinces::current(&histories, id);
                let fields = ProvinceFields {
                    province: id.as_str(),
                    province_name: by_language(&|loc| loc.province_name(id).to_owned()),
                    current_province: today
                        .iter()
                        .map(|p| p.as_str())
                        .collect::<Vec<_>>()
                        .join(" "),
                    current_province_name: by_language(&|loc| {
                        today
                            .iter()
                            .map(|p| loc.province_name(p))
                            .collect::<Vec<_>>()
                            .join("; ")
                    }),
                };
                texts.add_split(&fields.csv(), &fields)
            })
            .collect();
        let metrics = parts
            .metrics
            .iter()
            .map(|&(i, j)| {
                let id = &articles[i].figures[j].metric;
                let fields = MetricFields {
                    metric: id.as_str(),
                    metric_label: by_language(&|loc| loc.metric_label(id).to_owned()),
                };
                texts.add_split(&fields.csv(), &fields)
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
    shared: &SharedParts<'_>,
    listed: &[Listed<'_>],
    form: for<'w> fn(&'w Escaped, Part) -> &'w [u8],
    mut each: impl FnMut(&Row<'_>),
) {
    let (parts, labels) = shared.parts();
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
pub fn csv(shared: &SharedParts<'_>, listed: &[Listed<'_>]) -> Vec<u8> {
    let mut room = 0;
    for_each_row(shared, listed, Escaped::csv, |row| room += row.len() + 5);
    let mut writer = Csv::new(&header(&shared.codes()), room);
    for_each_row(shared, listed, Escaped::csv, |row| writer.row(row));
    writer.out
}

/// The figures of the articles `listed` as a JSON object, `{"languages": […],
/// "figures": [ … ]}`, one row per line: compact, yet a change to one figure is
/// a change to one line.
pub fn json(shared: &SharedParts<'_>, listed: &[Listed<'_>]) -> Vec<u8> {
    let mut room = 0;
    for_each_row(shared, listed, Escaped::json, |row| room += row.len() + 16);
    let mut writer = Json::new(&shared.codes(), room);
    for_each_row(shared, listed, Escaped::json, |row| writer.row(row));
    writer.finish()
}

/// A CSV file being written.
struct Csv {
    out: Vec<u8>,
}

impl Csv {
    fn new(header: &str, room: usize) -> Csv {
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
    fn new(languages: &[&str], room: usize) -> Json {
        let mut out = Vec::with_capacity(64 + room);
        out.extend_from_slice(b"{\"languages\":");
        serde_json::to_writer(&mut out, languages).expect("strings serialize to JSON");
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

    const CODES: [&str; 2] = ["vi", "en"];

    fn two(vi: &str, en: &str) -> ByLanguage<'static> {
        ByLanguage(vec![("vi", vi.to_owned()), ("en", en.to_owned())])
    }

    /// One figure's row, written with the parts of the files.
    fn written(note: Option<&str>) -> (Escaped, [Part; 5]) {
        let mut texts = Texts::new();
        let province = ProvinceFields {
            province: "ha-tinh",
            province_name: two("Hà Tĩnh", "Ha Tinh"),
            current_province: "ha-tinh".into(),
            current_province_name: two("Hà Tĩnh", "Ha Tinh"),
        };
        let metric = MetricFields {
            metric: "revenue",
            metric_label: two("Doanh thu", "Revenue"),
        };
        let parts = [
            texts.add_split(&province.csv(), &province),
            texts.add_text("2024-02-20"),
            texts.add_split(&metric.csv(), &metric),
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
        let mut writer = Csv::new(&header(&CODES), 0);
        rows.iter().for_each(|r| writer.row(&row(r, Escaped::csv)));
        String::from_utf8(writer.out).expect("UTF-8 fields make UTF-8 text")
    }

    fn json(rows: &[(Escaped, [Part; 5])]) -> String {
        let mut writer = Json::new(&CODES, 0);
        rows.iter().for_each(|r| writer.row(&row(r, Escaped::json)));
        String::from_utf8(writer.finish()).expect("UTF-8 fields make UTF-8 text")
    }

    #[test]
    fn csv_has_a_label_column_per_language_and_keeps_whole_numbers_whole() {
        let text = csv(&[written(Some("khoảng, hơn")), written(None)]);
        let mut lines = text.lines();
        assert_eq!(
            lines.next(),
            Some(
                "province,province_name_vi,province_name_en,current_province,\
                 current_province_name_vi,current_province_name_en,date,metric,\
                 metric_label_vi,metric_label_en,value,unit,status,as_of,note,\
                 article_title,article_language,article_url"
            )
        );
        assert_eq!(
            lines.next(),
            Some(
                "ha-tinh,Hà Tĩnh,Ha Tinh,ha-tinh,Hà Tĩnh,Ha Tinh,2024-02-20,revenue,Doanh thu,Revenue,\
                 9450000000,VND,actual,,\"khoảng, hơn\",\
                 \"Hà Tĩnh, \"\"kinh tế tập thể\"\"\",vi,https://example.org/vi/2024/a/"
            )
        );
        assert_eq!(text.lines().count(), 3);
        assert_eq!(csv(&[]).trim_end(), header(&CODES));
    }

    #[test]
    fn a_row_put_together_from_parts_reads_back_as_its_fields() {
        let text = csv(&[written(Some("a \"quoted\"\nnote"))]);
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let names: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        let record = reader.records().next().unwrap().unwrap();
        assert_eq!(record.len(), names.len());
        let field = |name: &str| record[names.iter().position(|n| n == name).unwrap()].to_owned();
        assert_eq!(field("province_name_vi"), "Hà Tĩnh");
        assert_eq!(field("metric_label_en"), "Revenue");
        assert_eq!(field("note"), "a \"quoted\"\nnote");
        assert_eq!(field("article_title"), "Hà Tĩnh, \"kinh tế tập thể\"");
        let text = json(&[written(Some("a \"quoted\"\nnote"))]);
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        let first = &value["figures"][0];
        assert_eq!(first["note"], "a \"quoted\"\nnote");
        assert_eq!(first["date"], "2024-02-20");
        assert_eq!(first["province_name"]["en"], "Ha Tinh");
        assert_eq!(first["metric_label"]["vi"], "Doanh thu");
        // The members in the CSV's order, the languages in the site's.
        let line = text.lines().nth(1).unwrap();
        let at: Vec<usize> = [
            "\"province\":",
            "\"province_name\":{\"vi\"",
            "\"current_province\":",
            "\"date\":",
            "\"metric\":",
            "\"metric_label\":{\"vi\"",
            "\"value\":",
            "\"article_url\":",
        ]
        .iter()
        .map(|name| line.find(name).expect(name))
        .collect();
        assert!(at.is_sorted(), "{line}");
    }

    #[test]
    fn json_keeps_types() {
        let value: serde_json::Value = serde_json::from_str(&json(&[written(None)])).unwrap();
        assert_eq!(value["languages"], serde_json::json!(["vi", "en"]));
        let first = &value["figures"][0];
        assert_eq!(first["value"], 9_450_000_000_i64);
        assert_eq!(first["status"], "actual");
        assert!(first["note"].is_null());
    }

    #[test]
    fn json_has_one_row_per_line() {
        let text = json(&[written(None), written(Some("a\nb"))]);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 4, "{text}");
        assert_eq!(lines[0], "{\"languages\":[\"vi\",\"en\"],\"figures\":[");
        assert!(lines[1].starts_with("{\"province\":\"ha-tinh\"") && lines[1].ends_with("},"));
        assert!(lines[2].contains("\"note\":\"a\\nb\""), "{}", lines[2]);
        assert_eq!(lines[3], "]}");
        let empty: serde_json::Value = serde_json::from_str(&json(&[])).unwrap();
        assert_eq!(empty["figures"], serde_json::json!([]));
    }
}
