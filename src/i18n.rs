//! Every string the page shows, in zh-CN and en, in one table.
//!
//! The `strings!` macro makes a missing translation a compile error: each key must be given
//! both texts. Components call [`t`] with a [`Key`]; no text literal lives in a component.

/// A display language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Simplified Chinese.
    Zh,
    /// English.
    En,
}

impl Lang {
    /// Both languages, in switcher order.
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// The BCP 47 tag, for `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// The short code used in storage and URLs.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// Parses `zh`, `zh-CN`, `en`, `en-US`, ... (case-insensitive).
    pub fn from_code(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        if s == "zh" || s.starts_with("zh-") {
            Some(Lang::Zh)
        } else if s == "en" || s.starts_with("en-") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The language to start in, from the browser's preference list: the first listed
    /// language we have, else English.
    pub fn from_preferences<'a>(prefs: impl IntoIterator<Item = &'a str>) -> Lang {
        prefs
            .into_iter()
            .find_map(Lang::from_code)
            .unwrap_or(Lang::En)
    }
}

macro_rules! strings {
    ($($key:ident => $zh:literal, $en:literal;)*) => {
        /// A UI string.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[allow(missing_docs)]
        pub enum Key { $($key,)* }

        impl Key {
            /// Every key, for completeness tests.
            pub const ALL: &'static [Key] = &[$(Key::$key,)*];
        }

        /// The text of `key` in `lang`.
        pub fn t(lang: Lang, key: Key) -> &'static str {
            match (lang, key) {
                $((Lang::Zh, Key::$key) => $zh, (Lang::En, Key::$key) => $en,)*
            }
        }
    };
}

