//! The parts of a text pasted from a news portal: paragraphs, headings (short
//! lines without a full stop), the byline (a short line at the end, before
//! the page's furniture), photo captions ("Photo: …", "- الصورة: …"), and the
//! furniture itself ("Source", "Comment (0)", "[إعلان 2]"), which is dropped.
//! Nothing else is dropped or changed: every other line is kept as written.

/// A line of the text, read.
#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    /// A paragraph, verbatim.
    Paragraph(String),
    /// A heading, as written (without the `##` it becomes).
    Heading(String),
    /// A photo's caption or credit, without its "Photo:" label.
    Caption(String),
}

/// A text cut into its parts.
#[derive(Debug, Clone, PartialEq)]
pub struct Structure {
    pub parts: Vec<Part>,
    /// Who wrote it, from the byline.
    pub author: Option<String>,
    /// The furniture lines dropped, as written (for the report).
    pub dropped: Vec<String>,
}

impl Structure {
    /// The text kept, its parts a blank line apart (as the article's body).
    pub fn text(&self) -> String {
        self.parts
            .iter()
            .map(|p| match p {
                Part::Paragraph(t) | Part::Heading(t) | Part::Caption(t) => t.as_str(),
            })
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    /// The first paragraph: the lead.
    pub fn lead(&self) -> &str {
        self.parts
            .iter()
            .find_map(|p| match p {
                Part::Paragraph(t) => Some(t.as_str()),
                _ => None,
            })
            .unwrap_or_default()
    }
}

/// Page furniture at the end of an article, in the languages of the portals
/// (a count in parentheses may follow: "Comment (0)").
const FURNITURE: &[&str] = &[
    "source",
    "nguồn",
    "sumber",
    "источник",
    "مصدر",
    "المصدر",
    "fuente",
    "comment",
    "comments",
    "bình luận",
    "komentar",
    "комментарий",
    "комментарии",
    "تعليق",
    "تعليقات",
    "commentaire",
    "commentaires",
    "comentario",
    "comentarios",
];

/// Labels that open a photo's caption or credit line.
const CAPTION_LABELS: &[&str] = &[
    "photo:",
    "photos:",
    "ảnh:",
    "foto:",
    "фото:",
    "الصورة:",
    "صورة:",
    "credit:",
];

/// The longest line, in words, that can be a heading or a byline.
const HEADING_WORDS: usize = 10;
const BYLINE_WORDS: usize = 5;

/// Cuts `text` into its parts.
pub fn read(text: &str) -> Structure {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let mut dropped = Vec::new();
    // Furniture at the end, and ad markers anywhere.
    let mut end = lines.len();
    while end > 0 && is_furniture(lines[end - 1]) {
        end -= 1;
        dropped.push(lines[end].to_owned());
    }
    dropped.reverse();
    // The byline: a short line of names right before the furniture.
    let author =
        (end > 1 && is_byline(lines[end - 1]) && caption(lines[end - 1]).is_none()).then(|| {
            end -= 1;
            lines[end].to_owned()
        });
    let mut parts = Vec::new();
    for (k, line) in lines[..end].iter().enumerate() {
        if is_ad(line) {
            dropped.push((*line).to_owned());
        } else if let Some(caption) = caption(line) {
            parts.push(Part::Caption(caption.to_owned()));
        } else if k + 1 < end && is_heading(line) {
            parts.push(Part::Heading((*line).to_owned()));
        } else {
            parts.push(Part::Paragraph((*line).to_owned()));
        }
    }
    Structure {
        parts,
        author,
        dropped,
    }
}

fn words(line: &str) -> usize {
    line.split_whitespace().count()
}

/// Whether a line ends as a sentence does.
fn ends_sentence(line: &str) -> bool {
    line.ends_with(['.', '!', '?', '؟', '…', ':', ';', '"', '”', '»'])
}

/// "Source", "Comment (0)", "Комментарий (12)".
fn is_furniture(line: &str) -> bool {
    let lower = line.to_lowercase();
    let name = match lower.rsplit_once('(') {
        Some((name, count))
            if count
                .strip_suffix(')')
                .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit())) =>
        {
            name.trim()
        }
        _ => lower.trim(),
    };
    FURNITURE.contains(&name) || is_ad(line)
}

