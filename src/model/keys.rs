//! The page's keyboard, without a browser: the tab bar (the WAI-ARIA tabs pattern), the
//! cookie jar as a grid, and the shortcuts the "?" overlay lists. The page passes a key in
//! and acts on what comes back; what each key means lives here and is tested on the host.

use crate::i18n::Key;
use crate::model::workbench::Pane;

/// A move along a row of items (tabs, segmented buttons).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// The previous item, wrapping to the last.
    Prev,
    /// The next item, wrapping to the first.
    Next,
    /// The first item.
    First,
    /// The last item.
    Last,
}

impl Step {
    /// The move a key makes in a horizontal tab list (`KeyboardEvent.key`).
    pub fn from_key(key: &str) -> Option<Step> {
        match key {
            "ArrowLeft" => Some(Step::Prev),
            "ArrowRight" => Some(Step::Next),
            "Home" => Some(Step::First),
            "End" => Some(Step::Last),
            _ => None,
        }
    }

    /// The move a key makes in a vertical menu (the place picker's entries).
    pub fn from_vertical_key(key: &str) -> Option<Step> {
        match key {
            "ArrowUp" => Some(Step::Prev),
            "ArrowDown" => Some(Step::Next),
            "Home" => Some(Step::First),
            "End" => Some(Step::Last),
            _ => None,
        }
    }

    /// The move from outside the list (its opener has the focus): down goes to the first
    /// item, up to the last.
    pub fn entering(self) -> Step {
        match self {
            Step::Next => Step::First,
            Step::Prev => Step::Last,
            s => s,
        }
    }
}

/// The item a move lands on: roving focus over `items` from `current` (the first item when
/// `current` is not among them). `None` for an empty list.
pub fn roving<T: Copy + PartialEq>(items: &[T], current: T, step: Step) -> Option<T> {
    let n = items.len();
    if n == 0 {
        return None;
    }
    let i = items.iter().position(|x| *x == current).unwrap_or(0);
    let j = match step {
        Step::Prev => (i + n - 1) % n,
        Step::Next => (i + 1) % n,
        Step::First => 0,
        Step::Last => n - 1,
    };
    Some(items[j])
}

/// A cell of the jar grid: `row` counts cookies from 0, `col` the table's columns.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cell {
    /// The cookie's row.
    pub row: usize,
    /// The column.
    pub col: usize,
}

/// What a key does on a grid cell that is not being edited.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GridKey {
    /// Focus moves to this cell.
    Move(Cell),
    /// Start editing the cell (Enter or F2).
    Edit,
    /// Flip the cell's switch, if it has one (Space: HttpOnly, Secure), the focus staying on
    /// the cell: Space on a switch's cell did nothing, and Enter then Space took two keys.
    Toggle,
}

/// What `key` does on `at` in a grid of `rows` by `cols` cells, as in the WAI-ARIA grid
/// pattern: arrows move one cell and stop at the edges, Home and End go to the row's ends
/// (with Ctrl, the grid's), Page Up and Page Down to the column's ends. `None`: not a grid key.
pub fn grid_key(key: &str, ctrl: bool, at: Cell, rows: usize, cols: usize) -> Option<GridKey> {
    if rows == 0 || cols == 0 {
        return None;
    }
    let at = Cell {
        row: at.row.min(rows - 1),
        col: at.col.min(cols - 1),
    };
    let to = |row, col| Some(GridKey::Move(Cell { row, col }));
    match key {
        "Enter" | "F2" => Some(GridKey::Edit),
        " " => Some(GridKey::Toggle),
        "ArrowUp" => to(at.row.saturating_sub(1), at.col),
        "ArrowDown" => to((at.row + 1).min(rows - 1), at.col),
        "ArrowLeft" => to(at.row, at.col.saturating_sub(1)),
        "ArrowRight" => to(at.row, (at.col + 1).min(cols - 1)),
        "Home" if ctrl => to(0, 0),
        "End" if ctrl => to(rows - 1, cols - 1),
        "Home" => to(at.row, 0),
        "End" => to(at.row, cols - 1),
        "PageUp" => to(0, at.col),
        "PageDown" => to(rows - 1, at.col),
        _ => None,
    }
}

/// The move Left and Right arrows make on a button in a cell that holds several (the attacker's
/// "Plant in the victim's jar" beside ✕, which no key reached: Tab leaves the grid), as in the
/// WAI-ARIA grid pattern. `None` elsewhere, and in a text field, where arrows move the caret.
pub fn in_cell_step(key: &str, on_button: bool) -> Option<Step> {
    match key {
        "ArrowLeft" | "ArrowRight" if on_button => Step::from_key(key),
        _ => None,
    }
}

