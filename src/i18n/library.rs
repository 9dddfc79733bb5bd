//! The scenario library, captions and autoplay: the panel's list and the player's controls.
//!
//! Each line is `Key => "zh-CN", "en";`; [`super`] collects every file's lines into one
//! table, so a key missing either language does not compile.

macro_rules! library {
    ([$($rest:ident),*] $($acc:tt)*) => {
        collect! { [$($rest),*] $($acc)*
            LibraryTitle => "场景库", "Scenario library";
            LibraryIntro => "现成的场景，每一步都有说明：每课一个，再加上几种攻击。", "Ready scenarios with a caption on every step: one for each lesson, and the attacks.";
            AutoplayStart => "自动播放", "Play";
            AutoplayPause => "暂停", "Pause";
            ScenarioBackStep => "上一步", "Step back";
            CaptionLabel => "这一步", "This step";
            RecordTitle => "录制", "Record";
            RecordIntro => "从一个干净的实验室开始（选项和部署保持现在的样子），把你接下来做的事录成一个场景文件：请求、改过或伪造的 cookie（随下一个请求的 Cookie 头录下：后面没有请求的修改不会留下）、时钟、重启、攻击者的操作，以及同时发出并等全部回答的请求。回放得到的 trace 和这里一字不差。改选项、换课或换部署会结束录制；同时发出却不等回答（或被重定向）的请求也会。", "Starts a clean lab (options and deployment as they are now) and records what you do next as a scenario file: requests, cookies you edit or forge (in the next request's Cookie header: an edit no request follows is not kept), the clock, restarts, the attacker's moves, and requests sent at once when you wait for every answer. It replays to the same trace, byte for byte. Changing the options, the lesson or the deployment ends the recording, and so do requests sent at once without waiting (or redirected).";
            RecordStart => "开始录制", "Start recording";
            RecordStop => "停止录制", "Stop recording";
            RecordStopShort => "停止录制", "Stop";
            RecordedTitle => "你的录制", "Your recording";
            RecordedSteps => "录了 {n} 步。可以下载，或者在这里回放（回放时“分享”给出载入它的链接和嵌入代码）；给每一步加上 \"say\" 字段（讲解文字，写成 \"say\": {\"en\": \"…\", \"zh\": \"…\"}）后，就能放进课程里。", "Steps recorded: {n}. Download it, or play it here (while it plays, Share gives a link and an embed code that load it); add \"say\" captions to use it in a course, written as \"say\": {\"en\": \"…\", \"zh\": \"…\"}.";
            SayRecordingStarted => "开始录制：你接下来做的事都会录下来。", "Recording: what you do next is recorded.";
            SayRecordingStopped => "录制已停止：录了 {n} 步。", "Recording stopped. Steps recorded: {n}.";
            RecordedNothing => "什么也没录下：录制期间没有发出请求。", "Nothing was recorded: no request was made while recording.";
            RecordEndedConfig => "录制在选项或部署改变时结束了：一个场景只运行一种配置。", "The recording ended when the options or the deployment changed: a scenario runs one configuration.";
            RecordEndedPlace => "录制在你换课、换版本、换挑战或场景（或重置）时结束了：一个场景只运行一种配置。", "The recording ended when you changed the lesson, variant, challenge or scenario (or reset): a scenario runs one configuration.";
            RecordEndedLog => "录制在你清空时间线时结束了：录下的就是时间线上的内容。", "The recording ended when you cleared the timeline: what it records is what the timeline holds.";
            RecordEndedSim => "录制在访客模拟开始时结束了：模拟的请求无法写进场景。", "The recording ended when the visitor simulation started: its requests cannot go in a scenario.";
            RecordEndedFlight => "录制在同时发出的请求那里结束了：不等回答（或被重定向）的请求无法回放。", "The recording ended at the requests sent at once: sent without waiting for the answers (or redirected), they cannot be replayed.";
            RecordedDownload => "下载 recording.json", "Download recording.json";
            RecordedLoad => "在这里回放", "Play it here";
        }
    };
}
