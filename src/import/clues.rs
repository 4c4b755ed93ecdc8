//! What a pasted text says of its province and its date.
//!
//! Province: every name of a site province the text writes (in any of the
//! site's languages, with or without diacritics), except a name inside an
//! official's title ("Vice Chairman of the Quang Tri Provincial People's
//! Committee"), which says where the official works, not what the article is
//! about. The province named most wins; none, or a tie, is left to the editor.
//!
//! Date: the first day the text gives that is no document's: with its own
//! year ("ngày 20/2/2024"), or without one ("this afternoon, 20 February",
//! "16 января") in the latest year the text mentions up to today's; a day
//! a few words after a document's name ("Resolution No. 20 of 16 June 2022")
//! is the document's. Else a month with its year, or the text's one year.

use std::collections::BTreeMap;

use crate::date::PartialDate;
use crate::figures::places::{Places, fold_words};
use crate::ids::ProvinceId;

/// Words that, a few words before a province's name, make it part of an
/// official's or a body's title.
const TITLE_WORDS: &[&str] = &[
    "committee",
    "chairman",
    "chairwoman",
    "secretary",
    "council",
    "party",
    "uy",
    "ban",
    "chu",
    "tich",
    "bi",
    "thu",
    "komite",
    "ketua",
    "sekretaris",
    "dewan",
    "partai",
    "комитет",
    "комитета",
    "председатель",
    "председателя",
    "секретарь",
    "секретаря",
    "совета",
    "لجنة",
    "اللجنة",
    "رئيس",
    "أمين",
    "مجلس",
    "الحزب",
];

/// How many words before a name a title word reaches.
const TITLE_REACH: usize = 6;

/// Where a text places itself.
#[derive(Debug, Clone, PartialEq)]
pub enum Place {
    /// One province named most.
    One(ProvinceId),
    /// Several named as often as each other (the candidates).
    Tied(Vec<ProvinceId>),
    /// Named only in a newspaper's address (the portal's, not the article's
    /// subject): weak evidence.
    Weak(ProvinceId),
    /// None named outside titles; the provinces named inside them.
    None(Vec<ProvinceId>),
}

/// Words (folded) of an address or a masthead: a province named in such a paragraph
/// is where the newspaper is.
const ADDRESS_WORDS: &[&str] = &[
    "address",
    "dia chi",
    "toa soan",
    "alamat",
    "адрес",
    "العنوان",
    "tel",
    "email",
    "phone",
    "dien thoai",
    "телефон",
    "هاتف",
];

/// The province `text` is about, by the names it writes.
pub fn province(text: &str, places: &Places) -> Place {
    let mut named: BTreeMap<ProvinceId, usize> = BTreeMap::new();
    let mut in_titles: Vec<ProvinceId> = Vec::new();
    let mut in_addresses: BTreeMap<ProvinceId, usize> = BTreeMap::new();
    for paragraph in text.split("\n\n") {
        let words = fold_words(paragraph);
        let joined = format!(" {} ", words.join(" "));
        let address = ADDRESS_WORDS
            .iter()
            .any(|a| joined.contains(&format!(" {a} ")));
        let counts = if address {
            &mut in_addresses
        } else {
            &mut named
        };
        names(&words, places, counts, &mut in_titles);
    }
    match most(named).as_slice() {
        [] => match most(in_addresses).as_slice() {
            [one] => Place::Weak(one.clone()),
            _ => Place::None(in_titles),
        },
        [one] => Place::One(one.clone()),
        several => Place::Tied(several.to_vec()),
    }
}

/// The provinces named most often (none when none is named).
fn most(named: BTreeMap<ProvinceId, usize>) -> Vec<ProvinceId> {
    let most = named.values().copied().max().unwrap_or(0);
    named
        .into_iter()
        .filter(|(_, n)| *n == most && most > 0)
        .map(|(id, _)| id)
        .collect()
}

/// Counts the names of `words` into `named`, or into `in_titles` when an
/// official's title holds them.
fn names(
    words: &[String],
    places: &Places,
    named: &mut BTreeMap<ProvinceId, usize>,
    in_titles: &mut Vec<ProvinceId>,
) {
    let mut k = 0;
    while k < words.len() {
        let window: Vec<&str> = words[k..(k + 5).min(words.len())]
            .iter()
            .map(String::as_str)
            .collect();
        let Some((id, n)) = places.at(&window) else {
            k += 1;
            continue;
        };
        let titled = words[k.saturating_sub(TITLE_REACH)..k]
            .iter()
            .any(|w| TITLE_WORDS.contains(&w.as_str()));
        if titled {
            if !in_titles.contains(id) {
                in_titles.push(id.clone());
            }
        } else {
            *named.entry(id.clone()).or_default() += 1;
        }
        k += n;
    }
}

