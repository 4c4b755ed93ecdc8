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
pub struct Row<'a> {
    /// The province id.
    pub province: &'a str,
    /// The province's name in the file's language.
    pub province_name: &'a str,
    /// The article's date (`2024-02-20`, `2024-02` or `2024`).
    pub date: String,
    /// The metric id.
    pub metric: &'a str,
    /// The metric's label in the file's language.
    pub metric_label: &'a str,
    /// The value.
    #[serde(serialize_with = "shortest")]
    pub value: f64,
    /// Its unit (the metric's when the figure names none), if any.
    pub unit: Option<&'a str>,
    /// `actual`, `target` or `estimate`.
    pub status: Status,
    /// The date it refers to, when not the article's.
    pub as_of: Option<String>,
    /// The editor's note, in the article's language.
    pub note: Option<&'a str>,
    /// The article's title.
    pub article_title: &'a str,
    /// The article's language.
    pub article_language: &'a str,
    /// The article's absolute URL.
    pub article_url: String,
}

/// Whole numbers without a fraction (`5400`, not `5400.0`).
fn shortest<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    if value.fract() == 0.0 && value.abs() < 9.0e15 {
        serializer.serialize_i64(*value as i64)
    } else {
        serializer.serialize_f64(*value)
    }
}

/// The rows of the articles `listed` (newest first), each article's figures in its order.
pub fn rows<'a>(lang: &Lang<'a>, listed: &[Listed<'a>]) -> Vec<Row<'a>> {
    let config = lang.site.config;
    listed
        .iter()
        .flat_map(|l| {
            let a = l.article;
            a.figures.iter().map(move |f| Row {
                province: a.province.as_str(),
                province_name: lang.province_name(&a.province),
                date: a.date.iso(),
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
                article_url: lang.article_permalink(a),
            })
        })
        .collect()
}

/// The rows as CSV, with a header row.
pub fn csv(rows: &[Row<'_>]) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in rows {
        writer.serialize(row).expect("rows serialize to memory");
    }
    if rows.is_empty() {
        // The header alone, so that an empty file still says what it would hold.
        writer
            .write_record(HEADER)
            .expect("a record writes to memory");
    }
    let bytes = writer.into_inner().expect("memory does not fail");
    String::from_utf8(bytes).expect("CSV of UTF-8 fields is UTF-8")
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

/// The rows as a JSON object: `{"language": …, "figures": [ … ]}`, one row per
/// line: compact, yet a change to one figure is a change to one line.
pub fn json(language: &str, rows: &[Row<'_>]) -> String {
    let mut out = Vec::with_capacity(64 + rows.len() * 400);
    out.extend_from_slice(b"{\"language\":");
    serde_json::to_writer(&mut out, language).expect("a string serializes to JSON");
    out.extend_from_slice(b",\"figures\":[");
    for (i, row) in rows.iter().enumerate() {
        out.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
        serde_json::to_writer(&mut out, row).expect("rows serialize to JSON");
    }
    out.extend_from_slice(b"\n]}\n");
    String::from_utf8(out).expect("JSON is UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(note: Option<&'static str>) -> Row<'static> {
        Row {
            province: "ha-tinh",
            province_name: "Hà Tĩnh",
            date: "2024-02-20".into(),
            metric: "revenue",
            metric_label: "Doanh thu",
            value: 9_450_000_000.0,
            unit: Some("VND"),
            status: Status::Actual,
            as_of: None,
            note,
            article_title: "Hà Tĩnh, \"kinh tế tập thể\"",
            article_language: "vi",
            article_url: "https://example.org/vi/2024/a/".into(),
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
