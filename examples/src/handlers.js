// What each job type does: a handler gets the job's payload and returns the result to store.
import { checksum, readMagic } from './files.js';
import { pdf, screenshot } from './render.js';

const TYPES = new Map([
  ['89504e47', 'image/png'],
  ['25504446', 'application/pdf'],
  ['504b0304', 'application/zip'],
]);

export const handlers = {
  async checksum({ path }) {
    return { sha256: await checksum(path) };
  },
  async sniff({ path }) {
    const magic = readMagic(path, 4).toString('hex');
    return { type: TYPES.get(magic) ?? 'application/octet-stream' };
  },
  async screenshot({ url }) {
    return { png: (await screenshot(url)).toString('base64') };
  },
  async pdf({ html }) {
    return { pdf: Buffer.from(await pdf(html)).toString('base64') };
  },
};
