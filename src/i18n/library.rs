//! The scenario library, captions and autoplay: the panel's list and the player's controls.
//!
//! Each line is `Key => "zh-CN", "en";`; [`super`] collects every file's lines into one
//! table, so a key missing either language does not compile.

macro_rules! library {
    ([$($rest:ident),*] $($acc:tt)*) => {
        collect! { [$($rest),*] $($acc)*
            LibraryTitle => "场景库", "Scenario library";
            LibraryIntro => "现成的场景，每一步都有说明：每课一个，再加上几种攻击。", "Ready scenarios with a caption on every step: one per lesson, and the attacks.";
            AutoplayStart => "自动播放", "Play";
            AutoplayPause => "暂停", "Pause";
            ScenarioBackStep => "上一步", "Step back";
            CaptionLabel => "这一步", "This step";
        }
    };
}
