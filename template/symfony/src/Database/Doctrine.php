<?php

declare(strict_types=1);

namespace App\Database;

use App\Config\Settings;
use Doctrine\DBAL\Connection;
use Doctrine\DBAL\DriverManager;
use Doctrine\DBAL\Types\Type;
use Doctrine\ORM\EntityManager;
use Doctrine\ORM\EntityManagerInterface;
use Doctrine\ORM\ORMSetup;
use Symfony\Component\Cache\Adapter\PhpFilesAdapter;
use Symfony\Component\HttpFoundation\Session\Storage\Handler\PdoSessionHandler;

/**
 * Doctrine's connection and entity manager, built from DATABASE_URL (Settings). DoctrineBundle
 * would do this from config/packages/doctrine.yaml; Debian packages no DoctrineBundle, so these
 * few lines stand in for it. Entities are mapped with PHP attributes (src/Entity).
 */
final class Doctrine
{
    private ?Connection $connection = null;
    private ?EntityManagerInterface $entityManager = null;

    public function __construct(private readonly Settings $settings, private readonly string $projectDir)
    {
        if (!Type::hasType(UtcDateTimeType::NAME)) {
            Type::addType(UtcDateTimeType::NAME, UtcDateTimeType::class);
        }
    }

    /** The connection; it opens on first use, so the app starts while the database is down. */
    public function connection(): Connection
    {
        if ($this->connection === null) {
            $params = $this->settings->database;
            if ($params['driver'] === 'pdo_sqlite') {
                // Wait up to 5 s for another worker's write lock instead of failing at once.
                $params['driverOptions'] = [\PDO::ATTR_TIMEOUT => 5];
            }
            $this->connection = DriverManager::getConnection($params);
        }

        return $this->connection;
    }

    /**
     * Symfony's database session store (the `sessions` table), on this connection's PDO. Without
     * locking: the default (a transaction from session start to end, BEGIN IMMEDIATE on SQLite)
     * would hold the write lock for the whole request and collide with Doctrine's own transactions
     * on the same connection. The cost: two parallel requests of one session may overwrite each
     * other's session changes (this app writes the session only at login, logout and csrf).
     */
    public function sessionHandler(): PdoSessionHandler
    {
        return new PdoSessionHandler($this->connection()->getNativeConnection(), [
            'db_table' => 'sessions',
            'lock_mode' => PdoSessionHandler::LOCK_NONE,
        ]);
    }

    /**
     * Outside development, the entities' mapping and each DQL query's SQL are worked out once and
     * kept as PHP files (OPcache serves them from memory) in the kernel's cache folder,
     * var/cache/<APP_ENV>/doctrine, beside the compiled service container and cleared with it.
     * Doctrine's own default outside development is APCu, Memcached or Redis when one is there,
     * else a cache that lives for one request only: the mapping was read from the attributes and
     * every query parsed again on every request (a fifth of the todo list's time: bench/README.md).
     */
    private static function productionCache(string $projectDir, string $environment): PhpFilesAdapter
    {
        return new PhpFilesAdapter('', 0, $projectDir . '/var/cache/' . $environment . '/doctrine');
    }

    public function entityManager(): EntityManagerInterface
    {
        if ($this->entityManager === null) {
            $development = $this->settings->environment === 'development';
            $config = ORMSetup::createAttributeMetadataConfiguration(
                [$this->projectDir . '/src/Entity'],
                $development,
                $this->projectDir . '/var/cache/doctrine-proxies',
                $development ? null : self::productionCache($this->projectDir, $this->settings->environment),
            );
            $this->entityManager = EntityManager::create($this->connection(), $config);
        }

        return $this->entityManager;
    }
}
