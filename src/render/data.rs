//! The figures of every article as data for reuse: `/<lang>/figures.csv` and
//! `/<lang>/figures.json`, one row per figure of each article a language lists.
//!
//! Ids (province, metric, status) are for programs; labels (province and metric
//! names) are in the file's language, for people. Nothing in them depends on
//! when the site was built, so two builds give the same bytes.

use serde::{Serialize, Serializer};

use super::context::Lang;
use crate::figures::Status;
use crate::site::Listed;

/// One figure of one article.
#[derive(Debug, Serialize)]
pub struct Row<'r> {
    /// The province id.
    pub province: &'r str,
    /// The province's name in the file's language.
    pub province_name: &'r str,
    /// The article's date (`2024-02-20`, `2024-02` or `2024`).
    pub date: &'r str,
    /// The metric id.
    pub metric: &'r str,
    /// The metric's label in the file's language.
    pub metric_label: &'r str,
    /// The value.
    #[serde(serialize_with = "shortest")]
    pub value: f64,
    /// Its unit (the metric's when the figure names none), if any.
    pub unit: Option<&'r str>,
    /// `actual`, `target` or `estimate`.
    pub status: Status,
    /// The date it refers to, when not the article's.
    pub as_of: Option<String>,
    /// The editor's note, in the article's language.
    pub note: Option<&'r str>,
    /// The article's title.
    pub article_title: &'r str,
    /// The article's language.
    pub article_language: &'r str,
    /// The article's absolute URL.
    pub article_url: &'r str,
}

/// Whole numbers without a fraction (`5400`, not `5400.0`).
fn shortest<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    if value.fract() == 0.0 && value.abs() < 9.0e15 {
        serializer.serialize_i64(*value as i64)
    } else {
        serializer.serialize_f64(*value)
    }
}

/// Hands each row of the articles `listed` (newest first) to `each`, each
/// article's figures in its order. The rows are made one at a time: a large
/// archive has hundreds of thousands.
fn for_each_row(lang: &Lang<'_>, listed: &[Listed<'_>], mut each: impl FnMut(&Row<'_>)) {
    let config = lang.site.config;
    for l in listed {
        let a = l.article;
        if a.figures.is_empty() {
            continue;
        }
        let date = a.date.iso();
        let url = lang.article_permalink(a);
        let province_name = lang.province_name(&a.province);
        for f in &a.figures {
            each(&Row {
                province: a.province.as_str(),
                province_name,
                date: &date,
                metric: f.metric.as_str(),
                metric_label: lang.metric_label(&f.metric),
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
                article_title: &a.title,
                article_language: a.lang.as_str(),
                article_url: &url,
            });
        }
    }
}

/// About how many bytes the rows of `listed` take, to make room for them once.
fn room(listed: &[Listed<'_>], per_row: usize) -> usize {
    listed
        .iter()
        .map(|l| l.article.figures.len())
        .sum::<usize>()
        * per_row
}

/// The figures of the articles `listed` as CSV, with a header row.
pub fn csv(lang: &Lang<'_>, listed: &[Listed<'_>]) -> Vec<u8> {
    let mut writer = Csv::new(room(listed, 200));
    for_each_row(lang, listed, |row| writer.row(row));
    writer.finish()
}

/// The figures of the articles `listed` as a JSON object, `{"language": …,
/// "figures": [ … ]}`, one row per line: compact, yet a change to one figure is
/// a change to one line.
pub fn json(lang: &Lang<'_>, listed: &[Listed<'_>]) -> Vec<u8> {
    let mut writer = Json::new(lang.language.code.as_str(), room(listed, 380));
    for_each_row(lang, listed, |row| writer.row(row));
    writer.finish()
}

/// A CSV file being written.
struct Csv {
    writer: csv::Writer<Vec<u8>>,
    empty: bool,
}

impl Csv {
    fn new(room: usize) -> Csv {
        Csv {
            writer: csv::Writer::from_writer(Vec::with_capacity(room)),
            empty: true,
        }
    }

    fn row(&mut self, row: &Row<'_>) {
        self.writer
            .serialize(row)
            .expect("rows serialize to memory");
        self.empty = false;
    }

    fn finish(mut self) -> Vec<u8> {
        if self.empty {
            // The header alone, so that an empty file still says what it would hold.
            self.writer
                .write_record(HEADER)
                .expect("a record writes to memory");
        }
        self.writer.into_inner().expect("memory does not fail")
    }
}

/// The CSV header: the fields of [`Row`].
const HEADER: [&str; 13] = [
    "province",
    "province_name",
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
        let separator: &[u8] = if self.rows == 0 { b"\n" } else { b",\n" };
        self.out.extend_from_slice(separator);
        serde_json::to_writer(&mut self.out, row).expect("rows serialize to JSON");
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

    fn csv(rows: &[Row<'_>]) -> String {
        let mut writer = Csv::new(0);
        rows.iter().for_each(|row| writer.row(row));
        String::from_utf8(writer.finish()).expect("UTF-8 fields make UTF-8 text")
    }

    fn json(language: &str, rows: &[Row<'_>]) -> String {
        let mut writer = Json::new(language, 0);
        rows.iter().for_each(|row| writer.row(row));
        String::from_utf8(writer.finish()).expect("UTF-8 fields make UTF-8 text")
    }

    fn row(note: Option<&'static str>) -> Row<'static> {
        Row {
            province: "ha-tinh",
            province_name: "Hà Tĩnh",
            date: "2024-02-20",
            metric: "revenue",
            metric_label: "Doanh thu",
            value: 9_450_000_000.0,
            unit: Some("VND"),
            status: Status::Actual,
            as_of: None,
            note,
            article_title: "Hà Tĩnh, \"kinh tế tập thể\"",
            article_language: "vi",
            article_url: "https://example.org/vi/2024/a/",
        }
    }

    #[test]
    fn csv_quotes_what_needs_it_and_keeps_whole_numbers_whole() {
        let text = csv(&[row(Some("khoảng, hơn")), row(None)]);
        let mut lines = text.lines();
        assert_eq!(lines.next(), Some(HEADER.join(",").as_str()));
        assert_eq!(
            lines.next(),
            Some(
                "ha-tinh,Hà Tĩnh,2024-02-20,revenue,Doanh thu,9450000000,VND,actual,,\"khoảng, hơn\",\
                 \"Hà Tĩnh, \"\"kinh tế tập thể\"\"\",vi,https://example.org/vi/2024/a/"
            )
        );
        assert_eq!(text.lines().count(), 3);
        assert_eq!(csv(&[]).trim_end(), HEADER.join(","));
    }

    #[test]
    fn json_keeps_types() {
        let value: serde_json::Value = serde_json::from_str(&json("vi", &[row(None)])).unwrap();
        assert_eq!(value["language"], "vi");
        let first = &value["figures"][0];
        assert_eq!(first["value"], 9_450_000_000_i64);
        assert_eq!(first["status"], "actual");
        assert!(first["note"].is_null());
    }

    #[test]
    fn json_has_one_row_per_line() {
        let text = json("vi", &[row(None), row(Some("a\nb"))]);
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
