//! Small charts of one metric over the years, drawn as inline SVG when the site
//! is built: no script, readable without the stylesheet, and labelled for screen
//! readers.
//!
//! Actual values are solid dots joined by a line; targets are hollow diamonds and
//! estimates hollow dots, each joined to the last actual value before it by a
//! dashed line. In a right-to-left page time runs from right to left, like the
//! columns of the table beside the chart. Every label is centred on its point,
//! so it reads the same in either direction.

use std::fmt::Write as _;

use crate::figures::Status;

/// One value of the chart, labelled in the page's language.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// The year it refers to.
    pub year: i32,
    /// The value.
    pub value: f64,
    /// Actual, target or estimate.
    pub status: Status,
    /// The year, formatted.
    pub year_label: String,
    /// The value, formatted.
    pub value_label: String,
}

/// A chart to draw.
#[derive(Debug, Clone)]
pub struct Chart<'a> {
    /// A prefix for the ids of its title and description, unique in the page.
    pub id: &'a str,
    /// Its title (the metric's label).
    pub title: &'a str,
    /// Its text alternative: every value in words.
    pub description: String,
    /// Whether the page reads right to left.
    pub rtl: bool,
    /// Its values, at most one per year and status.
    pub points: Vec<Point>,
}

const WIDTH: f64 = 360.0;
const HEIGHT: f64 = 180.0;
/// Room above the highest point for its label, and below the axis for the years.
const TOP: f64 = 26.0;
const BOTTOM: f64 = 30.0;
/// Room beside the first and last points for their labels.
const SIDE: f64 = 44.0;

/// The chart as an `<svg>` element.
///
/// One function on purpose: it writes one document from top to bottom (the
/// frame, the axis, the lines, the points and their labels), and each part
/// uses the scales worked out at the start.
pub fn svg(chart: &Chart<'_>) -> String {
    let mut points = chart.points.clone();
    points.sort_by_key(|p| (p.year, p.status));
    let first_year = points.first().map_or(0, |p| p.year);
    let last_year = points.last().map_or(0, |p| p.year);
    let low = points.iter().map(|p| p.value).fold(0.0, f64::min);
    let high = points.iter().map(|p| p.value).fold(f64::MIN, f64::max);
    let high = if high > low { high } else { low + 1.0 };
    let x = |year: i32| {
        let share = if last_year > first_year {
            f64::from(year - first_year) / f64::from(last_year - first_year)
        } else {
            0.5
        };
        let share = if chart.rtl { 1.0 - share } else { share };
        SIDE + share * (WIDTH - 2.0 * SIDE)
    };
    let y = |value: f64| TOP + (1.0 - (value - low) / (high - low)) * (HEIGHT - TOP - BOTTOM);
    let axis = y(low);

    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="{id}-title {id}-desc" direction="{dir}" font-size="11" fill="currentColor">"#,
        id = chart.id,
        dir = if chart.rtl { "rtl" } else { "ltr" },
    );
    let _ = write!(
        out,
        r#"<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>"#,
        chart.id,
        escape(chart.title),
        chart.id,
        escape(&chart.description)
    );
    let _ = write!(
        out,
        r#"<line class="axis" x1="{:.1}" y1="{axis:.1}" x2="{:.1}" y2="{axis:.1}" stroke="currentColor" stroke-opacity="0.4"/>"#,
        SIDE / 2.0,
        WIDTH - SIDE / 2.0
    );

    let actual: Vec<&Point> = points
        .iter()
        .filter(|p| p.status == Status::Actual)
        .collect();
    if actual.len() > 1 {
        let path: Vec<String> = actual
            .iter()
            .map(|p| format!("{:.1},{:.1}", x(p.year), y(p.value)))
            .collect();
        let _ = write!(
            out,
            r#"<polyline class="line actual" points="{}" fill="none" stroke="currentColor" stroke-width="2"/>"#,
            path.join(" ")
        );
    }
    // Targets and estimates hang from the last actual value up to their year.
    for p in points.iter().filter(|p| p.status != Status::Actual) {
        if let Some(from) = actual.iter().rev().find(|a| a.year <= p.year) {
            let _ = write!(
                out,
                r#"<line class="line {}" x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="currentColor" stroke-width="1.5" stroke-dasharray="4 3"/>"#,
                class(p.status),
                x(from.year),
                y(from.value),
                x(p.year),
                y(p.value)
            );
        }
    }

    let mut years: Vec<(i32, &str)> = points
        .iter()
        .map(|p| (p.year, p.year_label.as_str()))
        .collect();
    years.dedup_by_key(|(year, _)| *year);
    for (year, label) in years {
        let _ = write!(
            out,
            r#"<text class="year" x="{:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
            x(year),
            HEIGHT - 10.0,
            escape(label)
        );
    }

    for p in &points {
        let (px, py) = (x(p.year), y(p.value));
        let mark = match p.status {
            Status::Actual => format!(r#"<circle cx="{px:.1}" cy="{py:.1}" r="4"/>"#),
            Status::Target => format!(
                r#"<path d="M{px:.1} {:.1}l5 5-5 5-5-5z" fill="Canvas" stroke="currentColor" stroke-width="1.5"/>"#,
                py - 5.0
            ),
            Status::Estimate => format!(
                r#"<circle cx="{px:.1}" cy="{py:.1}" r="4" fill="Canvas" stroke="currentColor" stroke-width="1.5"/>"#
            ),
        };
        let _ = write!(
            out,
            r#"<g class="point {}">{mark}<text x="{px:.1}" y="{:.1}" text-anchor="middle">{}</text></g>"#,
            class(p.status),
            py - 9.0,
            escape(&p.value_label)
        );
    }
    out.push_str("</svg>");
    out
}

