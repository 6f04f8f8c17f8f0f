//! THE key table. The key map ([`super::keymap`]), the `?` help, the status
//! line's hints and README's key table are all generated from [`TABLE`]; a
//! key added here shows up in all four, and a test checks README against it.

use crossterm::event::KeyCode;

use super::Lang;
use super::app::{Action, Mode};

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The tree, the reader and the agency index.
    Browse,
    /// The search bar and the `:` prompt (other characters are typed in).
    Edit,
    /// The help overlay (other keys close it).
    Help,
    /// The agency index (other characters are typed into its filter).
    Pick,
    /// Every mode.
    Any,
}

impl Scope {
    fn of(mode: Mode) -> Scope {
        match mode {
            Mode::Normal => Scope::Browse,
            Mode::Agencies => Scope::Pick,
            Mode::Search | Mode::Jump => Scope::Edit,
            Mode::Help => Scope::Help,
        }
    }
}

/// Which modifier a key needs. Shift is never required: `G` is the letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mods {
    None,
    Ctrl,
    Alt,
}

/// One key and what it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bind {
    pub code: KeyCode,
    pub mods: Mods,
    pub action: Action,
}

/// Where a status-line hint shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Tree,
    Reader,
    Search,
    Agencies,
}

/// A status-line hint: `key word`, ordered by `rank` within its context.
#[derive(Debug, Clone, Copy)]
pub struct Hint {
    pub context: Context,
    pub rank: u8,
    pub key: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
}

/// A row of the `?` help: keys as written there, what they do.
#[derive(Debug, Clone, Copy)]
pub struct HelpRow {
    pub keys: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
}

/// A group of bindings with how the help, README and status line describe it.
pub struct Entry {
    pub scope: Scope,
    pub binds: &'static [Bind],
    pub help: Option<HelpRow>,
    /// README's row: (keys, action), Markdown.
    pub readme: Option<(&'static str, &'static str)>,
    pub hints: &'static [Hint],
}

const fn b(code: KeyCode, action: Action) -> Bind {
    Bind {
        code,
        mods: Mods::None,
        action,
    }
}

const fn ctrl(c: char, action: Action) -> Bind {
    Bind {
        code: KeyCode::Char(c),
        mods: Mods::Ctrl,
        action,
    }
}

const fn ch(c: char, action: Action) -> Bind {
    b(KeyCode::Char(c), action)
}

const fn hint(
    context: Context,
    rank: u8,
    key: &'static str,
    zh: &'static str,
    en: &'static str,
) -> Hint {
    Hint {
        context,
        rank,
        key,
        zh,
        en,
    }
}

const fn help(keys: &'static str, zh: &'static str, en: &'static str) -> Option<HelpRow> {
    Some(HelpRow { keys, zh, en })
}

use Action as A;
use Context as C;
use KeyCode as K;

