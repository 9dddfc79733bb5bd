// Lesson 2: a session built by hand. The browser keeps only a card number;
// the balance stays in the shop's notebook (a plain object in server memory).
var express = require('express');
var cookieParser = require('cookie-parser');

var SESSION_KEY = 'session.id';  // the cookie both sides agree to carry the number in
var sessions = {};               // the notebook: card number -> { balance }

var app = express();
app.use(cookieParser());

// a new customer (or a number the notebook never wrote down): a new card worth 100
function genId(res) {
  var id = Date.now() + '' + Math.random();
  sessions[id] = { balance: 100 };
  res.cookie(SESSION_KEY, id);
  res.send('欢迎你新顾客，送你一张价值100元的剪发卡');
}

app.get('/', function (req, res) {
  res.setHeader('Content-Type', 'text/html;charset=utf-8');
  var sessionId = req.cookies[SESSION_KEY];
  var sessionObj = sessionId ? sessions[sessionId] : undefined;
  if (!sessionObj) {
    return genId(res);
  }
  // a card the notebook knows: take 10 off and say what is left
  sessionObj.balance -= 10;
  res.send('欢迎你老顾客，你卡上还剩' + sessionObj.balance);
});

app.listen(9090);
