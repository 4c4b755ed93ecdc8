//! Dates known to the day, the month or only the year.

use std::fmt;

use serde::Serialize;

/// A Gregorian date at the precision the source gives: `2024-02-20`, `2024-02` or `2023`.
///
/// Ordering puts a year-only date before any day of that year, so "2023" sorts
/// before "2023-01-05" and after everything of 2022.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct PartialDate {
    /// The year.
    pub year: i32,
    /// The month (1–12), when known.
    pub month: Option<u8>,
    /// The day of the month, when known (only together with the month).
    pub day: Option<u8>,
}

impl PartialDate {
    /// Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, rejecting days that do not exist.
    pub fn parse(text: &str) -> Option<PartialDate> {
        let mut parts = text.split('-');
        let year = parts.next().filter(|y| y.len() == 4)?.parse().ok()?;
        let month = parts
            .next()
            .map(|m| two_digits(m).filter(|m| (1..=12).contains(m)));
        let day = parts.next().map(two_digits);
        if parts.next().is_some() {
            return None;
        }
        let date = PartialDate {
            year,
            month: month.map(|m| m.ok_or(())).transpose().ok()?,
            day: day.map(|d| d.ok_or(())).transpose().ok()?,
        };
        date.is_valid().then_some(date)
    }

    /// Builds a date from a TOML value: a local date (`2024-02-20`) or a string.
    pub fn from_toml(value: &toml::Value) -> Option<PartialDate> {
        match value {
            toml::Value::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => {
                let d = dt.date?;
                let date = PartialDate {
                    year: i32::from(d.year),
                    month: Some(d.month),
                    day: Some(d.day),
                };
                date.is_valid().then_some(date)
            }
            toml::Value::String(s) => PartialDate::parse(s),
            toml::Value::Integer(y) if (1000..=9999).contains(y) => Some(PartialDate {
                year: *y as i32,
                month: None,
                day: None,
            }),
            _ => None,
        }
    }

    fn is_valid(&self) -> bool {
        match (self.month, self.day) {
            (Some(m), Some(d)) => {
                jiff::civil::Date::new(self.year as i16, m as i8, d as i8).is_ok()
            }
            (None, Some(_)) => false,
            _ => (1000..=9999).contains(&self.year),
        }
    }

    /// The ISO 8601 form at the date's precision (`2024-02-20`, `2024-02`, `2023`).
    pub fn iso(&self) -> String {
        self.to_string()
    }

    /// Midnight UTC of its first day, in RFC 3339 (`2024` is
    /// `2024-01-01T00:00:00Z`): for feeds and for sharing, which want a
    /// moment.
    pub fn timestamp(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}T00:00:00Z",
            self.year,
            self.month.unwrap_or(1),
            self.day.unwrap_or(1)
        )
    }
}

fn two_digits(s: &str) -> Option<u8> {
    (s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_precision() {
        let table = [
            ("2024-02-20", Some((2024, Some(2), Some(20)))),
            ("2024-02", Some((2024, Some(2), None))),
            ("2023", Some((2023, None, None))),
            ("2024-02-30", None),
            ("2023-02-29", None),
            ("2024-02-29", Some((2024, Some(2), Some(29)))),
            ("2024-13", None),
            ("2024-1-5", None),
            ("24", None),
            ("2024-02-20-01", None),
            ("20 Feb 2024", None),
            ("", None),
        ];
        for (text, expected) in table {
            let got = PartialDate::parse(text).map(|d| (d.year, d.month, d.day));
            assert_eq!(got, expected, "{text}");
        }
    }

    #[test]
    fn reads_toml_dates_and_strings() {
        let v: toml::Table = "a = 2024-02-20\nb = \"2024-02\"\nc = 2023\nd = 2024-02-20T10:00:00Z"
            .parse()
            .unwrap();
        assert_eq!(
            PartialDate::from_toml(&v["a"]).unwrap().to_string(),
            "2024-02-20"
        );
        assert_eq!(
            PartialDate::from_toml(&v["b"]).unwrap().to_string(),
            "2024-02"
        );
        assert_eq!(PartialDate::from_toml(&v["c"]).unwrap().to_string(), "2023");
        assert!(PartialDate::from_toml(&v["d"]).is_none());
    }

    #[test]
    fn year_only_sorts_before_days_of_that_year() {
        let y = PartialDate::parse("2023").unwrap();
        let d = PartialDate::parse("2023-01-05").unwrap();
        let old = PartialDate::parse("2022-12-31").unwrap();
        assert!(old < y && y < d);
    }
}
