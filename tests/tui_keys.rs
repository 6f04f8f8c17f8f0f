//! Key handling: key events fed to the state, assertions on the state and
//! on the frame. No terminal needed.

mod tui_support;

use crossterm::event::{KeyCode, KeyModifiers};
use tui_support::*;
use zhengce::doc::Document;
use zhengce::tui::Lang;
use zhengce::tui::app::{Action, Effect, Focus, Mode};
use zhengce::tui::view::layout;

fn selected_title(a: &zhengce::tui::app::App) -> String {
    a.item(a.selected_node())
        .map(|it| format!("{}{}", it.label, it.title))
        .unwrap_or_default()
}

#[test]
fn colon_number_enter_opens_that_measure_with_its_tags() {
    let mut a = embedded(Lang::Zh, 100, 30);
    typ(&mut a, ":12");
    assert_eq!(a.mode(), Mode::Jump);
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.mode(), Mode::Normal);
    assert_eq!(selected_title(&a), "（十二）加强工业互联网赋能");
    let s = screen(&render(&a));
    assert!(
        s.contains(" 工业和信息化部 ") && s.contains(" 全国工商联 "),
        "{s}"
    );
    assert!(s.contains("措施 12/34") && s.contains("部分 4/11"), "{s}");
}

#[test]
fn jump_accepts_chinese_numerals_and_reports_missing_measures() {
    let mut a = embedded(Lang::En, 100, 30);
    typ(&mut a, ":十二");
    press(&mut a, KeyCode::Enter);
    assert_eq!(selected_title(&a), "（十二）加强工业互联网赋能");
    typ(&mut a, ":99");
    press(&mut a, KeyCode::Enter);
    assert_eq!(selected_title(&a), "（十二）加强工业互联网赋能");
    assert!(a.message().unwrap().contains("No such measure"));
    // Esc leaves the prompt without moving.
    typ(&mut a, ":3");
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.mode(), Mode::Normal);
    assert_eq!(selected_title(&a), "（十二）加强工业互联网赋能");
}

#[test]
fn moving_collapsing_and_expanding_the_tree() {
    let mut a = embedded(Lang::Zh, 100, 30);
    assert_eq!(a.selected_node(), 0, "starts on the document");
    press(&mut a, KeyCode::Char('j'));
    assert_eq!(selected_title(&a), "一、落实落细财税扶持政策");
    press(&mut a, KeyCode::Down);
    assert_eq!(selected_title(&a), "（一）加强财政资金支持");
    // h on a measure goes to its section, h again collapses it.
    press(&mut a, KeyCode::Char('h'));
    assert_eq!(selected_title(&a), "一、落实落细财税扶持政策");
    let before = a.tree().visible().len();
    press(&mut a, KeyCode::Left);
    assert_eq!(
        a.tree().visible().len(),
        before - 3,
        "its three measures are hidden"
    );
    press(&mut a, KeyCode::Char('l'));
    assert_eq!(a.tree().visible().len(), before);
    press(&mut a, KeyCode::Right);
    assert_eq!(
        selected_title(&a),
        "（一）加强财政资金支持",
        "l on an open section descends"
    );
    press(&mut a, KeyCode::Char('G'));
    assert_eq!(a.outline()[a.selected_node()].ordinal(), Some(34));
    press(&mut a, KeyCode::Char('g'));
    assert_eq!(a.selected_node(), 0);
    press(&mut a, KeyCode::Up);
    assert_eq!(a.selected_node(), 0, "no wrap above the top");
}

#[test]
fn narrow_terminal_shows_one_pane_and_enter_tab_esc_switch() {
    let mut a = embedded(Lang::Zh, 41, 20);
    typ(&mut a, "jj");
    let areas = layout::areas(a.size().0, a.size().1, a.focus());
    assert!(areas.tree.is_some() && areas.reader.is_none());
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.focus(), Focus::Reader);
    let s = screen(&render(&a));
    assert!(s.contains("加强财政资金支持。"), "{s}");
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.focus(), Focus::Tree);
    press(&mut a, KeyCode::Tab);
    assert_eq!(a.focus(), Focus::Reader);
    press(&mut a, KeyCode::Tab);
    assert_eq!(a.focus(), Focus::Tree);
    assert!(!a.should_quit());
    press(&mut a, KeyCode::Esc);
    assert!(!a.should_quit(), "Esc never quits");
    assert_eq!(a.message(), Some("已在最上层：按 q 退出"));
    press(&mut a, KeyCode::Esc);
    assert!(!a.should_quit());
}

