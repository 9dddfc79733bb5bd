// Lesson 1: the card lives in the browser. The balance is an ordinary cookie,
// so whoever holds the browser can read it, and can change it.
var express = require('express');
var cookieParser = require('cookie-parser');
var app = express();
app.use(cookieParser());

app.get('/', function (req, res) {
  var balance = req.cookies.balance;
  if (balance === undefined) {
    // first visit: hand out a card worth 100
    res.cookie('balance', 100);
    res.send('欢迎你新顾客，送你一张价值100元的剪发卡');
  } else {
    // a returning customer: believe the cookie, charge 10
    balance = Number(balance) - 10;
    res.cookie('balance', balance);
    res.send('欢迎你老顾客，你卡上还剩' + balance);
  }
});

app.listen(3000);
