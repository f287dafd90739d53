/**
 * no-floating-resource on callback-scoped forms (issue 15): a call given a callback is the scoped form, whose result
 * holds nothing to release, for the catalog's transactions and for a settings entry with `scope: 'callback'`.
 */
import rule from '../../src/rules/no-floating-resource.js';
import { orm } from '../fixtures/families/index.js';
import { ruleTester } from '../RuleTester.js';

const TRANSACTION = { receiver: '^db$', acquire: 'transaction', release: { methods: ['commit', 'rollback'] } };

const CALLBACK_FORM = `export async function move(db: Db, from: number, to: number) {
  await db.transaction(async (trx) => {
    await trx.update('accounts', from, -1);
    await trx.update('accounts', to, 1);
  });
}`;

ruleTester.run('no-floating-resource', rule, {
  valid: [
    {
      // `scope: 'callback'`: the library ends the transaction it lends to the callback
      code: CALLBACK_FORM,
      settings: { cleanup: { resources: [{ ...TRANSACTION, scope: 'callback' }] } },
    },
    {
      // an entry that declares only the scoped form
      code: CALLBACK_FORM,
      settings: { cleanup: { resources: [{ receiver: '^db$', acquire: 'transaction', scope: 'callback' }] } },
    },
    {
      // the catalog's own scoped form: `sequelize.transaction(fn)`
      code: `${orm.sequelize.acquisition.import}\n${orm.sequelize.callbackScoped.code}`,
    },
  ],
  invalid: [
    {
      // without `scope`, the entry takes every call for an acquisition, the callback form too
      code: CALLBACK_FORM,
      settings: { cleanup: { resources: [TRANSACTION] } },
      output: null,
      errors: [
        {
          messageId: 'discarded',
          line: 2,
          column: 9,
          endLine: 5,
          endColumn: 5,
          data: { resource: 'resource from `db.transaction()`' },
          suggestions: null,
        },
      ],
    },
  ],
});
