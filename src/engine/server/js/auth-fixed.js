// Lesson 4, repaired: a fresh session id at login, checkUser in front of
// the user page, and a logout that really ends the session.
// The lab adds a balance of 100 at login, spent by POST /transfer, and a slow /slow.
var express = require('express');
var cookieParser = require('cookie-parser');
var session = require('express-session');
var app = express();
// pages are .html files in ./views (the course: beside app.js), rendered by ejs
app.engine('html', require('ejs').__express);
app.set('view engine', 'html');
app.set('views', __dirname + '/views');
app.use(cookieParser());

app.use(session({
  secret: 'zfpx',
  resave: true,
  saveUninitialized: true
}));

// a guard: go on only when the session names a user, else back to the login form
function checkUser(req, res, next) {
  if (!(req.session && req.session.username)) return res.redirect('/');
  next();
}

// the login form
app.get('/', function (req, res) {
  res.render('index');
});

// log in under a brand-new session id, so an id planted earlier is useless
app.get('/login', function (req, res, next) {
  req.session.regenerate(function (err) {
    if (err) return next(err);
    req.session.username = req.query.username;
    // the lab's addition: a haircut card worth 100, as in lesson 2, to spend at /transfer
    req.session.balance = 100;
    res.redirect('/user');
  });
});

// the user page, guarded this time
app.get('/user', checkUser, function (req, res) {
  console.log(req.session);
  res.render('user', { username: req.session.username });
});

// a slow page: it reads the session at once, then takes 300 ms to build
// (a slow query, another service); the session is saved when it is sent
app.get('/slow', function (req, res) {
  var name = req.session.username;
  setTimeout(function () {
    res.send('慢页面：' + name);
  }, 300);
});

// pay part of the card's balance to someone: a POST that changes state, guarded too
app.post('/transfer', checkUser, function (req, res) {
  var amount = Number(req.query.amount);
  req.session.balance = req.session.balance - amount;
  res.render('transfer', { to: req.query.to, amount: amount, balance: req.session.balance });
});

// log out: delete the session from the store and tell the browser to drop the cookie
app.get('/logout', function (req, res, next) {
  req.session.destroy(function (err) {
    if (err) return next(err);
    res.clearCookie('connect.sid');
    res.redirect('/');
  });
});

app.listen(8080);
