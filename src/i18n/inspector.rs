//! The cookie inspector (`#tool=inspect`): its fields, verdicts, the Set-Cookie attributes
//! explained, a reviewer's warnings, and signing.
//!
//! Each line is `Key => "zh-CN", "en";`; [`super`] collects every file's lines into one
//! table, so a key missing either language does not compile.

macro_rules! inspector {
    ([$($rest:ident),*] $($acc:tt)*) => {
        collect! { [$($rest),*] $($acc)*
            InspectorOpen => "Cookie 检查器", "Cookie inspector";
            InspectorOpenHint => "粘贴真实的 express-session cookie 和密钥，检查签名", "Paste a real express-session cookie and secret and check its signature";
            InspectorBack => "回到实验室", "Back to the lab";
            InspectorTitle => "Cookie 检查器", "Cookie inspector";
            InspectorTagline => "express-session 版的 jwt.io：粘贴 cookie 和密钥，看它能不能通过校验，以及为什么。", "jwt.io for express-session: paste a cookie and its secrets, and see whether it verifies, and why.";
            InspectorPrivacy => "一切都在这个页面里计算：你粘贴的内容不会被发送、保存，也不会写进网址或分享链接。", "Everything is computed in this page: what you paste is never sent or saved, and never goes into the address or a share link.";
            InspectorCookiesLabel => "Cookie 请求头、Set-Cookie 或 connect.sid 的值", "Cookie header, Set-Cookie lines or a connect.sid value";
            InspectorCookiesHint => "每行一个：Cookie: a=1; b=2，Set-Cookie: …，或者只是 s%3A…（URL 编码与否都可以）。粘贴整个请求或响应也行，其他行会被跳过。", "One per line: Cookie: a=1; b=2, Set-Cookie: …, or just s%3A… (URL-encoded or not). A whole pasted request or response works too: its other lines are skipped.";
            InspectorSecretsLabel => "密钥（每行一个）", "Secrets (one per line)";
            InspectorSecretsHint => "和 express-session 的 secret 数组一样：第一个用来签名，每一个都用来验证（轮换）。", "As express-session's secret array: the first signs, every one verifies (rotation).";
            InspectorExample => "填入示例", "Fill in an example";
            InspectorClear => "清空", "Clear";
            InspectorInputTitle => "输入", "Input";
            InspectorResultsTitle => "结果", "Results";
            InspectorEmpty => "粘贴一个 cookie 开始。", "Paste a cookie to begin.";
            InspectorNoCookies => "这段文字里没有找到 cookie。", "No cookie found in this text.";
            InspectorCut => "输入太长，只读取了前 64 KB。", "The text is too long: only its first 64 KB is read.";
            InspectorMore => "只显示前 200 个 cookie。", "Only the first 200 cookies are shown.";
            InspectorLineRefused => "第 {line} 行：浏览器不会保存这个 Set-Cookie：{why}。", "Line {line}: a browser does not store this Set-Cookie: {why}.";
            InspectorLine => "第 {line} 行", "line {line}";
            InspectorSourceHeader => "来自 Cookie 请求头", "from a Cookie header";
            InspectorSourceSetCookie => "来自 Set-Cookie 响应头", "from a Set-Cookie header";
            InspectorSourceBare => "单独的值，按 connect.sid 读取", "a bare value, read as connect.sid";
            InspectorRaw => "原样", "As written";
            InspectorDecoded => "服务器读到的（解码后）", "As the server reads it (decoded)";
            InspectorDecodeFailed => "百分号编码无法解码，服务器保留原样。", "The percent-encoding does not decode, so the server keeps it as written.";
            InspectorShadowed => "前面有同名的 cookie，服务器只读第一个，忽略这一个。", "An earlier cookie has the same name: the server reads the first and ignores this one.";
            InspectorAnatomy => "结构", "Anatomy";
            InspectorVerdict => "判定", "Verdict";
            InspectorValid => "有效：第 {n} 个密钥验证通过。", "Valid with secret #{n}.";
            InspectorValidOld => "这是一个较旧的密钥：express-session 仍然接受，等它下一次发送 cookie 时才会用第 1 个密钥重新签名。", "That is an older secret: express-session still accepts it, and re-signs with secret #1 only when it next sends the cookie.";
            InspectorBadMac => "拒绝：签名（MAC）对不上，没有一个密钥能算出它。", "Rejected: wrong MAC: none of the secrets given produces it.";
            InspectorExpected => "期望的 MAC（第 1 个密钥）", "Expected MAC (secret #1)";
            InspectorPresented => "cookie 带来的 MAC", "Presented MAC";
            InspectorNoDot => "拒绝：有 s: 却没有“.”，没有 MAC 可校验。", "Rejected: it has s: but no '.', so there is no MAC to check.";
            InspectorNotSigned => "没有签名：值不以 s: 开头。如果它是 session cookie，express-session 会忽略它，新建一个 session；普通 cookie 则原样被读取，谁都能改。", "Not signed: the value does not start with s:. Read as the session cookie, express-session ignores it and starts a new session; as a plain cookie it is taken as sent, and anyone can change it.";
            InspectorNotSignedPlain => "没有签名：原样被读取，谁都能改（如果它是应用的 session cookie，express-session 会忽略它）。", "Not signed: taken as sent, so anyone can change it (were it the app's session cookie, express-session would ignore it).";
            InspectorNoSecret => "已签名，但还没有密钥可以校验：在“密钥”里加一个。", "Signed, but there is no secret to check it with: add one under Secrets.";
            InspectorEmptyValue => "空值：express-session 当作没有 cookie。", "Empty: express-session treats it as no cookie.";
            InspectorEmptyId => "s: 后面的 session id 是空的：express-session 当作没有 cookie。", "The session id after s: is empty: express-session treats it as no cookie.";
            InspectorEmptySetCookie => "空值：过期时间已过时（res.clearCookie 就这样发），它删除浏览器里的这个 cookie；否则浏览器保存一个空 cookie，发回时 express-session 当作没有 cookie。", "Empty: with an expiry in the past (as res.clearCookie sends it) it deletes the cookie from the browser; otherwise the browser keeps an empty cookie, which express-session treats as no cookie when it comes back.";
            InspectorSid => "session id（会话 id）", "Session id";
            InspectorSidBitsUnverified => "最多 {bits} 位熵（未经验证）", "at most {bits} bits of entropy (not verified)";
            InspectorSidBits => "最多 {bits} 位熵", "at most {bits} bits of entropy";
            InspectorAttributes => "Set-Cookie 属性（按浏览器的读法）", "Set-Cookie attributes (as a browser reads them)";
            InspectorAttrName => "属性", "Attribute";
            InspectorAttrValue => "值", "Value";
            InspectorAttrMeaning => "含义", "Meaning";
            InspectorAbsent => "（没有）", "(absent)";
            NoteExpiresAt => "绝对时间，按浏览器自己的时钟。express-session 由 cookie.maxAge 算出它，只写 Expires，不写 Max-Age。", "An absolute time, by the browser's own clock. express-session computes it from cookie.maxAge and writes only Expires, never Max-Age.";
            WarnUnstorable => "浏览器不会存也不会发这样的 cookie：{reason}。", "A browser does not store or send such a cookie: {reason}.";
            NoteExpiresPast => "已经过去的时间：浏览器立即删除这个 cookie（服务器删除 cookie 就这样写）。", "In the past: the browser deletes the cookie at once (a server deletes a cookie this way).";
            NoteExpiresIgnored => "被忽略：同时有 Max-Age，Max-Age 优先。", "Ignored: Max-Age is present too, and Max-Age wins.";
            NoteMaxAge => "收到后 {n} 秒过期，与浏览器的时钟无关；比 Expires 优先。", "Expires {n} seconds after the browser receives it, whatever its clock says; wins over Expires.";
            NoteMaxAgeDeletes => "{n}：浏览器立即删除这个 cookie。", "{n}: the browser deletes the cookie at once.";
            NoteSessionOnly => "两者都没有：浏览器会话 cookie，浏览器关闭时删除（express-session 不设 cookie.maxAge 时就是这样）。", "Neither: a browser-session cookie, deleted when the browser closes (express-session without cookie.maxAge).";
            NoteDomain => "发给 {domain} 及其所有子域名。", "Sent to {domain} and every subdomain of it.";
            NoteHostOnly => "只发给设置它的主机，不发给子域名。", "Host-only: sent only to the host that set it, not to its subdomains.";
            NotePath => "只在 {path} 之下的路径上发送。", "Sent only for paths under {path}.";
            NotePathDefault => "默认：请求路径所在的目录。", "Default: the directory of the request's path.";
            NoteHttpOnly => "页面上的脚本（document.cookie）读不到它。", "Scripts on the page (document.cookie) cannot read it.";
            NoteNoHttpOnly => "脚本读得到它：一次 XSS 就能偷走 session。", "Scripts can read it: one XSS steals the session.";
            NoteSecure => "只通过 https 发送。", "Sent over https only.";
            NoteNoSecure => "也会通过明文 http 发送，网络上的人能嗅探到。", "Sent over plain http too, where anyone on the network can sniff it.";
            NoteStrict => "只在同站请求中发送，从别的网站点链接过来也不带。", "Sent on same-site requests only, not even when following a link from another site.";
            NoteLax => "同站请求都带；跨站时只有顶层 GET 导航带它，跨站 POST 不带。", "Sent on same-site requests; cross-site only on top-level GET navigations, so cross-site POSTs go without it.";
            NoteNone => "跨站请求也带它（必须同时有 Secure）。", "Sent on cross-site requests too (it needs Secure).";
            NoteUnspecified => "没有设置：Chrome 按 Lax 处理（但设置后 2 分钟内仍放行跨站的顶层 POST）；Firefox 和 Safari 跨站也带它。", "Not set: Chrome treats it as Lax (but lets a cross-site top-level POST through for 2 minutes after it is set); Firefox and Safari send it cross-site.";
            NotePartitioned => "CHIPS：在每个顶层网站下分开保存，嵌在别的网站里时各有一份。", "CHIPS: kept separately under each top-level site, so an embed on another site gets its own copy.";
            NoteNotPartitioned => "不分区：所有顶层网站共用一个（屏蔽第三方 cookie 的地方就不发送）。", "Not partitioned: one cookie across all top-level sites (not sent where third-party cookies are blocked).";
            NotePriority => "Chrome 在一个域名的 cookie 超过上限时先删 Low，最后删 High（只有 Chrome 使用 Priority）。", "When a domain has too many cookies, Chrome evicts Low first and High last (only Chrome uses Priority).";
            NotePriorityDefault => "默认 Medium（只有 Chrome 使用 Priority）。", "Medium by default (only Chrome uses Priority).";
            NotePriorityUnknown => "不认识的值，按 Medium 处理。", "Not a value Chrome knows, so it reads as Medium.";
            InspectorWarnings => "安全审查意见", "What a security reviewer would say";
            InspectorNoWarnings => "没有要提醒的。", "Nothing to flag.";
            WarnNoHttpOnly => "没有 HttpOnly：XSS 能通过 document.cookie 读走 session id。保留 cookie.httpOnly（express-session 默认是 true）。", "No HttpOnly: an XSS can read the session id through document.cookie. Keep cookie.httpOnly (express-session's default is true).";
            WarnNoSecure => "没有 Secure：cookie 会经明文 http 发送。在 https 站点上设置 cookie.secure: true（在代理后面还要 app.set('trust proxy', 1)）。", "No Secure: the cookie also travels over plain http. On an https site set cookie.secure: true (behind a proxy, also app.set('trust proxy', 1)).";
            WarnNoneInsecure => "SameSite=None 却没有 Secure：浏览器拒绝保存这个 cookie。", "SameSite=None without Secure: browsers refuse to store this cookie.";
            WarnPartitionedInsecure => "Partitioned 却没有 Secure：浏览器拒绝保存这个 cookie。", "Partitioned without Secure: browsers refuse to store this cookie.";
            WarnNoSameSite => "没有 SameSite：只有 Chrome 默认按 Lax 处理。设置 cookie.sameSite: 'lax'（或 'strict'）来防 CSRF。", "No SameSite: only Chrome defaults to Lax. Set cookie.sameSite: 'lax' (or 'strict') against CSRF.";
            WarnMacShape => "MAC 有 {len} 个字符，不是 cookie-signature 的 HMAC-SHA256 的样子（{want} 个 base64 字符：字母、数字、+ 和 /）：没有哪个密钥算得出它，它被截短或改过了。", "The MAC is {len} characters, not the shape of cookie-signature's HMAC-SHA256 ({want} characters of base64: letters, digits, + and /): no secret makes it; it was cut short or edited.";
            WarnMacChars => "MAC 的长度对（{want} 个字符），但里面有 base64 以外的字符：cookie-signature 只用字母、数字、+ 和 /（- 和 _ 是 base64url 的写法）。没有哪个密钥算得出它：它被改过，或者是别的签名方式算出来的。", "The MAC has the right length, {want} characters, but characters outside base64: cookie-signature uses only letters, digits, + and / (- and _ are base64url's). No secret makes it: it was edited, or made by another signer.";
            WarnShortSid => "session id 最多只有 {bits} 位熵（不到 128 位），可以被猜出来。用 express-session 默认的 genid（uid-safe，192 位）。", "The session id carries at most {bits} bits of entropy (under 128), so it can be guessed. Use express-session's default genid (uid-safe, 192 bits).";
            WarnSecretDictionary => "密钥 #{n} 在常见密钥的字典里：暴力破解器一开始就会试到它。", "Secret #{n} is in a dictionary of common secrets: a brute-forcer tries it first.";
            WarnSecretBrute => "密钥 #{n} 只是 1 到 4 个小写字母：暴力破解器试到第 {tries} 个候选就找到了。", "Secret #{n} is 1 to 4 lowercase letters: a brute-forcer finds it at candidate {tries}.";
            WarnSecretShort => "密钥 #{n} 只有 {len} 个字节：用至少 32 个随机字节的密钥。", "Secret #{n} is only {len} bytes: use at least 32 random bytes.";
            WarnSecretTrimmed => "密钥 #{n} 首尾有空白，检查器把它们去掉了；express-session 会连空白一起用来签名和校验，所以在应用里，末尾多一个空格就是另一个密钥。", "Secret #{n} has spaces at an end, which the inspector leaves out; express-session would sign and check with them, so in an app a secret with a trailing space is a different secret.";
            InspectorBruteTitle => "试着破解密钥", "Try to crack the secret";
            InspectorBruteHint => "不知道密钥也能试：实验室的暴力破解器拿这个 cookie 的 MAC，试常见密钥和所有 1 到 4 个小写字母，共 {total} 个候选；分段运行，页面不会卡住。", "Without the secret: the lab's brute-forcer tries common secrets and every 1 to 4 lowercase letters, {total} candidates, against this cookie's MAC; it runs in slices, so the page stays responsive.";
            InspectorSignTitle => "签名一个 id", "Sign an id";
            InspectorSignHint => "用第 1 个密钥签名，得到 express-session（默认 cookie 选项）发送的内容。", "Signed with secret #1, giving what express-session (default cookie options) sends.";
            InspectorSignId => "session id（会话 id）", "Session id";
            InspectorSignName => "cookie 名称", "Cookie name";
            InspectorSignValue => "cookie 的值", "Cookie value";
            InspectorSignSetCookie => "Set-Cookie 响应头", "Set-Cookie header";
            InspectorSignCookie => "浏览器发回的 Cookie 请求头", "The Cookie header the browser sends back";
            InspectorSignedReady => "已签名：cookie 的值、Set-Cookie 响应头和 Cookie 请求头都在下面。", "Signed: the cookie value, the Set-Cookie header and the Cookie header are below.";
            InspectorSignNoId => "输入一个 id。", "Type an id.";
            InspectorSignNoSecret => "先在“密钥”里输入一个密钥。", "Add a secret under Secrets first.";
            InspectorSignBadName => "cookie.serialize 会抛出 {error}：名称只能由字母、数字和 {symbols} 组成（不能有空格、引号、分号之类）。", "cookie.serialize throws {error}: a name may hold only letters, digits and {symbols} (no spaces, quotes, semicolons and the like).";
            WhyUnknownTool => "没有这个工具（只有 inspect）", "there is no such tool (only inspect)";
            ToolsLabel => "工具", "Tools";
            CopyValue => "复制", "Copy";
            InspectorEmptyName => "（空名字）", "(empty name)";
            InspectorSummaryEmpty => "还没有 cookie。", "No cookie yet.";
        }
    };
}
