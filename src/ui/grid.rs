//! The cookie jar as a grid (the WAI-ARIA grid pattern): one tab stop, the arrows between
//! cells, Enter or F2 into a cell's control, Enter or Escape back out. What each key means is
//! [`crate::model::keys`]; this file moves the focus.

use crate::model::keys::{grid_key, in_cell_step, Cell as GridCell, EditKey, GridKey};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The jar grid's columns (name to actions).
pub const COLS: usize = 11;

/// The first element under `el` that `selector` matches.
fn first_in(el: &web_sys::Element, selector: &str) -> Option<web_sys::HtmlElement> {
    el.query_selector(selector).ok().flatten()?.dyn_into().ok()
}

/// The grid's keyboard: on a cell, arrows move and Enter or F2 starts editing its control;
/// in a control, Enter keeps the edit and Escape drops it (the cell's field puts the stored
/// value back), and the focus returns to the cell.
pub fn grid_keys(active: UseStateHandle<GridCell>, rows: usize) -> Callback<KeyboardEvent> {
    Callback::from(move |e: KeyboardEvent| {
        let Some(target) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            return;
        };
        let td = if target.tag_name().eq_ignore_ascii_case("td") {
            Some(target.clone())
        } else {
            None
        };
        let at = GridCell {
            row: active.row.min(rows.saturating_sub(1)),
            col: active.col.min(COLS - 1),
        };
        if let Some(td) = td {
            match grid_key(&e.key(), e.ctrl_key(), at, rows, COLS) {
                Some(GridKey::Move(to)) => {
                    e.prevent_default();
                    active.set(to);
                    let cell = td
                        .closest("table")
                        .ok()
                        .flatten()
                        .and_then(|t| {
                            t.query_selector(&format!("td[data-cell='{}-{}']", to.row, to.col))
                                .ok()
                                .flatten()
                        })
                        .and_then(|c| c.dyn_into::<web_sys::HtmlElement>().ok());
                    if let Some(c) = cell {
                        let _ = c.focus();
                        super::effects::reveal_element(&c);
                    }
                }
                Some(GridKey::Edit) => {
                    if let Some(c) = first_in(&td, "input, select, button") {
                        e.prevent_default();
                        let _ = c.focus();
                        if let Ok(i) = c.dyn_into::<web_sys::HtmlInputElement>() {
                            if i.type_() == "text" {
                                i.select();
                            }
                        }
                    }
                }
                Some(GridKey::Toggle) => {
                    if let Some(c) = first_in(&td, "input[type=checkbox]") {
                        e.prevent_default();
                        c.click();
                    }
                }
                None => {}
            }
            return;
        }
        // a button's Enter presses it; everywhere else Enter and Escape end the edit
        let key = EditKey::from_key(&e.key());
        let button = target.tag_name().eq_ignore_ascii_case("button");
        if let Some(step) = in_cell_step(&e.key(), button) {
            let cell = target.closest("td[data-cell]").ok().flatten();
            if cell.is_some_and(|td| super::access::focus_among(&td, "button", step)) {
                e.prevent_default();
            }
            return;
        }
        if key == Some(EditKey::Cancel) || (key == Some(EditKey::Commit) && !button) {
            if let Some(cell) = target
                .closest("td[data-cell]")
                .ok()
                .flatten()
                .and_then(|c| c.dyn_into::<web_sys::HtmlElement>().ok())
            {
                e.prevent_default();
                // leaving the field commits it (its change event), as a click elsewhere does
                let _ = cell.focus();
            }
        }
    })
}