/// Month names by language, January first (as the texts write them: the
/// genitive in Russian).
const MONTHS: &[&[&str]] = &[
    &[
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ],
    &[
        "januari",
        "februari",
        "maret",
        "april",
        "mei",
        "juni",
        "juli",
        "agustus",
        "september",
        "oktober",
        "november",
        "desember",
    ],
    &[
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ],
    &[
        "يناير",
        "فبراير",
        "مارس",
        "أبريل",
        "مايو",
        "يونيو",
        "يوليو",
        "أغسطس",
        "سبتمبر",
        "أكتوبر",
        "نوفمبر",
        "ديسمبر",
    ],
    &[
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    &[
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
];

/// The date a text gives itself, at the precision it supports, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Dated {
    pub date: Option<PartialDate>,
    /// What it was read from, or why there is none.
    pub because: String,
}

/// The article's date (see the module's notes); else nothing, with the
/// years the text mentions.
pub fn date(text: &str, today: PartialDate) -> Dated {
    let words: Vec<String> = text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '،' | '.' | '(' | ')' | ';' | '؛'))
        .filter(|w| !w.is_empty())
        .map(|w| ascii_digits(&w.to_lowercase()))
        .collect();
    let number = |k: usize| words.get(k).and_then(|w| w.parse::<u32>().ok());
    let year_at = |k: usize| number(k).filter(|y| (1990..=2100).contains(y));
    let month_of = |w: &str| {
        MONTHS
            .iter()
            .find_map(|names| {
                names
                    .iter()
                    .position(|m| w == *m || w.strip_prefix('و') == Some(m))
            })
            .map(|p| p as u32 + 1)
    };
    let mut years: Vec<u32> = (0..words.len()).filter_map(year_at).collect();
    years.sort_unstable();
    years.dedup();
    let mut day_month = None;
    // The years of days that carry their own (a document's, an event's).
    let mut dated_years = Vec::new();
    let mut previous_day = 0;
    for k in 0..words.len() {
        // "20 February", "16 января", "20 فبراير"; "February 20"; "ngày 20/2", "tháng".
        let found = match (number(k), words.get(k + 1).and_then(|w| month_of(w))) {
            (Some(d), Some(m)) => Some((d, m, None, k + 2)),
            _ => match (month_of(&words[k]), number(k + 1)) {
                (Some(m), Some(d)) => Some((d, m, None, k + 2)),
                _ => vietnamese_day(&words, k),
            },
        };
        let Some((day, month, written_year, after)) = found else {
            continue;
        };
        if !(1..=31).contains(&day) {
            continue;
        }
        let own_year = written_year.or_else(|| year_at(after)).or_else(|| {
            words
                .get(after)
                .filter(|w| *w == "năm")
                .and_then(|_| year_at(after + 1))
        });
        // A day with its own year after a document's name is the document's
        // ("Resolution No. 20 of 16 June 2022"); else it is the day of what
        // the article reports.
        // (Not past the day before: "Nghị quyết số 20 ngày 16/6/2022, sáng
        // ngày 20/2/2024".)
        let document = (k.saturating_sub(DOCUMENT_REACH).max(previous_day)..k)
            .any(|j| DOCUMENT_WORDS.iter().any(|d| words[j].starts_with(d)));
        previous_day = after;
        match own_year {
            Some(year) if document => dated_years.push(year),
            Some(year) => {
                day_month = Some((day, month, Some(year), words[k..after].join(" ")));
                break;
            }
            None => {
                day_month = Some((day, month, None, words[k..after].join(" ")));
                break;
            }
        }
    }
    let latest = years
        .iter()
        .rev()
        .copied()
        .find(|y| *y as i32 <= today.year);
    match (day_month, latest) {
        (Some((day, month, Some(year), words)), _) => Dated {
            date: PartialDate::parse(&format!("{year}-{month:02}-{day:02}")),
            because: format!("«{words}», the first day the text gives that is no document's"),
        },
        (Some((day, month, None, words)), Some(year)) => {
            match PartialDate::parse(&format!("{year}-{month:02}-{day:02}")) {
                Some(date) => Dated {
                    date: Some(date),
                    because: format!("«{words}» in {year}, the latest year the text names"),
                },
                None => Dated {
                    date: None,
                    because: format!("«{words}» is no day of {year}"),
                },
            }
        }
        (Some((_, _, None, words)), None) => Dated {
            date: None,
            because: format!("«{words}» without a year the text names"),
        },
        (None, _) if month_year(&words, today).is_some() => {
            let (date, words) = month_year(&words, today).expect("just seen");
            Dated {
                date: Some(date),
                because: format!("«{words}»: the month the text speaks of, no day given"),
            }
        }
        (None, _)
            if years
                .iter()
                .filter(|y| **y as i32 <= today.year && !dated_years.contains(*y))
                .count()
                == 1 =>
        {
            let year = years
                .iter()
                .copied()
                .find(|y| *y as i32 <= today.year && !dated_years.contains(y))
                .expect("one year up to today's");
            Dated {
                date: PartialDate::parse(&year.to_string()),
                because: format!(
                    "{year}, the only year up to today's the text names, no day or month given"
                ),
            }
        }
        (None, _) => Dated {
            date: None,
            because: if years.is_empty() {
                "the text names no day and no year".to_owned()
            } else {
                let list: Vec<String> = years.iter().map(u32::to_string).collect();
                format!(
                    "the text names no day of its own; years it names: {}",
                    list.join(", ")
                )
            },
        },
    }
}

