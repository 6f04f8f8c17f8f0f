//! Styles. Only the 16 basic colours, foreground on the terminal's own
//! background except where a background is set together with a foreground
//! (tags, matches), so the text stays readable on dark and light themes.
//! With NO_COLOR only bold, reverse and underline are used.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    pub fn new(no_color: bool) -> Theme {
        Theme { color: !no_color }
    }

    fn pick(&self, colored: Style, plain: Style) -> Style {
        if self.color { colored } else { plain }
    }

    pub fn text(&self) -> Style {
        Style::default()
    }

    pub fn bold(&self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }

    /// Secondary text: the terminal's own foreground at half intensity
    /// (SGR 2), readable on dark and light backgrounds alike; bright black
    /// (`DarkGray`) is pale grey on white in many light themes.
    pub fn dim(&self) -> Style {
        self.pick(
            Style::default().add_modifier(Modifier::DIM),
            Style::default(),
        )
    }

    /// Headings stay in the terminal's own foreground: blue is unreadable on
    /// black and cyan on white.
    pub fn heading(&self) -> Style {
        self.bold()
    }

    /// Labels (printed numbers, field names, keys): magenta is the one basic
    /// foreground that reads well on both dark and light backgrounds.
    pub fn label(&self) -> Style {
        self.pick(Style::default().fg(Color::Magenta), Style::default())
    }

    /// Pane titles sit on the border; reset the border's colour under them.
    pub fn title(&self, focused: bool) -> Style {
        let s = Style::default().fg(Color::Reset);
        if focused {
            s.add_modifier(Modifier::BOLD)
        } else {
            s
        }
    }

    pub fn tag(&self) -> Style {
        self.pick(
            Style::default().fg(Color::Black).bg(Color::Cyan),
            Style::default().add_modifier(Modifier::REVERSED),
        )
    }

    pub fn matched(&self) -> Style {
        self.pick(
            Style::default().fg(Color::Black).bg(Color::Yellow),
            Style::default().add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
        )
    }

    pub fn current_match(&self) -> Style {
        self.pick(
            Style::default()
                .fg(Color::White)
                .bg(Color::Magenta)
                .add_modifier(Modifier::BOLD),
            Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD),
        )
    }

    pub fn selected(&self, focused: bool) -> Style {
        if focused {
            Style::default().add_modifier(Modifier::REVERSED)
        } else {
            Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        }
    }

    pub fn border(&self, focused: bool) -> Style {
        match (focused, self.color) {
            (true, true) => Style::default().fg(Color::Cyan),
            (true, false) => self.bold(),
            (false, _) => self.dim(),
        }
    }

    pub fn status(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }

    pub fn message(&self) -> Style {
        self.pick(
            Style::default()
                .fg(Color::Black)
                .bg(Color::Green)
                .add_modifier(Modifier::BOLD),
            Style::default().add_modifier(Modifier::BOLD),
        )
    }

    pub fn bar(&self) -> Style {
        self.pick(
            Style::default().bg(Color::Blue),
            Style::default().add_modifier(Modifier::REVERSED),
        )
    }

    /// A bar on the (reversed) selected row: un-reversed, so it still shows.
    pub fn bar_on_selected(&self) -> Style {
        let s = Style::default().remove_modifier(Modifier::REVERSED);
        if self.color { s.bg(Color::Blue) } else { s }
    }

    pub fn error(&self) -> Style {
        self.pick(Style::default().fg(Color::Red), self.bold())
    }
}
