//! Issue 10 in the browser, key by key: keys fed to the state, assertions on
//! the state and on the TestBackend frame. No terminal, no real state dir.

mod tui_support;

use crossterm::event::{KeyCode, KeyModifiers};
use ratatui::style::{Color, Modifier};
use tui_support::*;
use zhengce::tui::Lang;
use zhengce::tui::app::{Effect, Focus, Mode};
use zhengce::tui::persist;

fn selected_title(a: &zhengce::tui::app::App) -> String {
    a.item(a.selected_node())
        .map(|it| format!("{}{}", it.label, it.title))
        .unwrap_or_default()
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("zhengce-ux2-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn esc_never_quits_q_and_ctrl_c_do() {
    // The three accidental quits of the issue: `:12⏎ Esc`, `? Esc Esc`,
    // `Tab Esc` under 80 columns; and Esc pressed many times over.
    for (w, keys) in [
        (
            100,
            vec![
                KeyCode::Char(':'),
                KeyCode::Char('1'),
                KeyCode::Char('2'),
                KeyCode::Enter,
                KeyCode::Esc,
            ],
        ),
        (100, vec![KeyCode::Char('?'), KeyCode::Esc, KeyCode::Esc]),
        (60, vec![KeyCode::Tab, KeyCode::Esc]),
        (60, vec![KeyCode::Esc; 10]),
    ] {
        let mut a = embedded(Lang::En, w, 30);
        for k in keys {
            press(&mut a, k);
        }
        assert!(!a.should_quit(), "{w}: Esc quit");
    }
    let mut a = embedded(Lang::En, 100, 30);
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.message(), Some("At the top: q quits"));
    assert!(screen(&render(&a)).contains("q quits"));
    press(&mut a, KeyCode::Char('q'));
    assert!(a.should_quit());
    let mut a = embedded(Lang::En, 100, 30);
    press(&mut a, KeyCode::Char('/'));
    press_mod(&mut a, KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(a.should_quit(), "Ctrl-C quits from the search bar");
}

#[test]
fn slash_opens_empty_and_up_down_recall_earlier_queries() {
    let mut a = embedded(Lang::Zh, 100, 30);
    for q in ["zscq", "融资"] {
        press(&mut a, KeyCode::Char('/'));
        assert_eq!(a.search().query(), "", "a fresh query each time");
        typ(&mut a, q);
        press(&mut a, KeyCode::Enter);
    }
    assert_eq!(a.history(), ["zscq", "融资"]);
    // A new lookup without Ctrl-U: "zscq融资" never happens.
    press(&mut a, KeyCode::Char('/'));
    typ(&mut a, "担保");
    assert_eq!(a.search().query(), "担保");
    assert!(!a.search().results().is_empty());
    press(&mut a, KeyCode::Up);
    assert_eq!(a.search().query(), "融资");
    assert!(!a.search().results().is_empty(), "a recalled query runs");
    press(&mut a, KeyCode::Up);
    assert_eq!(a.search().query(), "zscq");
    press(&mut a, KeyCode::Up);
    assert_eq!(a.search().query(), "zscq", "stops at the oldest");
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Down);
    assert_eq!(a.search().query(), "担保", "back to what was typed");
    // Results move with Tab / Shift-Tab.
    let before = a.search().cursor().selected();
    press(&mut a, KeyCode::Tab);
    assert_eq!(a.search().cursor().selected(), before + 1);
    press(&mut a, KeyCode::BackTab);
    assert_eq!(a.search().cursor().selected(), before);
}