/// Every key of the browser.
pub static TABLE: &[Entry] = &[
    Entry {
        scope: Scope::Browse,
        binds: &[
            b(K::Up, A::Up),
            b(K::Down, A::Down),
            ch('k', A::Up),
            ch('j', A::Down),
            ctrl('p', A::Up),
            ctrl('n', A::Down),
        ],
        help: help(
            "Up Down  k j",
            "移动 (正文中滚动)",
            "move (scroll in the text)",
        ),
        readme: Some((
            "↑ ↓ / k j",
            "move in the tree; in the reader, scroll by a line",
        )),
        hints: &[],
    },
    Entry {
        scope: Scope::Browse,
        binds: &[b(K::Left, A::Left), ch('h', A::Left)],
        help: help("Left h", "折叠或回到上一级", "collapse or go to the parent"),
        readme: Some((
            "← / h",
            "collapse, or go to the parent; from the reader, back to the tree",
        )),
        hints: &[],
    },
    Entry {
        scope: Scope::Browse,
        binds: &[
            b(K::Right, A::Right),
            ch('l', A::Right),
            b(K::Enter, A::Enter),
        ],
        help: help("Right l Enter", "展开或打开", "expand or open"),
        readme: Some((
            "→ / l / Enter",
            "expand; on an open node go to its first child; otherwise open it in the reader",
        )),
        hints: &[hint(C::Agencies, 0, "Enter", "筛选", "filter")],
    },
    Entry {
        scope: Scope::Browse,
        binds: &[
            ch('g', A::First),
            b(K::Home, A::First),
            ch('G', A::Last),
            b(K::End, A::Last),
        ],
        help: help("g G", "第一项 / 最后一项", "first / last"),
        readme: Some(("g G (Home End)", "first / last")),
        hints: &[],
    },
    Entry {
        scope: Scope::Browse,
        binds: &[
            b(K::PageUp, A::PageUp),
            ch('b', A::PageUp),
            ctrl('u', A::PageUp),
            ctrl('b', A::PageUp),
            b(K::PageDown, A::PageDown),
            ch(' ', A::PageDown),
            ctrl('d', A::PageDown),
            ctrl('f', A::PageDown),
        ],
        help: help("PgUp PgDn Space", "正文翻页", "scroll the text by a page"),
        readme: Some((
            "PgUp PgDn Space (also b, Ctrl-U/D/B/F)",
            "scroll the reader by a page",
        )),
        hints: &[hint(C::Reader, 0, "PgDn", "翻页", "page")],
    },
    Entry {
        scope: Scope::Browse,
        binds: &[b(K::Tab, A::Tab), b(K::BackTab, A::Tab)],
        help: help(
            "Tab",
            "在目录和正文之间切换",
            "switch between contents and text",
        ),
        readme: Some((
            "Tab",
            "switch focus between tree and reader (under 80 columns, one pane at a time)",
        )),
        hints: &[],
    },
    Entry {
        scope: Scope::Browse,
        binds: &[ch(':', A::StartJump)],
        help: help(":N Enter", "跳到第 N 条措施", "go to measure N"),
        readme: Some((
            "`:N` Enter",
            "go to measure N (`:12`, `:１２` or `:十二` opens （十二）); Esc cancels",
        )),
        hints: &[],
    },
    Entry {
        scope: Scope::Browse,
        binds: &[ch('/', A::StartSearch)],
        help: help(
            "/",
            "搜索 (Ctrl-U 清空, Ctrl-W 删词)",
            "search (Ctrl-U clears, Ctrl-W deletes a word)",
        ),
        readme: Some(("`/`", "search; results update as you type")),
        hints: &[hint(C::Tree, 1, "/", "搜索", "search")],
    },
    Entry {
        scope: Scope::Edit,
        binds: &[
            b(K::Backspace, A::Backspace),
            b(K::Delete, A::Delete),
            b(K::Left, A::CursorLeft),
            b(K::Right, A::CursorRight),
            b(K::Home, A::Home),
            b(K::End, A::End),
            b(K::Up, A::HistoryOlder),
            b(K::Down, A::HistoryNewer),
            b(K::Tab, A::Down),
            b(K::BackTab, A::Up),
            b(K::PageUp, A::PageUp),
            b(K::PageDown, A::PageDown),
            b(K::Enter, A::Enter),
            b(K::Esc, A::Back),
            ctrl('u', A::ClearLine),
            ctrl('w', A::DeleteWord),
            Bind {
                code: K::Backspace,
                mods: Mods::Ctrl,
                action: A::DeleteWord,
            },
            Bind {
                code: K::Backspace,
                mods: Mods::Alt,
                action: A::DeleteWord,
            },
            ctrl('a', A::Home),
            ctrl('e', A::End),
            ctrl('b', A::CursorLeft),
            ctrl('f', A::CursorRight),
            ctrl('h', A::Backspace),
            ctrl('p', A::Up),
            ctrl('n', A::Down),
        ],
        help: help(
            "Tab S-Tab  Up Down",
            "搜索栏中: 选择结果 / 以前的查询",
            "in the search bar: choose a result / earlier queries",
        ),
        readme: Some((
            "in the search bar",
            "`/` opens it empty; ← → move the cursor, Home/End (Ctrl-A/E), Backspace, Delete, \
             Ctrl-U clears, Ctrl-W (Alt-Backspace) deletes a word, ↑ ↓ recall earlier queries \
             (kept across runs), Tab Shift-Tab (Ctrl-N/P, PgUp/PgDn) choose a result, Enter opens \
             it with every match highlighted and the first in view, Esc goes back to where you were",
        )),
        hints: &[
            hint(C::Search, 0, "Enter", "打开", "open"),
            hint(C::Search, 1, "Tab", "选择", "select"),
            hint(C::Search, 2, "Up", "历史", "history"),
            hint(C::Search, 3, "Esc", "返回", "back"),
        ],
    },
    // The search language, taught by the help (no keys of its own).
    Entry {
        scope: Scope::Edit,
        binds: &[],
        help: help(
            "融资 担保",
            "搜索: 空格分开的词都要匹配",
            "search: every word must match",
        ),
        readme: None,
        hints: &[],
    },
    Entry {
        scope: Scope::Edit,
        binds: &[],
        help: help("\"知识 产权\"", "搜索: 整个短语", "search: an exact phrase"),
        readme: None,
        hints: &[],
    },
    Entry {
        scope: Scope::Edit,
        binds: &[],
        help: help("!银行", "搜索: 排除 银行", "search: leave out 银行"),
        readme: None,
        hints: &[],
    },
    Entry {
        scope: Scope::Edit,
        binds: &[],
        help: help(
            "a:人民银行 a:pboc",
            "搜索: 某部门的措施 (简称、全称、英文、拼音)",
            "search: an agency's measures (short, full, English name or pinyin)",
        ),
        readme: None,
        hints: &[],
    },
    Entry {
        scope: Scope::Edit,
        binds: &[],
        help: help("#12 #十二", "搜索: 第 12 条措施", "search: measure 12"),
        readme: None,
        hints: &[],
    },
    Entry {
        scope: Scope::Edit,
        binds: &[],
        help: help(
            "zscq zhishichanquan",
            "搜索: 拼音全拼或首字母, 无需输入法",
            "search: pinyin, full or initials (no input method needed)",
        ),
        readme: None,
        hints: &[],
    },
    Entry {
        scope: Scope::Edit,
        binds: &[],
        help: help(
            "!a:银保监会",
            "搜索: 排除某部门的措施",
            "search: leave out an agency's measures",
        ),
        readme: None,
        hints: &[],
    },
    Entry {
        scope: Scope::Edit,
        binds: &[],
        help: help(
            "12 第十二条",
            "搜索: 编号写法直接跳到该条措施, 其后是文字匹配",
            "search: a number form jumps to that measure first, then text hits",
        ),
        readme: None,
        hints: &[],
    },
    Entry {
        scope: Scope::Edit,
        binds: &[],
        help: help(
            "減稅 financing",
            "搜索: 繁体、同义词和英文概念也能找到 (显示\"也搜索了\")",
            "search: traditional characters, synonyms and English concepts work too (\"also searched\")",
        ),
        readme: None,
        hints: &[],
    },
    Entry {
        scope: Scope::Edit,
        binds: &[],
        help: help(
            "~ 结果",
            "搜索: ~ 标记近似结果 (同音错字、拼音错拼、模糊、相关)",
            "search: ~ marks a guess (homophone or pinyin typo, fuzzy, related)",
        ),
        readme: None,
        hints: &[],
    },
    Entry {
        scope: Scope::Browse,
        binds: &[ch('n', A::NextMatch), ch('N', A::PrevMatch)],
        help: help("n N", "下一个 / 上一个匹配", "next / previous match"),
        readme: Some((
            "n N",
            "next / previous match, across results, wrapping around (as in less and vim); the \
             status line shows \"match 3/7\"",
        )),
        hints: &[],
    },
    Entry {
        scope: Scope::Browse,
        binds: &[ch('a', A::OpenAgencies)],
        help: help(
            "a",
            "部门索引 (Enter 筛选, Esc 清除)",
            "agency index (Enter filters, Esc clears)",
        ),
        readme: Some((
            "a",
            "agency index: measure counts as bars, measure numbers, full and English names; \
             Enter filters the tree to that agency's measures; Esc in the tree clears the filter",
        )),
        hints: &[hint(C::Tree, 2, "a", "部门", "agencies")],
    },
    Entry {
        scope: Scope::Browse,
        binds: &[ch('e', A::ToggleNames)],
        help: help(
            "e",
            "显示部门全称和英文名",
            "agencies' full and English names",
        ),
        readme: Some((
            "e",
            "show or hide the agencies' full official and English names",
        )),
        hints: &[hint(C::Reader, 3, "e", "全称", "names")],
    },
    // The library level (`zhengce` without --data). README rows: see
    // notes/libtui-readme.md (None here keeps README's table test as is).
    Entry {
        scope: Scope::Browse,
        binds: &[ch('o', A::ToggleOrder)],
        help: help(
            "o",
            "文件列表：按日期 / 按发文机关",
            "document list: newest first / by issuer",
        ),
        readme: None,
        hints: &[],
    },
    Entry {
        scope: Scope::Browse,
        binds: &[ch('D', A::ToLibrary)],
        help: help(
            "D  Esc",
            "回到文件列表（Esc：在文件顶层）；在搜索框开头输入 * 搜索全部文件",
            "back to the document list (Esc: at a document's top level); * at the start of the search bar searches every document",
        ),
        readme: None,
        hints: &[],
    },
    Entry {
        scope: Scope::Browse,
        binds: &[ch(']', A::FollowRef), ch('[', A::BackRef)],
        help: help(
            "]  [",
            "打开所引文件 / 返回",
            "open the document cited here / come back",
        ),
        readme: None,
        hints: &[],
    },
    Entry {
        scope: Scope::Browse,
        binds: &[ch('y', A::Copy)],
        help: help(
            "y",
            "复制当前措施 (状态栏说明去向)",
            "copy the measure (the status line says where it went)",
        ),
        readme: Some((
            "y",
            "copy the measure (label, title, text, agencies): to `$ZHENGCE_COPY_CMD` if set, \
             else tmux's buffer inside tmux, else the file `copied.txt` in the state directory, \
             and OSC 52 to the terminal; the status line says which, and says Copied only where \
             the copy was confirmed",
        )),
        hints: &[hint(C::Reader, 2, "y", "复制", "copy")],
    },
    Entry {
        scope: Scope::Browse,
        binds: &[ch('m', A::ToggleMouse)],
        help: help(
            "m",
            "开启或关闭鼠标 (关闭时可用鼠标选取文字)",
            "mouse on/off (off: the terminal selects text)",
        ),
        readme: Some((
            "m",
            "mouse on/off (or start with `--mouse`): a click selects a tree row, result or \
             agency; the wheel scrolls",
        )),
        hints: &[],
    },
    Entry {
        scope: Scope::Browse,
        binds: &[ch('z', A::Zoom)],
        help: help(
            "z",
            "只显示正文, 无边框 (便于用鼠标选取)",
            "the text alone, no borders (to select with the mouse)",
        ),
        readme: Some((
            "z",
            "the reader alone, full width and without borders, so a mouse selection picks up \
             only the text (the mouse is off unless `m` or `--mouse`); z or Esc goes back",
        )),
        hints: &[],
    },
    Entry {
        scope: Scope::Browse,
        binds: &[ch('L', A::ToggleLang)],
        help: help(
            "L",
            "切换界面语言 (中文/English)",
            "switch language (中文/English)",
        ),
        readme: Some((
            "L",
            "switch the browser's language between Chinese and English",
        )),
        hints: &[],
    },
    Entry {
        scope: Scope::Browse,
        binds: &[ch('?', A::Help)],
        help: help("?", "帮助", "this help"),
        readme: Some((
            "?",
            "help; in a small terminal j/k and PgUp/PgDn scroll it; any other key closes it",
        )),
        hints: &[hint(C::Tree, 0, "?", "帮助", "help")],
    },
    Entry {
        scope: Scope::Browse,
        binds: &[ch('q', A::Quit)],
        help: help("q", "退出", "quit"),
        readme: Some(("q", "quit")),
        hints: &[hint(C::Tree, 3, "q", "退出", "quit")],
    },
    Entry {
        scope: Scope::Browse,
        binds: &[b(K::Esc, A::Back)],
        help: help(
            "Esc",
            "返回上一步 (不会退出)",
            "back one step (never quits)",
        ),
        readme: Some((
            "Esc",
            "back out one step: reader → tree, then clear highlights, then clear the filter; \
             never quits (at the top it says that q quits)",
        )),
        hints: &[
            hint(C::Reader, 1, "Esc", "返回", "back"),
            hint(C::Agencies, 1, "Esc", "返回", "back"),
        ],
    },
    Entry {
        scope: Scope::Any,
        binds: &[ctrl('c', A::ForceQuit), ctrl('C', A::ForceQuit)],
        help: help("Ctrl-C", "立即退出", "quit at once"),
        readme: Some(("Ctrl-C", "quit, from anywhere")),
        hints: &[],
    },
    Entry {
        scope: Scope::Pick,
        binds: &[
            b(K::Up, A::Up),
            b(K::Down, A::Down),
            ctrl('p', A::Up),
            ctrl('n', A::Down),
            b(K::PageUp, A::PageUp),
            b(K::PageDown, A::PageDown),
            b(K::Home, A::First),
            b(K::End, A::Last),
            b(K::Enter, A::Enter),
            b(K::Esc, A::Back),
            b(K::Backspace, A::Backspace),
            ctrl('h', A::Backspace),
            ctrl('u', A::ClearLine),
            ctrl('w', A::DeleteWord),
        ],
        help: None,
        readme: Some((
            "in the agency index",
            "type to filter (short, full or English name, abbreviation, pinyin: `rmyh`, `pboc`); \
             ↑ ↓ PgUp PgDn Home End move; Enter filters the tree; Esc clears the filter, then \
             closes",
        )),
        hints: &[],
    },
    Entry {
        scope: Scope::Help,
        binds: &[
            b(K::Up, A::Up),
            ch('k', A::Up),
            b(K::Down, A::Down),
            ch('j', A::Down),
            b(K::PageUp, A::PageUp),
            b(K::PageDown, A::PageDown),
            ch(' ', A::PageDown),
        ],
        help: None,
        readme: None,
        hints: &[],
    },
];