strings! {
    AppTitle => "会话实验室", "Session Lab";
    AppTagline => "看清 HTTP 会话的每一步：Cookie、签名与服务器上的 session", "See every step of an HTTP session: cookies, signatures and the session on the server";
    LanguageLabel => "语言", "Language";
    ThemeLabel => "主题", "Theme";
    ThemeSystem => "跟随系统", "System";
    ThemeLight => "浅色", "Light";
    ThemeDark => "深色", "Dark";
    SkipToMain => "跳到主要内容", "Skip to main content";
    PaneBrowser => "浏览器", "Browser";
    PaneJar => "Cookie 罐", "Cookie jar";
    PaneServer => "服务器", "Server";
    PaneTimeline => "时间线", "Timeline";
    PanesLabel => "面板", "Panes";
    LessonsLabel => "课程", "Lessons";
    VariantLabel => "版本", "Variant";
    VariantPlain => "普通 cookie", "Plain cookie";
    VariantSigned => "签名 cookie", "Signed cookie";
    VariantSeed => "课程原版", "As the course wrote it";
    VariantFixed => "修复版", "Fixed";
    VariantPersistent => "持久化存储", "Persistent store";
    VariantMemory => "MemoryStore 对照", "MemoryStore, to compare";
    Reset => "重置", "Reset";
    ResetHint => "回到本课的初始状态：清空 cookie 罐、store 和时间线", "Back to this lesson's start: empty jar, store and timeline";
    ClockLabel => "虚拟时钟", "Virtual clock";
    ClockPlusMinute => "+1 分钟", "+1 min";
    ClockPlusHour => "+1 小时", "+1 hour";
    ClockPlusDay => "+1 天", "+1 day";
    TryThis => "试一试", "Try this";
    LessonCookieTitle => "Cookie 与 Session", "Cookie vs session";
    LessonCookieBody => "余额直接存在浏览器的 cookie 里，服务器相信浏览器送回来的任何值：改一改 cookie，余额就变了。签名版本用服务器的密钥给值加上 HMAC，被改过的值就通不过校验。", "The balance lives in a cookie in the browser, and the server believes whatever comes back: edit the cookie and the balance changes. The signed variant adds an HMAC made with the server's secret, so an edited value no longer verifies.";
    LessonCookieTry => "打开 / 三次，看余额从 100 变成 90 再到 80。|在 Cookie 罐里把 balance 改成 9999，再访问一次。|切换到“签名 cookie”版本再改一次，看服务器回答 403。", "Open / three times and watch the balance go 100, 90, 80.|Edit balance to 9999 in the cookie jar and visit again.|Switch to the signed variant, edit it again, and watch the server answer 403.";
    LessonManualTitle => "手写的 session：剪发卡", "A hand-built session: the haircut card";
    LessonManualBody => "浏览器只保存卡号（cookie session.id），余额记在服务器内存里的 sessions 对象中。改卡号只会换到别人的卡或者领到一张新卡；服务器一重启，这本“小本”就没了。", "The browser keeps only a card number (the session.id cookie); the balance stays in the server's sessions object. Changing the number only finds someone else's card or gets you a new one, and a server restart loses the whole notebook.";
    LessonManualTry => "访问 / 几次，看服务器端的 sessions 对象怎么变。|把 session.id 改成别的值，看服务器怎么办。|重启服务器，再访问一次。", "Visit / a few times and watch the sessions object on the server.|Change session.id to something else and see what the server does.|Restart the server and visit again.";
    LessonMiddlewareTitle => "express-session 中间件", "The express-session middleware";
    LessonMiddlewareBody => "express-session 替你管理卡号：签名的 connect.sid cookie 只带着 id，数据放在 store 里。在右边修改选项（服务器会重启），观察 Set-Cookie 什么时候发送、store 什么时候写入或 touch。", "express-session does the bookkeeping: a signed connect.sid cookie carries only the id, and the data lives in the store. Change the options on the right (the server restarts) and watch when Set-Cookie is sent and when the store is written or touched.";
    LessonMiddlewareTry => "访问 /、/peek、/remember、/regenerate、/destroy 和 /unset，对比时间线上的 store 调用。|把 resave 设为 false，再访问 /peek：store 只被 touch。|设置 cookie.maxAge 为 60000，再用 +1 分钟 看 cookie 和 session 过期。", "Visit /, /peek, /remember, /regenerate, /destroy and /unset, and compare the store calls in the timeline.|Set resave to false and visit /peek: the store is only touched.|Set cookie.maxAge to 60000, then use +1 min to watch the cookie and the session expire.";
    LessonAuthTitle => "登录、用户页与退出", "Login, user page and logout";
    LessonAuthBody => "登录把用户名写进 session。课程原版有两个 bug：checkUser 从没挂到 /user 上，退出时写的是 usrename，所以退出后依然是登录状态。修复版在登录时重新生成 session id，用 checkUser 保护 /user，退出时销毁 session 并清掉 cookie。", "Logging in writes the username into the session. The course's version has two bugs: checkUser is never mounted on /user, and logout writes usrename, so you stay logged in. The fixed variant regenerates the id at login, guards /user with checkUser, and destroys the session and clears the cookie on logout.";
    LessonAuthTry => "以 alice 登录，看 /user 的问候和 Cookie 罐里的 connect.sid。|点“退出”，再打开 /user：原版里你还是 alice。|改掉 MAC 的一个字符再访问 /user，看签名校验失败。", "Log in as alice and look at the greeting on /user and connect.sid in the cookie jar.|Click logout, then open /user again: in the course's version you are still alice.|Change one character of the MAC and open /user to see the signature check fail.";
    LessonStoreTitle => "持久化存储：connect-mongo", "A persistent store: connect-mongo";
    LessonStoreBody => "MemoryStore 把 session 放在进程内存里，服务器一重启就全丢了。换成 connect-mongo 风格的存储后，每个 session 是一个 {_id, session, expires} 文档，重启后还在；没有 maxAge 时，文档 14 天后过期。", "MemoryStore keeps sessions in process memory, so a restart loses them all. With the connect-mongo shaped store each session is a {_id, session, expires} document that survives a restart; without maxAge a document expires after 14 days.";
    LessonStoreTry => "以 alice 登录，然后点“重启服务器”，再打开 /user：你还在登录状态。|切换到“MemoryStore 对照”，重复一遍：重启后你被登出了。|刷新整个页面：持久化存储和有过期时间的 cookie 都还在。", "Log in as alice, press Restart server, then open /user: you are still logged in.|Switch to the MemoryStore variant and repeat: the restart logs you out.|Reload the whole page: the persistent store and cookies with an expiry are still there.";
    BrowserVictim => "你的浏览器", "Your browser";
    BrowserAttacker => "攻击者的浏览器", "The attacker's browser";
    AddressLabel => "地址", "Address";
    Go => "前往", "Go";
    Reload => "刷新", "Reload";
    CloseBrowser => "关闭浏览器", "Close browser";
    CloseBrowserHint => "丢弃所有没有过期时间的会话 cookie", "Drops every session cookie (those without Expires or Max-Age)";
    BlankPage => "空白页：在地址栏输入网址后点“前往”。", "Blank page: type an address and press Go.";
    EmptyBody => "（响应没有正文）", "(the response has no body)";
    RedirectsLabel => "重定向", "Redirects";
    SubmitDefault => "提交", "Submit";
    PageStatus => "状态码", "Status";
    ColName => "名称", "Name";
    ColValue => "值", "Value";
    ColDomain => "域", "Domain";
    ColPath => "路径", "Path";
    ColExpires => "过期时间 / Max-Age", "Expires / Max-Age";
    ColSize => "大小", "Size";
    ColSent => "下次请求会发送吗", "Sent with the next request?";
    ColActions => "操作", "Actions";
    SessionCookieLabel => "会话 cookie", "Session";
    SentYes => "会发送", "Sent";
    Delete => "删除", "Delete";
    AddCookie => "添加 cookie", "Add cookie";
    ShowDecoded => "显示 URL 解码后的值", "Show URL-decoded";
    JarEmpty => "Cookie 罐是空的。", "The cookie jar is empty.";
    EditCell => "编辑 {what}", "Edit {what}";
    NextRequestTo => "下次请求：{url}", "Next request: {url}";
    AnatomyPrefix => "前缀 s:", "prefix s:";
    AnatomyPayload => "签名的内容", "signed payload";
    AnatomyMac => "MAC（HMAC-SHA256 的 base64 编码）", "MAC (HMAC-SHA256, base64)";
    VerdictTitle => "服务器的判定", "The server's verdict";
    VerdictAccepted => "接受：签名有效，store 里有这个 session。", "Accepted: the signature is valid and the store has this session.";
    VerdictAcceptedOld => "接受：签名由旧密钥 #{n} 验证通过。", "Accepted: the signature verifies with the old secret #{n}.";
    VerdictValue => "接受：签名有效，值是 {v}。", "Accepted: the signature is valid; the value is {v}.";
    VerdictUnknownSid => "签名有效，但 store 里没有这个 id：服务器会新建一个 session。", "The signature is valid, but the store has no such id: the server will start a new session.";
    VerdictMissingPrefix => "拒绝：值不以 s: 开头，未签名的 id 一律忽略。", "Rejected: the value does not start with s:, and unsigned ids are always ignored.";
    VerdictDecodeFailed => "（它的百分号编码无法解码，于是原样保留了 s%3A…）", "(its percent-encoding does not decode, so the raw s%3A… was kept)";
    VerdictNoDot => "拒绝：没有“.”，也就没有 MAC 可校验。", "Rejected: there is no '.', so there is no MAC to check.";
    VerdictBadMac => "拒绝：MAC 对不上。", "Rejected: the MAC does not match.";
    VerdictNoSecret => "服务器没有配置 secret。", "The server has no secret.";
    VerdictExpected => "期望的 MAC", "Expected MAC";
    VerdictPresented => "收到的 MAC", "Presented MAC";
    SecretLabel => "服务器密钥", "Server secret";
    CodeTitle => "服务器代码", "Server code";
    CodeRanHint => "高亮的是上一次请求运行过的行。", "Highlighted: the lines the last request ran.";
    StoreTitle => "Session 存储", "Session store";
    StoreMemory => "MemoryStore（进程内存）", "MemoryStore (process memory)";
    StorePersistent => "connect-mongo 风格的持久化存储", "connect-mongo shaped persistent store";
    StoreNotebook => "sessions 对象（手写 session 的“小本”）", "the sessions object (the hand-built notebook)";
    StoreNone => "这个应用在服务器上什么也不存：一切都在 cookie 里。", "This app keeps nothing on the server: everything is in the cookie.";
    StoreEmpty => "Store 是空的。", "The store is empty.";
    ColSid => "Session id", "Session id";
    ColData => "数据（JSON）", "Data (JSON)";
    ColStoreExpires => "过期时间", "Expires";
    Expired => "已过期", "expired";
    Never => "永不", "never";
    TagHit => "命中", "hit";
    TagMiss => "未命中", "miss";
    TagSet => "写入", "set";
    TagTouch => "touch", "touch";
    TagDestroy => "删除", "destroyed";
    OptionsTitle => "express-session 选项", "express-session options";
    OptionsApply => "应用并重启服务器", "Apply and restart the server";
    OptionsRestartNote => "Express 只在启动时读取配置，所以应用修改会重启服务器：MemoryStore 里的 session 会全部丢失，持久化存储里的不会。", "Express reads its options at start-up, so applying changes restarts the server: a MemoryStore loses every session, the persistent store does not.";
    OptionsCourse => "恢复课程的设置", "Back to the course's options";
    OptionsNotApplicable => "这个应用不使用 express-session，没有可改的选项。", "This app does not use express-session, so there are no options to change.";
    OptionUnset => "（不设置）", "(unset)";
    OptionInvalid => "无效的选项：{e}", "Invalid option: {e}";
    RestartServer => "重启服务器", "Restart server";
    ConsoleTitle => "服务器控制台", "Server console";
    TimelineEmpty => "还没有请求。", "No requests yet.";
    RawRequest => "原始请求", "Raw request";
    RawResponse => "原始响应", "Raw response";
    CopyCurl => "复制为 curl", "Copy as curl";
    Copied => "已复制", "Copied";
    WhatHappened => "发生了什么", "What happened";
    DiagramTitle => "时序图（最近的请求）", "Sequence diagram (recent requests)";
    DiagramBrowser => "浏览器", "Browser";
    DiagramServer => "服务器", "Server";
    DiagramStore => "存储", "Store";
    ClearLog => "清空时间线", "Clear the timeline";
    NoticeReset => "保存的数据无法读取，实验室已重新开始：{reason}", "The saved data could not be read, so the lab started clean: {reason}";
    NoticeDropped => "保存的数据中 {part} 有 {n} 项无效，已忽略。", "{n} saved item(s) in {part} were invalid and were dropped.";
    NoticeMigrated => "已升级旧版本（v{from}）保存的数据。", "Upgraded data saved by an older version (v{from}).";
    NoticeDocsDropped => "持久化存储里有 {n} 个无法读取的文档，已删除。", "{n} unreadable document(s) in the persistent store were removed.";
    NoticeStorageUnavailable => "浏览器存储不可用：进度不会保存。", "Browser storage is unavailable: progress will not be saved.";
    NoticeQuota => "浏览器存储已满：最近的改动没有保存。", "Browser storage is full: the latest changes were not saved.";
    Dismiss => "知道了", "Dismiss";
    UnitMs => "毫秒", "ms";
    UnitS => "秒", "s";
    UnitMin => "分钟", "min";
    UnitH => "小时", "h";
    UnitDay => "天", "d";
    CauseTyped => "在地址栏输入", "typed in the address bar";
    CauseLink => "点击链接", "clicked a link";
    CauseForm => "提交表单", "submitted a form";
    CauseRedirect => "跟随第 {n} 次重定向", "followed redirect {n}";
    CauseRaw => "手写 Cookie 的请求", "a request with a hand-written Cookie";
    EvClock => "时钟前进了 {by}，现在是 {now}。", "The clock moved forward {by}; it is now {now}.";
    EvServerStarted => "服务器已启动。", "The server started.";
    EvServerRestarted => "服务器重启：丢失 {lost} 个 session，保留 {kept} 个。", "The server restarted: {lost} session(s) lost, {kept} kept.";
    EvConsoleWarning => "控制台警告：{text}", "Console warning: {text}";
    EvServerFailed => "服务器没能启动（Express 在启动时抛出了异常）：{message}", "The server did not start (Express throws at start-up): {message}";
    EvSwept => "MongoDB 的 TTL 监视器删除了 {n} 个过期文档。", "MongoDB's TTL monitor deleted {n} expired document(s).";
    EvRequestStarted => "{browser}（{cause}）：{method} {url}", "{browser} ({cause}): {method} {url}";
    EvNavigationFailed => "无法打开 {url}：{reason}", "Cannot open {url}: {reason}";
    EvCookieAttached => "附带 cookie {name}。", "Cookie {name} is attached.";
    EvCookieWithheld => "不发送 cookie {name}：{reason}。", "Cookie {name} is not sent: {reason}.";
    EvCookieOverride => "发送手写的 Cookie 头（不看 cookie 罐）：{header}", "Sent a hand-written Cookie header instead of the jar's: {header}";
    EvCookiesExpired => "Cookie 罐删除了过期的 cookie：{names}。", "The jar dropped expired cookies: {names}.";
    EvJarCreated => "Cookie 罐保存了 {name}。", "The jar stored {name}.";
    EvJarUpdated => "Cookie 罐更新了 {name}。", "The jar updated {name}.";
    EvJarDeleted => "这个 Set-Cookie 已经过期，cookie 罐删除了 {name}。", "This Set-Cookie had already expired, so the jar deleted {name}.";
    EvJarExpiredOnArrival => "这个 Set-Cookie 一到就过期了，什么也没存。", "This Set-Cookie had already expired; nothing was stored.";
    EvJarRefused => "Cookie 罐拒绝了这个 cookie：{reason}。", "The jar refused this cookie: {reason}.";
    EvJarEvicted => "Cookie 罐满了，淘汰了 {names}。", "The jar was full and evicted {names}.";
    EvRedirected => "{status} 重定向到 {to}（第 {hop} 跳）。", "{status} redirect to {to} (hop {hop}).";
    EvTooManyRedirects => "重定向超过 10 次，浏览器放弃了。", "More than 10 redirects: the browser gave up.";
    EvBrowserClosed => "关闭了浏览器，丢弃会话 cookie：{names}。", "The browser was closed; session cookies dropped: {names}.";
    EvJarEdited => "手动编辑了 cookie 罐：{what}", "The jar was edited by hand: {what}";
    EvRequestReceived => "服务器收到 {method} {target}。", "The server received {method} {target}.";
    EvPathSkipped => "路径 {path} 不以 cookie.path（{cookie_path}）开头：express-session 什么也不做，req.session 不存在。", "The path {path} does not start with cookie.path ({cookie_path}): express-session does nothing and there is no req.session.";
    EvSecretMissing => "没有 secret：express-session 报错 secret option required for sessions。", "No secret: express-session fails with 'secret option required for sessions'.";
    EvCookieAbsent => "请求里没有 {name} cookie。", "The request has no {name} cookie.";
    EvCookieUnsigned => "{name} 不以 s: 开头（没有签名），被忽略。", "{name} does not start with s: (unsigned), so it is ignored.";
    EvCookieNoDot => "{name} 签名校验失败：没有“.”，找不到 MAC。", "The signature check of {name} failed: no '.', so no MAC.";
    EvCookieBadMac => "{name} 签名校验失败：MAC 对不上（期望 {expected}，收到 {presented}）。", "The signature check of {name} failed: wrong MAC (expected {expected}, presented {presented}).";
    EvCookieValid => "{name} 签名有效，session id 是 {sid}。", "{name} has a valid signature; the session id is {sid}.";
    EvCookieValidOld => "{name} 签名有效（由旧密钥 #{n} 验证），session id 是 {sid}。", "{name} has a valid signature (verified by the old secret #{n}); the session id is {sid}.";
    EvSignedOk => "cookie-parser 验证了签名 cookie {name}，值是 {value}。", "cookie-parser verified the signed cookie {name}: its value is {value}.";
    EvSignedBad => "cookie-parser：{name} 的签名无效，所以 req.signedCookies.{name} 是 false。", "cookie-parser: the signature of {name} is invalid, so req.signedCookies.{name} is false.";
    EvStoreCall => "调用 store.{op}({sid})：{result}", "store.{op}({sid}): {result}";
    ResultHit => "找到了", "found";
    ResultMiss => "没有（未知或已过期）", "not there (unknown or expired)";
    ResultDone => "完成", "done";
    ResultFailed => "失败：{e}", "failed: {e}";
    EvCreatedNoId => "新建 session {sid}：请求没有可用的 id。", "New session {sid}: the request carried no usable id.";
    EvCreatedMiss => "新建 session {sid}：store 里没有请求带来的 id（未知、过期或已丢失），而客户端给的 id 从不沿用。", "New session {sid}: the store does not have the id the request carried (unknown, expired or lost), and a client's id is never reused.";
    EvCreatedRegen => "regenerate() 生成了新的 session {sid}。", "regenerate() made a new session {sid}.";
    EvLoaded => "从 store 载入了 session {sid}。", "Loaded session {sid} from the store.";
    EvLoadFailed => "store 里 {sid} 的内容不是一个 session：{message}", "What the store holds for {sid} is not a session: {message}";
    EvMethod => "调用了 req.session.{method}()。", "Called req.session.{method}().";
    EvUnset => "执行了 req.session = null。", "Ran req.session = null.";
    EvSentNewSaveUninit => "发送 Set-Cookie：这是新 session，而 saveUninitialized 为 true。", "Set-Cookie sent: a new session, and saveUninitialized is true.";
    EvSentNewModified => "发送 Set-Cookie：这是新 session，而且被修改过。", "Set-Cookie sent: a new session that was modified.";
    EvSentRolling => "发送 Set-Cookie：rolling 为 true，每个响应都重发。", "Set-Cookie sent: rolling is true, so every response re-sends it.";
    EvSentModifiedExpiry => "发送 Set-Cookie：session 被修改，并且 cookie 有过期时间。", "Set-Cookie sent: the session was modified and the cookie has an expiry.";
    EvNotSentNoSession => "不发送 Set-Cookie：req.session 已经不存在了。", "No Set-Cookie: there is no req.session any more.";
    EvNotSentUninit => "不发送 Set-Cookie：新 session 没被修改，而 saveUninitialized 为 false。", "No Set-Cookie: the new session was not modified and saveUninitialized is false.";
    EvNotSentUnchanged => "不发送 Set-Cookie：浏览器已经有这个 id，没有理由再发。", "No Set-Cookie: the browser already has this id and nothing calls for a new cookie.";
    EvNotSentBrowserSession => "不发送 Set-Cookie：session 改了，但这是没有过期时间的浏览器会话 cookie，除非 rolling，否则不会重发。", "No Set-Cookie: the session changed, but a browser-session cookie (no expiry) is never re-sent unless rolling is on.";
    EvNotSentInsecure => "不发送 Set-Cookie：cookie.secure 为 true 而连接不是 https（store 照样写入）。", "No Set-Cookie: cookie.secure is true and the connection is not https (the store is still written).";
    EvNotSentSerialize => "不发送 Set-Cookie：cookie.serialize 抛出了 {message}。", "No Set-Cookie: cookie.serialize threw {message}.";
    EvSavedModified => "保存到 store（store.set）：session 被修改了。", "Saved to the store (store.set): the session was modified.";
    EvSavedNew => "保存到 store：新 session，saveUninitialized 为 true。", "Saved to the store: a new session, and saveUninitialized is true.";
    EvSavedResave => "保存到 store：没有修改，但 resave 为 true。", "Saved to the store: unmodified, but resave is true.";
    EvTouched => "只 touch（store.touch）：没有修改，resave 为 false。", "Only touched (store.touch): unmodified, and resave is false.";
    EvDestroyedUnset => "req.session 为 null 且 unset 为 'destroy'：从 store 删除。", "req.session is null and unset is 'destroy': deleted from the store.";
    EvNothingNoSession => "不写 store：已经没有 session 了。", "The store is not written: there is no session.";
    EvNothingUninit => "不写 store：新 session 没被修改，saveUninitialized 为 false。", "The store is not written: the new session was not modified and saveUninitialized is false.";
    EvNothingSaved => "不写 store：已经用 save() 保存过，之后没再改。", "The store is not written: save() already stored it and nothing changed since.";
    EvConsole => "控制台输出（console.log）：{text}", "console.log: {text}";
    EvServerError => "错误交给了 Express 的错误处理：{message}", "An error reached Express's error handler: {message}";
    EvResponse => "响应 {status}{cookies}。", "Response {status}{cookies}.";
    EvResponseCookies => "，带 {n} 个 Set-Cookie", " with {n} Set-Cookie header(s)";
    WithheldHostOnly => "它只属于设置它的那台主机", "it is host-only and this is another host";
    WithheldDomain => "主机不在它的 Domain 之内", "the host is outside its Domain";
    WithheldPath => "请求路径不在它的 Path 之内", "the request path is outside its Path";
    WithheldSecure => "它带 Secure 标记，而这是 http 请求", "it is Secure and this request is plain http";
    WithheldHttpOnly => "它带 HttpOnly，脚本读不到", "it is HttpOnly, so scripts cannot read it";
    WithheldStrict => "SameSite=Strict，而这是跨站请求", "SameSite=Strict and this request is cross-site";
    WithheldLax => "SameSite=Lax（默认值）：跨站时只有顶层 GET 导航才带上它", "SameSite=Lax (the default): cross-site, only top-level GET navigations carry it";
    RefusedControl => "它含有控制字符", "it contains a control character";
    RefusedEmpty => "名字和值都是空的", "both its name and value are empty";
    RefusedTooLarge => "名字加值共 {n} 字节，超过了 4096", "name plus value is {n} bytes, over 4096";
    RefusedSecureFromHttp => "http 页面不能设置 Secure cookie", "an http page cannot set a Secure cookie";
    RefusedDomain => "Domain={domain} 不包含主机 {host}", "Domain={domain} does not cover the host {host}";
    RefusedPublicSuffix => "{domain} 是公共后缀", "{domain} is a public suffix";
    RefusedPrefix => "不满足 {prefix} 前缀的要求", "it breaks the rules of the {prefix} prefix";
    RefusedHttpOnlyScript => "脚本不能设置 HttpOnly cookie", "a script cannot set an HttpOnly cookie";
    RefusedOverwriteHttpOnly => "脚本不能覆盖 HttpOnly cookie", "a script cannot overwrite an HttpOnly cookie";
    RefusedOverwriteSecure => "http 响应不能覆盖同名的 Secure cookie", "an http response cannot overwrite a Secure cookie of the same name";
    RefusedNoneInsecure => "SameSite=None 必须同时带 Secure", "SameSite=None needs Secure";
    RefusedCrossSite => "跨站的子请求不能设置 Lax 或 Strict cookie", "a cross-site subrequest cannot set a Lax or Strict cookie";
    NoneLabel => "（无）", "(none)";
}