#[test]
fn the_place_and_history_survive_a_restart_through_the_state_file() {
    let dir = temp_dir("place");
    let path = dir.join("zhengce").join(persist::FILE);
    let key = persist::document_key(None, &zhengce::doc::Document::embedded().title);
    // First run: a search, measure 12 of an agency's filter, scrolled.
    let mut a = embedded(Lang::Zh, 100, 12);
    press(&mut a, KeyCode::Char('/'));
    typ(&mut a, "融资");
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Esc); // highlights off
    press(&mut a, KeyCode::Char('a'));
    typ(&mut a, "工业和信息化部");
    press(&mut a, KeyCode::Enter);
    typ(&mut a, ":12");
    press(&mut a, KeyCode::Enter);
    a.scroll_to(2);
    let scroll = a.scroll();
    assert!(scroll > 0);
    let st = zhengce::tui::end_state(&a, persist::State::default(), key.clone());
    persist::save_merged(&path, st).unwrap();
    // Second run.
    let (st, notice) = persist::load(&path);
    assert_eq!(notice, None);
    let mut b = embedded(Lang::Zh, 100, 12);
    zhengce::tui::start_from(&mut b, &st, &key, notice);
    assert_eq!(selected_title(&b), "（十二）加强工业互联网赋能");
    assert_eq!(b.scroll(), scroll);
    assert_eq!(
        b.tree().filter().map(|f| f.agency()),
        Some("工业和信息化部")
    );
    assert_eq!(b.history(), ["融资"]);
    assert!(screen(&render(&b)).contains("措施 12/34"));
    press(&mut b, KeyCode::Char('/'));
    press(&mut b, KeyCode::Up);
    assert_eq!(b.search().query(), "融资");
    // A damaged file: one line in the status line, a fresh start, no crash.
    std::fs::write(&path, b"{\"version\": 1, \"history\": [1, 2").unwrap();
    let (st, notice) = persist::load(&path);
    let notice = notice.expect("a notice");
    assert!(!notice.contains('\n'));
    let mut c = embedded(Lang::Zh, 100, 12);
    zhengce::tui::start_from(&mut c, &st, &key, Some(notice.clone()));
    assert_eq!(c.selected_node(), 0);
    let s = screen(&render(&c));
    assert!(s.contains("state.json"), "{s}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn preview_beside_the_results_from_100_columns_with_labelled_counts() {
    let mut a = embedded(Lang::Zh, 160, 45);
    press(&mut a, KeyCode::Char('/'));
    typ(&mut a, "融资");
    let t = render(&a);
    let s = screen(&t);
    assert!(s.contains("预览"), "{s}");
    // The preview shows the selected result's text with matches marked.
    let sel = a.search().results()[a.search().cursor().selected()].node;
    let title = a.item(sel).unwrap().title.clone();
    assert!(s.matches(title.as_str()).count() >= 2, "{s}");
    let buf = t.backend().buffer();
    let marked_right = (0..buf.area.height)
        .flat_map(|y| (80..buf.area.width).map(move |x| (x, y)))
        .filter(|&p| buf[p].bg == Color::Yellow || buf[p].bg == Color::Magenta)
        .count();
    assert!(marked_right >= 2, "matches marked in the preview");
    assert!(s.contains(" 处"), "hit counts are labelled: {s}");
    assert!(!s.contains(" (2)") && !s.contains(" (3)"));
    // Under 100 columns: no preview.
    resize(&mut a, 90, 30);
    assert!(!screen(&render(&a)).contains("预览"));
    let mut e = embedded(Lang::En, 120, 40);
    press(&mut e, KeyCode::Char('/'));
    typ(&mut e, "融资");
    let s = screen(&render(&e));
    assert!(s.contains(" hits") && s.contains("Preview"), "{s}");
}

#[test]
fn status_line_counts_matches_and_wraps_the_right_way() {
    let mut a = embedded(Lang::En, 100, 30);
    press(&mut a, KeyCode::Char('/'));
    typ(&mut a, "融资");
    press(&mut a, KeyCode::Enter);
    let (k, total) = a.match_position().unwrap();
    assert_eq!(k, 1);
    assert!(total >= 3);
    assert!(screen(&render(&a)).contains(&format!("match 1/{total}")));
    press(&mut a, KeyCode::Char('n'));
    assert!(screen(&render(&a)).contains(&format!("match 2/{total}")));
    press(&mut a, KeyCode::Char('N'));
    press(&mut a, KeyCode::Char('N'));
    assert_eq!(a.message(), Some("Wrapped to the end"), "N from the first");
    assert!(screen(&render(&a)).contains(&format!("match {total}/{total}")));
    press(&mut a, KeyCode::Char('n'));
    assert_eq!(a.message(), Some("Wrapped to the start"));
}

#[test]
fn help_teaches_the_search_language_and_wraps_at_60_columns() {
    let mut a = embedded(Lang::En, 60, 80);
    press(&mut a, KeyCode::Char('?'));
    let s = screen(&render(&a));
    for form in ["a:", "#12", "\"", "!", "zscq", "融资 担保"] {
        assert!(s.contains(form), "{form}: {s}");
    }
    assert!(!s.contains('…'), "wrapped, not cut: {s}");
    assert!(s.contains("input method"), "{s}");
    let mut z = embedded(Lang::Zh, 60, 80);
    press(&mut z, KeyCode::Char('?'));
    let s = screen(&render(&z));
    assert!(s.contains("拼音") && !s.contains('…'), "{s}");
    // "Too small" names the minimum.
    let t = embedded(Lang::En, 19, 6);
    assert!(screen(&render(&t)).contains("20x5"));
    let t = embedded(Lang::Zh, 30, 4);
    assert!(screen(&render(&t)).contains("20x5"));
}