/// The action bound to `code` with `mods` in `mode`, if the table has one.
/// The help ignores modifiers (Ctrl-C aside), as it always has.
pub fn lookup(mode: Mode, code: KeyCode, mods: Mods) -> Option<Action> {
    let scope = Scope::of(mode);
    TABLE
        .iter()
        .filter(|e| e.scope == scope || e.scope == Scope::Any)
        .flat_map(|e| e.binds.iter().map(move |b| (e.scope, b)))
        .find(|(s, b)| {
            b.code == code && (b.mods == mods || (scope == Scope::Help && *s == Scope::Help))
        })
        .map(|(_, b)| b.action.clone())
}

/// Whether an entry's keys only mean something in a library (its document
/// list, cross-references between its documents).
fn library_only(e: &Entry) -> bool {
    e.binds.iter().any(|b| {
        matches!(
            b.action,
            Action::ToggleOrder | Action::ToLibrary | Action::FollowRef | Action::BackRef
        )
    })
}

/// The `?` help's rows: (keys, what they do); the library's keys only
/// when the browser was opened on a library.
pub fn help_rows(lang: Lang, library: bool) -> Vec<(&'static str, &'static str)> {
    TABLE
        .iter()
        .filter(|e| library || !library_only(e))
        .filter_map(|e| e.help)
        .map(|h| {
            (
                h.keys,
                match lang {
                    Lang::Zh => h.zh,
                    Lang::En => h.en,
                },
            )
        })
        .collect()
}

