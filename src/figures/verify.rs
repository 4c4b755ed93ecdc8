//! Checks of declared key figures: against the article's own text, and between
//! the translations of one article. Both give warnings, not errors: the text
//! may spell a number in a way the language data does not know yet.

use super::Figure;
use super::extract::Reader;
use crate::located::Located;

/// Whether two values are the same number (up to floating-point noise of scale words).
pub fn same_value(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// A declared figure whose value the text never writes.
#[derive(Debug, Clone, PartialEq)]
pub struct Unwritten<'a> {
    /// The figure.
    pub figure: &'a Located<Figure>,
    /// The number of the text closest to it, when the text has any.
    pub closest: Option<f64>,
}

/// The declared `figures` whose value `body` does not write in any spelling the
/// language knows (digits with its separators, scale words, number words).
pub fn unwritten<'a>(
    reader: &Reader,
    body: &str,
    figures: &'a [Located<Figure>],
) -> Vec<Unwritten<'a>> {
    if figures.is_empty() {
        return Vec::new();
    }
    // Digits first: they are quick to find, and usually hold every figure.
    let mut missing: Vec<f64> = figures.iter().map(|f| f.value.value).collect();
    let all_in_digits = reader.digit_values_until(body, |w| {
        missing.retain(|&m| !same_value(w, m));
        missing.is_empty()
    });
    if all_in_digits {
        return Vec::new();
    }
    let written = reader.values(body);
    figures
        .iter()
        .filter(|f| !written.iter().any(|&w| same_value(w, f.value.value)))
        .map(|figure| Unwritten {
            figure,
            closest: closest(figure.value.value, &written),
        })
        .collect()
}

/// The value of `candidates` nearest to `value` in ratio (5040 is nearer 5400 than 50).
fn closest(value: f64, candidates: &[f64]) -> Option<f64> {
    let distance = |c: f64| {
        if value == 0.0 || c == 0.0 || value.signum() != c.signum() {
            f64::INFINITY
        } else {
            (c / value).ln().abs()
        }
    };
    candidates
        .iter()
        .copied()
        .filter(|c| distance(*c).is_finite())
        .min_by(|a, b| distance(*a).total_cmp(&distance(*b)))
}

/// Figures of a translation that disagree with the reference version: the same
/// metric, status, unit and date, and no figure of the reference with its value.
/// Returns each such figure with the reference figures it disagrees with.
pub fn disagreements<'a, 'b>(
    reference: &'a [Located<Figure>],
    translation: &'b [Located<Figure>],
) -> Vec<(&'b Located<Figure>, Vec<&'a Located<Figure>>)> {
    let key = |f: &Figure| (f.metric.clone(), f.status, f.unit.clone(), f.as_of);
    translation
        .iter()
        .filter_map(|t| {
            let counterparts: Vec<&Located<Figure>> = reference
                .iter()
                .filter(|r| key(&r.value) == key(&t.value))
                .collect();
            let agrees = counterparts
                .iter()
                .any(|r| same_value(r.value.value, t.value.value));
            (!counterparts.is_empty() && !agrees).then_some((t, counterparts))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Location;
    use crate::figures::Readers;
    use crate::figures::Status;
    use crate::ids::MetricId;

    fn figure(metric: &str, value: f64, line: usize) -> Located<Figure> {
        Located {
            value: Figure {
                metric: MetricId::parse(metric).unwrap(),
                value,
                unit: None,
                status: Status::Actual,
                as_of: None,
                note: None,
                line,
            },
            location: Location::of_line("x", 1),
        }
    }

    #[test]
    fn a_value_written_in_any_spelling_is_found() {
        let library = Readers::built_in();
        let table = [
            ("ar", "بلغ عدد الأعضاء 210 ألف عضو.", 210_000.0),
            ("ar", "تضم ٥٤٠٠ تعاونية", 5400.0),
            ("ar", "اتحادين تعاونيين", 2.0),
            ("en", "5,400 cooperatives", 5400.0),
            ("en", "revenue of 14.5 billion VND", 14_500_000_000.0),
            ("id", "sebanyak 2.579 koperasi", 2579.0),
            ("id", "tumbuh 40,6%", 40.6),
            ("ru", "82 256 членов", 82_256.0),
            ("ru", "1,5 млрд рублей", 1_500_000_000.0),
            ("vi", "9,45 tỷ đồng", 9_450_000_000.0),
        ];
        for (lang, text, value) in table {
            let declared = [figure("members", value, 3)];
            let reader = library.get(lang).unwrap();
            assert_eq!(unwritten(reader, text, &declared), [], "{lang}: {text}");
        }
    }

    #[test]
    fn a_typo_is_unwritten_and_the_closest_number_offered() {
        let library = Readers::built_in();
        let declared = [
            figure("members", 5040.0, 7),
            figure("cooperatives", 12.0, 9),
        ];
        let missing = unwritten(
            library.get("en").unwrap(),
            "The 12 cooperatives have 5,400 members, up from 50 in 2001.",
            &declared,
        );
        assert_eq!(missing.len(), 1);
        assert_eq!(missing[0].figure.value.line, 7);
        assert_eq!(missing[0].closest, Some(5400.0));
    }

    #[test]
    fn translations_disagree_only_on_the_same_figure() {
        let ar = [
            figure("members", 5400.0, 5),
            figure("cooperatives", 66.0, 9),
        ];
        let en = [
            figure("members", 5040.0, 6),
            figure("cooperatives", 66.0, 10),
            figure("revenue", 3.0, 14),
        ];
        let found = disagreements(&ar, &en);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0.value.line, 6);
        assert_eq!(found[0].1[0].value.line, 5);

        let mut target = figure("members", 6000.0, 8);
        target.value.status = Status::Target;
        assert!(disagreements(&ar, &[target]).is_empty());
        assert!(same_value(9.45 * 1e9, 9_450_000_000.0));
    }
}
