// Sloppy-mode script (sourceType: script, from the `.script.js` name): with, octal literals, arguments.callee, `let`/`yield` as names.
var fs = require('fs');
var let = 1;
var yield = 2;
var o = { fd: fs.openSync('a', 'r'), close: fs.closeSync };

with (o) {
  close(fd);
}

function legacy(a, a2) {
  arguments.callee.count = 010 + 0o10;
  if (a) function inBlock() { return fs.openSync('b', 'r'); }
  label: {
    var fd = fs.openSync('c', 'r');
    if (a2) break label;
    fs.closeSync(fd);
  }
  return typeof inBlock;
}

eval('1');
delete o.fd;
this.global = legacy;
