// Lesson 1, signed: the balance still lives in the browser, but it carries an
// HMAC made with the server's secret, so an edited value no longer verifies.
var express = require('express');
var cookieParser = require('cookie-parser');
var app = express();
app.use(cookieParser('zfpx'));

app.get('/', function (req, res) {
  var balance = req.signedCookies.balance;
  if (balance === undefined) {
    // no signed card at all: hand out a new one
    res.cookie('balance', 100, { signed: true });
    res.send('欢迎你新顾客，送你一张价值100元的剪发卡');
  } else if (balance === false) {
    // the card was there, but its signature did not match
    res.status(403).send('签名校验失败');
  } else {
    balance = Number(balance) - 10;
    res.cookie('balance', balance, { signed: true });
    res.send('欢迎你老顾客，你卡上还剩' + balance);
  }
});

app.listen(3000);
