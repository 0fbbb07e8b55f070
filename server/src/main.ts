// The `caseway` command: serve (default), migrate, seed, and room for more subcommands.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './platform/config.ts';
import { openConfiguredDatabase, serve } from './serve.ts';

const HELP = `Caseway — an open-source help desk

Usage: caseway [command] [options]

Commands:
  serve [--demo]     Start the server (the default). --demo loads the demo data set into an empty database.
  migrate            Apply database migrations and exit.
  seed --demo        Load the demo data set (agents, groups, organizations, contacts, products and
                     a few hundred tickets in five languages) and exit.
  help               Show this help.

Configuration (environment variables):
  PORT                          HTTP port (default 3000)
  HOST                          Address to listen on (default 127.0.0.1; 0.0.0.0 for all interfaces)
  CASEWAY_DATA_DIR              Data folder for the embedded database and attachments (default ./data)
  DATABASE_URL                  postgres://… to use a PostgreSQL server instead of the embedded database
  CASEWAY_ADMIN_EMAIL           Email of the first administrator (default admin@example.com)
  CASEWAY_ADMIN_PASSWORD        Password of the first administrator (generated and printed once if unset)
  CASEWAY_SESSION_SECRET        Cookie signing secret, 32+ characters (generated and stored if unset)
  CASEWAY_PUBLIC_URL            The URL people use to reach Caseway, if not http://HOST:PORT
  CASEWAY_ATTACHMENT_MAX_BYTES  Largest attachment accepted (default 26214400, 25 MB)
  CASEWAY_TRUST_PROXY           "true" behind a TLS-terminating reverse proxy
  CASEWAY_WORKERS               "on" (default) or "off": run background jobs in this process
  LOG_LEVEL                     fatal, error, warn, info (default), debug, trace, silent
`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      demo: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const command = positionals[0] ?? 'serve';
  if (values.help || command === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  const config = loadConfig();
  switch (command) {
    case 'serve': {
      const running = await serve(config, { demo: values.demo });
      const shutdown = async () => {
        await running.stop();
        process.exit(0);
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
      return -1;
    }
    case 'migrate': {
      const database = await openConfiguredDatabase(config);
      await database.migrate();
      await database.close();
      process.stdout.write('Migrations applied.\n');
      return 0;
    }
    case 'seed': {
      if (!values.demo) {
        process.stderr.write('caseway seed: say which data set, e.g. `caseway seed --demo`\n');
        return 2;
      }
      const database = await openConfiguredDatabase(config);
      await database.migrate();
      const { seedDemo, DEMO_PASSWORD, DEMO_SIGN_IN_EMAIL } = await import('./seed/demo.ts');
      const { systemClock } = await import('./platform/clock.ts');
      const summary = await seedDemo(database, systemClock, { ifEmpty: false });
      await database.close();
      process.stdout.write(
        `Demo data loaded: ${JSON.stringify(summary)}\n` +
          `Demo agents sign in as e.g. ${DEMO_SIGN_IN_EMAIL} with the password ${DEMO_PASSWORD}\n`,
      );
      return 0;
    }
    default:
      process.stderr.write(`caseway: unknown command "${command}"\n\n${HELP}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    if (err instanceof ConfigError) {
      process.stderr.write(`Caseway cannot start: the environment variable ${err.message}\n`);
      process.exit(2);
    }
    if (err instanceof TypeError && (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`caseway: ${err.message}\n\n${HELP}`);
      process.exit(2);
    }
    process.stderr.write(
      `Caseway failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exit(1);
  },
);
