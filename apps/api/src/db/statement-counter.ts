import { AbstractLogger, type LogLevel, type LogMessage, type QueryRunner } from 'typeorm';

/**
 * A TypeORM logger that counts the SQL statements sent to PostgreSQL, so tests can assert
 * that a request costs a fixed number of them (no N+1), and benchmarks can report it.
 */
export class StatementCounter extends AbstractLogger {
  count = 0;
  readonly statements: string[] = [];

  override logQuery(query: string, _parameters?: unknown[], _queryRunner?: QueryRunner): void {
    this.count += 1;
    this.statements.push(query);
  }

  reset(): void {
    this.count = 0;
    this.statements.length = 0;
  }

  protected writeLog(_level: LogLevel, _message: LogMessage | LogMessage[]): void {}
}