/// The help's lines at `width` cells: (key column, description), the
/// descriptions wrapped (never cut) beside a key column of `key_w` cells;
/// continuation lines have an empty key. Returns the lines and `key_w`.
pub fn help_lines(lang: Lang, width: usize, library: bool) -> (Vec<(&'static str, String)>, usize) {
    let rows = help_rows(lang, library);
    let key_w = rows
        .iter()
        .map(|(k, _)| crate::text::width(k))
        .max()
        .unwrap_or(0)
        .min(width / 2);
    let desc_w = width.saturating_sub(key_w + 2).max(1);
    let mut out = Vec::new();
    for (k, d) in rows {
        for (i, part) in crate::text::wrap(d, desc_w).into_iter().enumerate() {
            out.push((if i == 0 { k } else { "" }, part.to_string()));
        }
    }
    (out, key_w)
}

/// The status line's hints for `context`: "? help  / search  …".
pub fn hints(context: Context, lang: Lang) -> String {
    let mut hs: Vec<&Hint> = TABLE
        .iter()
        .flat_map(|e| e.hints)
        .filter(|h| h.context == context)
        .collect();
    hs.sort_by_key(|h| h.rank);
    hs.iter()
        .map(|h| {
            let word = match lang {
                Lang::Zh => h.zh,
                Lang::En => h.en,
            };
            format!("{} {word}", h.key)
        })
        .collect::<Vec<_>>()
        .join("  ")
}

/// README's key table, Markdown.
pub fn readme_table() -> String {
    let mut out = String::from("| keys | action |\n| --- | --- |\n");
    for (k, a) in TABLE.iter().filter_map(|e| e.readme) {
        out.push_str(&format!("| {k} | {a} |\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_read_as_before() {
        assert_eq!(
            hints(Context::Tree, Lang::En),
            "? help  / search  a agencies  q quit"
        );
        assert_eq!(
            hints(Context::Tree, Lang::Zh),
            "? 帮助  / 搜索  a 部门  q 退出"
        );
        assert_eq!(
            hints(Context::Reader, Lang::En),
            "PgDn page  Esc back  y copy  e names"
        );
        assert_eq!(
            hints(Context::Search, Lang::En),
            "Enter open  Tab select  Up history  Esc back"
        );
        assert_eq!(hints(Context::Agencies, Lang::Zh), "Enter 筛选  Esc 返回");
    }

    #[test]
    fn every_hint_names_a_bound_key() {
        for e in TABLE {
            for h in e.hints {
                // "Up/Down" names two keys; "/" is one.
                let first = match h.key.split_once('/') {
                    Some((a, _)) if !a.is_empty() => a,
                    _ => h.key,
                };
                let named = e.binds.iter().any(|b| match b.code {
                    KeyCode::Char(c) => first == c.to_string(),
                    KeyCode::Enter => first == "Enter",
                    KeyCode::Esc => first == "Esc",
                    KeyCode::PageDown => first == "PgDn",
                    KeyCode::Up => first == "Up",
                    KeyCode::Tab => first == "Tab",
                    _ => false,
                });
                assert!(named, "hint {} is not bound in its entry", h.key);
            }
        }
    }

    #[test]
    fn library_keys_are_helped_in_a_library_only() {
        let alone = help_rows(Lang::En, false);
        let shelf = help_rows(Lang::En, true);
        for k in ["o", "D  Esc", "]  ["] {
            assert!(
                !alone.iter().any(|(key, _)| *key == k),
                "{k} in a lone document's help"
            );
            assert!(
                shelf.iter().any(|(key, _)| *key == k),
                "{k} missing in a library's help"
            );
        }
        assert_eq!(shelf.len(), alone.len() + 3);
    }

    #[test]
    fn no_key_is_bound_twice_in_a_scope() {
        let mut seen = Vec::new();
        for e in TABLE {
            for b in e.binds {
                let k = (e.scope, b.code, b.mods);
                assert!(!seen.contains(&k), "{k:?} bound twice");
                seen.push(k);
            }
        }
    }

    #[test]
    fn chrome_has_no_ambiguous_arrows() {
        for lang in [Lang::Zh, Lang::En] {
            for (k, d) in help_rows(lang, true) {
                for bad in ['▶', '▼', '“', '”', '—', '·', '←', '↑', '→', '↓'] {
                    assert!(!k.contains(bad) && !d.contains(bad), "{k} {d}");
                }
            }
            for c in [
                Context::Tree,
                Context::Reader,
                Context::Search,
                Context::Agencies,
            ] {
                assert!(!hints(c, lang).contains(['←', '↑', '→', '↓']));
            }
        }
    }
}
