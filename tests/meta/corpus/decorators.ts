// Decorators in every position TypeScript accepts, around resource-shaped code.
function logged<T>(value: T, _context?: unknown): T {
  return value;
}
const inject = (_token: string) => (_target: object, _key: string | symbol | undefined, _index: number) => {};

@logged
export class Repository {
  @logged accessor pool = { connect: async () => ({ release() {}, query: async (_q: string) => [] }) };
  @logged static readonly lock = { acquire: async () => () => {} };

  constructor(@inject('db') private readonly db: { connect(): Promise<{ release(): void }> }) {}

  @logged
  async find(@inject('id') id: string): Promise<unknown> {
    const client = await this.pool.connect();
    try {
      return await client.query(id);
    } finally {
      client.release();
    }
  }

  @((target: unknown) => target)
  async leak(): Promise<void> {
    const client = await this.db.connect();
    await Promise.resolve(client);
  }
}

export default @logged class {}
