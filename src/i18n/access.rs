//! What the keyboard and a screen reader get: the live region's summaries, the shortcuts and
//! their overlay, the names of grids and scrolling regions, and progress in words.
//!
//! Each line is `Key => "zh-CN", "en";`; [`super`] collects every file's lines into one
//! table, so a key missing either language does not compile.

macro_rules! access {
    ([$($rest:ident),*] $($acc:tt)*) => {
        collect! { [$($rest),*] $($acc)*
            SayRedirected => "{from} 重定向到 {to}。", "{from} redirected to {to}.";
            SayFormSubmitted => "{from} 的页面自己提交了表单：{to}。", "{from}: its page submitted a form, {to}.";
            SayFired => "同时发出的请求，按回答的先后：", "Requests sent at once, in the order answered:";
            SayAnswered => "{request}：响应 {status}。", "{request}: response {status}.";
            SayBadMac => "{name} 签名校验失败：MAC 对不上。", "The signature check of {name} failed: wrong MAC.";
            SayStatus => "响应 {status}。", "Response {status}.";
            SayPage => "页面：{text}。", "Page: {text}.";
            PageRegionLabel => "页面", "Page";
            SayCookiesAdded => "新 cookie：{names}。", "New cookie: {names}.";
            SayCookiesChanged => "cookie 已改变：{names}。", "Cookie changed: {names}.";
            SayCookiesRemoved => "cookie 已删除：{names}。", "Cookie removed: {names}.";
            KeysTitle => "键盘快捷键", "Keyboard shortcuts";
            KeysOpen => "快捷键", "Shortcuts";
            ShowMeKeysTitle => "在页面任何地方按 {keys} 都会回到这里", "{keys} brings you back here from anywhere on the page";
            SayPanelClosed => "“{panel}”已关闭。", "{panel} closed.";
            KeysStep => "到这一课卡片上这一步的“指给我看”，再按 Enter 执行（挑战里是最新提示的“指给我看”，没有时是挑战的标题）", "To the lesson card's Show me for its step, which Enter then presses (in a challenge, the newest hint's Show me, or else its title)";
            KeysAddressBar => "地址栏", "The address bar";
            KeysJar => "Cookie 罐（回到上次所在的格子）", "The cookie jar (the cell you were last on)";
            KeysServer => "服务器的代码", "The server's code";
            KeysTimeline => "时间线最新的一条", "The newest timeline entry";
            KeysOptions => "服务器的选项（展开，光标在第一项）", "The server's options (opened, at the first one)";
            KeysClock => "时钟的“+1 分钟”", "The clock's +1 min";
            KeysHelp => "打开或关闭这份列表", "Open or close this list";
            KeysGridTitle => "在面板里", "Inside the panes";
            KeysGridMove => "方向键：在格子之间移动；Home / End：到行首、行尾；Ctrl+Home / Ctrl+End：到第一格、最后一格", "Arrow keys move between cells; Home / End go to the row's ends, Ctrl+Home / Ctrl+End to the first and last cell";
            KeysGridEdit => "Enter 或 F2：编辑格子；Enter：保存；Escape：取消；空格：切换 HttpOnly、Secure；操作一栏里左右方向键在按钮之间移动", "Enter or F2 edits a cell; Enter keeps the edit, Escape cancels it; Space turns HttpOnly and Secure on and off; in the Actions column, Left and Right move between its buttons";
            KeysOptionsEnter => "服务器的选项和部署里，在文本框或下拉框中按 Enter：应用并重启服务器", "In the server's options and deployment, Enter in a text field or a choice applies them and restarts the server";
            KeysTravelBack => "Escape：时间旅行中（Cookie 罐和 store 显示过去时）回到现在", "Escape: back to now, while time travel shows the jar and the store as they were";
            KeysTabs => "窄屏上的面板标签：左右方向键、Home、End", "The pane tabs on a narrow screen: Left and Right arrows, Home, End";
            KeysPicker => "打开的课与挑战菜单里：上下方向键、Home、End 在各项之间移动；Escape 关闭", "In the open lessons and challenges menu: Up and Down arrows, Home and End move between its entries; Escape closes it";
            KeysClose => "关闭", "Close";
            KeysQuestionKey => "用单独一个 “?” 键打开这份列表（如果它干扰了语音输入等，可以关掉；Alt+Shift+H 一直可用）", "A bare “?” key opens this list (turn it off if it gets in the way, for example with speech input; Alt+Shift+H always works)";
            SkipLinksLabel => "跳转链接", "Skip links";
            SkipToAddress => "跳到地址栏", "Skip to the address bar";
            SkipToJar => "跳到 Cookie 罐", "Skip to the cookie jar";
            JarGridLabel => "{jar}：方向键移动，Enter 或 F2 编辑", "{jar}: arrows move, Enter or F2 edits";
            // whose jar, said once ("{who}'s cookie jar" read "The attacker's browser's cookie jar")
            JarOfVictim => "你的浏览器的 Cookie 罐", "Your browser's cookie jar";
            JarOfAttacker => "攻击者浏览器的 Cookie 罐", "The attacker's cookie jar";
            JarKeysHint => "方向键在格子间移动 · Enter 或 F2 编辑，Enter 保留修改，Esc 放弃", "Arrow keys move between cells · Enter or F2 edits; Enter keeps the edit, Escape drops it";
            StoreTableLabel => "session store 的内容", "What the session store holds";
            CodeRegionLabel => "服务器的代码", "The server's code";
            RanLinesSummary => "上一次请求执行了第 {lines} 行（已高亮）。", "The last request ran lines {lines} (highlighted).";
            RanLineSummary => "上一次请求执行了第 {lines} 行（已高亮）。", "The last request ran line {lines} (highlighted).";
            ChangedLinesSummary => "刚才的应用改写了第 {lines} 行（已高亮）。", "The apply just now wrote lines {lines} (highlighted).";
            ChangedLineSummary => "刚才的应用改写了第 {lines} 行（已高亮）。", "The apply just now wrote line {lines} (highlighted).";
            RanLinesNone => "还没有请求执行过这段代码。", "No request has run this code yet.";
            RanLineMark => "（已执行）", "(ran)";
            SayBeforeAgain => "挑战开始前的几步又做了一遍：", "The challenge's start ran again:";
            SayVariantStarted => "现在是“{variant}”，实验室已重置。", "Now: {variant}. The lab starts afresh.";
            SayBackToLesson => "回到“{lesson}”这一课（{variant}），实验室已重置。", "Back to the lesson {lesson} ({variant}). The lab starts afresh.";
            SayBackToChallenge => "回到挑战“{title}”（{variant}）：已完成的阶段和看过的提示都还在（阶段已完成 {done} / {total}），实验室已重置。", "Back to the challenge {title} ({variant}), with the stages done and the hints shown as you left them ({done} of {total} {stage|stages:total} done). The lab starts afresh.";
            SayCanGoBackToChallenge => "想接着做挑战，按卡片上的“回到挑战”：已完成的阶段和看过的提示都还在。", "To go on with the challenge, press Back to the challenge on the card: its stages done and hints shown are kept.";
            SayLangNow => "页面现在是中文。", "The page is in English now.";
            SayReset => "实验室已重置。", "Reset: the lab starts afresh.";
            SayStoreExpired => "session 存储里有 {n} 个 session 过期了：MemoryStore 要等有请求读到它时才删除。", "{n} {session|sessions:n} in the store {has|have:n} expired: MemoryStore deletes an expired session only when a request reads it.";
            SayAtRequest => "在 {request}：", "At {request}:";
            SayInBrowser => "{browser}：", "{browser}:";
            SayLogCleared => "时间线已清空。", "The timeline is empty now.";
            SayStepDone => "完成了第 {n} 步（共 {total} 步）。", "Step {n} of {total} done.";
            SayUninitNeither => "不发送 Set-Cookie，也不写 store：新 session 没被修改，而 saveUninitialized 为 false。", "No Set-Cookie, and the store is not written: the new session was not modified and saveUninitialized is false.";
            SayStepDoneCount => "完成了第 {n} 步（共 {total} 步，已完成 {count} 步）。", "Step {n} done ({count} of {total} steps done).";
            SayStageDone => "已完成：{stage}。", "Stage done: {stage}.";
            StageDoneMark => "已完成：", "done: ";
            StageOpenMark => "未完成：", "not yet: ";
            StepChipDone => "第 {n} 步，已完成", "Step {n}, done";
            StepChipOpen => "第 {n} 步，未完成", "Step {n}, not yet";
            StageOptionalMark => "（可选）", " (optional)";
            StageNumber => "第 {n} 阶段", "Stage {n}";
            StageWhysShow => "其他阶段的原因（{n}）", "Why the other {stage|stages:n} went as {it|they:n} did ({n})";
            ProgressSummary => "已完成 {done} / {total}。", "{done} of {total} done.";
            ProgressSolvedOptional => "挑战完成：必做的阶段都已完成，可选的还剩 {n} 个。", "Challenge solved: every required stage is done, {n} optional {stage|stages:n} left.";
            AttackerSuffix => "（攻击者）", " (attacker)";
            TimelineRegionLabel => "请求记录", "Request log";
            TimelineViewLabel => "时间线显示", "Timeline shows";
            TimelineViewLog => "记录", "Log";
            TimelineViewDiagram => "时序图", "Diagram";
            DiagramSrNote => "请求记录里用文字列出了这些请求，还有更早的。", "The log lists these requests, and the earlier ones, in words.";
            JarScrollLabel => "Cookie 罐表格", "The cookie jar's table";
        }
    };
}