fn class(status: Status) -> &'static str {
    match status {
        Status::Actual => "actual",
        Status::Target => "target",
        Status::Estimate => "estimate",
    }
}

/// Text escaped for HTML content and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    pulldown_cmark_escape::escape_html(&mut out, text).expect("writing to a String");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(year: i32, value: f64, status: Status) -> Point {
        Point {
            year,
            value,
            status,
            year_label: year.to_string(),
            value_label: value.to_string(),
        }
    }

    fn chart(rtl: bool) -> Chart<'static> {
        Chart {
            id: "chart-members",
            title: "Members & workers",
            description: "2021: 10; 2023: 30; 2030: 50 (target)".into(),
            rtl,
            points: vec![
                point(2023, 30.0, Status::Actual),
                point(2021, 10.0, Status::Actual),
                point(2030, 50.0, Status::Target),
            ],
        }
    }

    /// The `x` of each point mark, in year order.
    fn xs(svg: &str) -> Vec<f64> {
        svg.match_indices("<g class=\"point")
            .map(|(i, _)| {
                let rest = &svg[i..];
                let at = rest.find(" x=\"").unwrap() + 4;
                rest[at..at + rest[at..].find('"').unwrap()]
                    .parse()
                    .unwrap()
            })
            .collect()
    }

    #[test]
    fn time_runs_with_the_reading_direction() {
        let ltr = xs(&svg(&chart(false)));
        let rtl = xs(&svg(&chart(true)));
        assert!(ltr.windows(2).all(|w| w[0] < w[1]), "{ltr:?}");
        assert!(rtl.windows(2).all(|w| w[0] > w[1]), "{rtl:?}");
        // Years are placed by their distance in time: 2021–2023 is shorter than 2023–2030.
        assert!(ltr[1] - ltr[0] < ltr[2] - ltr[1]);
    }

    #[test]
    fn targets_are_drawn_apart_from_actuals() {
        let svg = svg(&chart(false));
        assert_eq!(svg.matches("<g class=\"point actual\"><circle").count(), 2);
        assert_eq!(svg.matches("<g class=\"point target\"><path").count(), 1);
        assert_eq!(svg.matches("class=\"line actual\"").count(), 1);
        assert_eq!(
            svg.matches("class=\"line target\"").count(),
            1,
            "dashed from the last actual"
        );
        assert!(svg.contains("<title id=\"chart-members-title\">Members &amp; workers</title>"));
        assert!(svg.contains("aria-labelledby=\"chart-members-title chart-members-desc\""));
    }

    #[test]
    fn one_value_or_equal_values_stay_inside_the_box() {
        for points in [
            vec![point(2023, 5.0, Status::Actual)],
            vec![
                point(2022, 0.0, Status::Actual),
                point(2023, 0.0, Status::Actual),
            ],
            vec![
                point(2022, -3.0, Status::Actual),
                point(2023, 4.0, Status::Estimate),
            ],
        ] {
            let svg = svg(&Chart {
                points,
                ..chart(false)
            });
            for (i, _) in svg.match_indices(" cy=\"") {
                let rest = &svg[i + 5..];
                let cy: f64 = rest[..rest.find('"').unwrap()].parse().unwrap();
                assert!((TOP..=HEIGHT - BOTTOM).contains(&cy), "{cy} in {svg}");
            }
        }
    }
}
