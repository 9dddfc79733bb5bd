// The course's login app from lesson 4 (plus the lab's card, /slow and /transfer): login, a user page and logout.
// Two bugs are kept on purpose: checkUser is defined but never used,
// and logout writes to `usrename`, so the user stays logged in.
var express = require('express');
var cookieParser = require('cookie-parser');
var session = require('express-session');
var app = express();
app.set('view engine', 'html');
app.engine('html', require('ejs').__express);
app.set('views', __dirname + '/views');
app.use(cookieParser());

app.use(session({
  secret: 'zfpx',
  resave: true,
  saveUninitialized: true
}));

// only lets a request through when the session has a user
function checkUser(req, res, next) {
  if (req.session && req.session.username)
    next();
  else
    res.redirect('/');
}

// the login page
app.get('/', function (req, res) {
  res.render('index');
});

// log in: remember who this is, then go to the user page
app.get('/login', function (req, res) {
  req.session.username = req.query.username;
  // a haircut card worth 100, as in lesson 2, to spend at /transfer
  req.session.balance = 100;
  res.redirect('/user');
});

// the user page (note: no checkUser here)
app.get('/user', function (req, res) {
  console.log(req.session);
  res.render('user', { username: req.session.username });
});

// a slow page: it reads the session at once, then takes 300 ms to build
// (a slow query, another service); the session is saved when it is sent
app.get('/slow', function (req, res) {
  var name = req.session.username;
  setTimeout(function () {
    res.send('slow page for ' + name);
  }, 300);
});

// pay part of the card's balance to someone: a POST that changes state
// (like /user, no checkUser here either)
app.post('/transfer', function (req, res) {
  var amount = Number(req.query.amount);
  req.session.balance = req.session.balance - amount;
  res.render('transfer', { to: req.query.to, amount: amount, balance: req.session.balance });
});

// log out (note the spelling)
app.get('/logout', function (req, res) {
  req.session.usrename = null;
  res.redirect('/');
});

app.listen(8080);