/// What a key does while a cell is being edited: Enter keeps the edit, Escape puts the stored
/// value back; either way the focus returns to the cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditKey {
    /// Keep what was typed.
    Commit,
    /// Put the stored value back.
    Cancel,
}

impl EditKey {
    /// The meaning of `key` inside a cell's field.
    pub fn from_key(key: &str) -> Option<EditKey> {
        match key {
            "Enter" => Some(EditKey::Commit),
            "Escape" => Some(EditKey::Cancel),
            _ => None,
        }
    }
}

/// A place the keyboard can jump to from anywhere on the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shortcut {
    /// The lesson card's "Show me" for the step it shows (the challenge's goal in a challenge):
    /// after acting in a pane, a keyboard learner was 4 to 15 Shift+Tabs from it, 28 Tabs from
    /// the top (review).
    ShowMe,
    /// The browser's address bar.
    AddressBar,
    /// The cookie jar's first cell.
    Jar,
    /// The server's code.
    Server,
    /// The newest timeline entry.
    Timeline,
    /// The server's options form, opened (lesson 3 has the learner change and apply options
    /// several times: 16 Tabs from the address bar to its first field, 32 back).
    Options,
    /// The clock's "+1 min" (lessons 3 and 6 have the learner move time: it was 75 Tabs away).
    Clock,
    /// The list of shortcuts.
    Help,
}

/// A key press as the page saw it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Press<'a> {
    /// `KeyboardEvent.key` (what the key typed).
    pub key: &'a str,
    /// `KeyboardEvent.code` (which key it was: stays `KeyA` when Option on a Mac types `å`).
    pub code: &'a str,
    /// Alt (Option).
    pub alt: bool,
    /// Shift.
    pub shift: bool,
    /// Ctrl.
    pub ctrl: bool,
    /// Meta (⌘, Windows key).
    pub meta: bool,
    /// Whether the focus is in a field that takes text (there `?` is a character).
    pub typing: bool,
    /// Whether the learner keeps the bare `?` shortcut on.
    pub question_key: bool,
}

impl Shortcut {
    /// Every shortcut, in the order the overlay lists them.
    pub const ALL: [Shortcut; 8] = [
        Shortcut::ShowMe,
        Shortcut::AddressBar,
        Shortcut::Jar,
        Shortcut::Server,
        Shortcut::Timeline,
        Shortcut::Options,
        Shortcut::Clock,
        Shortcut::Help,
    ];

    /// The letter pressed with Alt+Shift.
    fn letter(self) -> &'static str {
        match self {
            Shortcut::ShowMe => "N",
            Shortcut::AddressBar => "A",
            Shortcut::Jar => "J",
            Shortcut::Server => "S",
            Shortcut::Timeline => "L",
            Shortcut::Options => "O",
            Shortcut::Clock => "C",
            Shortcut::Help => "H",
        }
    }

    /// The keys as the overlay shows them (the help's `?` while it is on).
    pub fn keys(self, question_key: bool) -> String {
        let chord = format!("Alt+Shift+{}", self.letter());
        if self == Shortcut::Help && question_key {
            format!("? · {chord}")
        } else {
            chord
        }
    }

    /// What the shortcut does, in the string table.
    pub fn label(self) -> Key {
        match self {
            Shortcut::ShowMe => Key::KeysStep,
            Shortcut::AddressBar => Key::KeysAddressBar,
            Shortcut::Jar => Key::KeysJar,
            Shortcut::Server => Key::KeysServer,
            Shortcut::Timeline => Key::KeysTimeline,
            Shortcut::Options => Key::KeysOptions,
            Shortcut::Clock => Key::KeysClock,
            Shortcut::Help => Key::KeysHelp,
        }
    }

    /// The pane the target lives in (on a phone, that tab is opened first).
    pub fn pane(self) -> Option<Pane> {
        match self {
            Shortcut::AddressBar => Some(Pane::Browser),
            Shortcut::Jar => Some(Pane::Jar),
            Shortcut::Server => Some(Pane::Server),
            Shortcut::Timeline => Some(Pane::Timeline),
            Shortcut::Options => Some(Pane::Server),
            // the clock is in the top bar (or an embed's bar), the card above the panes: on
            // every tab
            Shortcut::ShowMe | Shortcut::Clock | Shortcut::Help => None,
        }
    }

    /// The shortcut a key press asks for. Alt+Shift and a letter work everywhere, matched by
    /// the key's position so a Mac's Option letters count; a bare `?` opens the help only
    /// outside text fields, where it types nothing, and only while the learner keeps it on.
    pub fn from_press(p: &Press) -> Option<Shortcut> {
        if p.ctrl || p.meta {
            return None;
        }
        if p.alt && p.shift {
            let letter = p.code.strip_prefix("Key")?;
            return Shortcut::ALL.into_iter().find(|s| s.letter() == letter);
        }
        (p.question_key && !p.alt && !p.typing && p.key == "?").then_some(Shortcut::Help)
    }
}