/// Replaces `{name}` placeholders in a template.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (k, v) in args {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Keys whose zh-CN text is the technical term itself (as Chinese DevTools shows it).
    const SAME_IN_BOTH: &[Key] = &[Key::TagTouch, Key::ColSid];

    #[test]
    fn every_key_has_both_languages_and_they_differ() {
        for &k in Key::ALL {
            let (zh, en) = (t(Lang::Zh, k), t(Lang::En, k));
            assert!(
                !zh.trim().is_empty() && !en.trim().is_empty(),
                "{k:?} is empty"
            );
            if SAME_IN_BOTH.contains(&k) {
                assert_eq!(zh, en, "{k:?} is listed as identical");
                continue;
            }
            // text outside placeholders: a template that is all placeholders and punctuation
            // has nothing to translate
            let words: String = zh
                .split('{')
                .enumerate()
                .map(|(i, p)| {
                    if i == 0 {
                        p
                    } else {
                        p.split_once('}').map_or(p, |(_, r)| r)
                    }
                })
                .collect();
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
                    || !words.chars().any(|c| c.is_alphabetic()),
                "{k:?} has no Chinese in zh-CN: {zh}"
            );
            assert!(
                !en.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{k:?} has Chinese in en: {en}"
            );
        }
    }

    #[test]
    fn placeholders_match_between_languages() {
        let names = |s: &str| {
            let mut v: Vec<String> = s
                .split('{')
                .skip(1)
                .filter_map(|p| p.split_once('}').map(|(n, _)| n.to_string()))
                .collect();
            v.sort();
            v
        };
        for &k in Key::ALL {
            assert_eq!(names(t(Lang::Zh, k)), names(t(Lang::En, k)), "{k:?}");
        }
        assert_eq!(fill("a {x} b {y}", &[("x", "1"), ("y", "2")]), "a 1 b 2");
    }

    #[test]
    fn language_from_preferences() {
        assert_eq!(Lang::from_preferences(["fr", "zh-CN", "en"]), Lang::Zh);
        assert_eq!(Lang::from_preferences(["en-GB"]), Lang::En);
        assert_eq!(Lang::from_preferences(["de"]), Lang::En);
        assert_eq!(Lang::from_code("ZH-tw"), Some(Lang::Zh));
        assert_eq!(Lang::from_code("x"), None);
    }
}
