//! Where a scrolling box may end so that no folded panel in it is cut in half: the server
//! pane's lower box (the store, then the folded express-session options, Deployment, Simulate
//! N visitors and the console). The page measures the box and its panels; this decides.

/// Room left below a panel's border where the box ends after it, in px.
const AIR: f64 = 2.0;

/// How the box is drawn: its height, when it differs from the one the stylesheet gives it, and
/// room added below its content, so that scrolled to its end it starts between two panels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fit {
    /// The box's height in px, or `None` for the stylesheet's.
    pub height: Option<f64>,
    /// Room below the content in px (0 for none).
    pub pad: f64,
}

/// The fit of a box `natural` px tall (the stylesheet's height) that may grow to `max` px (what
/// the code above it can give up), whose content is `total` px tall with folded panels at
/// `panels` (their tops and bottoms from the content's top). A panel the box's bottom would
/// cut is taken in whole where there is room for it, and left out whole where there is not;
/// one its top would cut when scrolled to the end is scrolled past with a little room below
/// the content.
pub fn rest_box(natural: f64, max: f64, total: f64, panels: &[(f64, f64)]) -> Fit {
    let cut = |y: f64| {
        panels
            .iter()
            .copied()
            .find(|&(t, b)| t + 0.5 < y && y < b - 0.5)
    };
    if total <= natural + 0.5 {
        return Fit {
            height: None,
            pad: 0.0,
        };
    }
    let height = match cut(natural) {
        Some((_, b)) if b + AIR <= max => b + AIR,
        Some((t, _)) if t > AIR => t - AIR,
        _ => natural,
    };
    let end = total - height;
    let pad = match cut(end) {
        Some((_, b)) if end > 0.0 => b + AIR - end,
        _ => 0.0,
    };
    Fit {
        height: (height != natural).then_some(height),
        pad,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // lesson 3 at 1280x720: a store 96 px tall, then four folded panels 39.7 px tall, 12 apart
    fn panels() -> Vec<(f64, f64)> {
        (0..4)
            .map(|i| {
                let t = 108.0 + 51.7 * i as f64;
                (t, t + 39.7)
            })
            .collect()
    }

    #[test]
    fn a_panel_cut_by_the_bottom_is_taken_in_whole_when_the_code_can_give_the_room() {
        let f = rest_box(117.0, 180.0, 315.0, &panels());
        assert_eq!(f.height, Some(108.0 + 39.7 + AIR));
    }

    #[test]
    fn without_the_room_it_is_left_out_whole() {
        let f = rest_box(117.0, 130.0, 315.0, &panels());
        assert_eq!(f.height, Some(108.0 - AIR));
    }

    #[test]
    fn a_box_ending_between_panels_or_in_the_store_keeps_its_height() {
        assert_eq!(rest_box(152.0, 200.0, 315.0, &panels()).height, None);
        assert_eq!(rest_box(80.0, 200.0, 315.0, &panels()).height, None);
    }

    #[test]
    fn content_that_fits_needs_nothing() {
        let f = rest_box(343.0, 400.0, 315.0, &panels());
        assert_eq!(
            f,
            Fit {
                height: None,
                pad: 0.0
            }
        );
    }

    #[test]
    fn scrolled_to_its_end_the_box_starts_after_a_panel_not_inside_one() {
        let f = rest_box(117.0, 180.0, 315.0, &panels());
        let h = f.height.unwrap();
        let top = 315.0 + f.pad - h;
        assert!(panels().iter().all(|&(t, b)| top <= t || top >= b), "{top}");
        assert!(f.pad >= 0.0 && f.pad < 40.0, "{}", f.pad);
    }
}
