//! The eight challenges: titles, goals, hints, stages and why each stage worked or failed.
//!
//! Each line is `Key => "zh-CN", "en";`; [`super`] collects every file's lines into one
//! table, so a key missing either language does not compile.

macro_rules! challenges {
    ([$($rest:ident),*] $($acc:tt)*) => {
        collect! { [$($rest),*] $($acc)*
            ChallengesLabel => "挑战", "Challenges";
            ChallengeGoal => "目标", "Goal";
            ChallengeSolved => "挑战完成！", "Challenge solved!";
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
        }
    };
}
