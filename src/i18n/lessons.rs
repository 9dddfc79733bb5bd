//! The first five lessons (the sixth is in `breaks.rs`): titles, what each teaches, its variants and its "try this" steps.
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
            VariantSeed => "课程原版", "As in the course";
            VariantFixed => "修复版", "Fixed";
            VariantPersistent => "持久化存储", "Persistent store";
            VariantMemory => "MemoryStore 对照", "MemoryStore, to compare";
            TryThis => "试一试", "Try this";
            LessonCookieTitle => "Cookie 与 session", "Cookie vs session";
            LessonCookieBody => "余额直接存在浏览器的 cookie 里，服务器相信浏览器送回来的任何值：改一改 cookie，余额就变了。签名版本用服务器的密钥给值加上 HMAC，被改过的值就通不过校验。", "The balance lives in a cookie in the browser, and the server believes whatever comes back: edit the cookie and the balance changes. The signed variant adds an HMAC made with the server's secret, so an edited value no longer verifies.";
            LessonManualTitle => "手写的 session：剪发卡", "A hand-built session: the haircut card";
            LessonManualBody => "浏览器只保存卡号（cookie session.id），余额记在服务器内存里的 sessions 对象中。改卡号只会换到别人的卡或者领到一张新卡；服务器一重启，这本“小本”就没了。", "The browser keeps only a card number (the session.id cookie); the balance stays in the server's sessions object. Changing the number only finds someone else's card or gets you a new one, and a server restart loses the whole notebook.";
            LessonMiddlewareTitle => "express-session 中间件", "The express-session middleware";
            LessonMiddlewareBody => "express-session 替你管理卡号：签名的 connect.sid cookie 只带着 id，数据放在 store 里。在服务器面板里修改选项（服务器会重启），观察 Set-Cookie 什么时候发送、store 什么时候写入或 touch。", "express-session does the bookkeeping: a signed connect.sid cookie carries only the id, and the data lives in the store. Change the options in the server pane (the server restarts) and watch when Set-Cookie is sent and when the store is written or touched.";
            LessonAuthTitle => "登录、用户页与退出", "Login, user page and logout";
            LessonAuthBody => "登录把用户名写进 session，/user 按 session 里的用户名问好，退出应当把它清掉。课程原版有两个 bug：checkUser 从没挂到 /user 上，退出时写的是 usrename，所以退出后依然是登录状态。修复版是实验室自己的：登录时重新生成 session id，用 checkUser 保护 /user，退出时销毁 session 并清掉 cookie；它还多了课程里没有的三样东西，供第六课和挑战使用：登录时送一张 100 元的剪发卡（和第二课的一样，session 里的 balance），POST /transfer?to=…&amount=… 从卡上转钱给别人（一个会改变状态的请求），/slow 拿着 session 慢慢生成页面。", "Logging in writes the username into the session, /user greets whoever the session names, and logout should clear it. The course's version has two bugs: checkUser is never mounted on /user, and logout writes usrename, so you stay logged in. The fixed variant is the lab's own: it regenerates the id at login, guards /user with checkUser, and destroys the session and clears the cookie on logout. It also has three things the course does not, for lesson 6 and the challenges: login hands out a haircut card worth 100, like lesson 2's (balance in the session), POST /transfer?to=…&amount=… pays from it to someone else (a request that changes state), and /slow takes its time over a page while holding the session.";
            LessonStoreTitle => "持久化存储：connect-mongo", "A persistent store: connect-mongo";
            LessonStoreBody => "MemoryStore 把 session 放在进程内存里，服务器一重启就全丢了。换成 connect-mongo 风格的存储后，每个 session 是一个 {_id, session, expires} 文档，重启后还在；没有 maxAge 时，文档在最后一次写入或 touch 之后 14 天过期。", "MemoryStore keeps sessions in process memory, so a restart loses them all. With the connect-mongo shaped store each session is a {_id, session, expires} document that survives a restart; without maxAge a document expires 14 days after its last write or touch.";
            VariantTwoMemory => "两台服务器，各用 MemoryStore", "Two servers, a MemoryStore each";
            VariantTwoShared => "两台服务器，共用 Redis", "Two servers, one shared Redis";
            VariantProxy => "在 TLS 代理后面", "Behind a TLS proxy";
        }
    };
}
