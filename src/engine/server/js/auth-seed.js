// The course's login app (lesson 4), with the course's bugs:
// checkUser is written but no route mounts it, and logout clears
// `usrename` (sic), so the username stays in the session and so does the login.
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

// the form sends ?username=…: keep it in the session, then show the user page
app.get('/login', function (req, res) {
  req.session.username = req.query.username;
  res.redirect('/user');
});

// the user page prints the whole session on the server's console
// (and checkUser is not in front of it)
app.get('/user', function (req, res) {
  console.log(req.session);
  res.render('user', { username: req.session.username });
});

// log out: meant to forget the username; read the property's name twice
app.get('/logout', function (req, res) {
  req.session.usrename = null;
  res.redirect('/');
});

app.listen(8080);