/// Russian months after "в" ("в феврале 2024 года"), January first.
const MONTHS_IN: &[&str] = &[
    "январе",
    "феврале",
    "марте",
    "апреле",
    "мае",
    "июне",
    "июле",
    "августе",
    "сентябре",
    "октябре",
    "ноябре",
    "декабре",
];

/// Words before a month that make it a document's or an event's date
/// ("dated", "of", "от", "بتاريخ", "tanggal").
const DOCUMENT_BEFORE: &[&str] = &[
    "dated",
    "of",
    "от",
    "بتاريخ",
    "tanggal",
    "ngày",
    "du",
    "del",
];

/// The first month with its year, up to today, that no document word
/// precedes: "In March 2024", "tháng 3/2024", "в марте 2024", "Maret 2024".
fn month_year(words: &[String], today: PartialDate) -> Option<(PartialDate, String)> {
    let month_of = |w: &str| {
        MONTHS
            .iter()
            .chain([&MONTHS_IN])
            .find_map(|names| names.iter().position(|m| w == *m))
            .map(|p| p as u32 + 1)
    };
    (0..words.len()).find_map(|k| {
        // After a document word, or a day's number (a whole date, read before).
        if k > 0
            && (DOCUMENT_BEFORE.contains(&words[k - 1].as_str())
                || words[k - 1].parse::<u32>().is_ok())
        {
            return None;
        }
        let (month, year, end) = match (month_of(&words[k]), words.get(k + 1)) {
            (Some(m), Some(y)) => (m, y.parse::<u32>().ok()?, k + 2),
            _ if words[k] == "tháng" => {
                let (m, y) = words.get(k + 1)?.split_once('/')?;
                (m.parse().ok()?, y.parse().ok()?, k + 2)
            }
            _ => return None,
        };
        let date = PartialDate::parse(&format!("{year}-{month:02}"))?;
        (date.year <= today.year).then(|| (date, words[k..end].join(" ")))
    })
}

/// Words of a document's name: a day with its year within a few words after
/// one is the document's date.
const DOCUMENT_WORDS: &[&str] = &[
    "no",
    "number",
    "resolution",
    "decision",
    "decree",
    "directive",
    "program",
    "plan",
    "số",
    "quyết",
    "nghị",
    "chỉ",
    "nomor",
    "resolusi",
    "keputusan",
    "peraturan",
    "instruksi",
    "№",
    "решени",
    "постановлени",
    "указ",
    "резолюци",
    "программ",
    "رقم",
    "قرار",
    "القرار",
    "برنامج",
    "مرسوم",
];

/// How many words before a day a document's name reaches.
const DOCUMENT_REACH: usize = 6;

