//! A paragraph cut into words, numbers and punctuation, and the paragraphs
//! of a text: what the reader's phrases are matched against.

use std::ops::Range;

use super::number;

/// A piece of text.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Kind {
    Word,
    Number {
        value: f64,
        ambiguous: bool,
        plain: bool,
    },
    Punct,
}

#[derive(Debug, Clone)]
pub(super) struct Token {
    pub(super) kind: Kind,
    /// Lowercased, for matching.
    pub(super) lower: String,
    /// Byte range in the text.
    pub(super) span: Range<usize>,
}

/// Byte ranges of the paragraphs: blocks between blank lines.
pub(super) fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        match (blank, start) {
            (false, None) => start = Some(offset),
            (true, Some(s)) => {
                out.push(s..offset);
                start = None;
            }
            _ => {}
        }
        offset += line.len();
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

pub(super) fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}')
}

/// Letters and the marks on them; digits start a number of their own (`و341`: "and 341").
///
/// The scripts of the built-in languages are answered from their letter ranges
/// before asking Unicode's tables, which is slow (every character of every article
/// comes through here).
pub(super) fn is_word_char(c: char) -> bool {
    match c {
        '\0'..='\x7F' => c.is_ascii_alphabetic(),
        'À'..='Ö' | 'Ø'..='ö' | 'ø'..='ɏ' | 'Ḁ'..='ỿ' => true,
        'Ѐ'..='ҁ' | 'Ҋ'..='ԯ' => true,
        '\u{0620}'..='\u{065F}' => true,
        _ => is_word_char_by_tables(c),
    }
}

pub(super) fn is_word_char_by_tables(c: char) -> bool {
    (c.is_alphanumeric() && number::digit(c).is_none()) || is_mark(c)
}

/// Cuts `text` into tokens; spans are offset by `base`.
pub(super) fn tokenize(text: &str, style: &number::Style, base: usize) -> Vec<Token> {
    Tokens::new(text, style, base).collect()
}

/// The bytes a number in digits may start with: the ASCII digits, and the first
/// byte of the Arabic-Indic ones (U+0660…, U+06F0…: D9 A0… and DB B0… in
/// UTF-8), which Arabic letters share; [`number::digit`] tells those apart.
pub(super) static MAY_START_DIGIT: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = b'0';
    while b <= b'9' {
        table[b as usize] = true;
        b += 1;
    }
    table[0xD9] = true;
    table[0xDB] = true;
    table
};

/// The tokens of a text, one at a time.
pub(super) struct Tokens<'a> {
    pub(super) text: &'a str,
    pub(super) style: &'a number::Style,
    /// Added to the spans of the tokens.
    pub(super) base: usize,
    /// Where the next token is looked for.
    pub(super) at: usize,
}

impl<'a> Tokens<'a> {
    pub(super) fn new(text: &'a str, style: &'a number::Style, base: usize) -> Tokens<'a> {
        Tokens {
            text,
            style,
            base,
            at: 0,
        }
    }

    /// The next token's kind and its bytes in the text, without the lowercased
    /// copy a [`Token`] carries (most callers look at few tokens' words).
    pub(super) fn next_raw(&mut self) -> Option<(Kind, Range<usize>)> {
        let text = self.text;
        loop {
            let c = text[self.at..].chars().next()?;
            if c.is_whitespace() {
                self.at += c.len_utf8();
                continue;
            }
            let start = self.at;
            let kind = if number::digit(c).is_some()
                && let Some(n) = number::read(&text[start..], self.style)
            {
                self.at += n.len;
                let written = &text[start..self.at];
                Kind::Number {
                    value: n.value,
                    ambiguous: n.ambiguous,
                    plain: written.chars().all(|c| number::digit(c).is_some()),
                }
            } else if is_word_char(c) {
                self.at += text[start..]
                    .char_indices()
                    .find(|(_, c)| !is_word_char(*c))
                    .map_or(text.len() - start, |(k, _)| k);
                Kind::Word
            } else {
                self.at += c.len_utf8();
                Kind::Punct
            };
            return Some((kind, start..self.at));
        }
    }
}

impl Iterator for Tokens<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        let (kind, span) = self.next_raw()?;
        Some(Token {
            kind,
            lower: self.text[span.clone()].to_lowercase(),
            span: self.base + span.start..self.base + span.end,
        })
    }
}

pub(super) fn ends_sentence(token: &Token) -> bool {
    token.kind == Kind::Punct && matches!(token.lower.as_str(), "." | "!" | "?" | "؟")
}

/// Whether a token ends a clause: a comma, a semicolon or a full stop.
pub(super) fn ends_clause(token: &Token) -> bool {
    token.kind == Kind::Punct && matches!(token.lower.as_str(), "," | "،" | ";" | "؛" | ".")
}

/// A four-digit number that reads as a year.
pub(super) fn year_of(token: &Token) -> Option<i32> {
    match token.kind {
        Kind::Number {
            value, plain: true, ..
        } if (1900.0..=2100.0).contains(&value) && value.fract() == 0.0 => Some(value as i32),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letter_ranges_agree_with_the_unicode_tables() {
        for c in (0..0x2000).filter_map(char::from_u32) {
            assert_eq!(
                is_word_char(c),
                is_word_char_by_tables(c),
                "{c:?} U+{:04X}",
                c as u32
            );
        }
    }
}
