<?php

declare(strict_types=1);

namespace App\Config;

/**
 * DATABASE_URL as hosting platforms hand it out, translated to Doctrine DBAL's connection parameters.
 *
 * Forms: `sqlite:///relative/path` (from the project folder), `sqlite:////absolute/path`,
 * `postgresql://` or `postgres://user:password@host:5432/name?sslmode=...`,
 * `mysql://user:password@host:3306/name?ssl-mode=...`. User and password are percent-decoded.
 * Any other form or option raises InvalidSetting, whose message never shows the password.
 */
final class DatabaseUrl
{
    /** libpq's sslmode values (PostgreSQL manual, "SSL Support"); `require` encrypts without
     * verifying the certificate, as hosting platforms' self-signed servers need. */
    private const PG_SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'];

    /**
     * @return array<string, mixed>
     *
     * @throws InvalidSetting
     */
    public static function parse(string $url, string $projectDir): array
    {
        if (str_starts_with($url, 'sqlite:///')) {
            $path = substr($url, strlen('sqlite:///'));
            $path = str_starts_with($path, '/') ? $path : $projectDir . '/' . ltrim($path, './');
            if ($path === '' || str_ends_with($path, '/')) {
                throw new InvalidSetting('DATABASE_URL: a sqlite URL needs a file path (sqlite:///./data/app.db)');
            }
            if (!is_dir(dirname($path)) && !@mkdir(dirname($path), 0o775, true) && !is_dir(dirname($path))) {
                throw new InvalidSetting('DATABASE_URL: cannot create the folder of ' . $path);
            }

            return ['driver' => 'pdo_sqlite', 'path' => $path];
        }
        $parts = parse_url($url);
        $scheme = $parts['scheme'] ?? '';
        $drivers = ['postgresql' => 'pdo_pgsql', 'postgres' => 'pdo_pgsql', 'mysql' => 'pdo_mysql'];
        if ($parts === false || !isset($drivers[$scheme]) || !isset($parts['host'])) {
            $shown = $parts !== false && isset($parts['scheme']) ? $parts['scheme'] . '://...' : 'this value';
            throw new InvalidSetting(
                "DATABASE_URL must be sqlite:///path, postgresql://, postgres:// or mysql:// (got {$shown})"
            );
        }
        $params = [
            'driver' => $drivers[$scheme],
            'host' => $parts['host'],
            'user' => rawurldecode($parts['user'] ?? ''),
            'password' => rawurldecode($parts['pass'] ?? ''),
            'dbname' => ltrim(rawurldecode($parts['path'] ?? ''), '/'),
        ];
        if (isset($parts['port'])) {
            $params['port'] = $parts['port'];
        }
        parse_str($parts['query'] ?? '', $query);
        foreach ($query as $name => $value) {
            if ($drivers[$scheme] === 'pdo_pgsql' && $name === 'sslmode') {
                // libpq would only refuse a wrong value at the first connection, as an outage.
                if (!in_array($value, self::PG_SSL_MODES, true)) {
                    throw new InvalidSetting('DATABASE_URL: sslmode must be ' . implode(', ', self::PG_SSL_MODES)
                        . ", not '" . (is_string($value) ? $value : '?') . "'");
                }
                $params['sslmode'] = $value;
            } elseif ($drivers[$scheme] === 'pdo_mysql' && $name === 'ssl-mode') {
                $params['driverOptions'] = MysqlSsl::options(is_string($value) ? $value : '?');
            } else {
                throw new InvalidSetting("DATABASE_URL: the option '{$name}' is not supported");
            }
        }
        if ($drivers[$scheme] === 'pdo_mysql') {
            $params['charset'] = 'utf8mb4';
        }

        return $params;
    }
}
