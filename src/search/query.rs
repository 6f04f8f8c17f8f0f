//! Query syntax: space-separated terms are ANDed; "double quotes" (or “”)
//! for an exact phrase; `!term` excludes what contains term in its text;
//! `a:X` keeps the measures of agency X, `!a:X` drops them; `#12` or `#十二`
//! goes to measure 12. A token mixing Latin letters and Chinese characters
//! is split where the script changes (`zjtx企业` = `zjtx 企业`). The query is folded (see
//! [`super::normalize`]) first, so full-width `！`, `＃`, `：` work too.

use std::fmt;

use super::normalize::fold;

/// Why a query cannot be run. Displayed as one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryError {
    /// `#X` where X is not a measure number.
    BadMeasure(String),
    /// More terms than the ranking can weigh.
    TooManyTerms,
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QueryError::BadMeasure(s) => write!(f, "not a measure number: #{s}"),
            QueryError::TooManyTerms => write!(f, "too many search terms (at most {MAX_TERMS})"),
        }
    }
}

impl std::error::Error for QueryError {}

pub const MAX_TERMS: usize = 32;

/// A positive or excluded term, folded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub text: String,
    /// A quoted phrase: exact matching only.
    pub phrase: bool,
}

/// A parsed query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub terms: Vec<Term>,
    pub excludes: Vec<Term>,
    /// `a:X` values, folded.
    pub agencies: Vec<String>,
    /// `!a:X` values, folded.
    pub exclude_agencies: Vec<String>,
    /// `#N`: the 1-based measure number.
    pub measure: Option<usize>,
}

impl Query {
    /// Nothing to search for (blank, or only incomplete operators like `!`).
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
            && self.excludes.is_empty()
            && self.agencies.is_empty()
            && self.exclude_agencies.is_empty()
            && self.measure.is_none()
    }
}

/// Parses a query. Lenient where a user is mid-typing (an unclosed quote runs
/// to the end, a lone `!`, `a:` or `#` is ignored); strict only where the
/// intent is clear and wrong (`#abc`).
pub fn parse(input: &str) -> Result<Query, QueryError> {
    let s = fold(input);
    let mut q = Query::default();
    for tok in tokens(&s) {
        let (neg, body) = match tok.raw.strip_prefix('!') {
            Some(rest) if !tok.quoted_whole => (true, rest),
            _ => (false, tok.raw.as_str()),
        };
        if !tok.quoted_whole
            && let Some(a) = body.strip_prefix("a:")
        {
            let a = unquote(a).trim().to_string();
            if !a.is_empty() {
                if neg {
                    q.exclude_agencies.push(a);
                } else {
                    q.agencies.push(a);
                }
            }
            continue;
        }
        if !tok.quoted_whole
            && !neg
            && let Some(n) = body.strip_prefix('#')
        {
            let n = n.trim_matches(|c| matches!(c, '(' | ')' | '、' | '.'));
            if n.is_empty() {
                continue;
            }
            let v = parse_number(n).ok_or_else(|| QueryError::BadMeasure(n.to_string()))?;
            q.measure = Some(v);
            continue;
        }
        let phrase = tok.quoted_whole || is_quoted(body);
        let text = if phrase {
            unquote(body).to_string()
        } else {
            body.to_string()
        };
        if text.trim().is_empty() {
            continue;
        }
        let parts = if phrase {
            vec![text]
        } else {
            split_scripts(&text)
        };
        for text in parts {
            let term = Term { text, phrase };
            if neg {
                q.excludes.push(term);
            } else {
                q.terms.push(term);
            }
        }
    }
    if q.terms.len() + q.excludes.len() > MAX_TERMS {
        return Err(QueryError::TooManyTerms);
    }
    Ok(q)
}

