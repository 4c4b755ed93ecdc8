//! The language of a pasted text, among the site's languages, by whatlang's
//! trigram and script models; a text too short or too mixed to tell is not
//! guessed at.

use whatlang::{Detector, Lang};

/// Fewer words than this are too few to tell a language by.
const MIN_WORDS: usize = 12;

/// Why a text's language could not be told.
#[derive(Debug, Clone, PartialEq)]
pub enum Unknown {
    /// Fewer than [`MIN_WORDS`] words.
    TooShort(usize),
    /// None of the site's languages has a model (their codes).
    NoModel(Vec<String>),
    /// The best guess was not reliable: the guess and its confidence.
    Unsure(String, f64),
    /// It is reliably in a language the site does not have (whatlang's name).
    NotOfSite(String),
    /// Its paragraphs are in two of the site's languages, each a good share.
    Mixed(String, String),
}

impl std::fmt::Display for Unknown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unknown::TooShort(n) => write!(f, "{n} words are too few to tell its language"),
            Unknown::NoModel(codes) => write!(
                f,
                "no language model knows the site's languages ({})",
                codes.join(", ")
            ),
            Unknown::Unsure(code, confidence) => write!(
                f,
                "it reads most like `{code}`, but only with confidence {confidence:.2}: too mixed to tell"
            ),
            Unknown::NotOfSite(name) => {
                write!(f, "it reads as {name}, not a language of this site")
            }
            Unknown::Mixed(a, b) => write!(
                f,
                "its paragraphs are partly `{a}` and partly `{b}`: too mixed to tell"
            ),
        }
    }
}

/// The site language (of `codes`, ISO 639-1 like `vi`) `text` is written in.
pub fn detect(text: &str, codes: &[&str]) -> Result<String, Unknown> {
    let words = text.split_whitespace().count();
    if words < MIN_WORDS {
        return Err(Unknown::TooShort(words));
    }
    let known: Vec<(Lang, &str)> = codes
        .iter()
        .filter_map(|code| Some((model(code)?, *code)))
        .collect();
    if known.is_empty() {
        return Err(Unknown::NoModel(
            codes.iter().map(|c| (*c).to_owned()).collect(),
        ));
    }
    // Reliably another language than the site's: not one of them.
    if let Some(info) = whatlang::detect(text).filter(|i| i.is_reliable())
        && !known.iter().any(|(lang, _)| *lang == info.lang())
    {
        return Err(Unknown::NotOfSite(info.lang().eng_name().to_owned()));
    }
    let detector = Detector::with_allowlist(known.iter().map(|(lang, _)| *lang).collect());
    let info = detector
        .detect(text)
        .ok_or_else(|| Unknown::NoModel(codes.iter().map(|c| (*c).to_owned()).collect()))?;
    let code_of = |lang: Lang| {
        known
            .iter()
            .find(|(l, _)| *l == lang)
            .map(|(_, code)| (*code).to_owned())
            .expect("the detector answers within its allowlist")
    };
    let code = code_of(info.lang());
    // Paragraph by paragraph: a second language with a fifth of the words
    // or more makes the text too mixed to tell.
    let mut words_by_lang: Vec<(Lang, usize)> = Vec::new();
    for paragraph in text.split("\n\n") {
        let n = paragraph.split_whitespace().count();
        if n < MIN_WORDS {
            continue;
        }
        if let Some(info) = detector.detect(paragraph).filter(|i| i.is_reliable()) {
            match words_by_lang.iter_mut().find(|(l, _)| *l == info.lang()) {
                Some((_, count)) => *count += n,
                None => words_by_lang.push((info.lang(), n)),
            }
        }
    }
    let total: usize = words_by_lang.iter().map(|(_, n)| n).sum();
    if let Some((other, _)) = words_by_lang
        .iter()
        .find(|(lang, n)| *lang != info.lang() && 5 * n >= total)
    {
        return Err(Unknown::Mixed(code, code_of(*other)));
    }
    // Among a site's few languages, scripts alone often decide (Arabic,
    // Cyrillic); within one script the trigrams must be reliable.
    if info.is_reliable() || info.confidence() >= 0.5 {
        Ok(code)
    } else {
        Err(Unknown::Unsure(code, info.confidence()))
    }
}

/// The whatlang model of an ISO 639-1 code (`ar-EG` is `ar`).
fn model(code: &str) -> Option<Lang> {
    let base = code.split(['-', '_']).next()?;
    let three = match base {
        "ar" => "ara",
        "en" => "eng",
        "es" => "spa",
        "fr" => "fra",
        "id" => "ind",
        "ru" => "rus",
        "vi" => "vie",
        "uk" => "ukr",
        "zh" => "cmn",
        "ja" => "jpn",
        "ko" => "kor",
        "th" => "tha",
        "fa" => "pes",
        "de" => "deu",
        "pt" => "por",
        "km" => "khm",
        "lo" => "lao",
        "hi" => "hin",
        "ms" => "zsm",
        _ => return None,
    };
    Lang::from_code(three)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SITE: &[&str] = &["vi", "en", "ar", "id", "ru"];

    #[test]
    fn each_language_of_the_site_is_told() {
        for (text, code) in [
            (
                "Năm 2023, toàn tỉnh có 412 hợp tác xã đang hoạt động với hơn 38 nghìn thành viên, tăng so với năm trước.",
                "vi",
            ),
            (
                "In 2023 the province had 412 cooperatives with more than 38 thousand members, up from the year before.",
                "en",
            ),
            (
                "في عام 2023 كان في المقاطعة 412 تعاونية تضم أكثر من 38 ألف عضو، بزيادة عن العام السابق.",
                "ar",
            ),
            (
                "Pada tahun 2023 provinsi ini memiliki 412 koperasi dengan lebih dari 38 ribu anggota, naik dari tahun sebelumnya.",
                "id",
            ),
            (
                "В 2023 году в провинции действовали 412 кооперативов, объединяющих более 38 тысяч членов, больше, чем годом ранее.",
                "ru",
            ),
        ] {
            assert_eq!(detect(text, SITE).as_deref(), Ok(code), "{text}");
        }
    }

    #[test]
    fn a_text_in_two_languages_is_too_mixed() {
        let text = "In 2023 the province had 412 cooperatives with more than 38 thousand members, up from the year before.\n\n\
                    Năm 2023, toàn tỉnh có 412 hợp tác xã đang hoạt động với hơn 38 nghìn thành viên, tăng so với năm trước.";
        assert!(
            matches!(detect(text, SITE), Err(Unknown::Mixed(..))),
            "{:?}",
            detect(text, SITE)
        );
    }

    #[test]
    fn a_short_text_or_a_language_the_site_lacks_is_not_guessed() {
        assert_eq!(
            detect("Hai dòng ngắn.\nSource", SITE),
            Err(Unknown::TooShort(4))
        );
        // Ukrainian on a site without it: the nearest the site has is
        // Russian, which is a guess the trigrams do not back.
        let ukrainian = "У 2023 році в провінції діяли 412 кооперативів, які об'єднували понад 38 тисяч членів, більше ніж роком раніше, і їхні доходи зросли.";
        assert!(
            detect(ukrainian, SITE).is_err(),
            "{:?}",
            detect(ukrainian, SITE)
        );
        assert_eq!(detect(ukrainian, &["uk", "ru"]).as_deref(), Ok("uk"));
    }
}
