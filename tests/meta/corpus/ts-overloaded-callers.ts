// A class whose start() is called from an overloaded method: the rules that look at a method's callers must skip the
// overload signatures (no body).
export class Restartable {
  private timer?: NodeJS.Timeout;

  start(): void {
    this.timer = setInterval(() => this.tick(), 1000);
  }

  restart(): void;
  restart(delay: number): void;
  restart(delay?: number): void {
    this.stop();
    if (delay === undefined) this.start();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  tick(): void {}
}
