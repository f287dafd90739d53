// eslint-doc-generator reads the plugin through package.json (`exports` → ./dist/index.js): run `npm run build` first.
// `npm run docs` rewrites the README rule list and each docs/rules/<rule>.md header; `npm run docs:check` fails on a
// diff (it runs in `npm test`).

/** @type {import('eslint-doc-generator').GenerateOptions} */
const config = {
  configEmoji: [
    ['recommended', '✅'],
    ['recommended-type-checked', '☑️'],
    ['strict', '🔒'],
  ],
  // `all` is every rule and `disable-type-checked` only turns rules off: neither says anything per rule.
  ignoreConfig: ['all', 'disable-type-checked'],
  pathRuleDoc: 'docs/rules/{name}.md',
  pathRuleList: 'README.md',
  ruleDocNotices: ['deprecated', 'configs', 'fixableAndHasSuggestions', 'requiresTypeChecking', 'options'],
  ruleDocSectionInclude: ['Examples', 'When Not To Use It', 'Limitations'],
  ruleDocSectionOptions: true,
  ruleDocTitleFormat: 'desc-parens-name',
  ruleListColumns: [
    'name',
    'description',
    'configsError',
    'configsWarn',
    'configsOff',
    'fixable',
    'hasSuggestions',
    'requiresTypeChecking',
    'deprecated',
  ],
};

export default config;
