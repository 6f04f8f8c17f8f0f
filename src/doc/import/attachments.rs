//! 附件: attachments after the signature ("附件" / "附件1" / "附：" on a line
//! of their own, then the attachment's own title), and the "附件：…" list
//! before the signature, which is not body text.

use super::front::parse_date;
use super::numbering::{Style, label};
use super::paragraphs::Para;

/// One attachment's paragraphs, its label line taken off.
pub(super) struct RawAttachment {
    pub(super) label: String,
    pub(super) paras: Vec<Para>,
}

/// "附件", "附件1", "附件二", "附", "附：", "附件3：" alone on a line → its label.
pub(super) fn attachment_label(s: &str) -> Option<String> {
    let t = s.trim().trim_end_matches(['：', ':']).trim();
    let rest = t.strip_prefix("附件").or_else(|| t.strip_prefix('附'))?;
    let ok = rest.is_empty()
        || rest.bytes().all(|b| b.is_ascii_digit())
        || rest.chars().all(|c| "一二三四五六七八九十".contains(c));
    (ok && t.chars().count() <= 6).then(|| t.to_string())
}

/// "附件1：某某表" / "附件2 某某清单" → ("附件1", title); a list ("附件：1.…") is not one.
fn numbered_inline(s: &str) -> Option<(&str, &str)> {
    let rest = s.strip_prefix("附件")?;
    let digits = rest.bytes().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 {
        return None;
    }
    let lab = &s[.."附件".len() + digits];
    let title = rest[digits..].trim_start_matches(['：', ':', ' ']).trim();
    let ok = !title.is_empty()
        && title.len() < rest[digits..].len()
        && super::front::is_title_like(title)
        && label(title).is_none();
    ok.then_some((lab, title))
}

/// The "附件：1.…" list line that announces the attachments.
pub(super) fn is_list_start(s: &str) -> bool {
    ["附件：", "附件:", "附："].iter().any(|p| s.starts_with(p)) && s.chars().count() > 3
}

/// Whether `p` continues an attachment list ("2.湖北省…调查意见").
pub(super) fn continues_list(p: &Para) -> bool {
    matches!(label(&p.text), Some((Style::Arabic, ..))) && !p.text.contains('。')
}

/// Splits off the attachments: they start at an attachment label that comes
/// after a signature date.
pub(super) fn split(paras: Vec<Para>) -> (Vec<Para>, Vec<RawAttachment>) {
    let mut main = Vec::new();
    let mut atts: Vec<RawAttachment> = Vec::new();
    let mut signed = false;
    for p in paras {
        if signed
            && p.row.is_empty()
            && let Some(label) = attachment_label(&p.text)
        {
            atts.push(RawAttachment {
                label,
                paras: Vec::new(),
            });
            continue;
        }
        // "附件1：某某表" on one line.
        if signed
            && p.row.is_empty()
            && let Some((label, title)) = numbered_inline(&p.text)
        {
            let title = Para {
                text: title.to_string(),
                ..p.clone()
            };
            atts.push(RawAttachment {
                label: label.to_string(),
                paras: vec![title],
            });
            continue;
        }
        if parse_date(&p.text).is_some() {
            signed = true;
        }
        match atts.last_mut() {
            Some(a) => a.paras.push(p),
            None => main.push(p),
        }
    }
    (main, atts)
}
