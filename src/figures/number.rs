//! Numbers as news texts write them: `1,981` and `9.45` in English, `2.579` and
//! `40,6` in Indonesian and Vietnamese, `82 256` in Russian, `٢٠٢٣` in Arabic.
//!
//! [`read`] is a pure function of the text and the language's [`Style`]: it
//! never panics, whatever the input (a fuzz target and a test of random input
//! check that).

use serde::Deserialize;

/// How a language separates digit groups and decimals.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Style {
    /// Characters between groups of three digits (`,` in English, `.` in Indonesian,
    /// a space or no-break space in Russian).
    pub group: Vec<char>,
    /// Characters before the decimals (`.` in English, `,` in Indonesian and Russian).
    pub decimal: Vec<char>,
}

/// A number read from the start of a text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number {
    /// Its value.
    pub value: f64,
    /// Bytes of the text it took.
    pub len: usize,
    /// Whether a separator could be read either way (`1,3` in English, `9.45` in
    /// Indonesian, `1.981` in English): the value is the likelier reading, and the
    /// editor should check it.
    pub ambiguous: bool,
}

/// The value of a decimal digit in any script news texts use: ASCII,
/// Arabic-Indic (`٢٠٢٣`) or Eastern Arabic-Indic as used for Persian and Urdu (`۲۰۲۳`).
pub fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{0660}'..='\u{0669}' => Some(c as u32 - 0x0660),
        '\u{06F0}'..='\u{06F9}' => Some(c as u32 - 0x06F0),
        _ => None,
    }
}

/// Spaces that may separate digit groups when the style lists a space.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{00A0}' | '\u{202F}' | '\u{2009}')
}

/// Reads the number at the very start of `text`; `None` when it does not start with a digit.
pub fn read(text: &str, style: &Style) -> Option<Number> {
    let (int, mut len) = digits(text);
    if int.is_empty() {
        return None;
    }
    let mut integer = int;
    let mut decimals = String::new();
    let mut ambiguous = false;
    let spaced = style.group.iter().any(|&g| is_space(g));
    let is_group = |c: char| style.group.contains(&c) || (spaced && is_space(c));
    loop {
        let rest = &text[len..];
        let Some(sep) = rest.chars().next() else {
            break;
        };
        let (run, run_len) = digits(&rest[sep.len_utf8()..]);
        if run.is_empty() {
            break;
        }
        let after = &rest[sep.len_utf8() + run_len..];
        // Another separator and digits after these: more groups follow.
        let more_groups = after.chars().next().is_some_and(|c| {
            is_group(c)
                && after[c.len_utf8()..]
                    .chars()
                    .next()
                    .and_then(digit)
                    .is_some()
        });
        let grouping = is_group(sep) && run.chars().count() == 3;
        let decimal_sep = style.decimal.contains(&sep);
        if grouping && (!decimal_sep || more_groups) {
            integer.push_str(&run);
        } else if decimal_sep && !(grouping && more_groups) {
            // `1.981` in English: three digits after a decimal point read like a group.
            ambiguous |= run.chars().count() == 3 && integer.len() <= 3 && !is_group(sep);
            decimals = run;
            len += sep.len_utf8() + run_len;
            break;
        } else if is_group(sep) && !is_space(sep) && !more_groups && decimals.is_empty() {
            // `1,3` in English, `9.45` in Indonesian: a group separator not followed by three digits.
            ambiguous = true;
            decimals = run;
            len += sep.len_utf8() + run_len;
            break;
        } else {
            break;
        }
        len += sep.len_utf8() + run_len;
    }
    let text = if decimals.is_empty() {
        integer
    } else {
        format!("{integer}.{decimals}")
    };
    let value = text.parse::<f64>().ok().filter(|v| v.is_finite())?;
    Some(Number {
        value,
        len,
        ambiguous,
    })
}

/// The leading digits of `text` as ASCII, and their length in bytes.
fn digits(text: &str) -> (String, usize) {
    let mut out = String::new();
    let mut len = 0;
    for c in text.chars() {
        match digit(c) {
            Some(d) => {
                out.push(char::from_digit(d, 10).expect("a decimal digit"));
                len += c.len_utf8();
            }
            None => break,
        }
    }
    (out, len)
}