/// An advertisement's place: "[إعلان 2]", "[Ad 1]", "[Quảng cáo 3]".
fn is_ad(line: &str) -> bool {
    line.starts_with('[')
        && line.ends_with(']')
        && words(line) <= 3
        && line.chars().any(|c| c.is_ascii_digit())
}

/// A short line of names without a sentence's end: "Thu Phuong", "ها ترانج",
/// "Тьен Дат-Хоанг Хиеп".
fn is_byline(line: &str) -> bool {
    let n = words(line);
    (1..=BYLINE_WORDS).contains(&n)
        && !ends_sentence(line)
        && !line.chars().any(|c| c.is_ascii_digit())
        && line
            .split_whitespace()
            .all(|w| w.chars().next().is_some_and(|c| !c.is_lowercase()))
}

/// A short line without a sentence's end, followed by more text.
fn is_heading(line: &str) -> bool {
    (1..=HEADING_WORDS).contains(&words(line)) && !ends_sentence(line)
}

/// The caption of a "Photo: …" line (also "- الصورة: …").
fn caption(line: &str) -> Option<&str> {
    let bare = line.trim_start_matches(['-', '–', '•', ' ']);
    let lower = bare.to_lowercase();
    CAPTION_LABELS.iter().find_map(|label| {
        lower
            .starts_with(label)
            .then(|| bare[label.len()..].trim())
            .filter(|rest| !rest.is_empty())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_is_dropped_the_byline_is_the_author_and_headings_are_short_lines() {
        let text = "Recently, Binh Thuan has issued many plans.\n\
                    Promoting the role of KTTT\n\
                    In recent times, the collective economy grew.\n\
                    [Ad 2]\n\
                    - Photo: Delegates at the meeting\n\
                    Delegates attending the meeting.\n\
                    Thu Phuong\n\
                    Source\n\n\n\
                    Comment (0)\n";
        let s = read(text);
        assert_eq!(
            s.parts,
            [
                Part::Paragraph("Recently, Binh Thuan has issued many plans.".into()),
                Part::Heading("Promoting the role of KTTT".into()),
                Part::Paragraph("In recent times, the collective economy grew.".into()),
                Part::Caption("Delegates at the meeting".into()),
                Part::Paragraph("Delegates attending the meeting.".into()),
            ]
        );
        assert_eq!(s.author.as_deref(), Some("Thu Phuong"));
        assert_eq!(s.dropped, ["Source", "Comment (0)", "[Ad 2]"]);
    }

    #[test]
    fn furniture_in_other_languages() {
        for (text, author) in [
            (
                "نص المقال هنا.\nها ترانج\nمصدر\nتعليق (0)",
                Some("ها ترانج"),
            ),
            (
                "Текст статьи.\nТьен Дат-Хоанг Хиеп\nИсточник\nКомментарий (0)",
                Some("Тьен Дат-Хоанг Хиеп"),
            ),
            ("Isi artikel.\nSumber\nKomentar (0)", None),
            ("Nội dung bài.\n[Quảng cáo 1]\nNguồn\nBình luận (3)", None),
        ] {
            let s = read(text);
            assert_eq!(s.author.as_deref(), author, "{text}");
            assert_eq!(s.parts.len(), 1, "{text}: {:?}", s.parts);
        }
    }

    #[test]
    fn an_arabic_photo_line_is_a_caption() {
        let s = read("نص المقال هنا.\n- الصورة: HT\nمصدر");
        assert_eq!(
            s.parts,
            [
                Part::Paragraph("نص المقال هنا.".into()),
                Part::Caption("HT".into())
            ]
        );
    }

    #[test]
    fn a_lowercase_or_numbered_last_line_is_no_byline() {
        for text in ["Text.\nsee you soon\nSource", "Text.\nRoom 12\nSource"] {
            assert_eq!(read(text).author, None, "{text}");
        }
    }
}