#[test]
fn q_quits_and_ctrl_c_quits_from_anywhere() {
    let mut a = embedded(Lang::Zh, 100, 30);
    press(&mut a, KeyCode::Char('q'));
    assert!(a.should_quit());
    for open in ["/", ":", "a", "?"] {
        let mut a = embedded(Lang::Zh, 100, 30);
        typ(&mut a, open);
        assert_ne!(a.mode(), Mode::Normal);
        press_mod(&mut a, KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert!(a.should_quit(), "Ctrl-C after {open}");
    }
}

#[test]
fn reader_scrolls_by_page_and_stops_at_the_end() {
    let mut a = embedded(Lang::Zh, 100, 12);
    assert_eq!(a.scroll(), 0);
    press(&mut a, KeyCode::PageDown);
    let page = a.scroll();
    assert!(page > 0);
    for _ in 0..50 {
        press(&mut a, KeyCode::Char(' '));
    }
    let end = a.scroll();
    press(&mut a, KeyCode::PageDown);
    assert_eq!(a.scroll(), end, "clamped at the last screenful");
    press(&mut a, KeyCode::PageUp);
    assert_eq!(a.scroll(), end - page);
    // Moving in the tree shows the new node from its top.
    press(&mut a, KeyCode::Down);
    assert_eq!(a.scroll(), 0);
}

#[test]
fn search_types_chinese_with_the_cursor_by_display_width() {
    let mut a = embedded(Lang::Zh, 100, 30);
    press(&mut a, KeyCode::Char('/'));
    assert_eq!(a.mode(), Mode::Search);
    typ(&mut a, "融资");
    assert!(!a.search().results().is_empty());
    let mut t = render(&a);
    // "/ " then two wide characters: the cursor is 2 + 4 cells in.
    t.backend_mut().assert_cursor_position((1 + 2 + 4, 1));
    press(&mut a, KeyCode::Left);
    let mut t = render(&a);
    t.backend_mut().assert_cursor_position((1 + 2 + 2, 1));
    typ(&mut a, "x");
    assert_eq!(a.search().query(), "融x资");
    press(&mut a, KeyCode::Backspace);
    assert_eq!(a.search().query(), "融资");
    press(&mut a, KeyCode::End);
    typ(&mut a, " 担保");
    press_mod(&mut a, KeyCode::Char('w'), KeyModifiers::CONTROL);
    assert_eq!(a.search().query(), "融资 ");
    press_mod(&mut a, KeyCode::Char('u'), KeyModifiers::CONTROL);
    assert_eq!(a.search().query(), "");
    assert!(a.search().results().is_empty());
}

#[test]
fn search_finds_12366_in_measure_3_and_enter_opens_it_highlighted() {
    let mut a = embedded(Lang::Zh, 100, 30);
    press(&mut a, KeyCode::Char('/'));
    typ(&mut a, "12366");
    let first = &a.search().results()[0];
    assert_eq!(
        a.node_by_path(&first.path)
            .map(|n| a.outline()[n].ordinal()),
        Some(Some(3))
    );
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.mode(), Mode::Normal);
    assert_eq!(a.focus(), Focus::Reader);
    assert_eq!(selected_title(&a), "（三）推动税费精准服务");
    let marks = a.marks().unwrap();
    assert_eq!(marks.position().1, 0);
    // The match is drawn in the match style.
    let t = render(&a);
    let buf = t.backend().buffer();
    let styled = buf
        .content()
        .iter()
        .filter(|c| c.bg == ratatui::style::Color::Magenta)
        .count();
    assert!(styled >= 5, "the current match is highlighted");
}