/// A number as TOML writes it, for front matter and messages about it:
/// whole numbers without a fraction (`5400`, not `5400.0`).
pub fn toml(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        format!("{value}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn en() -> Style {
        Style {
            group: vec![','],
            decimal: vec!['.'],
        }
    }

    fn id() -> Style {
        Style {
            group: vec!['.'],
            decimal: vec![','],
        }
    }

    fn ru() -> Style {
        Style {
            group: vec![' ', '\u{a0}'],
            decimal: vec![','],
        }
    }

    fn ar() -> Style {
        Style {
            group: vec![',', '٬'],
            decimal: vec!['.', '٫'],
        }
    }

    #[test]
    fn reads_numbers_as_each_language_writes_them() {
        // (style, text, value, bytes taken, ambiguous)
        type Row = (fn() -> Style, &'static str, f64, usize, bool);
        let table: &[Row] = &[
            (en, "1,981 cooperative groups", 1981.0, 5, false),
            (en, "82,256 members", 82256.0, 6, false),
            (en, "9.45 billion", 9.45, 4, false),
            (en, "5,400 cooperatives", 5400.0, 5, false),
            (en, "1,234,567.5", 1234567.5, 11, false),
            (en, "14.5", 14.5, 4, false),
            (en, "2030, the province", 2030.0, 4, false),
            (en, "5 - 6%", 5.0, 1, false),
            (en, "1,3 tỷ", 1.3, 3, true),
            (en, "1.981 groups", 1.981, 5, true),
            (en, "70%", 70.0, 2, false),
            (en, "12,34,567", 12.0, 2, false),
            (id, "2.579 kelompok", 2579.0, 5, false),
            (id, "40,6%", 40.6, 4, false),
            (id, "29.100 juta", 29100.0, 6, false),
            (id, "1.234.567,89", 1234567.89, 12, false),
            (id, "9.45 miliar", 9.45, 4, true),
            (id, "73.691 anggota", 73691.0, 6, false),
            (id, "20-30 koperasi", 20.0, 2, false),
            (ru, "82 256 членов", 82256.0, 6, false),
            (ru, "82\u{a0}256", 82256.0, 7, false),
            (ru, "1,3 млрд", 1.3, 3, false),
            (ru, "504 кооператива", 504.0, 3, false),
            (ru, "2 25", 2.0, 1, false),
            (ru, "1 500 000", 1_500_000.0, 9, false),
            (ar, "٢٠٢٣", 2023.0, 8, false),
            (ar, "۲۰۲۳", 2023.0, 8, false),
            (ar, "١٬٩٨١", 1981.0, 10, false),
            (ar, "٩٫٤٥ مليار", 9.45, 8, false),
            (ar, "9.45 مليار", 9.45, 4, false),
            (ar, "1,981 جمعية", 1981.0, 5, false),
            (ar, "210 ألف", 210.0, 3, false),
        ];
        for (style, text, value, len, ambiguous) in table {
            let n = read(text, &style()).unwrap_or_else(|| panic!("no number in {text:?}"));
            assert_eq!(
                (n.value, n.len, n.ambiguous),
                (*value, *len, *ambiguous),
                "{text:?}"
            );
        }
    }

    #[test]
    fn text_without_a_leading_digit_is_no_number() {
        for text in ["", "abc", ",5", ".5", " 5", "-5", "%", "Nghị quyết"] {
            assert_eq!(read(text, &en()), None, "{text:?}");
        }
    }

    #[test]
    fn overlong_numbers_still_parse_and_never_overflow() {
        let n = read(&"9".repeat(300), &en()).unwrap_or_else(|| panic!("no number"));
        assert!(n.value.is_finite());
        assert_eq!(
            read(&"9".repeat(320), &en()),
            None,
            "too large to be finite"
        );
    }

    #[test]
    fn random_input_never_panics() {
        // A small deterministic generator over the characters numbers are made of.
        let alphabet: Vec<char> = "0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳,.٫٬ \u{a0}\u{202f}-–%ab"
            .chars()
            .collect();
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..(state % 24) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.push(alphabet[(state % alphabet.len() as u64) as usize]);
            }
            for style in [en(), id(), ru(), ar()] {
                if let Some(n) = read(&text, &style) {
                    assert!(n.len > 0 && n.len <= text.len() && text.is_char_boundary(n.len));
                }
            }
        }
    }
}
