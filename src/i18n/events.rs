//! What happened, in words: every event of the engine as the timeline and the live region tell it.
//!
//! Each line is `Key => "zh-CN", "en";`; [`super`] collects every file's lines into one
//! table, so a key missing either language does not compile.

macro_rules! events {
    ([$($rest:ident),*] $($acc:tt)*) => {
        collect! { [$($rest),*] $($acc)*
            TagHit => "命中", "hit";
            TagMiss => "未命中", "miss";
            TagSet => "写入", "set";
            TagTouch => "touch", "touch";
            TagDestroy => "删除", "destroyed";
            DiagramTitle => "时序图（最近的请求）", "Sequence diagram (recent requests)";
            DiagramBrowser => "浏览器", "Browser";
            DiagramServer => "服务器", "Server";
            DiagramStore => "存储", "Store";
            CauseTyped => "在地址栏输入", "typed in the address bar";
            CauseLink => "点击链接", "clicked a link";
            CauseForm => "提交表单", "submitted a form";
            CauseRedirect => "跟随第 {n} 次重定向", "followed redirect {n}";
            CauseRaw => "手写 Cookie 的请求", "a request with a hand-written Cookie";
            EvClock => "时钟前进了 {by}，现在是 {now}。", "The clock moved forward {by}; it is now {now}.";
            EvServerStarted => "服务器已启动。", "The server started.";
            EvServerRestarted => "服务器重启：丢失 {lost} 个 session，保留 {kept} 个。", "The server restarted: {lost} session(s) lost, {kept} kept.";
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
            EvCookieValidOld => "{name} 签名有效（由 secret 列表中的第 {n} 个，一个旧密钥验证），session id 是 {sid}。", "{name} has a valid signature (verified by secret #{n} of the list, an older one); the session id is {sid}.";
            EvSignedOk => "cookie-parser 验证了签名 cookie {name}，值是 {value}。", "cookie-parser verified the signed cookie {name}: its value is {value}.";
            EvSignedBad => "cookie-parser：{name} 的签名无效，所以 req.signedCookies.{name} 是 false。", "cookie-parser: the signature of {name} is invalid, so req.signedCookies.{name} is false.";
            EvStoreCall => "调用 store.{op}({sid})：{result}", "store.{op}({sid}): {result}";
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
            EvScriptRead => "注入到{browser}页面的脚本读到了 document.cookie：{visible}", "A script injected into the page in {browser} read document.cookie: {visible}";
            EvScriptHidden => "它看不到带 HttpOnly 的 cookie：{names}。", "It cannot see the HttpOnly cookies: {names}.";
            EvScriptWrote => "脚本执行了 document.cookie = {text}。", "A script ran document.cookie = {text}.";
            EvScriptNoPage => "{browser}还没有打开这个网站的页面，脚本无处运行。", "{browser} shows no page of the site, so there is nowhere for the script to run.";
            EvSniffed => "网络嗅探器读到了明文 http 请求 {url}，Cookie：{cookie}", "The network sniffer read the plain-http request to {url}; Cookie: {cookie}";
            EvSniffBlocked => "这个请求走 https：嗅探器只看到加密后的字节。", "This request went over https: the sniffer sees only encrypted bytes.";
            EvSweptRedis => "Redis 删除了 {n} 个到期的 key（TTL 用完了）。", "Redis deleted {n} key(s) whose TTL ran out.";
            EvProxyHttps => "TLS 代理在这里解开了 https，再用普通 http 转发给应用，并加上 X-Forwarded-Proto: https。", "The TLS proxy ended https here and forwarded the request to the app over plain http, adding X-Forwarded-Proto: https.";
            EvProxyHttp => "请求本来就是 http：代理照原样转发给应用，并加上 X-Forwarded-Proto: http。", "The request was plain http: the proxy forwarded it to the app as it was, adding X-Forwarded-Proto: http.";
            EvBalancedTurn => "负载均衡器轮询：这次轮到 {instance}，请求交给它。", "The load balancer's round-robin: it is {instance}'s turn, so it gets this request.";
            EvBalancedSticky => "请求带着负载均衡器的 cookie lb={instance}，所以又交给了 {instance}（粘性会话）。", "The request carries the balancer's cookie lb={instance}, so it goes to {instance} again (sticky sessions).";
            EvBalancedPinned => "请求没有负载均衡器的 cookie：轮询交给 {instance}，并在响应里加上 Set-Cookie: lb={instance}，以后都送到这里。", "No balancer cookie on this request: round-robin picks {instance}, and the response gets Set-Cookie: lb={instance} so the next ones go there too.";
            EvNotSentUntrustedProxy => "没有发 Set-Cookie：设置了 cookie.secure，而请求是代理用 http 转来的。X-Forwarded-Proto 说是 https，但 express-session 不信它（既没有 proxy: true，也没有 app.set('trust proxy', 1)）。session 照样写进了存储，浏览器却什么都没收到：登录悄无声息地失败了。", "No Set-Cookie: cookie.secure is on and the request came from the proxy over plain http. X-Forwarded-Proto says https, but express-session does not believe it (no proxy: true, no app.set('trust proxy', 1)). The session was still written to the store, but the browser got no cookie: the login fails without a word.";
        }
    };
}