#[test]
fn n_and_shift_n_walk_matches_across_results_and_esc_returns() {
    let mut a = embedded(Lang::Zh, 100, 30);
    typ(&mut a, ":20");
    press(&mut a, KeyCode::Enter);
    let origin = a.selected_node();
    press(&mut a, KeyCode::Char('/'));
    typ(&mut a, "融资");
    let n_results = a.search().results().len();
    assert!(n_results >= 2);
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.selected_node(), origin, "Esc goes back to where you were");
    assert!(a.marks().is_none());
    press(&mut a, KeyCode::Char('/'));
    assert_eq!(a.search().query(), "", "a fresh query each time");
    press(&mut a, KeyCode::Up);
    assert_eq!(a.search().query(), "融资", "the last query is a key away");
    press(&mut a, KeyCode::Enter);
    let total: usize = a.marks().unwrap().total();
    let mut seen = std::collections::HashSet::new();
    for _ in 0..total {
        let m = a.marks().unwrap();
        seen.insert(m.position());
        press(&mut a, KeyCode::Char('n'));
    }
    assert_eq!(seen.len(), total, "n visits every match once");
    let m = a.marks().unwrap();
    assert_eq!(m.position(), (0, 0), "and wraps to the first");
    press(&mut a, KeyCode::Char('N'));
    let m = a.marks().unwrap();
    assert_eq!(
        m.position().0,
        n_results - 1,
        "N from the first goes to the last result"
    );
}

#[test]
fn opened_match_is_in_view_in_a_short_terminal() {
    // 知识产权质押 sits deep in （四）; at 8 rows it needs scrolling.
    let mut a = embedded(Lang::Zh, 100, 8);
    press(&mut a, KeyCode::Char('/'));
    typ(&mut a, "知识产权质押");
    press(&mut a, KeyCode::Enter);
    assert_eq!(selected_title(&a), "（四）加强信贷支持");
    let s = screen(&render(&a));
    assert!(s.contains("知识产权质押"), "{s}");
}

#[test]
fn agency_index_filters_the_tree_and_esc_clears() {
    let mut a = embedded(Lang::Zh, 100, 30);
    press(&mut a, KeyCode::Char('a'));
    assert_eq!(a.mode(), Mode::Agencies);
    let (name, ords) = a.agencies().rows()[1].clone();
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.mode(), Mode::Normal);
    let shown: Vec<usize> = a
        .tree()
        .visible()
        .iter()
        .filter_map(|&v| a.outline()[v].ordinal())
        .collect();
    assert_eq!(shown, ords);
    let sel = a.item(a.selected_node()).unwrap();
    assert!(sel.agencies.contains(&name));
    assert!(screen(&render(&a)).contains(&name));
    press(&mut a, KeyCode::Esc);
    assert!(a.tree().filter().is_none());
    assert_eq!(
        a.tree()
            .visible()
            .iter()
            .filter(|&&v| a.outline()[v].ordinal().is_some())
            .count(),
        34
    );
    assert!(!a.should_quit(), "the first Esc only clears the filter");
}

#[test]
fn agency_index_is_sorted_busiest_first_with_counts() {
    let a = {
        let mut a = embedded(Lang::Zh, 100, 30);
        press(&mut a, KeyCode::Char('a'));
        a
    };
    let counts: Vec<usize> = a.agencies().rows().iter().map(|(_, v)| v.len()).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]));
    let s = screen(&render(&a));
    let (top, n) = (&a.agencies().rows()[0].0, a.agencies().rows()[0].1.len());
    let row = s.lines().find(|l| l.contains(top.as_str())).unwrap();
    assert!(row.contains(&n.to_string()), "{row}");
}

