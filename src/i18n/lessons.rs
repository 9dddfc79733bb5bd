//! The five lessons: titles, what each teaches, its variants and its "try this" steps.
//!
//! Each line is `Key => "zh-CN", "en";`; [`super`] collects every file's lines into one
//! table, so a key missing either language does not compile.

macro_rules! lessons {
    ([$($rest:ident),*] $($acc:tt)*) => {
        collect! { [$($rest),*] $($acc)*
            LessonsLabel => "课程", "Lessons";
            VariantLabel => "版本", "Variant";
            VariantPlain => "普通 cookie", "Plain cookie";
            VariantSigned => "签名 cookie", "Signed cookie";
            VariantSeed => "课程原版", "As the course wrote it";
            VariantFixed => "修复版", "Fixed";
            VariantPersistent => "持久化存储", "Persistent store";
            VariantMemory => "MemoryStore 对照", "MemoryStore, to compare";
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
        }
    };
}