/// Splits `s` where Latin letters meet Chinese characters: `zjtx企业` →
/// `zjtx`, `企业`; `知识chanquan` → `知识`, `chanquan`; `b2b出口` → `b2b`,
/// `出口`. Digits next to Chinese stay (`169号`, `第12项`): the search splits
/// `12366热线` itself when it is not found whole.
fn split_scripts(s: &str) -> Vec<String> {
    if !s.chars().any(|c| c.is_ascii_alphabetic()) {
        return vec![s.to_string()];
    }
    let script = |c: char| {
        if c.is_ascii_alphanumeric() {
            1
        } else if super::normalize::is_ideograph(c) {
            2
        } else {
            0
        }
    };
    let mut out: Vec<String> = Vec::new();
    let mut last = 0;
    for c in s.chars() {
        let k = script(c);
        if k != 0 && last != 0 && k != last || out.is_empty() {
            out.push(String::new());
        }
        if k != 0 {
            last = k;
        }
        if let Some(cur) = out.last_mut() {
            cur.push(c);
        }
    }
    out
}

struct Token {
    raw: String,
    /// The whole token was one quoted phrase (so `"!x"` is not an exclusion).
    quoted_whole: bool,
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”')
}

fn is_quoted(s: &str) -> bool {
    s.starts_with(is_quote)
}

fn unquote(s: &str) -> &str {
    let s = s.strip_prefix(is_quote).unwrap_or(s);
    s.strip_suffix(is_quote).unwrap_or(s)
}

/// Splits on whitespace outside quotes; quotes stay in the token.
fn tokens(s: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut in_quote = false;
    let mut starts_quoted = false;
    for c in s.chars() {
        if is_quote(c) {
            if cur.is_empty() {
                starts_quoted = true;
            }
            in_quote = !in_quote;
            cur.push(c);
        } else if c.is_whitespace() && !in_quote {
            if !cur.is_empty() {
                out.push(Token {
                    raw: std::mem::take(&mut cur),
                    quoted_whole: starts_quoted,
                });
            }
            starts_quoted = false;
        } else {
            cur.push(c);
        }
    }
    if !cur.is_empty() {
        out.push(Token {
            raw: cur,
            quoted_whole: starts_quoted,
        });
    }
    out
}

pub use crate::doc::numerals::parse_number;

#[cfg(test)]
// Single-range vectors are what the functions return.
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;

    fn t(s: &str) -> Term {
        Term {
            text: s.into(),
            phrase: false,
        }
    }

    #[test]
    fn parses_syntax() {
        let q = parse("融资  担保 !银行 \"知识 产权\" a:PBOC #十二").unwrap();
        assert_eq!(
            q.terms,
            vec![
                t("融资"),
                t("担保"),
                Term {
                    text: "知识 产权".into(),
                    phrase: true
                }
            ]
        );
        assert_eq!(q.excludes, vec![t("银行")]);
        assert_eq!(q.agencies, vec!["pboc".to_string()]);
        assert_eq!(q.measure, Some(12));
    }

    #[test]
    fn full_width_operators_and_lenience() {
        let q = parse("！银行\u{3000}ａ：工信部 ＃１２ “专精 特新").unwrap();
        assert_eq!(q.excludes, vec![t("银行")]);
        assert_eq!(q.agencies, vec!["工信部".to_string()]);
        assert_eq!(q.measure, Some(12));
        assert_eq!(
            q.terms,
            vec![Term {
                text: "专精 特新".into(),
                phrase: true
            }]
        );
        assert!(parse("! a: # \"\"").unwrap().is_empty());
        assert!(parse("   ").unwrap().is_empty());
        assert_eq!(parse("#abc"), Err(QueryError::BadMeasure("abc".into())));
        assert!(parse("#0").is_err());
        assert_eq!(parse("#（十二）").unwrap().measure, Some(12));
        let q = parse("zjtx企业 知识chanquan !a:pboc 12366热线 b2b出口 第12项 \"ab中\"").unwrap();
        let texts: Vec<&str> = q.terms.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "zjtx",
                "企业",
                "知识",
                "chanquan",
                "12366热线",
                "b2b",
                "出口",
                "第12项",
                "ab中"
            ]
        );
        assert_eq!(q.exclude_agencies, vec!["pboc".to_string()]);
        assert!(q.agencies.is_empty());
        assert_eq!(
            parse("a:\"people's bank\"").unwrap().agencies,
            vec!["people's bank".to_string()]
        );
    }
}