#[test]
fn y_copies_the_measure_through_an_effect() {
    let mut a = embedded(Lang::Zh, 100, 30);
    press(&mut a, KeyCode::Char('y'));
    assert!(a.take_effects().is_empty(), "nothing to copy on the root");
    typ(&mut a, ":12");
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Char('y'));
    match a.take_effects().as_slice() {
        [Effect::Copy(s)] => {
            assert!(s.starts_with("（十二）加强工业互联网赋能\n"));
            assert!(s.contains("工业和信息化部、全国工商联"));
        }
        other => panic!("{other:?}"),
    }
    // Only the terminal layer knows whether the copy took: no claim here.
    assert_eq!(a.message(), None);
    a.notify("已存入 /tmp/x/copied.txt（终端剪贴板未确认）".into());
    assert!(screen(&render(&a)).contains("已存入"));
    press(&mut a, KeyCode::Down);
    assert!(a.message().is_none(), "messages last one keystroke");
}

#[test]
fn e_toggles_full_and_english_names() {
    let mut a = embedded(Lang::En, 120, 40);
    typ(&mut a, ":12");
    press(&mut a, KeyCode::Enter);
    assert!(!screen(&render(&a)).contains("Ministry of Industry"));
    press(&mut a, KeyCode::Char('e'));
    let s = screen(&render(&a));
    assert!(s.contains("中华人民共和国工业和信息化部"), "{s}");
    assert!(
        s.contains("Ministry of Industry and Information Technology"),
        "{s}"
    );
}

#[test]
fn help_opens_and_any_key_closes() {
    let mut a = embedded(Lang::Zh, 100, 30);
    press(&mut a, KeyCode::Char('?'));
    assert_eq!(a.mode(), Mode::Help);
    assert!(screen(&render(&a)).contains("跳到第 N 条措施"));
    // (j and k scroll the help when it does not fit; any other key closes it.)
    press(&mut a, KeyCode::Char('x'));
    assert_eq!(a.mode(), Mode::Normal);
    assert_eq!(a.selected_node(), 0, "the closing key does nothing else");
}

#[test]
fn m_toggles_mouse_and_a_click_selects_a_tree_row() {
    let mut a = embedded(Lang::Zh, 100, 30);
    press(&mut a, KeyCode::Char('m'));
    assert_eq!(a.take_effects(), vec![Effect::Mouse(true)]);
    // Row 3 of the tree (inside the border at y = 1) is （一）.
    a.update(Action::Click(5, 3));
    assert_eq!(selected_title(&a), "（一）加强财政资金支持");
    let reader_x = layout::areas(100, 30, a.focus()).reader.unwrap().x + 3;
    a.update(Action::Click(reader_x, 5));
    assert_eq!(a.focus(), Focus::Reader);
    a.update(Action::Wheel(reader_x, 5, 1));
    press(&mut a, KeyCode::Char('m'));
    assert_eq!(a.take_effects(), vec![Effect::Mouse(false)]);
}

#[test]
fn english_words_when_asked() {
    let a = embedded(Lang::En, 100, 30);
    let s = screen(&render(&a));
    assert!(s.contains("Contents") && s.contains("? help"), "{s}");
    assert!(!s.contains("目录"));
}

#[test]
fn an_empty_document_neither_panics_nor_jumps() {
    let doc = Document::from_json(r#"{"schema":1,"title":"空","items":[]}"#).unwrap();
    let mut a = app(doc, Lang::Zh, 80, 24);
    for k in [":", "1", "\n"] {
        typ(&mut a, k);
    }
    press(&mut a, KeyCode::Enter);
    typ(&mut a, "jjGgya/x");
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.selected_node(), 0);
    render(&a);
}

#[test]
fn a_click_in_the_search_results_selects_that_result() {
    let mut a = embedded(Lang::Zh, 100, 30);
    press(&mut a, KeyCode::Char('/'));
    typ(&mut a, "融资");
    assert!(a.search().results().len() >= 3);
    // Border, bar, count line, then two rows a result: result 2 starts at y = 3 + 4.
    a.update(Action::Click(10, 8));
    assert_eq!(a.search().cursor().selected(), 2);
    a.update(Action::Click(10, 1));
    assert_eq!(
        a.search().cursor().selected(),
        2,
        "a click on the bar selects nothing"
    );
}

