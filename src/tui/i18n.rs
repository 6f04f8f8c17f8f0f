//! The UI's own words, in Chinese and English. Document text is never translated.

use super::Lang;

/// Every word the chrome shows, for one language.
pub struct Words {
    pub tree: &'static str,
    pub reader: &'static str,
    pub search: &'static str,
    pub agencies: &'static str,
    pub help: &'static str,
    pub jump: &'static str,
    pub measure: &'static str,
    pub section: &'static str,
    pub number: &'static str,
    pub issuer: &'static str,
    pub date: &'static str,
    pub addressees: &'static str,
    pub preamble: &'static str,
    pub closing: &'static str,
    pub letter: &'static str,
    pub responsible: &'static str,
    pub full_names_hint: &'static str,
    pub no_full_name: &'static str,
    pub copied: &'static str,
    pub nothing_to_copy: &'static str,
    pub mouse_on: &'static str,
    pub mouse_off: &'static str,
    pub no_such_measure: &'static str,
    pub no_results: &'static str,
    /// Heading of the best-effort results shown when nothing matched.
    pub related: &'static str,
    /// Before the words the thesaurus or a compound split added.
    pub also_searched: &'static str,
    /// Before the words of the query left out.
    pub not_searched: &'static str,
    /// After the number of results: "6 条结果".
    pub results: &'static str,
    /// After a count of one ("1 result"; Chinese has no plural).
    pub result: &'static str,
    pub type_to_search: &'static str,
    pub no_matches: &'static str,
    pub wrapped: &'static str,
    pub filter: &'static str,
    pub filter_cleared: &'static str,
    pub too_small: &'static str,
    pub hints_jump: &'static str,
    pub help_close: &'static str,
    /// The footer when the help does not fit: it scrolls.
    pub help_scroll: &'static str,
    /// Esc at the top level: it never quits, this says how to.
    pub esc_top: &'static str,
    /// `n` past the last match / `N` before the first.
    pub wrapped_end: &'static str,
    /// "match 3/7" in the status line.
    pub match_word: &'static str,
    /// After a hit count: "5 处" / "5 hits".
    pub hits: &'static str,
    pub hit: &'static str,
    /// The preview pane's title.
    pub preview: &'static str,
    /// After switching the UI language.
    pub lang_switched: &'static str,
    /// The agency index's filter prompt.
    pub type_to_filter: &'static str,
    /// The search bar recalled a query from the history.
    pub recalled: &'static str,
    /// The status line's fallback hints under 60 columns.
    pub help_short: &'static str,
    pub quit_short: &'static str,
}

impl Words {
    /// "N sections, M measures, K agencies".
    pub fn counts(&self, lang: Lang, sections: usize, measures: usize, agencies: usize) -> String {
        match lang {
            Lang::Zh => format!("共 {sections} 个部分、{measures} 条措施，涉及 {agencies} 个部门"),
            Lang::En => format!("{sections} sections, {measures} measures, {agencies} agencies"),
        }
    }
}

pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

/// Chinese when the locale (LC_ALL, then LC_MESSAGES, then LANG; the first
/// one set wins, as in POSIX) is zh_*, English otherwise.
pub fn lang_from_env() -> Lang {
    lang_from_vars(|k| std::env::var(k).ok())
}

pub fn lang_from_vars(get: impl Fn(&str) -> Option<String>) -> Lang {
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|k| get(k))
        .find(|v| !v.is_empty());
    match locale {
        Some(l) if l.to_ascii_lowercase().starts_with("zh") => Lang::Zh,
        _ => Lang::En,
    }
}

static ZH: Words = Words {
    tree: "目录",
    reader: "正文",
    search: "搜索",
    agencies: "部门",
    help: "帮助",
    jump: "跳转",
    measure: "措施",
    section: "部分",
    number: "文号",
    issuer: "发文机关",
    date: "日期",
    addressees: "主送",
    preamble: "序言",
    closing: "结语",
    letter: "印发通知",
    responsible: "负责部门",
    full_names_hint: "按 e 显示全称和英文名",
    no_full_name: "(名录中未收录)",
    copied: "已复制",
    nothing_to_copy: "请先选择一条措施",
    mouse_on: "鼠标已开启",
    mouse_off: "鼠标已关闭",
    no_such_measure: "没有这一条措施",
    no_results: "没有结果",
    related: "没有结果；相关：",
    also_searched: "也搜索了",
    not_searched: "未搜索",
    results: "条结果",
    result: "条结果",
    type_to_search: "输入关键词、拼音或 a:部门",
    no_matches: "没有可跳转的匹配",
    wrapped: "已回到开头",
    filter: "筛选",
    filter_cleared: "已清除筛选",
    too_small: "窗口太小，至少需要",
    hints_jump: "输入措施序号后按 Enter",
    help_close: "按任意键关闭",
    help_scroll: "j/k 滚动，其他键关闭",
    esc_top: "已在最上层：按 q 退出",
    wrapped_end: "已回到末尾",
    match_word: "匹配",
    hits: "处",
    hit: "处",
    preview: "预览",
    lang_switched: "界面语言：中文",
    type_to_filter: "输入以筛选",
    recalled: "历史",
    help_short: "帮助",
    quit_short: "退出",
};

static EN: Words = Words {
    tree: "Contents",
    reader: "Text",
    search: "Search",
    agencies: "Agencies",
    help: "Help",
    jump: "Go to",
    measure: "measure",
    section: "section",
    number: "No.",
    issuer: "Issuer",
    date: "Date",
    addressees: "To",
    preamble: "Preamble",
    closing: "Closing",
    letter: "Cover letter",
    responsible: "Responsible",
    full_names_hint: "e: full and English names",
    no_full_name: "(not in the directory)",
    copied: "Copied",
    nothing_to_copy: "Select a measure first",
    mouse_on: "Mouse on",
    mouse_off: "Mouse off",
    no_such_measure: "No such measure",
    no_results: "No results",
    related: "No results; related:",
    also_searched: "also searched",
    not_searched: "not searched",
    results: "results",
    result: "result",
    type_to_search: "words, pinyin or a:agency",
    no_matches: "No matches to go to",
    wrapped: "Wrapped to the start",
    filter: "filter",
    filter_cleared: "Filter cleared",
    too_small: "Terminal too small; needs at least",
    hints_jump: "type a measure number, then Enter",
    help_close: "any key closes",
    help_scroll: "j/k scroll, other keys close",
    esc_top: "At the top: q quits",
    wrapped_end: "Wrapped to the end",
    match_word: "match",
    hits: "hits",
    hit: "hit",
    preview: "Preview",
    lang_switched: "Language: English",
    type_to_filter: "type to filter",
    recalled: "history",
    help_short: "help",
    quit_short: "quit",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_precedence() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(lang_from_vars(env(&[("LANG", "zh_CN.UTF-8")])), Lang::Zh);
        assert_eq!(lang_from_vars(env(&[("LANG", "en_US.UTF-8")])), Lang::En);
        assert_eq!(
            lang_from_vars(env(&[("LC_ALL", "C"), ("LANG", "zh_CN.UTF-8")])),
            Lang::En
        );
        assert_eq!(
            lang_from_vars(env(&[
                ("LC_ALL", ""),
                ("LC_MESSAGES", "zh_TW"),
                ("LANG", "C")
            ])),
            Lang::Zh
        );
        assert_eq!(lang_from_vars(env(&[])), Lang::En);
    }
}
