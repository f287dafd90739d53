// The billing API: a node:http server over the MySQL billing database.
//   GET  /accounts/:id            one account
//   GET  /accounts/:id/statement  the account and its last 50 movements, read from one consistent snapshot
//   POST /transfers               { from, to, amount } moves money between two accounts
import { createServer } from 'node:http';

import mysql from 'mysql2/promise';

const pool = mysql.createPool({ uri: process.env.BILLING_DATABASE_URL, connectionLimit: 10 });

// cleanup: no-shared-connection — one audit connection for every request: concurrent requests queue their audit
// writes on it, and its first fatal error stops auditing until the server restarts. Give the audit database a pool.
const audit = await mysql.createConnection({ uri: process.env.AUDIT_DATABASE_URL });

async function record(event, details) {
  await audit.query('insert into audit_log (event, details) values (?, ?)', [event, JSON.stringify(details)]);
}

async function getAccount(id) {
  // pool.query() checks a connection out and back in by itself.
  const [rows] = await pool.query('select id, owner, balance from accounts where id = ?', [id]);
  return rows[0] ?? null;
}

async function getStatement(id) {
  const conn = await pool.getConnection();
  try {
    await conn.query('start transaction with consistent snapshot');
    const [[account]] = await conn.query('select id, owner, balance from accounts where id = ?', [id]);
    const [movements] = await conn.query(
      'select at, amount, memo from movements where account_id = ? order by at desc limit 50',
      [id],
    );
    await conn.query('commit');
    return account ? { ...account, movements } : null;
  } finally {
    conn.release();
  }
}

async function transfer({ from, to, amount }) {
  // cleanup: release-in-finally — the connection is released only in `catch`: every successful transfer keeps one,
  // and after ten transfers the pool is empty and the API hangs.
  const conn = await pool.getConnection();
  try {
    await conn.beginTransaction();
    await conn.query('update accounts set balance = balance - ? where id = ?', [amount, from]);
    await conn.query('update accounts set balance = balance + ? where id = ?', [amount, to]);
    await conn.query('insert into movements (account_id, amount) values (?, ?), (?, ?)', [from, -amount, to, amount]);
    await conn.commit();
  } catch (error) {
    await conn.rollback();
    conn.release();
    throw error;
  }
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

function send(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(body === undefined ? undefined : JSON.stringify(body));
}

async function handle(req, res) {
  const { pathname } = new URL(req.url, 'http://localhost');
  const [, id, rest] = /^\/accounts\/(\d+)(\/statement)?$/.exec(pathname) ?? [];
  if (req.method === 'GET' && id) {
    const body = rest ? await getStatement(Number(id)) : await getAccount(Number(id));
    return body ? send(res, 200, body) : send(res, 404, { error: 'no such account' });
  }
  if (req.method === 'POST' && pathname === '/transfers') {
    const body = await readBody(req);
    await transfer(body);
    await record('transfer', body);
    return send(res, 204);
  }
  return send(res, 404, { error: 'not found' });
}

const server = createServer((req, res) => {
  handle(req, res).catch((error) => {
    console.error(error);
    if (!res.headersSent) send(res, 500, { error: 'internal error' });
  });
});

server.listen(Number(process.env.PORT ?? 3000));
process.once('SIGTERM', () =>
  server.close(async () => {
    await pool.end();
    await audit.end();
  }),
);