#[test]
fn agency_index_filters_by_typing_and_shows_names_numbers_and_position() {
    let mut a = embedded(Lang::En, 160, 45);
    press(&mut a, KeyCode::Char('a'));
    for q in ["rmyh", "人民银行", "pboc", "people's bank"] {
        press_mod(&mut a, KeyCode::Char('u'), KeyModifiers::CONTROL);
        typ(&mut a, q);
        assert_eq!(
            a.agencies().selected().map(|(n, _)| n.as_str()),
            Some("人民银行"),
            "{q}"
        );
    }
    let s = screen(&render(&a));
    assert!(s.contains("People's Bank of China"), "{s}");
    assert!(s.contains("中国人民银行"), "full name: {s}");
    let ords = a.agencies().selected().unwrap().1.clone();
    let row = s.lines().find(|l| l.contains("People's Bank")).unwrap();
    assert!(row.contains(&format!("#{}", ords[0])), "{row}");
    // Esc clears the filter first, then closes.
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.mode(), Mode::Agencies);
    assert_eq!(a.agencies().len(), a.agencies().total());
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.mode(), Mode::Normal);
    // A short screen: a position marker in the border.
    let mut b = embedded(Lang::Zh, 80, 10);
    press(&mut b, KeyCode::Char('a'));
    let n = b.agencies().len();
    assert!(screen(&render(&b)).contains(&format!("/{n} ")));
}

#[test]
fn selected_agency_row_keeps_its_bar_readable_also_without_colour() {
    for no_color in [false, true] {
        let mut a = zhengce::tui::app::App::new(
            zhengce::doc::Document::embedded(),
            Lang::Zh,
            no_color,
            100,
            30,
        );
        press(&mut a, KeyCode::Char('a'));
        let t = render(&a);
        let buf = t.backend().buffer();
        let y = 1; // first row, selected
        assert_eq!(buf[(1, y)].symbol(), ">");
        // The bar on the selected row looks like every other bar.
        let bar = |y: u16| {
            (40..99)
                .map(|x| &buf[(x, y)])
                .filter(|c| c.bg == Color::Blue || c.modifier.contains(Modifier::REVERSED))
                .count()
        };
        assert!(bar(y) > 0, "no_color={no_color}");
        let cell = (40..99)
            .map(|x| &buf[(x, y)])
            .find(|c| c.bg == Color::Blue || c.modifier.contains(Modifier::REVERSED))
            .unwrap();
        let other = (40..99)
            .map(|x| &buf[(x, 2)])
            .find(|c| c.bg == Color::Blue || c.modifier.contains(Modifier::REVERSED))
            .unwrap();
        assert_eq!((cell.bg, cell.modifier), (other.bg, other.modifier));
    }
}

#[test]
fn language_toggle_dim_text_and_a_useful_status_line_when_narrow() {
    let mut a = embedded(Lang::Zh, 100, 30);
    press(&mut a, KeyCode::Char('L'));
    assert_eq!(a.lang(), Lang::En);
    assert!(screen(&render(&a)).contains("Language: English"));
    press(&mut a, KeyCode::Down);
    assert!(screen(&render(&a)).contains("? help"));
    press(&mut a, KeyCode::Char('L'));
    assert_eq!(a.lang(), Lang::Zh);
    // Dim text: half intensity of the terminal's own colour, not bright black.
    let t = render(&a);
    assert!(
        t.backend()
            .buffer()
            .content()
            .iter()
            .all(|c| c.fg != Color::DarkGray)
    );
    // 40-60 columns: "q quit" stays, no "-/34".
    assert!(screen(&render(&embedded(Lang::En, 100, 20))).contains(" 34 measures  11 sections"));
    for w in [40, 50, 59] {
        for lang in [Lang::Zh, Lang::En] {
            let a = embedded(lang, w, 20);
            let s = screen(&render(&a));
            let status = s.lines().last().unwrap();
            assert!(
                status.contains("q 退出") || status.contains("q quit"),
                "{w}: {status}"
            );
            assert!(!status.contains("-/"), "{w}: {status}");
        }
    }
}

#[test]
fn copy_claims_nothing_itself_and_zoom_draws_no_borders() {
    let mut a = embedded(Lang::Zh, 100, 30);
    typ(&mut a, ":12");
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Char('y'));
    assert!(matches!(a.take_effects().as_slice(), [Effect::Copy(_)]));
    assert_eq!(a.message(), None, "the clipboard's outcome is the message");
    press(&mut a, KeyCode::Char('z'));
    assert!(a.zoomed());
    assert_eq!(a.focus(), Focus::Reader);
    let s = screen(&render(&a));
    let body: Vec<&str> = s.lines().take(29).collect();
    for l in &body {
        assert!(!l.contains(['│', '─', '┌', '┐', '└', '┘']), "{l}");
    }
    assert!(s.contains("加强工业互联网赋能"));
    press(&mut a, KeyCode::Esc);
    assert!(!a.zoomed());
    assert!(screen(&render(&a)).contains('│'));
}