/// "ngày 20/2", "ngày 20/2/2024", "ngày 20 tháng 2": day, month, the year
/// when written, and the word after.
fn vietnamese_day(words: &[String], k: usize) -> Option<(u32, u32, Option<u32>, usize)> {
    if words[k] != "ngày" {
        return None;
    }
    let next = words.get(k + 1)?;
    if let Some((d, m)) = next.split_once('/') {
        let (m, year) = m.split_once('/').map_or((m, None), |(m, y)| (m, Some(y)));
        let year = year.map(str::parse).transpose().ok()?;
        return Some((d.parse().ok()?, m.parse().ok()?, year, k + 2));
    }
    let day = next.parse().ok()?;
    (words.get(k + 2)? == "tháng").then_some(())?;
    Some((day, words.get(k + 3)?.parse().ok()?, None, k + 4))
}

/// Arabic-Indic digits as ASCII ("٢٠٢٣" → "2023").
fn ascii_digits(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
            '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
            _ => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> ProvinceId {
        ProvinceId::parse(s).unwrap()
    }

    #[test]
    fn the_province_named_most_outside_titles() {
        let places = Places::of_registry("vietnam");
        assert_eq!(
            province(
                "Binh Thuan issued plans. The cooperatives of Bình Thuận grew.",
                &places
            ),
            Place::One(id("binh-thuan"))
        );
        // Named only in an official's title: no evidence.
        assert_eq!(
            province(
                "The Vice Chairman of the Quang Tri Provincial People's Committee chaired the meeting.",
                &places
            ),
            Place::None(vec![id("quang-tri")])
        );
        // Only the newspaper's address names it: weak.
        assert_eq!(
            province(
                "The province held its meeting.\n\nQuang Tri Newspaper. Address: 124 Hung Vuong, Dong Ha, Quang Tri.",
                &places
            ),
            Place::Weak(id("quang-tri"))
        );
        // Two provinces, once each: the editor decides.
        assert_eq!(
            province("Delegates from Nghe An visited Ha Tinh.", &places),
            Place::Tied(vec![id("ha-tinh"), id("nghe-an")])
        );
    }

    #[test]
    fn a_day_without_its_year_in_the_latest_year_named() {
        let today = PartialDate::parse("2026-12-05").unwrap();
        let cases = [
            (
                "Pada pagi hari tanggal 20 Februari, komite bertemu untuk tugas tahun 2024. Pada tahun 2023, …",
                Some("2024-02-20"),
            ),
            (
                "Днем 16 января союз подвел итоги работы за 2023 год и задачи на 2024 год.",
                Some("2024-01-16"),
            ),
            (
                "عقدت اللجنة اجتماعًا بعد ظهر اليوم، 20 فبراير، لتقييم عام 2023 ونشر مهام عام 2024.",
                Some("2024-02-20"),
            ),
            (
                "Sáng ngày 20/2, hội nghị tổng kết năm 2023 và triển khai nhiệm vụ năm 2024.",
                Some("2024-02-20"),
            ),
            // A day with its year, no document's: the day of the event.
            (
                "Sáng ngày 20/2/2024, hội nghị tổng kết năm 2023 theo Nghị quyết số 20 ngày 16/6/2022.",
                Some("2024-02-20"),
            ),
            (
                "Theo Nghị quyết số 20 ngày 16/6/2022, sáng ngày 20/2/2024 tỉnh tổng kết năm 2023.",
                Some("2024-02-20"),
            ),
            // A day with its own year is a document's; 2030 is after today.
            (
                "Action Program No. 43 dated November 14, 2022; by 2030, 5,400 cooperatives.",
                None,
            ),
        ];
        for (text, expected) in cases {
            let dated = date(text, today);
            assert_eq!(
                dated.date.map(|d| d.to_string()).as_deref(),
                expected,
                "{text}: {}",
                dated.because
            );
        }
        // A month with its year, no day: the month; one year alone: the year.
        for (text, expected) in [
            ("Trong tháng 3/2024, tỉnh thành lập mới 5 HTX.", "2024-03"),
            (
                "В марте 2024 года в провинции создано 5 кооперативов.",
                "2024-03",
            ),
            (
                "The province's review of 2023 counted 412 cooperatives.",
                "2023",
            ),
        ] {
            assert_eq!(
                date(text, today).date.map(|d| d.to_string()).as_deref(),
                Some(expected),
                "{text}"
            );
        }
        assert!(
            date(
                "Action Program No. 43 dated November 14, 2022; by 2030.",
                today
            )
            .because
            .contains("2022, 2030")
        );
    }
}
