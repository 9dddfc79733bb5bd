// Lesson 2: a session built by hand. The browser keeps only a card number;
// the balance stays in the shop's notebook (a plain object in server memory).
var express = require('express');
var cookieParser = require('cookie-parser');
var app = express();
app.use(cookieParser());

// the notebook: card number -> what we know about that card
var sessions = {};
// the cookie name both sides agree on
var SESSION_KEY = 'session.id';

app.get('/', function (req, res) {
  res.setHeader('Content-Type', 'text/html;charset=utf-8');
  var sessionId = req.cookies[SESSION_KEY];
  if (sessionId) {
    // a card number came back: look it up
    var sessionObj = sessions[sessionId];
    if (sessionObj) {
      sessionObj.balance = sessionObj.balance - 10;
      res.send('欢迎你老顾客，你卡上还剩' + sessionObj.balance);
    } else {
      genId(res);
    }
  } else {
    genId(res);
  }

  function genId(res) {
    // a new card number, noted in the notebook with 100 on it
    var id = Date.now() + '' + Math.random();
    sessions[id] = { balance: 100 };
    res.cookie(SESSION_KEY, id);
    res.send('欢迎你新顾客，送你一张价值100元的剪发卡');
  }
});

app.listen(9090);
