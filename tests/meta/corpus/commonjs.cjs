// CommonJS: require, module.exports, exports, __dirname, top-level return.
'use strict';
const fs = require('fs');
const { Pool } = require('pg');
const lockfile = require('proper-lockfile');

const pool = new Pool();

module.exports = async function query(sql) {
  const client = await pool.connect();
  try {
    return await client.query(sql);
  } finally {
    client.release();
  }
};

module.exports.read = function read(path) {
  const fd = fs.openSync(require('path').join(__dirname, path), 'r');
  return fd;
};

exports.locked = async (file) => {
  const release = await lockfile.lock(file);
  await release();
};

if (require.main === module) return;
