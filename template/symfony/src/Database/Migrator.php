<?php

declare(strict_types=1);

namespace App\Database;

use Doctrine\DBAL\Connection;
use Doctrine\DBAL\Platforms\AbstractMySQLPlatform;
use Doctrine\DBAL\Platforms\PostgreSQLPlatform;
use Doctrine\DBAL\Platforms\SqlitePlatform;

/**
 * The smallest honest migrations runner: the classes of migrations/ (Version<NNNN><Name>.php,
 * implementing Migration), applied in version order, each recorded in `schema_migrations` (version,
 * applied_at) so it never runs twice. On PostgreSQL and SQLite a migration and its record commit
 * together; MySQL commits each DDL statement by itself, so a failed migration there may be half
 * applied (fix the schema by hand, then run again).
 *
 * Why not doctrine/migrations: it is the library to use (`composer require doctrine/migrations`
 * swaps it in), but Debian packages no copy of it, and the template proves everything it ships
 * against packaged libraries only.
 */
final class Migrator
{
    public function __construct(private readonly Connection $connection, private readonly string $projectDir)
    {
    }

    /**
     * Applies the pending migrations.
     *
     * @return list<string> the versions applied now (empty: the schema was up to date)
     */
    public function migrate(): array
    {
        $this->connection->executeStatement(
            'CREATE TABLE IF NOT EXISTS schema_migrations ('
            . 'version VARCHAR(191) NOT NULL PRIMARY KEY, applied_at VARCHAR(32) NOT NULL)'
        );
        $applied = $this->connection->fetchFirstColumn('SELECT version FROM schema_migrations');
        $platform = $this->platform();
        if ($platform === 'sqlite') {
            // Readers do not wait for the writer (several server workers share the file).
            $this->connection->executeStatement('PRAGMA journal_mode = WAL');
        }
        $done = [];
        foreach ($this->pending($applied) as $version => $migration) {
            $apply = function (Connection $connection) use ($migration, $version, $platform): void {
                foreach ($migration->statements($platform) as $statement) {
                    $connection->executeStatement($statement);
                }
                $connection->insert('schema_migrations', [
                    'version' => $version,
                    'applied_at' => gmdate('Y-m-d\TH:i:s\Z'),
                ]);
            };
            if ($platform === 'mysql') {
                // MySQL commits each DDL statement implicitly, ending any transaction around it
                // (PDO's commit would then fail): apply, then record.
                $apply($this->connection);
            } else {
                $this->connection->transactional($apply);
            }
            $done[] = $version;
        }

        return $done;
    }

    /**
     * @param list<string> $applied
     *
     * @return array<string, Migration> version => migration, in version order
     */
    private function pending(array $applied): array
    {
        $migrations = [];
        foreach (glob($this->projectDir . '/migrations/Version*.php') ?: [] as $file) {
            $version = basename($file, '.php');
            if (in_array($version, $applied, true)) {
                continue;
            }
            require_once $file;
            $class = 'App\\Migrations\\' . $version;
            $migrations[$version] = new $class();
        }
        ksort($migrations, SORT_STRING);

        return $migrations;
    }

    private function platform(): string
    {
        $platform = $this->connection->getDatabasePlatform();

        return match (true) {
            $platform instanceof PostgreSQLPlatform => 'postgresql',
            $platform instanceof AbstractMySQLPlatform => 'mysql',
            $platform instanceof SqlitePlatform => 'sqlite',
            default => throw new \LogicException('unsupported database platform ' . $platform::class),
        };
    }
}
