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
    OptNotBool => "必须是 true 或 false", "must be true or false";
    OptNotNumber => "必须是数字（毫秒）或 null", "must be a number (milliseconds) or null";
    OptTooLong => "超过了 4096 字节", "is longer than 4096 bytes";
    OptNotString => "必须是字符串", "must be a string";
    OptNotSimulated => "不是实验室模拟的 express-session 选项", "is not an express-session option the lab simulates";
    OptSecretEmptyArray => "TypeError: secret option array must contain one or more strings（数组里至少要有一个字符串）", "TypeError: secret option array must contain one or more strings";
    OptSecretType => "必须是字符串或字符串数组", "must be a string or an array of strings";
    OptUnsetValue => "TypeError: unset option must be \"destroy\" or \"keep\"（只能是 \"destroy\" 或 \"keep\"）", "TypeError: unset option must be \"destroy\" or \"keep\"";
    OptStoreValue => "必须是 \"memory\" 或 \"persistent\"", "must be \"memory\" or \"persistent\"";
    OptNotObject => "必须是对象", "must be an object";
    OptNotADate => "不是日期（请用 ISO 字符串，例如 2030-01-01T00:00:00.000Z）", "is not a date (use an ISO string such as 2030-01-01T00:00:00.000Z)";
    OptExpiresType => "必须是 ISO 日期字符串或 null", "must be an ISO date string or null";
    OptSecureValue => "必须是 true、false 或 \"auto\"", "must be true, false or \"auto\"";
    OptSameSiteValue => "必须是 true、false、\"lax\"、\"strict\"、\"none\" 或 \"auto\"", "must be true, false, \"lax\", \"strict\", \"none\" or \"auto\"";
    OptNotCookieOption => "不是 cookie 选项", "is not a cookie option";
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
    UrlEmpty => "地址是空的", "the address is empty";
    UrlScheme => "不支持的协议 {scheme}（只模拟 http 和 https）", "unsupported scheme {scheme} (only http and https are simulated)";
    UrlHost => "主机名 {host} 无效", "invalid host {host}";
    UrlPort => "端口 {port} 无效", "invalid port {port}";
    UrlTooLong => "地址太长（超过 64 KiB）", "the address is too long (over 64 KiB)";
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
    RefusedSeparator => "名字里有“;”或“=”，或值里有“;”，Cookie 请求头装不下它", "its name contains \";\" or \"=\", or its value contains \";\": a Cookie header could not carry it";
    JarEditRefused => "Cookie 罐没有改动：{reason}。", "The jar was not changed: {reason}.";
    JarBadPath => "路径必须以“/”开头，且不能含“;”或控制字符", "a path must start with \"/\" and contain no \";\" or control characters";
    JarBadExpires => "过期时间必须是日期（例如 2030-01-01T00:00:00.000Z），留空表示会话 cookie", "expires must be a date (such as 2030-01-01T00:00:00.000Z), or empty for a session cookie";
    JarBadDomain => "域名不能为空、不能以两个点开头，也不能含空格、“;”、“/”或控制字符", "a domain must not be empty, start with two dots, or contain spaces, \";\", \"/\" or control characters";
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
    SimTitle => "模拟 N 个访客", "Simulate N visitors";
    SimIntro => "session 存在服务器上，所以访问越多，服务器占的内存越多。让成千上万个浏览器来访问，看 store 怎么长大。", "Sessions live on the server, so the more visits, the more server memory they take. Send thousands of browsers and watch the store grow.";
    SimVisitors => "请求数", "Requests";
    SimReturning => "回头客比例（%）", "Returning visitors (%)";
    SimStore => "存储", "Store";
    SimMaxAge => "cookie.maxAge（分钟，留空为浏览器会话）", "cookie.maxAge (minutes; empty for a browser session)";
    SimBadVisitors => "请求数必须是 1 到 100000 之间的整数。", "Requests must be a whole number from 1 to 100,000.";
    SimBadReturning => "回头客比例必须是 0 到 100 之间的整数。", "Returning visitors must be a whole number from 0 to 100.";
    SimBadMaxAge => "cookie.maxAge 必须留空，或是大于 0、不超过 10000000 的分钟数。", "cookie.maxAge must be empty, or minutes above 0 and at most 10,000,000.";
    SimBadSpacing => "两次访问之间的秒数必须在 0 到 1000000 之间。", "Seconds between visits must be a number from 0 to 1,000,000.";
    SimSpacing => "两次访问之间（秒）", "Seconds between visits";
    SimOnLab => "在实验室自己的服务器上运行（之后在 store 表格里能看到这些 session）", "Run on the lab's own server (then see the sessions in the store table)";
    SimStart => "开始模拟", "Start the simulation";
    SimCancel => "取消", "Cancel";
    SimProgress => "{done} / {total} 个请求，每秒 {rate} 个", "{done} of {total} requests, {rate} per second";
    SimResult => "{requests} 个请求：新访客 {new} 位，回访 {returning} 次；服务器新建了 {created} 个 session；store 现有 {entries} 条、{bytes} 字节，其中 {expired} 条已过期却还留着。", "{requests} requests: {new} new visitors, {returning} returning; the server created {created} sessions; the store holds {entries} entries, {bytes} bytes, {expired} of them expired but still kept.";
    SimCookieOnly => "换成只用 cookie 的设计（第 1 课），服务器什么都不存：每位访客自己带着约 {cookie} 字节的 cookie，服务器的开销是 0 字节，而不是 {bytes} 字节。", "With a cookie-only design (lesson 1) the server would store nothing: each visitor carries about {cookie} bytes of cookie, and the server's cost is 0 bytes instead of {bytes}.";
    SimMemoryNote => "MemoryStore 只在读到一个 session 时才删除过期的它：没人再来取的过期 session 会一直占着内存。", "A MemoryStore deletes an expired session only when something reads it: expired sessions nobody comes back for stay in memory.";
    SimPersistentNote => "持久化存储有 TTL 清理（MongoDB 大约每分钟一次），过期文档会被删掉。", "The persistent store has a TTL sweep (MongoDB's, about once a minute) that deletes expired documents.";
    ChartEntries => "store 条目", "store entries";
    ChartBytes => "store 字节", "store bytes";
    ChartExpired => "已过期仍保留", "expired but kept";
    ChartRequests => "请求数", "requests";
    PagePrev => "上一页", "Previous";
    PageNext => "下一页", "Next";
    PageRange => "第 {from}–{to} 条，共 {total} 条", "{from}–{to} of {total}";
    ShowMore => "再显示 {n} 条", "Show {n} more";
    ChallengesLabel => "挑战", "Challenges";
    ChallengeGoal => "目标", "Goal";
    ShowHint => "显示提示（{n}/3）", "Show a hint ({n}/3)";
    HintLabel => "提示 {n}", "Hint {n}";
    ProgressLabel => "进度", "Progress";
    SolvedLabel => "已解决", "Solved";
    ChallengeSolved => "挑战完成！", "Challenge solved!";
    WhyWorked => "为什么成功", "Why it worked";
    WhyFailed => "为什么没成功", "Why it failed";
    LeaveChallenge => "退出挑战", "Leave the challenge";
    RestartChallenge => "重新开始", "Start again";
    SecretHidden => "（这个挑战里看不到）", "(hidden in this challenge)";
    AttackerTools => "攻击者的工具", "The attacker's tools";
    ShowAttacker => "显示攻击者", "Show the attacker";
    HideAttacker => "隐藏攻击者", "Hide the attacker";
    XssSteal => "XSS：读取受害者页面上的 document.cookie", "XSS: read document.cookie on the victim's page";
    XssPlantLabel => "XSS：在受害者页面上执行 document.cookie =", "XSS: run document.cookie = on the victim's page";
    RunLabel => "执行", "Run";
    SnifferTitle => "网络嗅探器（受害者的请求）", "Network sniffer (the victim's requests)";
    SnifferEmpty => "还没有抓到请求。", "Nothing captured yet.";
    Encrypted => "https：加密了，看不到内容", "https: encrypted, unreadable";
    LootTitle => "攻击者拿到的 cookie", "Cookies the attacker has obtained";
    LootEmpty => "还什么都没拿到。", "Nothing yet.";
    UseInAttackerJar => "放进攻击者的 cookie 罐", "Put in the attacker's jar";
    UseInVictimJar => "放进你的 cookie 罐", "Put in your jar";
    PlantInVictim => "种到受害者那里", "Plant in the victim's jar";
    RawSend => "发送原始请求", "Send a raw request";
    RawCookieLabel => "Cookie 请求头", "Cookie header";
    SignerTitle => "签名计算器", "Signer";
    SignerValue => "要签名的值", "Value to sign";
    SignerSecret => "密钥", "Secret";
    SignerResult => "cookie 值（已做 URL 编码）", "Cookie value (URL-encoded)";
    BruteTitle => "暴力破解器", "Brute-forcer";
    BruteTarget => "签名 cookie 的值", "Signed cookie value";
    BruteStart => "开始", "Start";
    BruteCancel => "取消", "Cancel";
    BruteProgress => "已试 {done} / {total} 个，每秒 {rate} 个", "{done} of {total} tried, {rate} per second";
    BruteFound => "找到了密钥：{secret}", "Found the secret: {secret}";
    BruteNotFound => "全部试完，没有找到。", "Tried every candidate; not found.";
    BruteBadTarget => "这不是签名 cookie 的值（需要 s:值.MAC 的形式）。", "That is not a signed cookie value (it needs the form s:value.MAC).";
    BruteCancelled => "已取消。", "Cancelled.";
    JarOf => "{browser}的 cookie 罐", "Cookie jar: {browser}";
    ChTamperTitle => "篡改余额", "Tamper with the balance";
    ChTamperGoal => "只改 cookie，把剪发卡的余额改到 100 元以上；然后在签名版本里再试一次，看它失败。", "Raise the card's balance above 100 by editing nothing but the cookie; then try the same against the signed variant and watch it fail.";
    ChTamperHint1 => "余额就是 Cookie 罐里 balance 那一格的值。", "The balance is the value of the balance cookie in the jar.";
    ChTamperHint2 => "把它改成 9999，按回车，再访问一次 /。", "Change it to 9999, press Enter, and visit / again.";
    ChTamperHint3 => "在签名版本里，只改 s: 和“.”之间的数字，保留后面的 MAC。", "In the signed variant, change only the number between s: and the dot, and keep the MAC after it.";
    ChTamperStage1 => "普通 cookie：服务器相信了改过的余额", "Plain cookie: the server believes an edited balance";
    ChTamperStage2 => "签名 cookie：改过的值被 403 拒绝", "Signed cookie: an edited value is refused with 403";
    ChTamperWhy1 => "服务器只是读 req.cookies.balance 再减 10：cookie 完全在浏览器手里，服务器分不出真假。", "The server just reads req.cookies.balance and subtracts 10: the cookie is entirely in the browser's hands, and the server cannot tell a real value from an edited one.";
    ChTamperWhy2 => "cookie-parser 用密钥重新计算 HMAC，和 cookie 里的 MAC 对不上，于是 req.signedCookies.balance 是 false，服务器回答 403。", "cookie-parser recomputes the HMAC with the secret; it does not match the MAC in the cookie, so req.signedCookies.balance is false and the server answers 403.";
    ChTamperFailUnsigned => "没有 s: 前缀的值不是签名 cookie：cookie-parser 把它留在 req.cookies 里，签名版本的服务器把你当成新顾客。", "A value without the s: prefix is not a signed cookie: cookie-parser leaves it in req.cookies, so the signed app treats you as a new customer.";
    ChForgeTitle => "伪造 session cookie", "Forge a session cookie";
    ChForgeGoal => "先看服务器的三种拒绝：没有 s:、MAC 不对、id 不存在；然后让服务器接受一个你自己做出来的 session cookie。", "First see the server's three rejections: no s:, a wrong MAC, an unknown id; then make the server accept a session cookie you made yourself.";
    ChForgeHint1 => "在 Cookie 罐里编辑 connect.sid：去掉 s:，或者改掉 MAC 的一个字符，再打开 /user。", "Edit connect.sid in the jar: remove s:, or change one character of the MAC, then open /user.";
    ChForgeHint2 => "服务器的密钥就写在判定框下面；攻击者工具里的签名计算器能给任意 id 签名。", "The server's secret is shown under the verdict; the signer in the attacker's tools signs any id.";
    ChForgeHint3 => "给 store 表格里另一个人（bob）的 session id 签名，放进你的 cookie 罐。", "Sign the id of someone else's session (bob's) from the store table and put it in your jar.";
    ChForgeStage1 => "拒绝一：值不以 s: 开头", "Rejection one: the value does not start with s:";
    ChForgeStage2 => "拒绝二：MAC 对不上", "Rejection two: the MAC does not match";
    ChForgeStage3 => "拒绝三：签名有效，但 store 里没有这个 id", "Rejection three: a valid signature, but the store has no such id";
    ChForgeStage4 => "被接受：服务器载入了你伪造的 cookie 所指的 session", "Accepted: the server loaded the session your forged cookie names";
    ChForgeWhy1 => "express-session 只认以 s: 开头的值；未签名的 id 一律忽略，并新建一个 session。", "express-session only accepts values that start with s:; unsigned ids are ignored and a new session starts.";
    ChForgeWhy2 => "unsign 用密钥重算 HMAC，和 cookie 里的 MAC 不一样，所以签名无效。", "unsign recomputes the HMAC with the secret; it differs from the MAC in the cookie, so the signature is invalid.";
    ChForgeWhy3 => "签名没错，但 store.get 找不到这个 id；服务器从不沿用客户端给的 id，而是重新生成一个。", "The signature is right, but store.get finds no such id, and the server never reuses a client's id: it generates a new one.";
    ChForgeWhy4 => "签名只证明“有密钥的人签过这个值”。密钥一旦泄露（这里它就显示在页面上），任何 id 都能伪造，所以密钥必须保密而且够强。", "A signature only proves that someone holding the secret signed this value. Once the secret leaks (here it is shown on the page), any id can be forged, which is why the secret must stay secret and strong.";
    ChWeakTitle => "弱密钥", "A weak secret";
    ChWeakGoal => "这里看不到服务器的密钥。用攻击者工具里的暴力破解器，从一个签名 cookie 中找回密钥，再伪造一个服务器会接受的 balance。", "The server's secret is hidden here. Recover it from one signed cookie with the brute-forcer in the attacker's tools, then forge a signed balance the server accepts.";
    ChWeakHint1 => "你的 cookie 罐里已经有一个签名的 balance：把它交给暴力破解器。", "Your jar already holds a signed balance: give it to the brute-forcer.";
    ChWeakHint2 => "破解器先试常见的密钥，再试所有不超过 4 个小写字母的字符串。", "The brute-forcer tries common secrets, then every lowercase string of up to 4 letters.";
    ChWeakHint3 => "找到密钥后，用签名计算器给 5000 签名，把结果放进你的 cookie 罐当作 balance 的值。", "Once it finds the secret, sign 5000 in the signer and put the result in your jar as the balance.";
    ChWeakStage1 => "找回了密钥", "Recovered the secret";
    ChWeakStage2 => "服务器接受了你伪造的签名余额", "The server accepted your forged signed balance";
    ChWeakWhy1 => "HMAC 本身很强，但密钥只有 4 个小写字母：不到 50 万种可能，浏览器里几秒就能试完。", "HMAC is strong, but a secret of 4 lowercase letters has fewer than half a million possibilities, and a browser tries them all in seconds.";
    ChWeakWhy2 => "有了密钥，你算出的 MAC 和服务器算的一模一样，签名校验当然通过。", "With the secret, your MAC is exactly the one the server computes, so the signature check passes.";
    ChWeakFailMac => "MAC 对不上：要用找回的密钥签名才行。", "The MAC does not match: sign with the recovered secret.";
    ChHijackTitle => "会话劫持", "Session hijacking";
    ChHijackGoal => "受害者已经以 alice 登录。用 XSS 或网络嗅探偷到她的 cookie，在攻击者的浏览器里打开 alice 的 /user；然后打开 HttpOnly 和 Secure，看两条路都走不通。", "The victim is logged in as alice. Steal her cookie by XSS or by sniffing and open alice's /user in the attacker's browser; then turn on HttpOnly and Secure and watch both channels fail.";
    ChHijackHint1 => "这个应用把 cookie.httpOnly 设成了 false，网站也走明文 http：攻击者工具里的 XSS 和嗅探器都能拿到 connect.sid。", "This app sets cookie.httpOnly to false and the site runs on plain http: both XSS and the sniffer in the attacker's tools can get connect.sid.";
    ChHijackHint2 => "把偷到的 cookie 放进攻击者的 cookie 罐（或者在原始请求里带上它），再打开 /user。", "Put the stolen cookie in the attacker's jar (or send it in a raw request), then open /user.";
    ChHijackHint3 => "然后在选项里把 cookie.httpOnly 和 cookie.secure 设为 true，在 https://localhost:8080 重新登录，再试一次 XSS 和嗅探。", "Then set cookie.httpOnly and cookie.secure to true in the options, log in again at https://localhost:8080, and try XSS and the sniffer again.";
    ChHijackStage1 => "攻击者的浏览器打开了 alice 的页面", "The attacker's browser shows alice's page";
    ChHijackStage2 => "HttpOnly：XSS 读不到 connect.sid", "HttpOnly: XSS cannot read connect.sid";
    ChHijackStage3 => "Secure：嗅探器抓不到 connect.sid", "Secure: the sniffer cannot catch connect.sid";
    ChHijackWhy1 => "服务器只认 cookie 不认人：谁拿着有效的 connect.sid，谁就是 alice。", "The server trusts the cookie, not the person: whoever holds a valid connect.sid is alice.";
    ChHijackWhy2 => "带 HttpOnly 的 cookie 不会出现在 document.cookie 里，注入的脚本看不到它。", "An HttpOnly cookie never appears in document.cookie, so an injected script cannot see it.";
    ChHijackWhy3 => "带 Secure 的 cookie 只走 https：明文 http 请求里没有它，而 https 请求是加密的。", "A Secure cookie only travels over https: plain-http requests do not carry it, and https requests are encrypted.";
    ChHijackXssStole => "XSS 读到了 connect.sid（它没有 HttpOnly），已经进了攻击者拿到的 cookie 列表。", "XSS read connect.sid (it is not HttpOnly); it is now in the attacker's list of cookies.";
    ChHijackFailXss => "脚本没有读到 connect.sid。", "The script did not get connect.sid.";
    ChFixTitle => "会话固定", "Session fixation";
    ChFixGoal => "在受害者登录之前，把攻击者的 session id 种进受害者的 cookie 罐。课程原版里，受害者一登录这个 id 就成了 alice；修复版用 regenerate 让它作废。", "Before the victim logs in, plant the attacker's session id in the victim's jar. In the course's version, once the victim logs in that id is alice; the fixed variant's regenerate makes it worthless.";
    ChFixHint1 => "攻击者已经访问过网站，他的 cookie 罐里有 connect.sid。", "The attacker has visited the site: its jar holds a connect.sid.";
    ChFixHint2 => "在攻击者的 cookie 罐里点“种到受害者那里”，然后在你的浏览器里以 alice 登录。", "Click 'Plant in the victim's jar' in the attacker's jar, then log in as alice in your browser.";
    ChFixHint3 => "再用攻击者的浏览器打开 /user。之后切到“修复版”重做一遍。", "Then open /user in the attacker's browser. Afterwards switch to the fixed variant and do it again.";
    ChFixStage1 => "原版：攻击者用自己的 id 看到了 alice 的页面", "Course version: the attacker's own id shows alice's page";
    ChFixStage2 => "修复版：登录时 regenerate 换掉了种下的 id", "Fixed: regenerate at login replaced the planted id";
    ChFixWhy1 => "登录只是往现有 session 里写了用户名，id 没变，而这个 id 是攻击者挑的。", "Logging in only wrote the username into the existing session; the id stayed the same, and the attacker chose it.";
    ChFixWhy2 => "regenerate 销毁旧 session 并发一个新 id，种下的 id 在 store 里已经不存在了。", "regenerate destroys the old session and issues a new id; the planted id no longer exists in the store.";
    ChFixFailFixed => "修复版里登录换了 id，攻击者手里的 id 什么也不是。", "In the fixed variant the login changed the id, so the attacker's id is worth nothing.";
    ChPredTitle => "可预测的 id", "Predictable ids";
    ChPredGoal => "这次手写的剪发卡用顺序号做卡号。不偷也不嗅探，花掉另一位顾客卡上的钱。", "This time the hand-built card numbers are sequential. Without stealing or sniffing, spend another customer's balance.";
    ChPredHint1 => "看看攻击者拿到的卡号是多少。", "Look at the card number the attacker got.";
    ChPredHint2 => "卡号是 1、2、3……别人的卡号就在你旁边。", "Card numbers go 1, 2, 3, and so on: someone else's card is right next to yours.";
    ChPredHint3 => "把攻击者 cookie 罐里的 session.id 改成 1，再访问 /。", "Change session.id in the attacker's jar to 1 and visit /.";
    ChPredStage1 => "用猜到的卡号花掉了别人的余额", "Spent another customer's balance with a guessed number";
    ChPredWhy1 => "卡号就是全部凭证，而顺序号一猜就中。express-session 默认用 24 字节随机数（uid-safe），没有人猜得到。", "The card number is the whole credential, and sequential numbers are trivial to guess. express-session's default is 24 random bytes (uid-safe), which no one can guess.";
    ChPredFailMiss => "没有这个卡号，服务器发了一张新卡。试试你自己卡号旁边的数。", "No such card, so the server issued a new one. Try the numbers next to your own.";
    ChLogoutTitle => "退出了却没退出", "The logout that doesn't";
    ChLogoutGoal => "证明课程原版退出（req.session.usrename = null）之后你依然是登录状态；再证明修复版退出后，旧 cookie 一文不值。", "Show that after the course's logout (req.session.usrename = null) you are still logged in; then show that after the fixed logout the old cookie is worthless.";
    ChLogoutHint1 => "点“退出”，然后直接在地址栏打开 /user。", "Click logout, then open /user from the address bar.";
    ChLogoutHint2 => "看 store 表格：username 还在，旁边多了一个 usrename: null。", "Look at the store table: username is still there, next to a new usrename: null.";
    ChLogoutHint3 => "切到修复版并登录，在时间线里记下请求的 Cookie 头；退出后用“发送原始请求”把它再发一次。", "Switch to the fixed variant and log in, note the Cookie header in the timeline, log out, then send it again with a raw request.";
    ChLogoutStage1 => "原版：退出后 /user 还认得你", "Course version: /user still knows you after logout";
    ChLogoutStage2 => "修复版：重放旧 cookie，服务器找不到 session", "Fixed: replaying the old cookie finds no session";
    ChLogoutWhy1 => "拼错的 usrename 写进了一个新属性，真正的 username 原封不动。", "The misspelt usrename wrote a new property; the real username is untouched.";
    ChLogoutWhy2 => "destroy 把 session 从 store 里删掉了：旧 cookie 的签名仍然有效，但它指向的 session 已经不存在。", "destroy deleted the session from the store: the old cookie's signature is still valid, but the session it names is gone.";
    ChRotTitle => "轮换密钥", "Rotate the secret";
    ChRotGoal => "换新密钥而不让所有人掉线：先只用新密钥，看所有人都被登出；再用 [新, 旧] 轮换，让 alice 的 session 活下来。", "Change the secret without logging everyone out: first use the new secret alone and see everyone logged out; then rotate with [new, old] and keep alice's session alive.";
    ChRotHint1 => "在选项里把 secret 改成 new-secret，应用后打开 /user。", "Set secret to new-secret in the options, apply, and open /user.";
    ChRotHint2 => "secret 可以是数组：第一个用来签名，每一个都用来验证。在选项框里用逗号分隔：new-secret, zfpx。", "secret can be an array: the first signs, all of them verify. In the options field, separate them with commas: new-secret, zfpx.";
    ChRotHint3 => "这个挑战把 saveUninitialized 设为 false，所以失败的请求不会覆盖你的旧 cookie。", "This challenge sets saveUninitialized to false, so a failed request does not overwrite your old cookie.";
    ChRotStage1 => "只用新密钥：旧 cookie 被拒绝，alice 被登出", "New secret alone: the old cookie is rejected and alice is logged out";
    ChRotStage2 => "[新, 旧]：旧 cookie 由第二个密钥验证通过，session 还在", "[new, old]: the old cookie verifies with the second secret and the session survives";
    ChRotWhy1 => "cookie 是用旧密钥签的，新密钥算出的 MAC 不同，所以每个人的 cookie 都失效了。", "The cookies were signed with the old secret; the new one gives a different MAC, so everyone's cookie fails.";
    ChRotWhy2 => "express-session 依次用每个密钥验证，所以旧 cookie 由旧密钥通过；新 cookie 用数组里的第一个密钥签名。", "express-session tries each secret in turn, so old cookies verify with the old one, while new cookies are signed with the first.";
    EmptyValue => "（空）", "(empty)";
    EvScriptRead => "注入到{browser}页面的脚本读到了 document.cookie：{visible}", "A script injected into the page in {browser} read document.cookie: {visible}";
    EvScriptHidden => "它看不到带 HttpOnly 的 cookie：{names}。", "It cannot see the HttpOnly cookies: {names}.";
    EvScriptWrote => "脚本执行了 document.cookie = {text}。", "A script ran document.cookie = {text}.";
    EvScriptNoPage => "{browser}还没有打开这个网站的页面，脚本无处运行。", "{browser} shows no page of the site, so there is nowhere for the script to run.";
    EvSniffed => "网络嗅探器读到了明文 http 请求 {url}，Cookie：{cookie}", "The network sniffer read the plain-http request to {url}; Cookie: {cookie}";
    EvSniffBlocked => "这个请求走 https：嗅探器只看到加密后的字节。", "This request went over https: the sniffer sees only encrypted bytes.";
    NoticeIgnored => "链接里的 {key} 没有使用：{why}。", "The link's {key} was not used: {why}.";
    WhyTooLong => "片段太长", "the fragment is too long";
    WhyUnknownLesson => "没有这一课", "there is no such lesson";
    WhyUnknownVariant => "这一课没有这个版本", "the lesson has no such variant";
    WhyUnknownLanguage => "不支持这种语言", "that language is not available";
    WhyUnknownTheme => "没有这个主题", "there is no such theme";
    WhyUnknownChallenge => "没有这个挑战", "there is no such challenge";
    WhyUnknownPane => "没有这个面板", "there is no such pane";
    WhyNotAnOrigin => "不是一个源（如 https://course.example）", "it is not an origin (like https://course.example)";
    WhyBadOptions => "这些 express-session 选项无法启动服务器", "these express-session options would not start the server";
    WhyUnknownKey => "实验室不认识这个参数", "the lab does not know this key";
    NoticeScenarioInvalid => "场景无效：{error}", "The scenario is invalid: {error}";
    NoticeScenarioServer => "场景的选项无法启动服务器：{error}", "The scenario's options do not start the server: {error}";
    ScenarioFileTooLarge => "{file}：超过 {max} 字节", "{file}: larger than {max} bytes";
    ScenarioFileUnreadable => "{file}：无法读取", "{file}: cannot be read";
    HostNoScenario => "scenario：需要一个场景对象或它的 JSON 文本", "scenario: expected a scenario object or its JSON text";
    HostUnknownType => "未知的 type {type}", "unknown type {type}";
    ScTooLarge => "场景超过 {max} 字节", "scenario is larger than {max} bytes";
    ScNotJson => "不是有效的 JSON（第 {line} 行，第 {column} 列）", "not valid JSON (line {line}, column {column})";
    ScNotBase64 => "不是 base64url", "not base64url";
    ScNotUtf8 => "不是 UTF-8", "not UTF-8";
    ScNotAnObject => "场景必须是一个 JSON 对象", "a scenario is a JSON object";
    ScUnknownField => "未知字段", "unknown field";
    ScMissing => "缺少这一项", "missing";
    ScExpectedString => "需要一个字符串", "expected a string";
    ScExpectedObject => "需要一个对象", "expected an object";
    ScExpectedStrings => "需要一个字符串数组", "expected an array of strings";
    ScExpectedSteps => "需要一个步骤数组", "expected an array of steps";
    ScUnknownApp => "未知的应用/版本 {app}/{variant}（应用：counter、auth [seed|fixed]、manual、cookie-only [seed|signed]）", "unknown app/variant {app}/{variant} (apps: counter, auth [seed|fixed], manual, cookie-only [seed|signed])";
    ScUnknownIdScheme => "需要 uid-safe、date-random 或 sequential", "expected uid-safe, date-random or sequential";
    ScExpectedMillis => "需要一个 ±8.64e15 以内的整数毫秒数", "expected a whole number of milliseconds within ±8.64e15";
    ScTooManySteps => "超过 {max} 个步骤", "more than {max} steps";
    ScNotAStep => "步骤是只有一个键的对象：request、advance、restart_server 或 close_browser", "a step is an object with one key: request, advance, restart_server or close_browser";
    ScStepKeys => "步骤只能有一个键：request、advance、restart_server 或 close_browser", "a step has exactly one key: request, advance, restart_server or close_browser";
    ScUnknownStep => "未知的步骤类型 {kind}", "unknown step kind {kind}";
    ScTimeBackwards => "时间只能向前走", "time only moves forward";
    ScExpectedBrowserObject => "需要 {\"browser\": \"victim\"}", "expected {\"browser\": \"victim\"}";
    ScExpectedBrowser => "需要 \"victim\" 或 \"attacker\"", "expected \"victim\" or \"attacker\"";
    ScExpectedRequest => "需要一个包含 method、url、browser、headers 的对象", "expected an object with method, url, browser, headers";
    ScExpectedMethod => "需要一个 HTTP 方法，例如 GET", "expected an HTTP method such as GET";
    ScExpectedHeaders => "需要一个值为字符串的对象", "expected an object of strings";
    ScHeaderName => "不是有效的头部名称", "not a valid header name";
    ScHeaderValue => "头部的值不能包含 CR、LF 或 NUL", "header values cannot contain CR, LF or NUL";
    NoticeBadMessage => "嵌入页面发来的消息没有处理：{error}", "A message from the embedding page was not handled: {error}";
    Share => "分享", "Share";
    ShareTitle => "分享这个状态", "Share this state";
    ShareIntro => "链接会还原课程、版本、语言、主题、挑战和你改过的选项。", "The link restores the lesson, variant, language, theme, challenge and the options you changed.";
    IncludeSecret => "包含密钥（secret）", "Include the secret";
    IncludeSecretHint => "只有你改过 secret 时才有影响；拿到链接的人都能看到它。", "Matters only if you changed the secret; anyone with the link can read it.";
    ShareLink => "链接", "Link";
    CopyLink => "复制链接", "Copy link";
    EmbedSnippet => "嵌入代码（iframe）", "Embed code (iframe)";
    CopySnippet => "复制嵌入代码", "Copy embed code";
    OpenFullLab => "在完整页面中打开", "Open the full lab";
    ScenarioOpen => "场景", "Scenario";
    ScenarioLoaderTitle => "载入场景文件", "Load a scenario file";
    ScenarioLoaderIntro => "场景是一个 JSON 文件，格式与 session-lab-trace 相同：选择应用和选项，再列出请求与时钟步骤。", "A scenario is a JSON file in the format session-lab-trace reads: an app, its options, and a list of request and clock steps.";
    ScenarioChoose => "选择文件", "Choose a file";
    ScenarioPaste => "或粘贴 JSON", "Or paste JSON";
    ScenarioLoad => "载入", "Load";
    ScenarioLoaded => "场景已载入。", "Scenario loaded.";
    ScenarioTitle => "场景", "Scenario";
    ScenarioProgress => "已执行 {done} / {total} 步", "{done} of {total} steps played";
    ScenarioStep => "下一步", "Next step";
    ScenarioPlayAll => "全部执行", "Play all";
    ScenarioRestart => "从头开始", "Start again";
    ScenarioLeave => "关闭场景", "Close the scenario";
    ScenarioTrace => "执行记录（与 session-lab-trace 的输出相同）", "Trace (the same as session-lab-trace prints)";
    ScenarioDownload => "下载执行记录", "Download the trace";
    StepRequest => "{browser}：{method} {url}", "{browser}: {method} {url}";
    StepAdvance => "时钟前进 {ms} 毫秒", "Advance the clock {ms} ms";
    StepRestart => "重启服务器", "Restart the server";
    StepClose => "关闭{browser}", "Close {browser}";
    StepError => "失败：{error}", "failed: {error}";
    JarIoTitle => "导入 / 导出", "Import / export";
    JarIoFormat => "格式", "Format";
    JarIoJson => "JSON（Cookie-Editor 格式）", "JSON (Cookie-Editor)";
    JarIoNetscape => "Netscape cookies.txt", "Netscape cookies.txt";
    JarIoHeader => "Cookie 请求头", "Cookie header";
    JarIoText => "文本", "Text";
    JarExport => "导出", "Export";
    JarImport => "导入", "Import";
    JarImported => "已导入 {n} 个 cookie。", "Imported {n} cookies.";
    JarIoError => "无法导入：{error}", "Cannot import: {error}";
    ImportAt => "{at}：{what}", "{at}: {what}";
    ImportAtInput => "输入", "input";
    ImportAtLine => "第 {line} 行", "line {line}";
    ImportAtText => "第 {line} 行第 {column} 列", "line {line}, column {column}";
    ImportAtPair => "第 {pair} 对", "pair {pair}";
    ImportAtLinePair => "第 {line} 行第 {pair} 对", "line {line}, pair {pair}";
    ImportInputTooLarge => "超过 {kib} KiB", "larger than {kib} KiB";
    ImportTooMany => "超过 {max} 个 cookie", "more than {max} cookies";
    ImportNotJson => "不是有效的 JSON", "invalid JSON";
    ImportNotArray => "应为由 cookie 对象组成的数组", "expected an array of cookie objects";
    ImportNotObject => "应为对象", "expected an object";
    ImportFieldCount => "应有 7 个以制表符分隔的字段，实际有 {found} 个", "expected 7 tab-separated fields, found {found}";
    ImportMissing => "{field}缺失", "{field} missing";
    ImportNoDefaultHost => "{field}缺失，而且没有可用的默认主机", "{field} missing, and there is no valid default host";
    ImportExpectedString => "{field}应为字符串", "{field} expected a string";
    ImportExpectedBool => "{field}应为布尔值", "{field} expected a boolean";
    ImportExpectedNumber => "{field}应为数字", "{field} expected a number";
    ImportOutOfRange => "{field}超出范围", "{field} out of range";
    ImportTrueFalse => "{field}必须是 TRUE 或 FALSE", "{field} must be TRUE or FALSE";
    ImportWholeSeconds => "{field}必须是整数秒", "{field} must be a whole number of seconds";
    BadControl => "{field}含有控制字符", "{field} contains a control character";
    BadNameSeparator => "{field}含有“;”或“=”", "{field} contains \";\" or \"=\"";
    BadValueSeparator => "{field}含有“;”", "{field} contains \";\"";
    BadEmpty => "名字和值都是空的", "has an empty name and an empty value";
    BadTooLarge => "超过 {max} 字节（名字加值）", "is over {max} bytes (name plus value)";
    BadDomainEmpty => "{field}不能为空", "{field} must not be empty";
    BadDomainChars => "{field}不能含空格、“;”、“/”或控制字符", "{field} must not contain spaces, \";\", \"/\" or control characters";
    BadDomainDots => "{field}不能以两个点开头", "{field} must not start with two dots";
    BadPathStart => "{field}必须以“/”开头", "{field} must start with \"/\"";
    BadPathChars => "{field}不能含“;”或控制字符", "{field} must not contain \";\" or control characters";
    FieldName => "名字", "name";
    FieldValue => "值", "value";
    FieldDomain => "域名", "domain";
    FieldPath => "路径", "path";
    FieldExpiry => "过期时间", "expiry";
    FieldIncludeSubdomains => "includeSubdomains 字段", "includeSubdomains";
    FieldSecure => "secure 字段", "secure";
    FieldDefaultHost => "默认主机", "default host";
    ResetNotJson => "不是 JSON（第 {line} 行第 {column} 列）", "not JSON (line {line}, column {column})";
    ResetNotObject => "不是一个对象", "not an object";
    ResetNotOurs => "不是会话实验室的数据", "not Session Lab's data";
    ResetNewer => "由更新的版本（{v}）保存", "saved by a newer version ({v})";
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
    const SAME_IN_BOTH: &[Key] = &[Key::TagTouch, Key::ColSid, Key::JarIoNetscape];

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
