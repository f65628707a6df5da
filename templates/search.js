// The search page of a bantin site. The index (search/, made by `bantin build`) is
// plain script files that call bantinSearch.*; they are loaded with <script src>, one
// at a time as a query needs them, which works from disk (file://) as well as served.
// A query finds documents with every term (the last one also as the start of a term),
// title hits first, then in index order. Results are built with textContent only.
(function () {
  'use strict';
  var page = document.getElementById('search-page');
  var form = document.querySelector('form.search');
  if (!page || !form) return;
  var input = form.querySelector('input[name="q"]');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var more = document.getElementById('search-more');
  var said = page.dataset;
  var SHOWN = 10;
  var files = {}; // name -> promise of its value
  var arrivals = {}; // name -> resolve, while loading
  var index = null;
  var results = [];
  var shown = 0;
  var asked = 0; // the latest query, so that a slower earlier one is not shown
  // Postings are strings of five-bit digits: these end a number, the others go on.
  var LAST = '0123456789abcdefghijklmnopqrstuv';
  var MORE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ@#$%&+';
  var DIGITS = new Int8Array(128);
  for (var d = 0; d < 32; d += 1) {
    DIGITS[LAST.charCodeAt(d)] = d;
    DIGITS[MORE.charCodeAt(d)] = d + 32;
  }

  function arrived(name, value) {
    var resolve = arrivals[name];
    delete arrivals[name];
    if (resolve) resolve(value);
  }

  window.bantinSearch = {
    index: function (value) { arrived('_index', value); },
    shard: function (key, terms) { arrived(key, terms); },
    docs: function (n, docs) { arrived('_' + n, docs); }
  };

  function load(name) {
    if (!files[name]) {
      files[name] = new Promise(function (resolve, reject) {
        arrivals[name] = resolve;
        var script = document.createElement('script');
        var failed = function () {
          if (!arrivals[name]) return;
          delete arrivals[name];
          delete files[name];
          reject(new Error(name));
        };
        script.onload = failed; // runs after the file: it failed only if it did not arrive
        script.onerror = failed;
        script.src = said.index + name + '.js';
        document.head.appendChild(script);
      });
    }
    return files[name];
  }

  function fold(text) {
    var out = '';
    for (var i = 0; i < text.length; i += 1) {
      var c = text.charAt(i);
      out += index.folds[c] || c.toLowerCase();
    }
    return out;
  }

  function termsOf(query) {
    var terms = fold(query).split(/[^a-z0-9]+/).filter(Boolean).map(function (t) { return t.slice(0, index.max); });
    // A last letter alone is a word being typed: it waits for the next letter.
    if (terms.length > 1 && terms[terms.length - 1].length < 2) terms.pop();
    return terms;
  }

  function ready(value) {
    index = value;
    index.keyList = value.keys.split(' ');
    index.folds = {};
    Object.keys(value.fold).forEach(function (ascii) {
      var letters = value.fold[ascii];
      for (var i = 0; i < letters.length; i += 1) index.folds[letters.charAt(i)] = ascii;
    });
  }

  // The shard of a term: the longest key that starts it. For a prefix, also every
  // shard whose key starts with it.
  function shardsOf(term, prefix) {
    var own = '';
    var keys = [];
    index.keyList.forEach(function (key) {
      if (term.lastIndexOf(key, 0) === 0 && key.length > own.length) own = key;
      else if (prefix && key.lastIndexOf(term, 0) === 0) keys.push(key);
    });
    if (own) keys.push(own);
    return keys;
  }

  // The postings of a term (of every term it starts, for a prefix).
  function postings(term, prefix) {
    return Promise.all(shardsOf(term, prefix).map(load)).then(function (shards) {
      var lists = [];
      shards.forEach(function (shard) {
        Object.keys(shard).forEach(function (t) {
          if (t === term || (prefix && t.lastIndexOf(term, 0) === 0)) lists.push(shard[t]);
        });
      });
      return lists;
    });
  }

  // Marks each document of the lists in `marks`: 2 when in a title, else 1.
  function decode(lists, marks) {
    marks.fill(0);
    lists.forEach(function (digits) {
      var id = 0;
      var n = 0;
      for (var i = 0; i < digits.length; i += 1) {
        var d = DIGITS[digits.charCodeAt(i)];
        if (d >= 32) {
          n = n * 32 + d - 32;
          continue;
        }
        n = n * 32 + d;
        id += (n - (n % 2)) / 2;
        marks[id] |= n % 2 === 1 ? 2 : 1;
        n = 0;
      }
    });
  }

  // Every term, the last also as a prefix; ranked by title hits, then by id.
  function find(query) {
    var terms = termsOf(query);
    var last = terms.length - 1;
    var pending = terms.map(function (t, i) { return postings(t, i === last && t.length > 1); });
    return Promise.all(pending).then(function (terms) {
      var marks = new Uint8Array(index.docs);
      var titled = new Uint8Array(index.docs);
      var found = null;
      terms.forEach(function (lists) {
        decode(lists, marks);
        var kept = [];
        var count = found ? found.length : marks.length;
        for (var i = 0; i < count; i += 1) {
          var id = found ? found[i] : i;
          if (!marks[id]) continue;
          titled[id] += marks[id] >> 1;
          kept.push(id);
        }
        found = kept;
      });
      // In order of id already: grouped by title hits, most first.
      var ranked = [];
      for (var hits = terms.length; hits >= 0; hits -= 1) {
        for (var i = 0; i < found.length; i += 1) if (titled[found[i]] === hits) ranked.push(found[i]);
      }
      return ranked;
    });
  }

  function documents(ids) {
    var chunks = {};
    ids.forEach(function (id) { chunks[Math.floor(id / index.chunk)] = true; });
    return Promise.all(Object.keys(chunks).map(function (n) { return load('_' + n); })).then(function () {
      return Promise.all(ids.map(function (id) {
        return files['_' + Math.floor(id / index.chunk)].then(function (docs) { return docs[id % index.chunk]; });
      }));
    });
  }

  function count(n) {
    if (n === 0) return said.none;
    if (n === 1) return said.foundOne;
    var digits = String(n).replace(/\B(?=(\d{3})+(?!\d))/g, said.thousands);
    return said.found.replace('{n}', digits);
  }

  function item(doc) {
    var li = document.createElement('li');
    var a = document.createElement('a');
    a.href = said.root + index.paths[doc[0]].replace('*', doc[1]);
    a.textContent = doc[2];
    li.appendChild(a);
    if (doc[3]) {
      var detail = document.createElement('span');
      detail.className = 'search-detail';
      detail.textContent = doc[3];
      li.appendChild(detail);
    }
    return li;
  }

  // The next results, after those shown; `focus`: the first new one takes focus.
  function showMore(focus) {
    var ids = results.slice(shown, shown + SHOWN);
    var at = asked;
    return documents(ids).then(function (docs) {
      if (at !== asked) return;
      var first = null;
      docs.forEach(function (doc) {
        var li = item(doc);
        first = first || li;
        list.appendChild(li);
      });
      shown += docs.length;
      list.hidden = shown === 0;
      more.hidden = shown >= results.length;
      if (focus && first) first.querySelector('a').focus();
    });
  }

  function search(query) {
    var at = ++asked;
    var run = index ? Promise.resolve() : load('_index').then(ready);
    return run
      .then(function () {
        if (at !== asked) return null;
        return termsOf(query).length ? find(query) : null;
      })
      .then(function (found) {
        if (at !== asked) return null;
        results = found || [];
        shown = 0;
        list.textContent = '';
        list.hidden = true;
        more.hidden = true;
        if (!found) {
          status.textContent = '';
          return null;
        }
        return showMore(false).then(function () {
          if (at === asked) status.textContent = count(results.length);
        });
      })
      .catch(function () {
        if (at === asked) status.textContent = said.unavailable;
      });
  }

  // While a word is typed, the shard that will hold it loads, so that the query finds
  // its files there when it runs. Only that shard: the shards a prefix would also need
  // wait for the query itself, which keeps what typing fetches small.
  function prefetch(query) {
    if (!index) return;
    termsOf(query).forEach(function (term) {
      shardsOf(term, false).forEach(function (key) { load(key).catch(function () {}); });
    });
  }

  var typing = null;
  input.addEventListener('input', function () {
    prefetch(input.value);
    clearTimeout(typing);
    typing = setTimeout(function () { search(input.value); }, 200);
  });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    clearTimeout(typing);
    search(input.value);
    try {
      history.replaceState(null, '', '?q=' + encodeURIComponent(input.value));
    } catch (e) {
      // Some browsers refuse this from disk; the results are shown all the same.
    }
  });
  more.addEventListener('click', function () { showMore(true); });

  var query = new URLSearchParams(location.search).get('q') || '';
  input.value = query;
  if (query) search(query);
  else load('_index').then(ready, function () {}); // ready before the first query
})();