/// Whether a press of Escape leaves time travel, as "Back to now" does: a bare Escape while
/// the page shows the past, outside a field (there it drops the edit) and not taken by what
/// had the focus (`taken`: a panel, menu or the echo it is in closes first).
pub fn escape_returns(p: &Press, travelling: bool, taken: bool) -> bool {
    let bare = !(p.alt || p.shift || p.ctrl || p.meta);
    travelling && !taken && !p.typing && bare && p.key == "Escape"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_returns_only_from_the_past_when_nothing_else_takes_it() {
        let esc = Press {
            key: "Escape",
            code: "Escape",
            ..Press::default()
        };
        assert!(escape_returns(&esc, true, false));
        // in the present there is nothing to return from
        assert!(!escape_returns(&esc, false, false));
        // a panel, menu or the echo closed on it first
        assert!(!escape_returns(&esc, true, true));
        // in a field it drops the edit
        let typing = Press {
            typing: true,
            ..esc
        };
        assert!(!escape_returns(&typing, true, false));
        // with a modifier it is another key
        let shifted = Press { shift: true, ..esc };
        assert!(!escape_returns(&shifted, true, false));
        let other = Press {
            key: "Enter",
            code: "Enter",
            ..Press::default()
        };
        assert!(!escape_returns(&other, true, false));
    }

    #[test]
    fn tabs_rove_and_wrap() {
        let tabs = [Pane::Browser, Pane::Server, Pane::Timeline];
        let go = |from, key| roving(&tabs, from, Step::from_key(key).unwrap());
        assert_eq!(go(Pane::Browser, "ArrowRight"), Some(Pane::Server));
        assert_eq!(go(Pane::Timeline, "ArrowRight"), Some(Pane::Browser));
        assert_eq!(go(Pane::Browser, "ArrowLeft"), Some(Pane::Timeline));
        assert_eq!(go(Pane::Server, "Home"), Some(Pane::Browser));
        assert_eq!(go(Pane::Server, "End"), Some(Pane::Timeline));
        // a current tab no longer shown counts as the first
        assert_eq!(go(Pane::Jar, "ArrowRight"), Some(Pane::Server));
        assert_eq!(Step::from_key("ArrowDown"), None);
        assert_eq!(Step::from_vertical_key("ArrowDown"), Some(Step::Next));
        assert_eq!(Step::from_vertical_key("ArrowUp"), Some(Step::Prev));
        assert_eq!(Step::from_vertical_key("ArrowLeft"), None);
        assert_eq!(Step::Next.entering(), Step::First);
        assert_eq!(Step::Prev.entering(), Step::Last);
        assert_eq!(Step::Last.entering(), Step::Last);
        assert_eq!(roving::<Pane>(&[], Pane::Jar, Step::Next), None);
    }

    #[test]
    fn grid_keys_move_and_stop_at_the_edges() {
        let at = |row, col| Cell { row, col };
        let k = |key, ctrl, from| grid_key(key, ctrl, from, 3, 5);
        assert_eq!(
            k("ArrowDown", false, at(0, 1)),
            Some(GridKey::Move(at(1, 1)))
        );
        assert_eq!(
            k("ArrowDown", false, at(2, 1)),
            Some(GridKey::Move(at(2, 1)))
        );
        assert_eq!(k("ArrowUp", false, at(0, 1)), Some(GridKey::Move(at(0, 1))));
        assert_eq!(
            k("ArrowRight", false, at(1, 4)),
            Some(GridKey::Move(at(1, 4)))
        );
        assert_eq!(
            k("ArrowLeft", false, at(1, 0)),
            Some(GridKey::Move(at(1, 0)))
        );
        assert_eq!(k("Home", false, at(1, 3)), Some(GridKey::Move(at(1, 0))));
        assert_eq!(k("End", false, at(1, 0)), Some(GridKey::Move(at(1, 4))));
        assert_eq!(k("Home", true, at(2, 3)), Some(GridKey::Move(at(0, 0))));
        assert_eq!(k("End", true, at(0, 0)), Some(GridKey::Move(at(2, 4))));
        assert_eq!(
            k("PageDown", false, at(0, 2)),
            Some(GridKey::Move(at(2, 2)))
        );
        assert_eq!(k("PageUp", false, at(2, 2)), Some(GridKey::Move(at(0, 2))));
        assert_eq!(k("Enter", false, at(0, 0)), Some(GridKey::Edit));
        assert_eq!(k("F2", false, at(0, 0)), Some(GridKey::Edit));
        assert_eq!(k(" ", false, at(0, 6)), Some(GridKey::Toggle));
        assert_eq!(k("a", false, at(0, 0)), None);
        // a cell past the edge (a row just deleted) is brought back in
        assert_eq!(k("ArrowUp", false, at(9, 9)), Some(GridKey::Move(at(1, 4))));
        assert_eq!(grid_key("ArrowDown", false, at(0, 0), 0, 5), None);
    }

    #[test]
    fn editing_keys() {
        assert_eq!(EditKey::from_key("Enter"), Some(EditKey::Commit));
        assert_eq!(EditKey::from_key("Escape"), Some(EditKey::Cancel));
        assert_eq!(EditKey::from_key("F2"), None);
        // between a cell's buttons, not in a text field's caret
        assert_eq!(in_cell_step("ArrowRight", true), Some(Step::Next));
        assert_eq!(in_cell_step("ArrowLeft", true), Some(Step::Prev));
        assert_eq!(in_cell_step("ArrowRight", false), None);
        assert_eq!(in_cell_step("ArrowDown", true), None);
    }

    #[test]
    fn shortcuts() {
        let chord = |code| Press {
            key: "x",
            code,
            alt: true,
            shift: true,
            ..Press::default()
        };
        assert_eq!(
            Shortcut::from_press(&chord("KeyA")),
            Some(Shortcut::AddressBar)
        );
        assert_eq!(Shortcut::from_press(&chord("KeyJ")), Some(Shortcut::Jar));
        assert_eq!(Shortcut::from_press(&chord("KeyS")), Some(Shortcut::Server));
        assert_eq!(
            Shortcut::from_press(&chord("KeyL")),
            Some(Shortcut::Timeline)
        );
        assert_eq!(Shortcut::from_press(&chord("KeyH")), Some(Shortcut::Help));
        assert_eq!(
            Shortcut::from_press(&chord("KeyO")),
            Some(Shortcut::Options)
        );
        assert_eq!(Shortcut::from_press(&chord("KeyC")), Some(Shortcut::Clock));
        assert_eq!(Shortcut::Options.pane(), Some(Pane::Server));
        assert_eq!(Shortcut::Clock.pane(), None);
        assert_eq!(Shortcut::from_press(&chord("KeyQ")), None);
        assert_eq!(Shortcut::from_press(&chord("Digit1")), None);
        // with Ctrl or Meta it is the browser's, not ours
        let ctrl = Press {
            ctrl: true,
            ..chord("KeyA")
        };
        assert_eq!(Shortcut::from_press(&ctrl), None);
        let question = Press {
            key: "?",
            code: "Slash",
            shift: true,
            question_key: true,
            ..Press::default()
        };
        assert_eq!(Shortcut::from_press(&question), Some(Shortcut::Help));
        // turned off, "?" does nothing; the chord still opens the help
        let off = Press {
            question_key: false,
            ..question
        };
        assert_eq!(Shortcut::from_press(&off), None);
        assert_eq!(
            Shortcut::from_press(&Press {
                question_key: false,
                ..chord("KeyH")
            }),
            Some(Shortcut::Help)
        );
        assert_eq!(Shortcut::Help.keys(true), "? · Alt+Shift+H");
        assert_eq!(Shortcut::Help.keys(false), "Alt+Shift+H");
        assert_eq!(Shortcut::Jar.keys(true), "Alt+Shift+J");
        // in a text field "?" is just a character
        let typing = Press {
            typing: true,
            ..question
        };
        assert_eq!(Shortcut::from_press(&typing), None);
        // every shortcut has its own letter, and the help lists "?" too
        let letters: std::collections::BTreeSet<_> =
            Shortcut::ALL.iter().map(|s| s.letter()).collect();
        assert_eq!(letters.len(), Shortcut::ALL.len());
        assert!(Shortcut::Help.keys(true).starts_with("? · "));
        assert_eq!(Shortcut::Jar.pane(), Some(Pane::Jar));
        // the step's Show me, from anywhere (a Mac's Option+Shift+N types ˜: the key counts)
        let step = Press {
            key: "˜",
            code: "KeyN",
            alt: true,
            shift: true,
            typing: true,
            ..Press::default()
        };
        assert_eq!(Shortcut::from_press(&step), Some(Shortcut::ShowMe));
        assert_eq!(Shortcut::ShowMe.pane(), None);
        assert_eq!(Shortcut::ALL[0], Shortcut::ShowMe);
    }
}
