// A module-level connection shared by exported handlers, with `import x = require()` and a namespace default export.
import mysql = require('mysql2/promise');
import fs = require('node:fs');

// Leak (no-shared-connection): one connection for every request of the exported handlers.
const connection = await mysql.createConnection({ host: 'db' });

export async function transfer(from: string, to: string, amount: number): Promise<void> {
  await connection.beginTransaction();
  await connection.query('update accounts set balance = balance - ? where id = ?', [amount, from]);
  await connection.query('update accounts set balance = balance + ? where id = ?', [amount, to]);
  await connection.commit();
}

export const audit = async (id: string): Promise<unknown> => {
  const [rows] = await connection.query('select * from audit where id = ?', [id]);
  return rows;
};

namespace Handlers {
  export function size(path: string): number {
    const fd = fs.openSync(path, 'r');
    try {
      return fs.fstatSync(fd).size;
    } finally {
      fs.closeSync(fd);
    }
  }
}

export default Handlers;
