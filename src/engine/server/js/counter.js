// Lesson 3: express-session does the bookkeeping. One signed cookie carries
// the session id; the data lives in the store.
var express = require('express');
var session = require('express-session');
var app = express();

app.use(session({
  secret: 'zfpx',
  resave: true,
  saveUninitialized: true
}));

// count this visit
app.get('/', function (req, res) {
  req.session.views = (req.session.views || 0) + 1;
  res.send('views: ' + req.session.views);
});

// read without writing
app.get('/peek', function (req, res) {
  res.send('views: ' + (req.session.views || 0));
});

// throw the old session away and start a fresh one under a new id
app.get('/regenerate', function (req, res) {
  req.session.regenerate(function (err) {
    res.send('regenerated');
  });
});

// remove the session from the store
app.get('/destroy', function (req, res) {
  req.session.destroy(function (err) {
    res.send('destroyed');
  });
});

// drop req.session; the `unset` option decides what happens to the store
app.get('/unset', function (req, res) {
  req.session = null;
  res.send('unset');
});

// "remember me": a 30-day cookie from now on
app.get('/remember', function (req, res) {
  req.session.cookie.maxAge = 2592000000;
  req.session.remember = true;
  res.send('remember');
});

app.listen(3000);