#[test]
fn a_heading_hit_is_one_place_and_its_title_is_not_repeated() {
    let mut a = embedded(Lang::En, 100, 30);
    press(&mut a, KeyCode::Char('/'));
    typ(&mut a, "加大融资");
    // The only result is the section 二、加大融资支持力度, matched in its heading only
    // (measures rank above headings, so the query names the heading).
    let s = screen(&render(&a));
    assert!(
        s.contains("二、加大融资支持力度  ") || s.contains("二、加大融资支持力度 │"),
        "{s}"
    );
    assert!(!s.contains("二、加大融资支持力度 (2)"), "{s}");
    press(&mut a, KeyCode::Enter);
    assert_eq!(selected_title(&a), "二、加大融资支持力度");
    let s = screen(&render(&a));
    // Tree row, reader title bar and heading; not a fourth time as body text.
    assert_eq!(s.matches("加大融资支持力度").count(), 3, "{s}");
    // n wraps around to the same result: the heading was the only place.
    press(&mut a, KeyCode::Char('n'));
    assert_eq!(selected_title(&a), "二、加大融资支持力度");
}

#[test]
fn help_scrolls_in_a_small_terminal_and_any_other_key_closes_it() {
    let mut a = embedded(Lang::En, 40, 12);
    press(&mut a, KeyCode::Char('?'));
    assert_eq!(a.mode(), Mode::Help);
    let first = screen(&render(&a));
    assert!(first.contains("j/k scroll"), "{first}");
    assert!(
        !first.contains("Ctrl-C"),
        "the last key is below the fold: {first}"
    );
    for _ in 0..200 {
        press(&mut a, KeyCode::Char('j'));
    }
    let last = screen(&render(&a));
    assert!(last.contains("Ctrl-C"), "{last}");
    assert_eq!(a.mode(), Mode::Help);
    press(&mut a, KeyCode::Up);
    assert_eq!(a.mode(), Mode::Help);
    press(&mut a, KeyCode::Char('x'));
    assert_eq!(a.mode(), Mode::Normal);
    // Large enough: everything fits and the footer says any key closes.
    let mut b = embedded(Lang::En, 120, 45);
    press(&mut b, KeyCode::Char('?'));
    let s = screen(&render(&b));
    assert!(s.contains("Ctrl-C") && s.contains("any key closes"), "{s}");
}

#[test]
fn a_scrolled_search_bar_keeps_the_character_under_the_cursor_visible() {
    let mut a = embedded(Lang::En, 40, 12);
    press(&mut a, KeyCode::Char('/'));
    typ(&mut a, &"知识产权质押融资".repeat(4));
    press(&mut a, KeyCode::Left);
    let mut t = render(&a);
    let bar = rows(&t)[1].clone();
    // The cursor sits on the last 资, which is drawn just before the border.
    assert!(bar.ends_with("融资│"), "{bar:?}");
    let (x, y) = (1 + 2 + 34, 1);
    t.backend_mut().assert_cursor_position((x, y));
    assert_eq!(t.backend().buffer()[(x, y)].symbol(), "资");
}

/// Issue 7 in the browser: a guess is marked, widening is said, and when
/// nothing matched the related items come under their own heading.
#[test]
fn search_marks_guesses_and_says_how_it_widened() {
    let mut a = embedded(Lang::En, 120, 30);
    press(&mut a, KeyCode::Char('/'));
    for c in "知识产权值押".chars() {
        press(&mut a, KeyCode::Char(c));
    }
    let s = screen(&render(&a));
    assert!(s.contains("~ （四）加强信贷支持"), "{s}");
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Char('/'));
    for c in "减税".chars() {
        press(&mut a, KeyCode::Char(c));
    }
    let s = screen(&render(&a));
    assert!(s.contains("also searched: "), "{s}");
    assert!(
        !s.contains("~ （"),
        "exact and thesaurus hits are not guesses: {s}"
    );
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Char('/'));
    for c in "小微企业贷款难".chars() {
        press(&mut a, KeyCode::Char(c));
    }
    let s = screen(&render(&a));
    assert!(s.contains("No results; related:"), "{s}");
    assert!(s.contains("~ （"), "related items are marked: {s}");
}
